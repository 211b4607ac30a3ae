"""Today: screening calls waiting for an answer, the day's calls and sessions, in the practice's zone."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, redirect, render_template, request, url_for

from .. import forms
from ..gateway import api, every, names, perform, practice_therapists
from ..guard import signed_in, who
from ..present import local, zone

bp = Blueprint("today", __name__, url_prefix="/console")
EXPIRING = dt.timedelta(hours=2)  # a hold this close to lapsing is highlighted


def _day() -> dt.date:
    """The day asked for (1900 to 2100, else a problem page naming `day`), or the practice's today."""
    return forms.date("day", default=dt.datetime.now(zone()).date(), source=request.args)


def _beside(day: dt.date, days: int) -> dt.date | None:
    """The day before or after, if there is one to show."""
    other = day + dt.timedelta(days=days)
    return other if forms.FIRST_DATE <= other <= forms.LAST_DATE else None


def _back():
    return url_for("today.show", day=request.form.get("day") or None)


@bp.get("/")
@signed_in()
def show():
    day = _day()
    start = dt.datetime.combine(day, dt.time.min, zone())
    end = start + dt.timedelta(days=1)
    now = dt.datetime.now(dt.timezone.utc)
    mine = {"therapist_id": who()["therapist_id"]} if who()["role"] == "therapist" else {}
    waiting = list(every("/v1/consultations", {**mine, "status": "requested", "from": (now - dt.timedelta(days=1))
                                                .isoformat()}))
    calls = list(every("/v1/consultations", {**mine, "from": start.isoformat(), "to": end.isoformat()}))
    sessions = list(every("/v1/appointments", {**mine, "from": start.isoformat(), "to": end.isoformat()}))
    for call in waiting:
        expires = local(call.get("hold_expires_at"))
        call["expiring"] = bool(expires and expires - now < EXPIRING)
    for item in calls + sessions:
        item["started"] = local(item["start"]) <= now
    return render_template("today.html", day=day, is_today=day == dt.datetime.now(zone()).date(),
                           previous=_beside(day, -1), next=_beside(day, 1),
                           waiting=waiting, calls=calls, sessions=sessions, names=names(),
                           colleagues=practice_therapists(published_only=True) if who()["role"] != "therapist" else [])


@bp.post("/calls/<call_id>/<action>")
@signed_in()
def call_action(call_id: str, action: str):
    said = {"confirm": "Call confirmed.", "complete": "Call marked held.", "no-show": "Recorded as a no-show.",
            "decline": "Call declined."}
    if action not in said:
        return redirect(_back())
    body = {}
    if action == "decline":
        body = {k: v for k, v in {"reason": request.form.get("reason", "").strip(),
                                  "suggested_therapist_id": request.form.get("suggested_therapist_id")}.items() if v}
    return perform(lambda: api().post(f"/v1/consultations/{call_id}/{action}", json=body), done=said[action],
                   to=_back())


@bp.post("/sessions/<appointment_id>/<action>")
@signed_in()
def session_action(appointment_id: str, action: str):
    said = {"complete": "Session marked held; billing will charge it.", "cancel": "Session cancelled."}
    if action not in said:
        return redirect(_back())
    body = {"reason": request.form["reason"]} if request.form.get("reason") else {}
    return perform(lambda: api().post(f"/v1/appointments/{appointment_id}/{action}", json=body), done=said[action],
                   to=forms.local_path("back", default=_back()))

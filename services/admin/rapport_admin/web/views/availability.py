"""A therapist's availability: weekly windows, exceptions, settings, and the slots a client would see."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import Blueprint, render_template, request, url_for

from ...api import ApiProblem
from .. import forms
from ..gateway import api, perform
from ..guard import signed_in

bp = Blueprint("availability", __name__, url_prefix="/console/therapists")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
BLANK_EXCEPTIONS = 2  # empty rows offered for new exceptions
MAX_EXCEPTION_ROWS = 500 + BLANK_EXCEPTIONS  # the API keeps up to 500 exceptions; the form adds blank rows
MAX_SETTING = 1_000_000  # minutes or days; the API states each setting's own range
PREVIEW_ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Anchorage",
                 "Pacific/Honolulu", "Europe/London", "Europe/Berlin", "Asia/Tokyo", "UTC")
NUMBERS = ("duration_min", "buffer_min", "min_notice_min", "horizon_days", "request_hold_min")


@bp.get("/<therapist_id>/availability")
@signed_in("staff", "admin", "therapist")
def show(therapist_id: str):
    try:
        availability = api().get(f"/v1/therapists/{therapist_id}/availability")
    except ApiProblem as problem:
        if problem.status != 404:
            raise
        return render_template("therapists/availability_pending.html", therapist_id=therapist_id), 404
    by_day = {w["weekday"]: w for w in availability.get("weekly", [])}
    exceptions = availability.get("exceptions", []) + [{}] * BLANK_EXCEPTIONS
    return render_template("therapists/availability.html", a=availability, weekdays=WEEKDAYS, by_day=by_day,
                           exceptions=exceptions, zones=PREVIEW_ZONES, therapist_id=therapist_id)


def _body() -> dict:
    """The form as `PUT .../availability` takes it; a row count, date or number that cannot be one is `Invalid`."""
    form = request.form
    weekly = [{"weekday": i, "start": form[f"start-{i}"], "end": form[f"end-{i}"]}
              for i in range(7) if form.get(f"start-{i}") and form.get(f"end-{i}")]
    exceptions = []
    for n in range(forms.whole("exception_rows", 0, MAX_EXCEPTION_ROWS, default=0)):
        if form.get(f"ex-date-{n}"):
            kind = form.get(f"ex-kind-{n}", "off")
            hours = {"start": form.get(f"ex-start-{n}", ""), "end": form.get(f"ex-end-{n}", "")}
            exceptions.append({"date": forms.date(f"ex-date-{n}").isoformat(), "kind": kind,
                               **(hours if kind == "extra" else {})})
    settings: dict = {k: forms.whole(k, 0, MAX_SETTING) for k in NUMBERS if form.get(k, "").strip()}
    settings.update(forms.listed("formats"), **forms.text("booking_mode"))
    return {**forms.text("timezone"), "weekly": weekly, "exceptions": exceptions, "settings": settings}


@bp.post("/<therapist_id>/availability")
@signed_in("staff", "admin", "therapist")
def save(therapist_id: str):
    return perform(lambda: api().request("PUT", f"/v1/therapists/{therapist_id}/availability", json=_body()),
                   done="Availability saved.", to=url_for("availability.show", therapist_id=therapist_id))


def week_ahead(zone: str, now: dt.datetime) -> tuple[dt.date, dt.date]:
    """Today and a week on, as the client's calendar has them: the slots API reads its dates in their zone,
    so at 7 pm in Chicago (1 am UTC) the week still starts with Chicago's today."""
    today = now.astimezone(ZoneInfo(zone)).date()
    return today, today + dt.timedelta(days=7)


@bp.get("/<therapist_id>/slots")
@signed_in("staff", "admin", "therapist")
def preview(therapist_id: str):
    """The slots a client in the chosen zone would be offered over the next week (an htmx fragment)."""
    asked = request.args.get("tz", "UTC")
    zone = asked if asked in PREVIEW_ZONES else "UTC"
    first, last = week_ahead(zone, dt.datetime.now(dt.timezone.utc))
    try:
        slots = api().get(f"/v1/therapists/{therapist_id}/slots",
                          params={"from": first.isoformat(), "to": last.isoformat(), "tz": zone})
    except ApiProblem as problem:
        return render_template("therapists/slots.html", slots=None, problem=problem, zone=zone)
    days: dict[str, list[str]] = {}
    for slot in slots["slots"]:
        start = dt.datetime.fromisoformat(slot["start"])
        days.setdefault(start.strftime("%a %d %b"), []).append(start.strftime("%-I:%M %p"))
    return render_template("therapists/slots.html", days=days, slots=slots, zone=zone, problem=None)

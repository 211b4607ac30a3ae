"""Clients: register, edit, and the client's page (sessions, insurance, money, documents)."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from ...api import ApiProblem
from .. import forms
from ..gateway import api, every, names, perform, practice_therapists
from ..guard import signed_in
from ..present import zone

bp = Blueprint("clients", __name__, url_prefix="/console/clients")
DETAILS = ("first_name", "last_name", "email", "phone", "timezone", "date_of_birth", "sex")
ADDRESS = ("line1", "line2", "city", "state", "zip")
SESSION_MINUTES = (1, 24 * 60)  # a sane bound; the API states its own range and steps


def _details() -> dict:
    body = forms.text(*DETAILS)
    address = forms.text(*ADDRESS)
    if address:
        body["address"] = address  # a partial address is refused by the API, field by field
    return body


@bp.get("/")
@signed_in()
def index():
    clients = sorted(every("/v1/clients"), key=lambda c: (c.get("last_name") or "", c["first_name"]))
    return render_template("clients/index.html", clients=clients)


@bp.route("/new", methods=["GET", "POST"])
@signed_in("staff", "admin")
def create():
    if request.method == "GET":
        return render_template("clients/form.html", client={})
    body = _details()
    try:
        client = api().post("/v1/clients", json=body)
    except ApiProblem as problem:
        if problem.status != 422:
            raise
        return render_template("clients/form.html", client=body, problem=problem), 422
    flash("Client registered.", "success")
    return redirect(url_for("clients.show", client_id=client["id"]))


@bp.route("/<client_id>/edit", methods=["GET", "POST"])
@signed_in("staff", "admin")
def edit(client_id: str):
    if request.method == "GET":
        answer = api().get(f"/v1/clients/{client_id}", expect_json=False)
        return render_template("clients/form.html", client=answer.json(), etag=answer.headers.get("ETag"))
    body = _details()
    # Sent with the version the form was read at: an edit made meanwhile by someone else is not overwritten.
    if_match = {"If-Match": request.form.get("etag", "")}
    return perform(lambda: api().request("PATCH", f"/v1/clients/{client_id}", json=body, headers=if_match),
                   done="Details saved.", to=url_for("clients.show", client_id=client_id),
                   failed_to=url_for("clients.edit", client_id=client_id),
                   stale="Someone else changed this client's details since you opened them. Here they are as they "
                         "are now; make your change again.")


def _billing(client_id: str) -> dict | None:
    """What billing holds for the client; None until billing has heard of the client (by event)."""
    try:
        return {"coverages": api().get(f"/v1/clients/{client_id}/coverages")["items"],
                "diagnoses": [d["code"] for d in api().get(f"/v1/clients/{client_id}/diagnoses")["items"]],
                "balance": api().get(f"/v1/clients/{client_id}/balance"),
                "plans": {p["id"]: p for p in api().get("/v1/plans")},
                "payers": {p["id"]: p for p in api().get("/v1/payers")}}
    except ApiProblem as problem:
        if problem.status != 404:
            raise
        return None


@bp.get("/<client_id>")
@signed_in()
def show(client_id: str):
    client = api().get(f"/v1/clients/{client_id}")
    sessions = list(every("/v1/appointments", {"client_id": client_id}, pages=2))
    sessions.sort(key=lambda s: s["start"], reverse=True)
    last = session.get("results", {}).get(client_id, {})
    return render_template("clients/show.html", client=client, billing=_billing(client_id), sessions=sessions,
                           names=names(), therapists=practice_therapists(published_only=True), last=last,
                           today=dt.datetime.now(zone()).date())


def _session(client_id: str) -> dict:
    """The session form as `POST /v1/appointments` takes it; a date, time or length that is none is `Invalid`."""
    form = request.form
    start = dt.datetime.combine(forms.date("date"), forms.clock("time"), zone())
    return {"therapist_id": form.get("therapist_id"), "client_id": client_id, "start": start.isoformat(),
            "service_code": form.get("service_code", "").strip(), "format": form.get("format"),
            "duration_min": forms.whole("duration_min", *SESSION_MINUTES)}


@bp.post("/<client_id>/sessions")
@signed_in("staff", "admin")
def book_session(client_id: str):
    return perform(lambda: api().post("/v1/appointments", json=_session(client_id)), done="Session scheduled.",
                   to=url_for("clients.show", client_id=client_id))

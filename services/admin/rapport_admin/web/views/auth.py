"""Signing in and out. The access token goes into the server-side session, never to the browser."""
from __future__ import annotations

import base64
import json

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for

from ...api import Api, ApiProblem

bp = Blueprint("auth", __name__, url_prefix="/console")


def _claims(token: str) -> dict:
    """The token's own claims (role, practice, therapist); the API verifies it on every call."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if request.method == "GET":
        return render_template("sign_in.html")
    email = request.form.get("email", "").strip()
    try:
        token = Api(current_app.config["GATEWAY_URL"]).post("/v1/auth/token",
                                        json={"email": email, "password": request.form.get("password", "")})
    except ApiProblem as problem:
        if problem.status not in (400, 401, 422, 429):
            raise
        flash("Those credentials were not accepted." if problem.status != 429 else
              "Too many attempts; wait a moment and try again.", "error")
        return render_template("sign_in.html", email=email), 401 if problem.status != 429 else 429
    claims = _claims(token["access_token"])
    who = {"email": email, "role": claims.get("role"), "practice_id": claims.get("practice_id"),
           "therapist_id": claims.get("therapist_id"), "practice": "All practices", "zone": "UTC"}
    session.clear()
    session.renew()
    session["token"] = token["access_token"]
    if who["practice_id"]:
        as_them = Api(current_app.config["GATEWAY_URL"], token["access_token"])
        practice = as_them.get(f"/v1/practices/{who['practice_id']}")
        who.update(practice=practice["name"], zone=practice["time_zone"])
    session["who"] = who
    return redirect(url_for("today.show"))


@bp.post("/sign-out")
def sign_out():
    session.clear()
    session.renew()
    flash("Signed out.", "info")
    return redirect(url_for("auth.sign_in"))

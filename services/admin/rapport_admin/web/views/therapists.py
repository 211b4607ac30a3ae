"""Therapists: list and search, create and edit (ETag conflicts in words), licenses, publish."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from ...api import ApiProblem
from .. import forms
from ..gateway import api, own_practice, perform, practice_therapists
from ..guard import signed_in

bp = Blueprint("therapists", __name__, url_prefix="/console/therapists")
PROFILE_TEXT = ("first_name", "last_name", "credentials", "pronouns", "npi", "taxonomy_code", "approach_statement")
PROFILE_LISTS = ("specialties", "populations", "modalities", "formats", "languages", "payer_ids", "teletherapy_states")
LICENSE_TYPES = ("lcsw", "lmft", "lpc", "lpcc", "psychologist", "psychiatrist")


@bp.get("/")
@signed_in("staff", "admin")
def index():
    query = request.args.get("q", "").strip().lower()
    found = [t for t in practice_therapists() if query in t["display_name"].lower()]
    return render_template("therapists/index.html", therapists=found, query=query)


@bp.route("/new", methods=["GET", "POST"])
@signed_in("staff", "admin")
def create():
    if request.method == "GET":
        return render_template("therapists/form.html", therapist={}, etag=None)
    body = {**forms.text(*PROFILE_TEXT), **forms.listed(*PROFILE_LISTS)}
    try:
        therapist = api().post("/v1/therapists", json=body)
    except ApiProblem as problem:
        if problem.status != 422:
            raise
        return render_template("therapists/form.html", therapist=body, etag=None, problem=problem), 422
    flash("Draft profile created. Add a license, verify it, then publish.", "success")
    return redirect(url_for("therapists.show", therapist_id=therapist["id"]))


@bp.get("/<therapist_id>")
@signed_in("staff", "admin")
def show(therapist_id: str):
    therapist = own_practice(api().get(f"/v1/therapists/{therapist_id}"), "therapist")
    return render_template("therapists/show.html", therapist=therapist, license_types=LICENSE_TYPES)


@bp.route("/<therapist_id>/edit", methods=["GET", "POST"])
@signed_in("staff", "admin")
def edit(therapist_id: str):
    if request.method == "GET":
        answer = api().get(f"/v1/therapists/{therapist_id}", expect_json=False)
        therapist = own_practice(answer.json(), "therapist")  # another practice's published profile: not found
        return render_template("therapists/form.html", therapist=therapist, etag=answer.headers.get("ETag"))
    body = {**forms.text(*PROFILE_TEXT), **forms.listed(*PROFILE_LISTS)}
    try:
        api().request("PATCH", f"/v1/therapists/{therapist_id}", json=body,
                      headers={"If-Match": request.form.get("etag", "")})
    except ApiProblem as problem:
        if problem.status == 412:
            flash("Someone else changed this profile since you opened it. Here it is as it is now; "
                  "make your change again.", "error")
            return redirect(url_for("therapists.edit", therapist_id=therapist_id))
        if problem.status != 422:
            raise
        return render_template("therapists/form.html", therapist={"id": therapist_id, **body},
                               etag=request.form.get("etag"), problem=problem), 422
    flash("Profile saved.", "success")
    return redirect(url_for("therapists.show", therapist_id=therapist_id))


@bp.post("/<therapist_id>/licenses")
@signed_in("staff", "admin")
def add_license(therapist_id: str):
    body = forms.text("type", "number", "state", "expires_on")
    return perform(lambda: api().post(f"/v1/therapists/{therapist_id}/licenses", json=body),
                   done="License added; verify it against the state board.",
                   to=url_for("therapists.show", therapist_id=therapist_id))


@bp.post("/<therapist_id>/licenses/<license_id>/verify")
@signed_in("staff", "admin")
def verify_license(therapist_id: str, license_id: str):
    return perform(lambda: api().post(f"/v1/therapists/{therapist_id}/licenses/{license_id}/verify"),
                   done="License verified.", to=url_for("therapists.show", therapist_id=therapist_id))


@bp.post("/<therapist_id>/publish")
@signed_in("staff", "admin")
def publish(therapist_id: str):
    return perform(lambda: api().post(f"/v1/therapists/{therapist_id}/publish"),
                   done="Published: listed in the directory.", to=url_for("therapists.show", therapist_id=therapist_id))


@bp.post("/<therapist_id>/unpublish")
@signed_in("staff", "admin")
def unpublish(therapist_id: str):
    body = forms.text("reason")
    return perform(lambda: api().post(f"/v1/therapists/{therapist_id}/unpublish", json=body),
                   done="Taken out of the directory.", to=url_for("therapists.show", therapist_id=therapist_id))

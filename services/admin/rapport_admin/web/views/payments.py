"""Payments: post an 835 remittance (per-claim results and what matched nothing), and the payments list."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from ..gateway import api, every, names, perform
from ..guard import signed_in

bp = Blueprint("payments", __name__, url_prefix="/console/payments")


@bp.get("/")
@signed_in("staff", "admin")
def index():
    payments = list(every("/v1/payments", pages=2))
    return render_template("payments.html", payments=payments, names=names(),
                           remittance=session.get("remittance"))


@bp.post("/remittances")
@signed_in("staff", "admin")
def upload_835():
    upload = request.files.get("file")
    try:
        text = upload.read().decode("utf-8") if upload and upload.filename else ""
    except UnicodeDecodeError as exc:
        # As the API's text/plain: replacing the bytes would post names and amounts that are not in the file.
        flash(f"The file is not UTF-8 text (byte {exc.start} cannot be read); export it again as UTF-8 or ASCII.",
              "error")
        return redirect(url_for("payments.index"))
    text = text or request.form.get("text", "")
    if not text.strip():
        flash("Choose an 835 file, or paste its text.", "error")
        return redirect(url_for("payments.index"))

    def post() -> None:
        session["remittance"] = api().post("/v1/remittances", json={"835": text})  # every claim, PLB, findings

    return perform(post, done="835 posted.", to=url_for("payments.index"))

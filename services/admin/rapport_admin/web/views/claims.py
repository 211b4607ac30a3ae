"""Claims: a work queue by status, what stops a claim (each error linked to where it is fixed), actions."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request, url_for

from ..gateway import api, every, names, perform
from ..guard import signed_in

bp = Blueprint("claims", __name__, url_prefix="/console/claims")
QUEUE = ("draft", "scrubbed", "rejected", "denied", "submitted", "accepted", "partially_paid", "paid", "corrected",
         "voided")
ACTIONS = {"scrub": "Scrubbed again.", "submit": "Submitted to the payer.", "correct": "Corrected claim made.",
           "void": "Void sent to the payer."}


def fix_link(field: str, claim: dict) -> tuple[str, str] | None:
    """Where the field a scrubber error names is put right, in words and as a link."""
    client = url_for("clients.show", client_id=claim["client_id"])
    if field.startswith(("patient", "subscriber.name", "subscriber.date", "subscriber.sex", "subscriber.address")):
        return "Fix the client's details", url_for("clients.edit", client_id=claim["client_id"])
    if field.startswith("diagnoses"):
        return "Fix the diagnoses", client + "#h-diagnoses"
    if field.startswith(("subscriber", "payer")):
        return "Fix the coverage", client + "#insurance"
    if field.startswith("rendering_provider") and claim.get("therapist_id"):
        return "Fix the therapist's profile", url_for("therapists.edit", therapist_id=claim["therapist_id"])
    return None


@bp.get("/")
@signed_in("staff", "admin")
def index():
    status = request.args.get("status") if request.args.get("status") in QUEUE else None
    claims = list(every("/v1/claims", {"status": status} if status else {}, pages=3))
    return render_template("claims/index.html", claims=claims, status=status, queue=QUEUE, names=names())


@bp.get("/<claim_id>")
@signed_in("staff", "admin")
def show(claim_id: str):
    claim = api().get(f"/v1/claims/{claim_id}")
    payments = api().get("/v1/payments", params={"claim_id": claim_id, "limit": 100})["items"]
    errors = [{**e, "fix": fix_link(e.get("field", ""), claim)} for e in claim.get("errors") or []]
    return render_template("claims/show.html", claim=claim, errors=errors, payments=payments, names=names())


@bp.post("/<claim_id>/<action>")
@signed_in("staff", "admin")
def act(claim_id: str, action: str):
    here = url_for("claims.show", claim_id=claim_id)
    if action not in ACTIONS:
        return perform(lambda: None, done="", to=here)
    return perform(lambda: api().post(f"/v1/claims/{claim_id}/{action}"), done=ACTIONS[action], to=here)


@bp.get("/<claim_id>/837p.txt")
@signed_in("staff", "admin")
def x12(claim_id: str):
    text = api().get(f"/v1/claims/{claim_id}/x12", expect_json=False).content
    return Response(text, mimetype="text/plain", headers={"Content-Disposition": 'attachment; filename="837p.txt"'})

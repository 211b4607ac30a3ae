"""A client's insurance and money: diagnoses, coverage, eligibility, estimates, payments, documents."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, redirect, request, session, url_for

from .. import forms, present
from ..gateway import api, perform
from ..guard import signed_in

bp = Blueprint("client_billing", __name__, url_prefix="/console/clients")
DOCUMENTS = {"statement": "statements", "superbill": "superbills"}


def _here(client_id: str) -> str:
    return url_for("clients.show", client_id=client_id)


def _remember(client_id: str, kind: str, result: dict) -> None:
    """Keep the last answer for the client's page (server side, like everything in the session)."""
    results = session.get("results", {})
    results[client_id] = {**results.get(client_id, {}), kind: result}
    session["results"] = results


@bp.post("/<client_id>/diagnoses")
@signed_in("staff", "admin")
def diagnoses(client_id: str):
    codes = forms.listed("codes").get("codes", [])
    return perform(lambda: api().request("PUT", f"/v1/clients/{client_id}/diagnoses", json={"codes": codes}),
                   done="Diagnoses saved.", to=_here(client_id))


@bp.post("/<client_id>/coverages")
@signed_in("staff", "admin")
def add_coverage(client_id: str):
    body = forms.text("plan_id", "member_id", "group_number", "effective_from", "effective_to")
    return perform(lambda: api().post(f"/v1/clients/{client_id}/coverages", json=body), done="Coverage added.",
                   to=_here(client_id))


@bp.post("/<client_id>/eligibility")
@signed_in("staff", "admin")
def eligibility(client_id: str):
    body = {"coverage_id": request.form.get("coverage_id", "")}
    return perform(lambda: _remember(client_id, "eligibility", api().post("/v1/eligibility-checks", json=body)),
                   done="Eligibility checked.", to=_here(client_id) + "#insurance")


def _estimate(client_id: str) -> dict:
    # The practice's today, not the server's: at 7 pm in Chicago it is already tomorrow in UTC.
    service_date = forms.date("service_date", default=dt.datetime.now(present.zone()).date())
    body: dict = {"client_id": client_id, "service_date": service_date.isoformat(),
                  "services": [{"cpt": c} for c in forms.listed("cpt").get("cpt", [])]}
    if request.form.get("self_pay"):
        body["self_pay"] = True
    return body


@bp.post("/<client_id>/estimate")
@signed_in("staff", "admin")
def estimate(client_id: str):
    return perform(lambda: _remember(client_id, "estimate", api().post("/v1/estimates", json=_estimate(client_id))),
                   done="Estimate made.", to=_here(client_id) + "#estimate")


@bp.get("/<client_id>/estimates/<estimate_id>.pdf")
@signed_in("staff", "admin")
def estimate_pdf(client_id: str, estimate_id: str):
    document = api().get(f"/v1/estimates/{estimate_id}", params={"format": "pdf"}, expect_json=False)
    return _pdf(document.content, "good-faith-estimate.pdf")


@bp.get("/<client_id>/<kind>.pdf")
@signed_in("staff", "admin")
def document(client_id: str, kind: str):
    if kind not in DOCUMENTS:
        return redirect(_here(client_id))
    answer = api().get(f"/v1/clients/{client_id}/{DOCUMENTS[kind]}", params={"format": "pdf"}, expect_json=False)
    return _pdf(answer.content, f"{kind}.pdf")


def _pdf(content: bytes, filename: str) -> Response:
    return Response(content, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _payment(client_id: str) -> dict:
    return {"client_id": client_id, "amount_cents": forms.cents("amount"), "method": request.form.get("method", "card")}


@bp.post("/<client_id>/payments")
@signed_in("staff", "admin")
def record_payment(client_id: str):
    return perform(lambda: api().post("/v1/payments", json=_payment(client_id)), done="Payment recorded.",
                   to=_here(client_id) + "#money")

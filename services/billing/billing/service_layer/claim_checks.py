"""Every check a claim passes before it may leave: the scrubber, the coverage and plan, and pyx12."""
from __future__ import annotations

import datetime as dt

from ..adapters.x12_validation import validate_x12
from ..domain.claim_document import ClaimDocument
from ..domain.claims import Claim
from ..domain.estimates import covered
from ..domain.scrubber import scrub
from ..domain.x12 import render_837p
from .claim_documents import build_document
from .ports import BillingUnitOfWork


def coverage_errors(uow: BillingUnitOfWork, claim: Claim, doc: ClaimDocument) -> list[dict]:
    """What the coverage and plan say about this claim (the scrubber checks the rest)."""
    errors = []
    coverage = uow.coverages.get(claim.coverage_id)
    assert coverage is not None, "a claim's coverage is never deleted"
    plan = uow.plans.get(id=coverage.plan_id) or {}
    primary = doc.diagnoses[0] if doc.diagnoses else None
    for line in doc.lines:
        where = f"lines[{line.line_number - 1}]"
        if not coverage.in_force(line.service_date):
            errors.append({"code": "coverage.inactive", "field": f"{where}.service_date",
                           "message": "the coverage is not in force on the service date"})
        ok, reason = covered(plan, line.cpt, primary)
        if not ok:
            code = "dx.not_covered" if primary and "diagnosis" in (reason or "") else "service.not_covered"
            errors.append({"code": code, "field": f"{where}.cpt", "message": f"{reason}: bill the client instead"})
    provider = uow.providers.get(claim.therapist_id)
    payer = uow.payers.get(id=claim.payer_ref) or {}
    if provider is not None and provider.supervisor_id and not payer.get("associates_bill_under_supervisor"):
        errors.append({"code": "provider.associate", "field": "rendering_provider",
                       "message": "this payer does not accept claims for associates"})
    return errors


def claim_errors(uow: BillingUnitOfWork, claim: Claim, today: dt.date) -> tuple[list[dict], ClaimDocument]:
    """Every error that stops the claim, and the document it was checked as (empty errors: it may leave)."""
    doc = build_document(uow, claim)
    payer = uow.payers.get(id=claim.payer_ref) or {}
    errors = scrub(doc, today=today, timely_filing_days=payer["timely_filing_days"]) + coverage_errors(uow, claim, doc)
    if not errors:
        valid, x12_errors = validate_x12(render_837p(doc))
        if not valid:
            errors.append({"code": "x12.invalid", "field": "x12", "message": "; ".join(x12_errors) or "rejected"})
    return errors, doc

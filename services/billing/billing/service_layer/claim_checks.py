"""Every check a claim passes before it may leave: the scrubber, the coverage and plan, and pyx12."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..adapters.x12_validation import validate_x12
from ..domain.claim_document import ClaimDocument
from ..domain.claims import Claim
from ..domain.estimates import covered
from ..domain.scrubber import scrub
from ..domain.x12 import render_837p
from .claim_documents import ClaimParts, build_document, claim_parts
from .ports import BillingUnitOfWork


@dataclass(frozen=True)
class Verdict:
    """What the checks found, on which document; `x12` is its 837P as pyx12 passed it (None unless clean),
    so what leaves is exactly the text that was validated."""

    errors: list[dict]
    document: ClaimDocument
    x12: str | None


def coverage_errors(uow: BillingUnitOfWork, parts: ClaimParts, doc: ClaimDocument) -> list[dict]:
    """What the coverage and plan say about this claim (the scrubber checks the rest)."""
    errors = []
    coverage = parts.coverage
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
    provider = parts.provider
    if provider is not None and provider.supervisor_id and not parts.payer.get("associates_bill_under_supervisor"):
        errors.append({"code": "provider.associate", "field": "rendering_provider",
                       "message": "this payer does not accept claims for associates"})
    return errors


def claim_errors(uow: BillingUnitOfWork, claim: Claim, now: dt.datetime, parts: ClaimParts | None = None) -> Verdict:
    """Every error that stops the claim, on the document as it would leave now (no errors: it may leave)."""
    parts = parts or claim_parts(uow, claim)
    doc = build_document(uow, claim, parts, as_of=now)
    errors = scrub(doc, today=now.date(), timely_filing_days=parts.payer["timely_filing_days"])
    errors += coverage_errors(uow, parts, doc)
    if errors:
        return Verdict(errors, doc, None)
    text = render_837p(doc)
    valid, x12_errors = validate_x12(text)
    if not valid:
        errors.append({"code": "x12.invalid", "field": "x12", "message": "; ".join(x12_errors) or "rejected"})
        return Verdict(errors, doc, None)
    return Verdict(errors, doc, text)

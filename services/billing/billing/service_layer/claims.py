"""Claims: built from charges, scrubbed, rendered as 837P, submitted to the payer's queue."""
from __future__ import annotations

import datetime as dt
import secrets
import uuid

from rapport_shared.db import utcnow
from rapport_shared.errors import Conflict, Invalid
from rapport_shared.principal import Principal

from ..adapters.x12_validation import validate_x12
from ..domain.claims import FREQUENCY_ORIGINAL, FREQUENCY_REPLACEMENT, FREQUENCY_VOID, ClaimDocument, transition
from ..domain.estimates import covered
from ..domain.scrubber import scrub
from ..domain.x12 import render_837p
from ..messaging import published
from ..messaging.insurers import insurer_exchange
from .access import visible
from .claim_documents import build_document, claim_diagnoses
from .unit_of_work import UnitOfWork


def new_claim(uow: UnitOfWork, *, practice_id: str, client_id: str, coverage: dict, therapist_id: str,
              lines: list[dict], frequency: str = FREQUENCY_ORIGINAL, original: dict | None = None) -> dict:
    """A draft claim (not committed: the caller's transaction holds it)."""
    claim_id = str(uuid.uuid4())
    now = utcnow()
    claim = uow.claims.add(
        id=claim_id, seq=secrets.randbelow(999_999_998) + 1, practice_id=practice_id, client_id=client_id,
        coverage_id=coverage["id"], payer_ref=coverage["payer_ref"], therapist_id=therapist_id, status="draft",
        frequency=frequency, original_claim_id=original["id"] if original else None,
        original_reference=original["payer_claim_number"] if original else None,
        patient_control_number="R" + uuid.UUID(claim_id).hex[:19].upper(), diagnoses=[], lines=lines,
        total_cents=sum(line["charge_cents"] for line in lines), errors=[], paid_cents=0,
        patient_responsibility_cents=0, payer_claim_number=None, created_at=now, updated_at=now,
        submitted_at=None, version=1,
    )
    return claim


def get_claim(uow: UnitOfWork, principal: Principal, claim_id: str) -> dict:
    return visible(principal, uow.claims.get(id=claim_id), "claim")


def list_claims(uow: UnitOfWork, principal: Principal, status: str | None, limit: int,
                after: tuple | None = None) -> list[dict]:
    """The caller's practice's claims, newest first (admins: name no practice, see none)."""
    if principal.practice_id is None:
        return []
    key = {"practice_id": principal.practice_id, **({"status": status} if status else {})}
    return uow.claims.newest_first(limit, after, **key)


def coverage_errors(uow: UnitOfWork, claim: dict, doc: ClaimDocument) -> list[dict]:
    """What the coverage and plan say about this claim (the scrubber checks the rest)."""
    errors = []
    coverage = uow.coverages.get(id=claim["coverage_id"])
    plan = uow.plans.get(id=coverage["plan_id"])
    primary = doc.diagnoses[0] if doc.diagnoses else None
    for line in doc.lines:
        where = f"lines[{line.line_number - 1}]"
        if line.service_date < coverage["effective_from"] or (
                coverage["effective_to"] is not None and line.service_date > coverage["effective_to"]):
            errors.append({"code": "coverage.inactive", "field": f"{where}.service_date",
                           "message": "the coverage is not in force on the service date"})
        ok, reason = covered(plan, line.cpt, primary)
        if not ok:
            code = "dx.not_covered" if primary and "diagnosis" in (reason or "") else "service.not_covered"
            errors.append({"code": code, "field": f"{where}.cpt", "message": f"{reason}: bill the client instead"})
    provider = uow.providers.get(claim["therapist_id"])
    payer = uow.payers.get(id=claim["payer_ref"])
    if provider is not None and provider.supervisor_id and not payer["associates_bill_under_supervisor"]:
        errors.append({"code": "provider.associate", "field": "rendering_provider",
                       "message": "this payer does not accept claims for associates"})
    return errors


def scrub_claim(uow: UnitOfWork, claim: dict, today: dt.date | None = None) -> tuple[dict, list[dict]]:
    """Run every check; a clean draft becomes `scrubbed`, a failing one stays a draft with its errors."""
    doc = build_document(uow, claim)
    payer = uow.payers.get(id=claim["payer_ref"])
    today = today or utcnow().date()
    errors = scrub(doc, today=today, timely_filing_days=payer["timely_filing_days"]) + coverage_errors(uow, claim, doc)
    if not errors:
        valid, x12_errors = validate_x12(render_837p(doc))
        if not valid:
            errors.append({"code": "x12.invalid", "field": "x12", "message": "; ".join(x12_errors) or "rejected"})
    status = claim["status"]
    if status in ("draft", "scrubbed"):
        status = transition(status, "draft" if errors else "scrubbed")
    changes = {"status": status, "errors": errors, "diagnoses": list(doc.diagnoses), "updated_at": utcnow(),
               "version": claim["version"] + 1}
    uow.claims.change({"id": claim["id"]}, **changes)
    claim = {**claim, **changes}
    uow.emit(_status_event(published.CLAIM_SCRUBBED, claim))
    return claim, errors


def scrub_by_id(uow: UnitOfWork, principal: Principal, claim_id: str) -> dict:
    claim, _errors = scrub_claim(uow, get_claim(uow, principal, claim_id))
    uow.commit()
    return claim


def submit(uow: UnitOfWork, claim: dict) -> dict:
    """Scrub again (data may have changed) and, only if clean, send it to the payer's queue."""
    if claim["status"] == "rejected":
        claim = {**claim, "status": transition("rejected", "draft")}  # fixed since: it goes round again
    if claim["status"] not in ("draft", "scrubbed"):
        raise Conflict(f"a {claim['status']} claim cannot be submitted", slug="claim-state")
    claim, errors = scrub_claim(uow, claim)
    if errors:
        uow.commit()  # the errors are kept on the draft for staff to fix
        raise Invalid("the claim did not pass the scrubber; nothing was sent", slug="claim-scrub-failed",
                      errors=errors)
    now = utcnow()
    claim = {**claim, "status": transition(claim["status"], "submitted"), "submitted_at": now, "updated_at": now,
             "version": claim["version"] + 1}
    uow.claims.change({"id": claim["id"]}, status=claim["status"], submitted_at=now, updated_at=now,
                      version=claim["version"])
    doc = build_document(uow, claim)
    coverage = uow.coverages.get(id=claim["coverage_id"])
    data = {
        "claim_id": claim["id"], "patient_control_number": claim["patient_control_number"],
        "payer_id": doc.payer_id, "frequency": claim["frequency"], "original_reference": claim["original_reference"],
        "member_id": coverage["member_id"], "group_number": coverage["group_number"], "plan_id": coverage["plan_id"],
        "diagnoses": list(doc.diagnoses), "lines": claim["lines"], "total_cents": claim["total_cents"],
        "x12": render_837p(doc), "version": claim["version"],
    }
    uow.emit_to(published.event(published.CLAIM_SUBMITTED, f"claims/{claim['id']}", data),
                insurer_exchange(uow.namespace), doc.payer_id)
    return claim


def submit_by_id(uow: UnitOfWork, principal: Principal, claim_id: str) -> dict:
    claim = submit(uow, get_claim(uow, principal, claim_id))
    uow.commit()
    return claim


def x12_by_id(uow: UnitOfWork, principal: Principal, claim_id: str) -> str:
    claim = get_claim(uow, principal, claim_id)
    return render_837p(build_document(uow, claim))


def _follow_up(uow: UnitOfWork, principal: Principal, claim_id: str, frequency: str, status: str) -> dict:
    original = get_claim(uow, principal, claim_id)
    if not original["payer_claim_number"]:
        raise Invalid("the payer never numbered this claim; fix and resubmit it instead",
                      slug="claim-state")
    transition(original["status"], status)
    coverage = uow.coverages.get(id=original["coverage_id"])
    claim = new_claim(uow, practice_id=original["practice_id"], client_id=original["client_id"], coverage=coverage,
                      therapist_id=original["therapist_id"], lines=original["lines"], frequency=frequency,
                      original=original)
    uow.claims.change({"id": original["id"]}, status=status, updated_at=utcnow(), version=original["version"] + 1)
    uow.commit()
    return claim


def correct(uow: UnitOfWork, principal: Principal, claim_id: str) -> dict:
    """A replacement claim (frequency 7) citing the payer's number of the original."""
    return _follow_up(uow, principal, claim_id, FREQUENCY_REPLACEMENT, "corrected")


def void(uow: UnitOfWork, principal: Principal, claim_id: str) -> dict:
    """A void claim (frequency 8) cancelling the original at the payer."""
    return _follow_up(uow, principal, claim_id, FREQUENCY_VOID, "voided")


def _status_event(event_type: str, claim: dict):
    return published.event(event_type, f"claims/{claim['id']}", {
        "claim_id": claim["id"], "practice_id": claim["practice_id"], "status": claim["status"],
        "errors": claim["errors"], "paid_cents": claim["paid_cents"],
        "patient_responsibility_cents": claim["patient_responsibility_cents"], "version": claim["version"],
    })


def with_document(uow: UnitOfWork, claim: dict) -> dict:
    """The claim as the API shows it, with its current diagnoses."""
    return {**claim, "diagnoses": claim_diagnoses(uow, claim)}


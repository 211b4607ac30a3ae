"""Claims: built from charges, scrubbed, submitted to the payer's queue, corrected or voided.

Every move loads the claim, asks the Claim for it, and saves it only over the version it loaded:
of two requests racing on one claim, the second finds it moved and answers 409, with no effect.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
import uuid
from collections.abc import Callable

from rapport_shared.access import visible
from rapport_shared.db import utcnow
from rapport_shared.errors import ChangedMeanwhile, Conflict, Invalid
from rapport_shared.pagination import NEWEST_FIRST, Page
from rapport_shared.principal import Principal

from ..domain.claim_document import FREQUENCY_ORIGINAL, FREQUENCY_REPLACEMENT, FREQUENCY_VOID
from ..domain.claims import Claim
from ..domain.coverages import Coverage
from ..domain.x12 import render_837p
from ..messaging import published
from ..messaging.insurers import insurer_exchange
from .claim_checks import Verdict, claim_errors
from .claim_documents import ClaimParts, build_document, claim_diagnoses, claim_parts
from .ports import BillingUnitOfWork


def draft_claim(*, practice_id: str, client_id: str, coverage: Coverage, therapist_id: str, lines: list[dict],
                frequency: str = FREQUENCY_ORIGINAL, original: Claim | None = None, claim_id: str | None = None,
                now: dt.datetime | None = None) -> Claim:
    """A draft claim, not yet written: the caller adds it to its transaction."""
    return Claim.draft(id=claim_id or str(uuid.uuid4()), seq=secrets.randbelow(999_999_998) + 1,
                       practice_id=practice_id, client_id=client_id, coverage_id=coverage.id,
                       payer_ref=coverage.payer_ref, therapist_id=therapist_id, lines=lines, now=now or utcnow(),
                       frequency=frequency, original=original)


def save_claim(uow: BillingUnitOfWork, claim: Claim, expected_version: int) -> None:
    """Write the claim back unless another transaction moved it since it was loaded."""
    try:
        uow.claims.save(claim, expected_version)
    except ChangedMeanwhile as exc:
        raise Conflict("the claim changed meanwhile; reload it and try again", slug="claim-state") from exc


def get_claim(uow: BillingUnitOfWork, principal: Principal, claim_id: str) -> Claim:
    return visible(principal, uow.claims.get(claim_id), "claim")


def shown(uow: BillingUnitOfWork, claim: Claim) -> Claim:
    """The claim as the API shows it, with its current diagnoses."""
    return dataclasses.replace(claim, diagnoses=claim_diagnoses(uow, claim))


def claim_by_id(uow: BillingUnitOfWork, principal: Principal, claim_id: str) -> Claim:
    return shown(uow, get_claim(uow, principal, claim_id))


def list_claims(uow: BillingUnitOfWork, principal: Principal, status: str | None, cursor: str | None,
                limit: int) -> Page[Claim]:
    """The caller's practice's claims, newest first (admins: name no practice, see none)."""
    after = NEWEST_FIRST.position(cursor)
    if principal.practice_id is None:
        return Page()
    return NEWEST_FIRST.page(uow.claims.page(principal.practice_id, status, after, limit), limit)


def _scrub(uow: BillingUnitOfWork, claim: Claim, now: dt.datetime, parts: ClaimParts | None = None) -> Verdict:
    """Run every check; the claim records the verdict and a `claim.scrubbed` event tells it."""
    verdict = claim_errors(uow, claim, now, parts)
    claim.scrubbed(verdict.errors, list(verdict.document.diagnoses), now)
    uow.emit(claim_status_event(published.CLAIM_SCRUBBED, claim))
    return verdict


def _keep(uow: BillingUnitOfWork, claim: Claim, purpose: str, x12_text: str, now: dt.datetime) -> None:
    """Keep the 837P exactly as it was checked or sent: the claim shows that text from now on."""
    uow.interchanges.add(id=str(uuid.uuid4()), claim_id=claim.id, purpose=purpose, x12=x12_text, created_at=now)


def send(uow: BillingUnitOfWork, claim: Claim, now: dt.datetime, parts: ClaimParts | None = None) -> list[dict]:
    """Scrub again (data may have changed) and, only if clean, submit it to the payer's queue.
    Returns the scrubber's errors (then nothing was sent); the caller saves the claim.
    `parts`: the claim's rows when the caller has already read them in this transaction."""
    if claim.status == "rejected":
        claim.reopen(now)  # fixed since: it goes round again
    if claim.sent:
        raise Conflict(f"a {claim.status} claim cannot be submitted", slug="claim-state")
    parts = parts or claim_parts(uow, claim)
    verdict = _scrub(uow, claim, now, parts)
    if verdict.errors:
        return verdict.errors
    claim.submit(now)  # dated `now`, as the checked document is: the text checked is the text sent
    doc, sent = verdict.document, verdict.x12
    assert sent is not None, "a clean verdict carries the text pyx12 passed"
    _keep(uow, claim, "submitted", sent, now)
    coverage = parts.coverage
    data = {
        "claim_id": claim.id, "patient_control_number": claim.patient_control_number,
        "payer_id": doc.payer_id, "frequency": claim.frequency, "original_reference": claim.original_reference,
        "member_id": coverage.member_id, "group_number": coverage.group_number, "plan_id": coverage.plan_id,
        "diagnoses": list(doc.diagnoses), "lines": claim.lines, "total_cents": claim.total_cents,
        "x12": sent, "version": claim.version,
    }
    uow.emit_to(published.event(published.CLAIM_SUBMITTED, f"claims/{claim.id}", data),
                insurer_exchange(uow.namespace), doc.payer_id)
    return []


def scrub(uow: BillingUnitOfWork, principal: Principal, claim_id: str) -> Claim:
    """POST /claims/{id}/scrub: a clean draft becomes `scrubbed`, a failing one stays a draft with its errors."""
    with uow:
        claim = get_claim(uow, principal, claim_id)
        loaded, now = claim.version, utcnow()
        verdict = _scrub(uow, claim, now)
        if claim.status == "scrubbed" and verdict.x12:  # clean and unsent; a sent claim keeps the text it was sent as
            _keep(uow, claim, "scrubbed", verdict.x12, now)
        save_claim(uow, claim, loaded)
        uow.commit()
    return claim


def submit(uow: BillingUnitOfWork, principal: Principal, claim_id: str) -> Claim:
    """POST /claims/{id}/submit: scrub and send; a claim the scrubber stops keeps its errors (422)."""
    with uow:
        claim = get_claim(uow, principal, claim_id)
        loaded = claim.version
        errors = send(uow, claim, utcnow())
        save_claim(uow, claim, loaded)
        uow.commit()
    if errors:
        raise Invalid("the claim did not pass the scrubber; nothing was sent", slug="claim-scrub-failed",
                      errors=errors)
    return claim


def x12(uow: BillingUnitOfWork, principal: Principal, claim_id: str) -> str:
    """The claim's 837P: a draft's from current data; past scrubbing, the text kept when it was checked or sent."""
    claim = get_claim(uow, principal, claim_id)
    if claim.status != "draft":
        kept = uow.interchanges.find(claim_id=claim.id, order_by=("created_at",), descending=True, limit=1)
        if kept:
            return kept[0]["x12"]
    return render_837p(build_document(uow, claim))


def _follow_up(uow: BillingUnitOfWork, principal: Principal, claim_id: str, frequency: str,
               mark: Callable[[Claim, dt.datetime], None]) -> Claim:
    with uow:
        original = get_claim(uow, principal, claim_id)
        if not original.payer_claim_number:
            raise Conflict("the payer never numbered this claim; fix and resubmit it instead", slug="claim-state")
        loaded = original.version
        mark(original, utcnow())
        coverage = uow.coverages.get(original.coverage_id)
        assert coverage is not None, "a claim's coverage is never deleted"
        save_claim(uow, original, loaded)  # first, so a lost race adds no second follow-up
        claim = draft_claim(practice_id=original.practice_id, client_id=original.client_id, coverage=coverage,
                            therapist_id=original.therapist_id, lines=original.lines, frequency=frequency,
                            original=original)
        uow.claims.add(claim)
        uow.commit()
    return claim


def correct(uow: BillingUnitOfWork, principal: Principal, claim_id: str) -> Claim:
    """A replacement claim (frequency 7) citing the payer's number of the original."""
    return _follow_up(uow, principal, claim_id, FREQUENCY_REPLACEMENT, Claim.mark_corrected)


def void(uow: BillingUnitOfWork, principal: Principal, claim_id: str) -> Claim:
    """A void claim (frequency 8) cancelling the original at the payer."""
    return _follow_up(uow, principal, claim_id, FREQUENCY_VOID, Claim.mark_voided)


def claim_status_event(event_type: str, claim: Claim):
    return published.event(event_type, f"claims/{claim.id}", {
        "claim_id": claim.id, "practice_id": claim.practice_id, "status": claim.status,
        "errors": claim.errors, "paid_cents": claim.paid_cents,
        "patient_responsibility_cents": claim.patient_responsibility_cents, "version": claim.version,
    })

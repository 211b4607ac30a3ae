"""POST /v1/remittances: an 835 file, read leniently, each claim (CLP) posted like an insurer's adjudication
or listed as unmatched with the reason staff need; all that matches posts in one transaction."""
from __future__ import annotations

import uuid
from collections.abc import Callable

from rapport_shared.access import may_manage
from rapport_shared.db import utcnow
from rapport_shared.errors import ChangedMeanwhile, Conflict, Invalid
from rapport_shared.principal import Principal

from ..adapters.x12_reader import read_segments
from ..domain.claims import Claim
from ..domain.x12_segments import NotX12
from ..domain.x835 import Remittance, RemittanceClaim, read_835
from .adjudications import Accumulators, Received, adjudicate
from .ports import BillingUnitOfWork

# Each lost race means another request committed to the same claim or coverage meanwhile, and each request
# commits once: a file racing up to ATTEMPTS - 1 others on one claim or coverage is always posted.
ATTEMPTS = 5


def post_835(uow: BillingUnitOfWork, principal: Principal, text: str) -> dict:
    """Every CLP of the file accounted for (posted, duplicate or unmatched with a reason), the PLB provider
    adjustments, and the file's problems with their positions. Invalid (422) when it is no 835 at all."""
    try:
        segments, warnings = read_segments(text)
        remittance = read_835(segments)
    except NotX12 as exc:
        raise Invalid("the body is not an X12 835", slug="invalid-835",
                      errors=[{"in": "body", "field": "835", **exc.finding.as_json()}]) from exc
    claims = _again_after_lost_races(lambda: _post_file(uow, principal, text, remittance))
    outcomes = [claim["outcome"] for claim in claims]
    return {"claims": claims, "provider_adjustments": remittance.provider_adjustments,
            "summary": {outcome: outcomes.count(outcome) for outcome in ("posted", "duplicate", "unmatched")},
            "errors": [f.as_json() for f in remittance.errors],
            "warnings": [f.as_json() for f in warnings + remittance.warnings]}


def _post_file(uow: BillingUnitOfWork, principal: Principal, text: str, remittance: Remittance) -> list[dict]:
    with uow:
        remittance_id = str(uuid.uuid4())
        uow.remittances.add(id=remittance_id, sender=principal.subject, text=text, received_at=utcnow())
        found = _our_claims(uow, principal, remittance.claims)
        answers: list[dict] = [{}] * len(found)
        accumulators = Accumulators(uow)  # each coverage read once and written at most twice, however many claims
        # Claims are posted in the order of their ids, not the file's: two files listing the same claims in
        # opposite orders would otherwise each hold a claim the other waits on. A stable sort keeps one claim's
        # CLPs (a reversal, then its correction) in file order.
        for n in sorted(range(len(found)), key=lambda n: _id_of(found[n][0])):
            answers[n] = _post(uow, principal, remittance.claims[n], found[n], remittance_id, accumulators)
        accumulators.save()
        uow.commit()
    return answers


def _id_of(claim: Claim | None) -> str:
    return claim.id if claim else ""


def _again_after_lost_races(post: Callable[[], list[dict]]) -> list[dict]:
    """The file posted anew when it lost a version race (its transaction is rolled back, nothing stays):
    read again, what the winner posted is a duplicate, as it would be a moment later."""
    for _ in range(ATTEMPTS - 1):
        try:
            return post()
        except Conflict as exc:
            # claim-state and coverage-changed wrap the failed version check; a claim refusing a move does not.
            if not (isinstance(exc, ChangedMeanwhile) or isinstance(exc.__cause__, ChangedMeanwhile)):
                raise
    return post()


def _post(uow: BillingUnitOfWork, principal: Principal, item: RemittanceClaim, found: tuple[Claim | None, str],
          remittance_id: str, accumulators: Accumulators) -> dict:
    answer = {"segment": item.segment, "patient_control_number": item.patient_control_number,
              "payer_claim_number": item.payer_claim_number or None, "payer": item.payer or None,
              "status_code": item.status_code, "charge_cents": item.charge_cents, "paid_cents": item.paid_cents,
              "claim_id": None, "outcome": "unmatched", "reason": None}
    claim, reason = found
    if claim is None:
        return {**answer, "reason": reason}
    answer["claim_id"] = claim.id
    if item.not_posted_because is not None:
        return {**answer, "reason": item.not_posted_because}
    data = {**item.as_adjudication(), "claim_id": claim.id, "adjudication_id": item.payer_claim_number or
            f"835:{item.patient_control_number}:{item.paid_cents}"}
    came = Received(principal.subject, "835", str(uuid.uuid4()), remittance_id=remittance_id)
    outcome, refusal = adjudicate(uow, data, came, accumulators)
    if outcome == "refused":
        return {**answer, "reason": refusal}
    return {**answer, "outcome": outcome,
            "reason": "already posted: the same adjudication came before" if outcome == "duplicate" else None}


def _our_claims(uow: BillingUnitOfWork, principal: Principal,
                items: list[RemittanceClaim]) -> list[tuple[Claim | None, str]]:
    """The claim each CLP speaks of, by patient control number (as sent, else upper-cased), else by the payer's
    claim number (the newest), among the caller's practice's claims; else why not. Another practice's claim is
    unknown here, as it is on every route: the answer must not tell which numbers exist elsewhere. Looked up
    for the whole file at once: a few statements, not up to three per CLP, inside the write transaction."""
    practice_id = None if principal.is_admin else principal.practice_id
    numbers = {item.patient_control_number for item in items}
    by_number = {claim.patient_control_number: claim for claim in
                 uow.claims.with_control_numbers(numbers | {number.upper() for number in numbers}, practice_id)
                 if may_manage(principal, claim.practice_id)}

    def by_control_number(item: RemittanceClaim) -> Claim | None:
        return by_number.get(item.patient_control_number) or by_number.get(item.patient_control_number.upper())

    payer_numbers = {item.payer_claim_number for item in items
                     if item.payer_claim_number and by_control_number(item) is None}
    newest: dict[str | None, Claim] = {}
    for claim in uow.claims.with_payer_claim_numbers(payer_numbers, practice_id):  # oldest first: the newest stays
        if may_manage(principal, claim.practice_id):
            newest[claim.payer_claim_number] = claim
    return [_claim_or_why_not(item, by_control_number(item) or newest.get(item.payer_claim_number))
            for item in items]


def _claim_or_why_not(item: RemittanceClaim, claim: Claim | None) -> tuple[Claim | None, str]:
    if claim is not None:
        return claim, ""
    return None, (f"unknown claim: no claim of this practice has patient control number "
                  f"{item.patient_control_number!r}"
                  + (f" or payer claim number {item.payer_claim_number!r}" if item.payer_claim_number else ""))

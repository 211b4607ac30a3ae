"""Posting insurers' answers: acknowledgements and adjudications, from AMQP or an 835 file.

Every answer is recorded, posted or refused with its reason. The claim and the coverage are saved
over the versions loaded, so an answer racing another is retried by the consumer, never posted twice.
"""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from rapport_shared.db import utcnow
from rapport_shared.errors import ChangedMeanwhile, Conflict

from ..domain.claims import ADJUDICATED, Claim
from ..domain.coverages import Coverage
from ..domain.remittance import patient_parts, reconciliation_errors
from ..messaging import published
from ..messaging.insurers import insurer_username
from .claims import claim_status_event, save_claim
from .ports import BillingUnitOfWork

log = logging.getLogger(__name__)


class Refused(Exception):
    """An answer billing will not post; it is recorded with the reason."""


@dataclass(frozen=True)
class Received:
    """An answer as it came: who sent it, how, the message's id, and its exact body (an AMQP message's) or
    the 835 file it came in."""

    sender: str | None
    source: str  # amqp | 835
    message_id: str
    body: str | None = None
    remittance_id: str | None = None


def _record(uow: BillingUnitOfWork, key: str, claim_id: str | None, kind: str, came: Received, outcome: str,
            reason: str | None, data: dict) -> None:
    uow.answers.add(id=str(uuid.uuid4()), answer_key=key[:120], claim_id=claim_id, kind=kind, source=came.source,
                    sender=came.sender, outcome=outcome, reason=reason, body=data, received=came.body,
                    remittance_id=came.remittance_id, received_at=utcnow())


def _refuse(uow: BillingUnitOfWork, exc: Refused, data: dict, kind: str, came: Received) -> str:
    _record(uow, f"refused:{came.message_id}", data.get("claim_id"), kind, came, "refused", str(exc), data)
    log.warning("insurer answer refused", extra={"claim_id": data.get("claim_id"), "reason": str(exc)})
    return "refused"


def _claim_for(uow: BillingUnitOfWork, claim: Claim | None, sender: str | None, source: str) -> Claim:
    if claim is None:
        raise Refused("unknown claim")
    if source == "amqp":
        payer = uow.payers.get(id=claim.payer_ref) or {}
        if sender != insurer_username(uow.namespace, payer.get("payer_id", "")):
            raise Refused(f"sender {sender!r} is not the claim's payer")
    return claim


def acknowledge(uow: BillingUnitOfWork, data: dict, *, sender: str | None, message_id: str,
                received: str | None = None) -> str:
    """Accepted or rejected by the payer's front end (999/277CA): moves the claim on. `received`: the
    message's body exactly as it came, kept with the answer."""
    with uow:
        outcome = _acknowledge(uow, data, Received(sender, "amqp", message_id, received))
        uow.commit()
    return outcome


def _acknowledge(uow: BillingUnitOfWork, data: dict, came: Received) -> str:
    try:
        claim = _claim_for(uow, uow.claims.get(data["claim_id"]), came.sender, "amqp")
        if data["status"] != "rejected" and claim.status in ("accepted", *ADJUDICATED):
            # The adjudication overtook its acknowledgement (one was retried): nothing left to do.
            _record(uow, f"ack:{claim.id}:{came.message_id}", claim.id, "acknowledgement", came, "late",
                    f"the claim was already {claim.status}", data)
            return "late"
        if claim.status != "submitted":
            raise Refused(f"a {claim.status} claim cannot be acknowledged")
    except Refused as exc:
        return _refuse(uow, exc, data, "acknowledgement", came)
    loaded, now = claim.version, utcnow()
    if data["status"] == "rejected":
        claim.reject(data.get("errors") or [], data.get("payer_claim_number"), now)
    else:
        claim.accept(data.get("payer_claim_number"), now)
    save_claim(uow, claim, loaded)
    _record(uow, f"ack:{claim.id}:{came.message_id}", claim.id, "acknowledgement", came, "posted", None, data)
    return "posted"


class Accumulators:
    """The coverages one transaction adds patients' shares to, each read once.

    A coverage's first addition is saved at once over the version read, as a single answer's is: one changed
    meanwhile is a lost race (ChangedMeanwhile), and from then on the transaction holds its row. Later additions
    stay in memory until `save`, which the caller runs before committing. An 835 adds to a coverage once per
    claim of it; read and written each time, the row's versions this transaction had written piled up (PostgreSQL
    keeps them until the commit) and every read and write went over them: quadratic in the coverage's claims.
    """

    def __init__(self, uow: BillingUnitOfWork):
        self.uow = uow
        self._held: dict[str, tuple[Coverage, int]] = {}  # coverage id -> (coverage, its version in the row)

    def add(self, claim: Claim, parts: dict) -> None:
        """Add the patient's deductible and cost share to the benefit year the service fell in."""
        held = self._held.get(claim.coverage_id)
        if held is not None:
            held[0].accumulate(claim.year_of_service(), parts)
            return
        coverage = self.uow.coverages.get(claim.coverage_id)
        assert coverage is not None, "a claim's coverage is never deleted"
        loaded = coverage.version
        coverage.accumulate(claim.year_of_service(), parts)
        if coverage.version != loaded:
            _save_coverage(self.uow, coverage, loaded)
        self._held[coverage.id] = (coverage, coverage.version)

    def save(self) -> None:
        """Write what was added since each coverage's first addition."""
        for coverage, stored in self._held.values():
            if coverage.version != stored:
                _save_coverage(self.uow, coverage, stored)
                self._held[coverage.id] = (coverage, coverage.version)


def _save_coverage(uow: BillingUnitOfWork, coverage: Coverage, expected_version: int) -> None:
    try:
        uow.coverages.save(coverage, expected_version)
    except ChangedMeanwhile as exc:  # another claim of this coverage posted meanwhile
        raise Conflict("the coverage changed meanwhile; send the answer again", slug="coverage-changed") from exc


def post_adjudication(uow: BillingUnitOfWork, data: dict, *, sender: str | None, source: str, message_id: str,
                      received: str | None = None) -> str:
    """Post paid amounts and adjustments once: claim status, accumulators, the client's balance."""
    with uow:
        accumulators = Accumulators(uow)
        outcome, _reason = adjudicate(uow, data, Received(sender, source, message_id, received), accumulators)
        accumulators.save()
        uow.commit()
    return outcome


def adjudicate(uow: BillingUnitOfWork, data: dict, came: Received,
               accumulators: Accumulators) -> tuple[str, str | None]:
    """Post one adjudication in the caller's transaction: ("posted" | "duplicate" | "refused", why refused).
    What it adds to coverages is written by `accumulators.save()`, which the caller runs before committing."""
    key = f"adj:{data['claim_id']}:{data['adjudication_id']}"
    # The claim is read before the answers: a twin that posted meanwhile committed both at once, so if this
    # read sees the claim it moved, the next sees its answer, and the twin is a duplicate, not a refusal.
    found = uow.claims.get(data["claim_id"])
    if uow.answers.get(answer_key=key) is not None:
        return "duplicate", None  # the same adjudication again (redelivered, or an 835 of it): posted once
    try:
        claim = _claim_for(uow, found, came.sender, came.source)
        if claim.status not in ("submitted", "accepted"):
            raise Refused(f"a {claim.status} claim cannot be adjudicated")
        problems = reconciliation_errors(claim.lines, data)
        if problems:
            raise Refused("; ".join(problems))
    except Refused as exc:
        return _refuse(uow, exc, data, "adjudication", came), str(exc)
    parts = patient_parts(data)
    patient_total = sum(parts.values())
    loaded, now = claim.version, utcnow()
    claim.adjudicate(data["status"], data["paid_cents"], patient_total, data.get("payer_claim_number"), now)
    save_claim(uow, claim, loaded)
    if claim.original_claim_id:
        _undo_original(uow, claim, now, accumulators)
    accumulators.add(claim, parts)
    if patient_total:
        uow.ledger.add(id=str(uuid.uuid4()), practice_id=claim.practice_id, client_id=claim.client_id,
                       kind="patient_responsibility", amount_cents=patient_total, claim_id=claim.id,
                       charge_id=None, memo=f"patient share of claim {claim.patient_control_number}",
                       created_at=now)
    _record(uow, key, claim.id, "adjudication", came, "posted", None, data)
    uow.emit(claim_status_event(published.CLAIM_ADJUDICATED, claim))
    return "posted", None


def _undo_original(uow: BillingUnitOfWork, claim: Claim, now: dt.datetime, accumulators: Accumulators) -> None:
    """A replacement (7) or void (8) supersedes the original's decision: take back what posting the
    original left on the client's balance and accumulators, so that only the newest decision counts."""
    original = uow.claims.get(claim.original_claim_id or "")
    assert original is not None, "claims are never deleted"
    owed = sum(e["amount_cents"] for e in uow.ledger.find(claim_id=original.id, kind="patient_responsibility"))
    if owed:
        uow.ledger.add(id=str(uuid.uuid4()), practice_id=original.practice_id, client_id=original.client_id,
                       kind="superseded", amount_cents=-owed, claim_id=original.id, charge_id=None,
                       memo=f"claim {original.patient_control_number} superseded by "
                            f"{claim.patient_control_number}", created_at=now)
    for answer in uow.answers.find(claim_id=original.id, kind="adjudication", outcome="posted"):
        accumulators.add(original, {k: -v for k, v in patient_parts(answer["body"]).items()})

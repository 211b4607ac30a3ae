"""Posting insurers' answers: acknowledgements and adjudications, from AMQP or an 835 file."""
from __future__ import annotations

import logging
import uuid

from rapport_shared.db import utcnow

from ..domain.claims import transition
from ..domain.remittance import patient_parts, reconciliation_errors
from ..messaging import published
from ..messaging.insurers import insurer_username
from .claims import _status_event
from .unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class Refused(Exception):
    """An answer billing will not post; it is recorded with the reason."""


def _record(uow: UnitOfWork, key: str, claim_id: str | None, kind: str, source: str, sender: str | None,
            outcome: str, reason: str | None, body: dict) -> dict:
    return uow.answers.add(id=str(uuid.uuid4()), answer_key=key[:120], claim_id=claim_id, kind=kind, source=source,
                           sender=sender, outcome=outcome, reason=reason, body=body, received_at=utcnow())


def _claim_for(uow: UnitOfWork, claim_id: str, sender: str | None, source: str) -> dict:
    claim = uow.claims.get(id=claim_id)
    if claim is None:
        raise Refused("unknown claim")
    if source == "amqp":
        payer = uow.payers.get(id=claim["payer_ref"])
        if sender != insurer_username(uow.namespace, payer["payer_id"]):
            raise Refused(f"sender {sender!r} is not the claim's payer")
    return claim


def acknowledge(uow: UnitOfWork, data: dict, *, sender: str | None, message_id: str) -> str:
    """Accepted or rejected by the payer's front end (999/277CA): moves the claim on."""
    try:
        claim = _claim_for(uow, data["claim_id"], sender, "amqp")
        if claim["status"] != "submitted":
            raise Refused(f"a {claim['status']} claim cannot be acknowledged")
    except Refused as exc:
        _record(uow, f"refused:{message_id}", data.get("claim_id"), "acknowledgement", "amqp", sender, "refused",
                str(exc), data)
        uow.commit()
        log.warning("insurer answer refused", extra={"claim_id": data.get("claim_id"), "reason": str(exc)})
        return "refused"
    status = transition(claim["status"], data["status"])
    errors = data.get("errors") or []
    changes = {"status": status, "updated_at": utcnow(), "version": claim["version"] + 1,
               "payer_claim_number": data.get("payer_claim_number") or claim["payer_claim_number"]}
    if status == "rejected":
        changes["errors"] = [{"code": "payer.rejected", "field": e.get("field", "claim"),
                              "message": e.get("message", "rejected by the payer")} for e in errors] or [
            {"code": "payer.rejected", "field": "claim", "message": "rejected by the payer"}]
    uow.claims.change({"id": claim["id"]}, **changes)
    _record(uow, f"ack:{claim['id']}:{message_id}", claim["id"], "acknowledgement", "amqp", sender, "posted", None,
            data)
    uow.commit()
    return "posted"


def post_adjudication(uow: UnitOfWork, data: dict, *, sender: str | None, source: str, message_id: str) -> str:
    """Post paid amounts and adjustments once: claim status, accumulators, the client's balance."""
    key = f"adj:{data['claim_id']}:{data['adjudication_id']}"
    if uow.answers.get(answer_key=key) is not None:
        return "duplicate"  # the same adjudication again (redelivered, or an 835 of it): posted once
    try:
        claim = _claim_for(uow, data["claim_id"], sender, source)
        if claim["status"] not in ("submitted", "accepted"):
            raise Refused(f"a {claim['status']} claim cannot be adjudicated")
        problems = reconciliation_errors(claim["lines"], data)
        if problems:
            raise Refused("; ".join(problems))
    except Refused as exc:
        _record(uow, f"refused:{message_id}", data.get("claim_id"), "adjudication", source, sender, "refused",
                str(exc), data)
        uow.commit()
        log.warning("insurer answer refused", extra={"claim_id": data.get("claim_id"), "reason": str(exc)})
        return "refused"
    parts = patient_parts(data)
    patient_total = sum(parts.values())
    status = transition(claim["status"], data["status"])
    changes = {"status": status, "paid_cents": data["paid_cents"], "patient_responsibility_cents": patient_total,
               "payer_claim_number": data.get("payer_claim_number") or claim["payer_claim_number"],
               "updated_at": utcnow(), "version": claim["version"] + 1}
    uow.claims.change({"id": claim["id"]}, **changes)
    if claim["original_claim_id"]:
        _undo_original(uow, claim)
    _update_accumulators(uow, claim, parts)
    if patient_total:
        uow.ledger.add(id=str(uuid.uuid4()), practice_id=claim["practice_id"], client_id=claim["client_id"],
                       kind="patient_responsibility", amount_cents=patient_total, claim_id=claim["id"],
                       charge_id=None, memo=f"patient share of claim {claim['patient_control_number']}",
                       created_at=utcnow())
    _record(uow, key, claim["id"], "adjudication", source, sender, "posted", None, data)
    uow.emit(_status_event(published.CLAIM_ADJUDICATED, {**claim, **changes}))
    uow.commit()
    return "posted"


def _undo_original(uow: UnitOfWork, claim: dict) -> None:
    """A replacement (7) or void (8) supersedes the original's decision: take back what posting the
    original left on the client's balance and accumulators, so that only the newest decision counts."""
    original = uow.claims.get(id=claim["original_claim_id"])
    owed = sum(e["amount_cents"] for e in uow.ledger.find(claim_id=original["id"], kind="patient_responsibility"))
    if owed:
        uow.ledger.add(id=str(uuid.uuid4()), practice_id=original["practice_id"], client_id=original["client_id"],
                       kind="superseded", amount_cents=-owed, claim_id=original["id"], charge_id=None,
                       memo=f"claim {original['patient_control_number']} superseded by "
                            f"{claim['patient_control_number']}", created_at=utcnow())
    for answer in uow.answers.find(claim_id=original["id"], kind="adjudication", outcome="posted"):
        _update_accumulators(uow, original, {k: -v for k, v in patient_parts(answer["body"]).items()})


def _update_accumulators(uow: UnitOfWork, claim: dict, parts: dict) -> None:
    """Add the patient's deductible and cost share to the benefit year the service fell in."""
    coverage = uow.coverages.get(id=claim["coverage_id"])
    year = min(int(line["service_date"][:4]) for line in claim["lines"])
    met_deductible, met_oop = coverage["deductible_met_cents"], coverage["oop_met_cents"]
    if year < coverage["accumulator_year"]:
        return  # a late claim of a past year: this year's accumulators are not its business
    if year > coverage["accumulator_year"]:
        met_deductible = met_oop = 0  # a new benefit year starts from nothing
    uow.coverages.change({"id": coverage["id"]}, accumulator_year=year,
                         deductible_met_cents=met_deductible + parts["deductible"],
                         oop_met_cents=met_oop + parts["deductible"] + parts["coinsurance"] + parts["copay"])

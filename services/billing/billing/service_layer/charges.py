"""Charges from completed appointments: one per appointment, then a draft claim when insured."""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from zoneinfo import ZoneInfo

from rapport_shared.access import visible
from rapport_shared.db import utcnow
from rapport_shared.pagination import NEWEST_FIRST, Page
from rapport_shared.principal import Principal

from ..domain.charges import Charge
from ..domain.codes import billable_code
from ..messaging import published
from .claim_documents import claim_parts
from .claims import draft_claim, send
from .clients import active_coverage
from .fee_schedules import fees
from .ports import BillingUnitOfWork

log = logging.getLogger(__name__)
TELEHEALTH = ("video", "phone")
AUDIO_ONLY_MODIFIER = "93"


def service_date(start: dt.datetime, time_zone: str | None) -> dt.date:
    """The day the session happened where the practice is (UTC if its zone is unknown)."""
    try:
        return start.astimezone(ZoneInfo(time_zone)).date() if time_zone else start.date()
    except (KeyError, ValueError):
        return start.date()


def place_and_modifiers(fmt: str, payer: dict | None) -> tuple[str, list[str]]:
    """POS and modifiers: office 11; telehealth per the payer's rules (default POS 10, modifier 95)."""
    if fmt not in TELEHEALTH:
        return "11", []
    pos = payer["telehealth_pos"] if payer else "10"
    modifier = AUDIO_ONLY_MODIFIER if fmt == "phone" else (payer["telehealth_modifier"] if payer else "95")
    return pos, [modifier]


def charge_completed_appointment(uow: BillingUnitOfWork, data: dict, *, auto_submit: bool = False) -> Charge | None:
    """Record the charge of a completed appointment; nothing when already charged or not billable.
    An insured session also gets its draft claim, sent at once when `auto_submit` and clean."""
    with uow:
        if uow.charges.for_appointment(data["appointment_id"]) is not None:
            return None  # a redelivered event: the unique appointment id also guards concurrent workers
        cpt = billable_code(data["service_code"], data["duration_min"])
        if cpt is None:
            log.info("appointment not billable", extra={"appointment_id": data["appointment_id"],
                                                        "service_code": data["service_code"]})
            return None
        now = utcnow()
        practice = uow.practices.get(data["practice_id"])
        date = service_date(data["start"], practice.time_zone if practice else None)
        coverage = active_coverage(uow, data["client_id"], date)
        payer = uow.payers.get(id=coverage.payer_ref) if coverage else None
        pos, modifiers = place_and_modifiers(data["format"], payer)
        own, _allowed = fees(uow, data["practice_id"], None)
        charge = Charge(
            id=str(uuid.uuid4()), practice_id=data["practice_id"], client_id=data["client_id"],
            therapist_id=data["therapist_id"], appointment_id=data["appointment_id"], service_date=date, cpt=cpt,
            modifiers=modifiers, pos=pos, units=1, duration_min=data["duration_min"],
            charge_cents=int(own.amounts.get(cpt, 0)), coverage_id=coverage.id if coverage else None,
            claim_id=str(uuid.uuid4()) if coverage else None, status="insurance" if coverage else "self_pay",
            created_at=now,
        )
        uow.charges.add(charge)
        claim = None
        if coverage is not None:
            diagnoses = uow.diagnoses.codes(data["client_id"])
            pointers = list(range(1, min(4, len(diagnoses)) + 1)) or [1]
            claim = draft_claim(practice_id=charge.practice_id, client_id=charge.client_id, coverage=coverage,
                                therapist_id=charge.therapist_id, lines=[charge.claim_line(pointers)],
                                claim_id=charge.claim_id, now=now)
        else:
            rate = own.self_pay.get(cpt, charge.charge_cents)
            uow.ledger.add(id=str(uuid.uuid4()), practice_id=charge.practice_id, client_id=charge.client_id,
                           kind="self_pay_charge", amount_cents=int(rate), claim_id=None, charge_id=charge.id,
                           memo=f"{cpt} on {date.isoformat()} (self-pay)", created_at=now)
        uow.emit(published.event(published.CHARGE_CREATED, f"charges/{charge.id}", {
            "charge_id": charge.id, "practice_id": charge.practice_id, "client_id": charge.client_id,
            "appointment_id": charge.appointment_id, "cpt": cpt, "charge_cents": charge.charge_cents,
            "status": charge.status, "claim_id": charge.claim_id, "version": charge.version,
        }))
        if claim is not None:
            if auto_submit:
                # The rows read above are the claim's own: its checks and 837P reuse them rather than read
                # them again. A draft the scrubber stops keeps its errors for staff; the charge stands.
                send(uow, claim, now, claim_parts(uow, claim, practice=practice, coverage=coverage, payer=payer,
                                                  own_fees=own, diagnoses=diagnoses))
            uow.claims.add(claim)  # written once, as the checks left it: new in this transaction, no race to lose
        uow.commit()
    return charge


def get_charge(uow: BillingUnitOfWork, principal: Principal, charge_id: str) -> Charge:
    return visible(principal, uow.charges.get(charge_id), "charge")


def list_charges(uow: BillingUnitOfWork, principal: Principal, client_id: str | None, cursor: str | None,
                 limit: int) -> Page[Charge]:
    """The caller's practice's charges, newest first, optionally of one client."""
    after = NEWEST_FIRST.position(cursor)
    if principal.practice_id is None:
        return Page()
    return NEWEST_FIRST.page(uow.charges.page(principal.practice_id, client_id, after, limit), limit)

"""Charges from completed appointments: one per appointment, then a draft claim when insured."""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from zoneinfo import ZoneInfo

from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid
from rapport_shared.principal import Principal

from ..domain.codes import billable_code
from ..messaging import published
from . import reference
from .access import visible
from .claims import new_claim, submit
from .clients import active_coverage, diagnosis_codes
from .unit_of_work import UnitOfWork

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


def charge_completed_appointment(uow: UnitOfWork, data: dict, *, auto_submit: bool = False) -> dict | None:
    """Record the charge of a completed appointment; nothing when already charged or not billable."""
    if uow.charges.get(appointment_id=data["appointment_id"]) is not None:
        return None  # a redelivered event: the unique appointment id also guards concurrent workers
    cpt = billable_code(data["service_code"], data["duration_min"])
    if cpt is None:
        log.info("appointment not billable", extra={"appointment_id": data["appointment_id"],
                                                    "service_code": data["service_code"]})
        return None
    practice = uow.practices.get(data["practice_id"])
    date = service_date(data["start"], practice.time_zone if practice else None)
    coverage = active_coverage(uow, data["client_id"], date)
    payer = uow.payers.get(id=coverage["payer_ref"]) if coverage else None
    pos, modifiers = place_and_modifiers(data["format"], payer)
    own, _allowed = reference.fees(uow, data["practice_id"], None)
    charge = uow.charges.add(
        id=str(uuid.uuid4()), practice_id=data["practice_id"], client_id=data["client_id"],
        therapist_id=data["therapist_id"], appointment_id=data["appointment_id"], service_date=date, cpt=cpt,
        modifiers=modifiers, pos=pos, units=1, duration_min=data["duration_min"],
        charge_cents=int(own["amounts"].get(cpt, 0)), coverage_id=coverage["id"] if coverage else None,
        claim_id=None, status="insurance" if coverage else "self_pay", created_at=utcnow(),
    )
    claim = None
    if coverage is not None:
        pointers = list(range(1, min(4, len(diagnosis_codes(uow, data["client_id"]))) + 1)) or [1]
        line = {"line_number": 1, "charge_id": charge["id"], "cpt": cpt, "modifiers": modifiers, "units": 1,
                "charge_cents": charge["charge_cents"], "service_date": date.isoformat(), "pos": pos,
                "dx_pointers": pointers}
        claim = new_claim(uow, practice_id=data["practice_id"], client_id=data["client_id"], coverage=coverage,
                          therapist_id=data["therapist_id"], lines=[line])
        uow.charges.change({"id": charge["id"]}, claim_id=claim["id"])
        charge["claim_id"] = claim["id"]
    else:
        rate = own["self_pay"].get(cpt, charge["charge_cents"])
        uow.ledger.add(id=str(uuid.uuid4()), practice_id=data["practice_id"], client_id=data["client_id"],
                       kind="self_pay_charge", amount_cents=int(rate), claim_id=None, charge_id=charge["id"],
                       memo=f"{cpt} on {date.isoformat()} (self-pay)", created_at=utcnow())
    uow.emit(published.event(published.CHARGE_CREATED, f"charges/{charge['id']}", {
        "charge_id": charge["id"], "practice_id": charge["practice_id"], "client_id": charge["client_id"],
        "appointment_id": charge["appointment_id"], "cpt": cpt, "charge_cents": charge["charge_cents"],
        "status": charge["status"], "claim_id": charge["claim_id"], "version": 1,
    }))
    if claim is not None and auto_submit:
        try:
            submit(uow, claim)
        except Invalid:
            pass  # the draft keeps its scrubber errors for staff to fix; the charge stands
    uow.commit()
    return charge


def get_charge(uow: UnitOfWork, principal: Principal, charge_id: str) -> dict:
    return visible(principal, uow.charges.get(id=charge_id), "charge")


def list_charges(uow: UnitOfWork, principal: Principal, client_id: str | None, limit: int,
                 after: tuple | None = None) -> list[dict]:
    """The caller's practice's charges, newest first, optionally of one client."""
    if principal.practice_id is None:
        return []
    key = {"practice_id": principal.practice_id, **({"client_id": client_id} if client_id else {})}
    return uow.charges.newest_first(limit, after, **key)

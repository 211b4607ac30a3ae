"""Payers, their plans' benefits, and practices' fee schedules."""
from __future__ import annotations

import uuid

from rapport_shared.db import utcnow
from rapport_shared.errors import Conflict, NotFound
from rapport_shared.principal import Principal

from .access import caller_practice, require_admin
from .unit_of_work import UnitOfWork

PAYER_DEFAULTS = {"claim_filing_indicator": "CI", "timely_filing_days": 180, "telehealth_pos": "10",
                  "telehealth_modifier": "95", "associates_bill_under_supervisor": False}
PLAN_DEFAULTS = {"in_network": True, "copays": {}, "copay_waives_deductible": False, "coinsurance_bp": 0,
                 "excluded_primary_dx": {}, "prior_auth_cpts": []}


def create_payer(uow: UnitOfWork, principal: Principal, body: dict, payer_ref: str | None = None) -> dict:
    require_admin(principal)
    if uow.payers.get(payer_id=body["payer_id"]) is not None:
        raise Conflict("a payer with this payer id exists", slug="payer-exists")
    payer = uow.payers.add(id=payer_ref or str(uuid.uuid4()), created_at=utcnow(), **{**PAYER_DEFAULTS, **body})
    uow.commit()
    return payer


def list_payers(uow: UnitOfWork) -> list[dict]:
    return uow.payers.find(order_by=uow.payers.table.c.name)


def get_payer(uow: UnitOfWork, payer_ref: str) -> dict:
    payer = uow.payers.get(id=payer_ref)
    if payer is None:
        raise NotFound("no such payer")
    return payer


def create_plan(uow: UnitOfWork, principal: Principal, body: dict, plan_id: str | None = None) -> dict:
    require_admin(principal)
    get_payer(uow, body["payer_ref"])
    plan = uow.plans.add(id=plan_id or str(uuid.uuid4()), created_at=utcnow(), **{**PLAN_DEFAULTS, **body})
    uow.commit()
    return plan


def get_plan(uow: UnitOfWork, plan_id: str) -> dict:
    plan = uow.plans.get(id=plan_id)
    if plan is None:
        raise NotFound("no such plan")
    return plan


def list_plans(uow: UnitOfWork, payer_ref: str | None = None) -> list[dict]:
    key = {"payer_ref": payer_ref} if payer_ref else {}
    return uow.plans.find(order_by=uow.plans.table.c.name, **key)


PRACTICE_SCHEDULE = ""  # payer_ref of a practice's own charges and self-pay rates


def put_fee_schedule(uow: UnitOfWork, principal: Principal, payer_ref: str, body: dict) -> dict:
    """Replace the caller's practice's schedule: its charges ("") or a payer's allowed amounts."""
    practice_id = caller_practice(principal, body.pop("practice_id", None))
    if payer_ref != PRACTICE_SCHEDULE:
        get_payer(uow, payer_ref)
    values = {"amounts": body.get("amounts", {}), "self_pay": body.get("self_pay", {}),
              "sliding_scale": body.get("sliding_scale", []), "billing_address": body.get("billing_address"),
              "updated_at": utcnow()}
    key = {"practice_id": practice_id, "payer_ref": payer_ref}
    if uow.fee_schedules.get(**key) is None:
        uow.fee_schedules.add(**key, **values)
    else:
        uow.fee_schedules.change(key, **values)
    uow.commit()
    return {**key, **values}


def get_fee_schedule(uow: UnitOfWork, principal: Principal, payer_ref: str, practice_id: str | None = None) -> dict:
    practice_id = caller_practice(principal, practice_id)
    schedule = uow.fee_schedules.get(practice_id=practice_id, payer_ref=payer_ref)
    if schedule is None:
        raise NotFound("no fee schedule")
    return schedule


def fees(uow: UnitOfWork, practice_id: str, payer_ref: str | None) -> tuple[dict, dict]:
    """(the practice's own schedule, the payer's allowed schedule), empty when not set."""
    empty = {"amounts": {}, "self_pay": {}, "sliding_scale": [], "billing_address": None}
    own = uow.fee_schedules.get(practice_id=practice_id, payer_ref=PRACTICE_SCHEDULE) or empty
    allowed = (uow.fee_schedules.get(practice_id=practice_id, payer_ref=payer_ref) if payer_ref else None) or empty
    return own, allowed

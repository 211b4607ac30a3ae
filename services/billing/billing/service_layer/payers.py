"""Payers and their plans' benefit rules: reference data every practice shares (administrators add it)."""
from __future__ import annotations

import uuid

from rapport_shared.db import utcnow
from rapport_shared.errors import Conflict, Forbidden, NotFound
from rapport_shared.principal import Principal

from .ports import BillingUnitOfWork

PAYER_DEFAULTS = {"claim_filing_indicator": "CI", "timely_filing_days": 180, "telehealth_pos": "10",
                  "telehealth_modifier": "95", "associates_bill_under_supervisor": False}
PLAN_DEFAULTS = {"in_network": True, "copays": {}, "copay_waives_deductible": False, "coinsurance_bp": 0,
                 "excluded_primary_dx": {}, "prior_auth_cpts": []}


def _require_admin(principal: Principal) -> None:
    if not principal.is_admin:
        raise Forbidden("only administrators manage payers and plans")


def create_payer(uow: BillingUnitOfWork, principal: Principal, body: dict, payer_ref: str | None = None) -> dict:
    with uow:
        _require_admin(principal)
        if uow.payers.get(payer_id=body["payer_id"]) is not None:
            raise Conflict("a payer with this payer id exists", slug="payer-exists")
        payer = uow.payers.add(id=payer_ref or str(uuid.uuid4()), created_at=utcnow(), **{**PAYER_DEFAULTS, **body})
        uow.commit()
    return payer


def list_payers(uow: BillingUnitOfWork) -> list[dict]:
    return uow.payers.find(order_by=("name",))


def get_payer(uow: BillingUnitOfWork, payer_ref: str) -> dict:
    payer = uow.payers.get(id=payer_ref)
    if payer is None:
        raise NotFound("no such payer")
    return payer


def create_plan(uow: BillingUnitOfWork, principal: Principal, body: dict, plan_id: str | None = None) -> dict:
    with uow:
        _require_admin(principal)
        get_payer(uow, body["payer_ref"])
        plan = uow.plans.add(id=plan_id or str(uuid.uuid4()), created_at=utcnow(), **{**PLAN_DEFAULTS, **body})
        uow.commit()
    return plan


def get_plan(uow: BillingUnitOfWork, plan_id: str) -> dict:
    plan = uow.plans.get(id=plan_id)
    if plan is None:
        raise NotFound("no such plan")
    return plan


def list_plans(uow: BillingUnitOfWork, payer_ref: str | None = None) -> list[dict]:
    if payer_ref:
        return uow.plans.find(order_by=("name",), payer_ref=payer_ref)
    return uow.plans.find(order_by=("name",))

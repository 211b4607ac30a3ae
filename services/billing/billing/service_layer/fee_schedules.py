"""Practices' fee schedules: their own charges and self-pay rates, and what each payer allows."""
from __future__ import annotations

from rapport_shared.access import acting_practice
from rapport_shared.db import utcnow
from rapport_shared.errors import NotFound
from rapport_shared.principal import Principal

from ..domain.fee_schedules import PRACTICE_SCHEDULE, FeeSchedule
from .payers import get_payer
from .ports import BillingUnitOfWork


def put_fee_schedule(uow: BillingUnitOfWork, principal: Principal, payer_ref: str, body: dict) -> FeeSchedule:
    """Replace the caller's practice's schedule: its charges ("") or a payer's allowed amounts."""
    with uow:
        practice_id = acting_practice(principal, body.get("practice_id"))
        if payer_ref != PRACTICE_SCHEDULE:
            get_payer(uow, payer_ref)
        schedule = FeeSchedule(practice_id=practice_id, payer_ref=payer_ref, amounts=body.get("amounts", {}),
                               self_pay=body.get("self_pay", {}), sliding_scale=body.get("sliding_scale", []),
                               billing_address=body.get("billing_address"), updated_at=utcnow())
        uow.fee_schedules.put(schedule)
        uow.commit()
    return schedule


def get_fee_schedule(uow: BillingUnitOfWork, principal: Principal, payer_ref: str,
                     practice_id: str | None = None) -> FeeSchedule:
    schedule = uow.fee_schedules.get(acting_practice(principal, practice_id), payer_ref)
    if schedule is None:
        raise NotFound("no fee schedule")
    return schedule


def fees(uow: BillingUnitOfWork, practice_id: str, payer_ref: str | None) -> tuple[FeeSchedule, FeeSchedule]:
    """(the practice's own schedule, the payer's allowed schedule), empty when not set."""
    own = uow.fee_schedules.get(practice_id, PRACTICE_SCHEDULE) or FeeSchedule(practice_id, PRACTICE_SCHEDULE)
    allowed = (uow.fee_schedules.get(practice_id, payer_ref) if payer_ref else None) or \
        FeeSchedule(practice_id, payer_ref or "")
    return own, allowed

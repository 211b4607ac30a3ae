"""Keeping billing's copy of practices and rendering providers, and reading it."""
from __future__ import annotations

import datetime as dt

from rapport_shared.access import visible
from rapport_shared.principal import Principal

from ..domain.providers import BillingPractice, RenderingProvider, readiness
from .ports import BillingUnitOfWork
from .read_models import keep_newest


def record_practice(uow: BillingUnitOfWork, data: dict, occurred_at: dt.datetime) -> None:
    keep_newest(uow, uow.practices, BillingPractice(
        id=data["practice_id"], name=data["name"], group_npi=data.get("group_npi"),
        tax_id=data.get("tax_id"), address=data.get("address") or {},
        phone=data.get("phone"), time_zone=data.get("time_zone"), version=data["version"], updated_at=occurred_at,
    ))


def record_provider(uow: BillingUnitOfWork, data: dict, occurred_at: dt.datetime) -> None:
    keep_newest(uow, uow.providers, RenderingProvider(
        id=data["therapist_id"], practice_id=data["practice_id"], first_name=data["first_name"],
        last_name=data["last_name"], credentials=data.get("credentials") or "", npi=data.get("npi"),
        listed=data["status"] == "published", version=data["version"], updated_at=occurred_at,
        taxonomy_code=data.get("taxonomy_code"), supervisor_id=data.get("supervisor_id"),
    ))


def billing_provider(uow: BillingUnitOfWork, principal: Principal, therapist_id: str) -> dict:
    provider = visible(principal, uow.providers.get(therapist_id), "billing provider", therapist_id=therapist_id)
    practice = uow.practices.get(provider.practice_id)
    state = readiness(provider, practice)
    return {
        "therapist_id": provider.id,
        "practice_id": provider.practice_id,
        "name": f"{provider.first_name} {provider.last_name}",
        "credentials": provider.credentials,
        "npi": provider.npi,
        "practice_name": practice.name if practice else None,
        "ready_to_bill": state.ready,
        "missing": state.missing,
    }

"""Keeping billing's copy of practices and rendering providers, and reading it."""
from __future__ import annotations

import datetime as dt

from rapport_shared.errors import NotFound
from rapport_shared.principal import Principal

from ..domain.providers import BillingPractice, RenderingProvider, readiness
from .unit_of_work import UnitOfWork


def record_practice(uow: UnitOfWork, data: dict, occurred_at: dt.datetime) -> None:
    current = uow.practices.get(data["practice_id"])
    if current is not None and data["version"] <= current.version:
        return  # an older or repeated version never overwrites a newer one
    uow.practices.upsert(
        BillingPractice(
            id=data["practice_id"], name=data["name"], group_npi=data.get("group_npi"),
            tax_id=data.get("tax_id"), address=data.get("address") or {},
            phone=data.get("phone"), time_zone=data.get("time_zone"), version=data["version"], updated_at=occurred_at,
        ),
        existed=current is not None,
    )
    uow.commit()


def record_provider(uow: UnitOfWork, data: dict, occurred_at: dt.datetime) -> None:
    current = uow.providers.get(data["therapist_id"])
    if current is not None and data["version"] <= current.version:
        return
    uow.providers.upsert(
        RenderingProvider(
            id=data["therapist_id"], practice_id=data["practice_id"], first_name=data["first_name"],
            last_name=data["last_name"], credentials=data.get("credentials") or "", npi=data.get("npi"),
            listed=data["status"] == "published", version=data["version"], updated_at=occurred_at,
            taxonomy_code=data.get("taxonomy_code"), supervisor_id=data.get("supervisor_id"),
        ),
        existed=current is not None,
    )
    uow.commit()


def billing_provider(uow: UnitOfWork, principal: Principal, therapist_id: str) -> dict:
    provider = uow.providers.get(therapist_id)
    if provider is None or not (principal.in_practice(provider.practice_id) or principal.is_therapist(therapist_id)):
        raise NotFound("no such billing provider")
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

"""Keeping booking's copy of the therapist directory and of which practices exist, and reading them."""
from __future__ import annotations

import datetime as dt

from rapport_shared.access import visible
from rapport_shared.db import utcnow
from rapport_shared.principal import Principal

from ..domain.practices import KnownPractice
from ..domain.therapists import BookableTherapist
from . import summaries
from .ports import UnitOfWork


def record_therapist(uow: UnitOfWork, data: dict, occurred_at: dt.datetime, now: dt.datetime | None = None) -> None:
    """Apply a therapist's change from profiles, unless a newer one is already applied; listing or
    delisting changes what profiles should show of their availability, so the summary follows."""
    with uow:
        current = uow.therapists.get(data["therapist_id"])
        if current is not None and not current.is_newer(data["version"]):
            return
        uow.therapists.upsert(
            BookableTherapist(
                id=data["therapist_id"],
                practice_id=data["practice_id"],
                display_name=data["display_name"],
                time_zone=data["time_zone"],
                listed=data["status"] == "published",
                version=data["version"],
                updated_at=occurred_at,
            ),
            existed=current is not None,
        )
        summaries.refresh(uow, data["therapist_id"], now or utcnow())
        uow.commit()


def record_practice(uow: UnitOfWork, data: dict, occurred_at: dt.datetime) -> None:
    """Profiles registered or changed a practice: from then on booking knows it exists."""
    with uow:
        if uow.practices.get(data["practice_id"]) is None:
            uow.practices.add(KnownPractice(id=data["practice_id"], announced_at=occurred_at))
            uow.commit()


def practice_is_known(uow: UnitOfWork, practice_id: str) -> bool:
    """Whether profiles announced the practice, or any therapist of it (booking heard of practices through
    their therapists only, before it kept practices' own events)."""
    return uow.practices.get(practice_id) is not None or uow.therapists.any_in_practice(practice_id)


def therapist_for_staff(uow: UnitOfWork, principal: Principal, therapist_id: str) -> BookableTherapist:
    """A therapist the caller manages: their practice's staff, admins, or the therapist themself."""
    return visible(principal, uow.therapists.get(therapist_id), "therapist", therapist_id=therapist_id)

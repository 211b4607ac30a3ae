"""Keeping booking's copy of the therapist directory, and reading it."""
from __future__ import annotations

import datetime as dt

from rapport_shared.errors import NotFound
from rapport_shared.principal import Principal

from ..domain.therapists import BookableTherapist
from .unit_of_work import UnitOfWork


def record_therapist(uow: UnitOfWork, data: dict, occurred_at: dt.datetime) -> None:
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
    uow.commit()


def therapist_for_staff(uow: UnitOfWork, principal: Principal, therapist_id: str) -> BookableTherapist:
    """A therapist the caller manages: their practice's staff, admins, or the therapist themself."""
    therapist = uow.therapists.get(therapist_id)
    allowed = therapist is not None and (
        principal.is_therapist(therapist_id)
        or (principal.role in ("admin", "staff") and principal.in_practice(therapist.practice_id))
    )
    if not allowed:
        raise NotFound("no such therapist")
    return therapist

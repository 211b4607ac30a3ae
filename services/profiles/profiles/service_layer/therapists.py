"""Use cases for therapist profiles."""
from __future__ import annotations

import uuid

from rapport_shared.db import utcnow
from rapport_shared.errors import Forbidden, Invalid, NotFound
from rapport_shared.principal import Principal

from ..domain.therapists import PUBLISHED, Therapist
from ..messaging import published
from .unit_of_work import UnitOfWork


def create_therapist(uow: UnitOfWork, principal: Principal, fields: dict, therapist_id: str | None = None) -> Therapist:
    if principal.role not in ("admin", "staff"):
        raise Forbidden("only practice staff create therapist profiles")
    requested = fields.get("practice_id")
    if not principal.is_admin and requested not in (None, principal.practice_id):
        raise Forbidden("staff create therapists in their own practice only")
    practice_id = requested if principal.is_admin else principal.practice_id
    if practice_id is None:
        raise Invalid("practice_id is required", errors=[{"in": "json", "field": "practice_id", "message": "required"}])
    if uow.practices.get(practice_id) is None:
        raise NotFound("no such practice")
    now = utcnow()
    therapist = Therapist(
        id=therapist_id or str(uuid.uuid4()),
        practice_id=practice_id,
        first_name=fields["first_name"],
        last_name=fields["last_name"],
        credentials=fields.get("credentials", ""),
        pronouns=fields.get("pronouns"),
        npi=fields.get("npi"),
        created_at=now,
        updated_at=now,
    )
    uow.therapists.add(therapist)
    uow.commit()
    return therapist


def can_manage(principal: Principal | None, therapist: Therapist) -> bool:
    """Staff of the therapist's practice, admins, and the therapist themself."""
    if principal is None:
        return False
    if principal.role == "therapist":
        return principal.is_therapist(therapist.id)
    return principal.in_practice(therapist.practice_id)


def get_therapist(uow: UnitOfWork, principal: Principal | None, therapist_id: str) -> Therapist:
    therapist = uow.therapists.get(therapist_id)
    # Drafts and unpublished profiles exist only for those who manage them.
    if therapist is None or (therapist.status != PUBLISHED and not can_manage(principal, therapist)):
        raise NotFound("no such therapist")
    return therapist


def _staff_therapist(uow: UnitOfWork, principal: Principal, therapist_id: str) -> Therapist:
    therapist = get_therapist(uow, principal, therapist_id)
    if not (principal.role in ("admin", "staff") and principal.in_practice(therapist.practice_id)):
        if can_manage(principal, therapist) or therapist.status == PUBLISHED:
            raise Forbidden("only the practice's staff may do this")
        raise NotFound("no such therapist")
    return therapist


def publish_therapist(uow: UnitOfWork, principal: Principal, therapist_id: str) -> Therapist:
    therapist = _staff_therapist(uow, principal, therapist_id)
    version = therapist.version
    therapist.publish(utcnow())
    uow.therapists.save(therapist, version)
    practice = uow.practices.get(therapist.practice_id)
    uow.emit(published.therapist_event(published.THERAPIST_PUBLISHED, therapist, practice))
    uow.commit()
    return therapist


def unpublish_therapist(uow: UnitOfWork, principal: Principal, therapist_id: str, reason: str) -> Therapist:
    therapist = _staff_therapist(uow, principal, therapist_id)
    version = therapist.version
    therapist.unpublish(utcnow(), reason)
    uow.therapists.save(therapist, version)
    practice = uow.practices.get(therapist.practice_id)
    uow.emit(published.therapist_event(published.THERAPIST_UNPUBLISHED, therapist, practice))
    uow.commit()
    return therapist


def list_published(uow: UnitOfWork, after: tuple[str, str] | None, limit: int) -> list[Therapist]:
    return uow.therapists.list_published(after, limit)

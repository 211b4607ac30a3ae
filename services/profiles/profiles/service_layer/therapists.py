"""Use cases for therapist profiles: create, edit, publish, unpublish."""
from __future__ import annotations

import uuid

from rapport_shared.access import may_manage, may_see
from rapport_shared.db import utcnow
from rapport_shared.errors import Forbidden, Invalid, NotFound
from rapport_shared.if_match import IfMatch, check_if_match, save_if_match
from rapport_shared.pagination import Page
from rapport_shared.principal import Principal

from ..domain import fhir
from ..domain.licenses import valid_licenses
from ..domain.therapists import BY_NAME, PUBLISHED, Therapist, check_profile_fields, check_statements_cover_specialties
from ..messaging import published
from .locations import place_locations
from .unit_of_work import UnitOfWork

# Identity used on claims: set by the practice's staff, not by the therapist.
STAFF_ONLY_FIELDS = frozenset({"npi", "taxonomy_code", "supervisor_id"})


def create_therapist(uow: UnitOfWork, principal: Principal, fields: dict, therapist_id: str | None = None) -> Therapist:
    with uow:
        fields = dict(fields)
        practice_id = practice_for_new_therapists(uow, principal, fields.pop("practice_id", None))
        therapist = new_therapist(uow, practice_id, fields, therapist_id)
        stage_therapist(uow, therapist)
        uow.commit()
        return therapist


def practice_for_new_therapists(uow: UnitOfWork, principal: Principal, requested: str | None) -> str:
    """The practice new profiles go into: staff their own, admins the one they name."""
    if principal.role not in ("admin", "staff"):
        raise Forbidden("only practice staff create therapist profiles")
    if not principal.is_admin and requested not in (None, principal.practice_id):
        raise Forbidden("staff create therapists in their own practice only")
    practice_id = requested if principal.is_admin else principal.practice_id
    if practice_id is None:
        raise Invalid("practice_id is required", errors=[{"in": "json", "field": "practice_id", "message": "required"}])
    if uow.practices.get(practice_id) is None:
        raise NotFound("no such practice")
    return practice_id


def new_therapist(uow: UnitOfWork, practice_id: str, fields: dict, therapist_id: str | None = None) -> Therapist:
    """A draft of `practice_id` that passed every rule of creating one; not stored yet (reads only)."""
    checked = check_profile_fields(fields)
    if "locations" in checked:
        checked["locations"] = place_locations(checked["locations"])
    now = utcnow()
    therapist = Therapist(id=therapist_id or str(uuid.uuid4()), practice_id=practice_id, created_at=now,
                          updated_at=now, **checked)
    check_statements_cover_specialties(therapist)
    _check_supervisor(uow, therapist)
    return therapist


def stage_therapist(uow: UnitOfWork, therapist: Therapist) -> None:
    """Store a new draft in the caller's transaction (the caller commits). A draft is not announced:
    booking and billing hear of a therapist when it is published."""
    uow.therapists.add(therapist)


def practice_therapists(uow: UnitOfWork, principal: Principal, practice_id: str, status: str | None,
                        name: str | None, cursor: str | None, limit: int) -> Page[Therapist]:
    """The practice's therapists, drafts and unpublished ones included, by name: for its staff and admins."""
    if not may_manage(principal, practice_id) or uow.practices.get(practice_id) is None:
        raise NotFound("no such practice")
    return BY_NAME.page(uow.therapists.of_practice(practice_id, status, name, BY_NAME.position(cursor), limit), limit)


def can_manage(principal: Principal | None, therapist: Therapist) -> bool:
    """Staff of the therapist's practice, admins, and the therapist themself."""
    return may_see(principal, therapist.practice_id, therapist.id)


def get_therapist(uow: UnitOfWork, principal: Principal | None, therapist_id: str) -> Therapist:
    therapist = uow.therapists.get(therapist_id)
    # Drafts and unpublished profiles exist only for those who manage them.
    if therapist is None or (therapist.status != PUBLISHED and not can_manage(principal, therapist)):
        raise NotFound("no such therapist")
    return therapist


def managed_therapist(uow: UnitOfWork, principal: Principal, therapist_id: str) -> Therapist:
    """A therapist the caller may change: 404 if they may not even see it, 403 if only see it."""
    therapist = get_therapist(uow, principal, therapist_id)
    if not can_manage(principal, therapist):
        raise Forbidden("only the practice's staff or the therapist may change this profile")
    return therapist


def staff_therapist(uow: UnitOfWork, principal: Principal, therapist_id: str) -> Therapist:
    therapist = get_therapist(uow, principal, therapist_id)
    if not may_manage(principal, therapist.practice_id):
        if can_manage(principal, therapist) or therapist.status == PUBLISHED:
            raise Forbidden("only the practice's staff may do this")
        raise NotFound("no such therapist")
    return therapist


def edit_therapist(uow: UnitOfWork, principal: Principal, therapist_id: str, changes: dict,
                   expected_version: IfMatch) -> Therapist:
    """Change profile fields (If-Match version checked); a published profile's change is announced."""
    with uow:
        therapist = managed_therapist(uow, principal, therapist_id)
        check_if_match(therapist.version, expected_version, "profile")
        if principal.role == "therapist" and STAFF_ONLY_FIELDS & set(changes):
            fields = sorted(STAFF_ONLY_FIELDS & set(changes))
            raise Forbidden("these fields are set by the practice's staff", slug="staff-only-field",
                            errors=[{"in": "json", "field": f, "message": "staff only"} for f in fields])
        changes = dict(changes)
        if "locations" in changes:
            checked = check_profile_fields({"locations": changes["locations"]})
            changes["locations"] = place_locations(checked["locations"])
        version = therapist.version
        therapist.edit(changes, utcnow())
        check_statements_cover_specialties(therapist)
        _check_supervisor(uow, therapist)
        save_if_match(uow.therapists, therapist, version, "profile")
        if therapist.status == PUBLISHED:
            announce(uow, therapist, published.THERAPIST_UPDATED)
        uow.commit()
        return therapist


def publish_therapist(uow: UnitOfWork, principal: Principal, therapist_id: str) -> Therapist:
    with uow:
        therapist = staff_therapist(uow, principal, therapist_id)
        version = therapist.version
        therapist.publish(utcnow(), uow.licenses.for_therapist(therapist.id))
        uow.therapists.save(therapist, version)
        announce(uow, therapist, published.THERAPIST_PUBLISHED)
        uow.commit()
        return therapist


def unpublish_therapist(uow: UnitOfWork, principal: Principal, therapist_id: str, reason: str) -> Therapist:
    with uow:
        therapist = staff_therapist(uow, principal, therapist_id)
        version = therapist.version
        therapist.unpublish(utcnow(), reason)
        uow.therapists.save(therapist, version)
        announce(uow, therapist, published.THERAPIST_UNPUBLISHED)
        uow.commit()
        return therapist


def announce(uow: UnitOfWork, therapist: Therapist, event_type: str) -> None:
    """Bring the search rows up to date and queue the event, in the caller's transaction."""
    licenses = uow.licenses.for_therapist(therapist.id)
    uow.directory.sync(therapist, sorted({lic.state for lic in valid_licenses(licenses, utcnow().date())}))
    practice = uow.practices.get(therapist.practice_id)
    uow.emit(published.therapist_event(event_type, therapist, practice, licenses))


def _check_supervisor(uow: UnitOfWork, therapist: Therapist) -> None:
    if therapist.supervisor_id is None:
        return
    supervisor = uow.therapists.get(therapist.supervisor_id)
    if supervisor is None or supervisor.practice_id != therapist.practice_id or supervisor.id == therapist.id:
        raise Invalid("the supervisor must be another therapist of the same practice",
                      errors=[{"in": "json", "field": "supervisor_id", "message": "not a colleague"}])


def fhir_view(uow: UnitOfWork, principal: Principal | None, therapist_id: str) -> dict:
    """The therapist as a FHIR R4 Bundle (Practitioner + PractitionerRole)."""
    therapist = get_therapist(uow, principal, therapist_id)
    practice = uow.practices.get(therapist.practice_id)
    return fhir.bundle(therapist, practice, uow.licenses.for_therapist(therapist.id), utcnow().date())

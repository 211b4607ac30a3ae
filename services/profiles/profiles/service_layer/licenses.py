"""Use cases for licenses: record, verify, and delist therapists whose licenses lapsed."""
from __future__ import annotations

import datetime as dt
import logging
import uuid

from rapport_shared.db import Database, utcnow
from rapport_shared.errors import ChangedMeanwhile, Conflict, NotFound
from rapport_shared.principal import Principal

from ..domain import licenses as rules
from ..domain.licenses import EXPIRED, License
from ..domain.therapists import PUBLISHED
from ..messaging import published
from .therapists import announce, get_therapist, managed_therapist, staff_therapist
from .unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


def list_licenses(uow: UnitOfWork, principal: Principal | None, therapist_id: str) -> list[License]:
    get_therapist(uow, principal, therapist_id)
    return uow.licenses.for_therapist(therapist_id)


def add_license(uow: UnitOfWork, principal: Principal, therapist_id: str, fields: dict) -> License:
    """Record a license (unverified); staff of the practice or the therapist themself."""
    with uow:
        therapist = managed_therapist(uow, principal, therapist_id)
        license_ = new_license(therapist.id, fields, utcnow())
        stage_license(uow, license_)
        uow.commit()
        return license_


def new_license(therapist_id: str, fields: dict, now: dt.datetime) -> License:
    """An unverified license that passed every rule of recording one; not stored yet."""
    rules.check_new_license(fields, now.date())
    return License(id=str(uuid.uuid4()), therapist_id=therapist_id, type=fields["type"],
                   number=fields["number"].strip(), state=fields["state"], expires_on=fields["expires_on"],
                   created_at=now)


def stage_license(uow: UnitOfWork, license_: License) -> None:
    """Store a new license in the caller's transaction (the caller commits). Unverified, it changes
    nothing booking or billing hold, so it is not announced (verifying it is, once published)."""
    uow.licenses.add(license_)


def verify_license(uow: UnitOfWork, principal: Principal, therapist_id: str, license_id: str) -> License:
    """Staff or an administrator record that they checked the license with the state board."""
    with uow:
        therapist = staff_therapist(uow, principal, therapist_id)
        license_ = uow.licenses.get(license_id)
        if license_ is None or license_.therapist_id != therapist.id:
            raise NotFound("no such license")
        rules.verify(license_, principal.role, principal.subject, principal.therapist_id, utcnow())
        if not uow.licenses.record_verification(license_):
            raise Conflict("the license is already verified", slug="already-verified")
        if therapist.status == PUBLISHED:
            # Licensed states and types are part of what booking and billing hold.
            version = therapist.version
            therapist.touch(utcnow())
            uow.therapists.save(therapist, version)
            announce(uow, therapist, published.THERAPIST_UPDATED)
        uow.commit()
        return license_


def delist_lapsed(database: Database, exchange: str, today: dt.date | None = None) -> list[str]:
    """Mark lapsed licenses expired and unpublish therapists left without a valid one.

    Safe with several workers: each therapist is handled in its own transaction whose write is
    conditional on the version read, so a second worker's attempt changes nothing.
    Returns the ids of therapists unpublished by this call.
    """
    today = today or utcnow().date()
    with database.reader() as session:
        candidates = UnitOfWork(session, exchange).licenses.therapists_with_lapsed_licenses(today)
    delisted = []
    for therapist_id in candidates:
        with database.writer() as session:
            try:
                if _delist_one(UnitOfWork(session, exchange), therapist_id, today):
                    delisted.append(therapist_id)
            except ChangedMeanwhile:
                pass  # another worker (or an edit) got there first; next run looks again
    if delisted:
        log.info("therapists delisted for lapsed licenses", extra={"count": len(delisted)})
    return delisted


def _delist_one(uow: UnitOfWork, therapist_id: str, today: dt.date) -> bool:
    with uow:
        therapist = uow.therapists.get(therapist_id)
        if therapist is None or therapist.status != PUBLISHED:
            return False
        licenses = uow.licenses.for_therapist(therapist_id)
        lapsed = [lic for lic in licenses if lic.verified and lic.status == rules.ACTIVE and lic.expires_on < today]
        if not lapsed:
            return False
        version = therapist.version
        now = utcnow()
        if rules.valid_licenses(licenses, today):
            # Still listable on another license: the lapsed one stops counting (states, types).
            therapist.touch(now)
            event_type = published.THERAPIST_UPDATED
        else:
            therapist.unpublish(now, rules.expired_reason(lapsed))
            event_type = published.THERAPIST_UNPUBLISHED
        uow.therapists.save(therapist, version)  # raises ChangedMeanwhile if another worker won
        for lic in lapsed:
            lic.status = EXPIRED
            uow.licenses.update(lic)
        announce(uow, therapist, event_type)
        uow.commit()
        return event_type == published.THERAPIST_UNPUBLISHED

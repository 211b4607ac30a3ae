"""The availability summary profiles ranks on: a therapist's next open screening slots."""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from ..domain.availability import Availability
from ..domain.slots import free_slots
from ..domain.therapists import BookableTherapist
from ..messaging import published
from .ports import UnitOfWork

NEXT = 5
STALE_AFTER = dt.timedelta(hours=1)


def next_slots(uow: UnitOfWork, availability: Availability, now: dt.datetime) -> list[str]:
    """Up to five UTC starts of free screening slots, soonest first (a week ahead, then further)."""
    horizon = availability.settings.horizon_days + 1
    for days in (min(7, horizon), horizon):
        end = now + dt.timedelta(days=days)
        busy = uow.reservations.busy(availability.therapist_id, now - dt.timedelta(days=2), end + dt.timedelta(days=2))
        slots = free_slots(availability, busy, (now, end), now, limit=NEXT)
        if len(slots) >= NEXT or days == horizon:
            return [s.start.isoformat().replace("+00:00", "Z") for s in slots]
    return []


def refresh(uow: UnitOfWork, therapist_id: str, now: dt.datetime, *, force: bool = False,
            known: tuple[BookableTherapist, Availability] | None = None) -> bool:
    """Emit a new summary if the next slots changed (or it is stale); the caller commits. `known`: the
    therapist and availability the caller read in this transaction, so they are not read again."""
    therapist, availability = known or (uow.therapists.get(therapist_id), uow.availability.get(therapist_id))
    if therapist is None or availability is None:
        return False
    slots = next_slots(uow, availability, now)
    digest = hashlib.sha256(json.dumps([slots, availability.settings.booking_mode,
                                        list(availability.settings.formats), availability.timezone,
                                        therapist.listed]).encode()).hexdigest()
    current = uow.summaries.get(therapist_id)
    if current is not None and current.digest == digest and not force and now - current.computed_at < STALE_AFTER:
        return False
    version = (current.version + 1) if current else 1
    if not uow.summaries.put(therapist_id, slots, digest, now, version):
        return False  # a concurrent writer published a fresher one
    uow.emit(published.availability_summary_event(therapist, availability, slots, now, version))
    return True


def refresh_one(uow: UnitOfWork, therapist_id: str, now: dt.datetime) -> bool:
    """The periodic refresh of one therapist's summary, in its own transaction; True if one was emitted."""
    with uow:
        emitted = refresh(uow, therapist_id, now)
        uow.commit()
    return emitted

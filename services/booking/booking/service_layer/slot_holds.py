"""The time a screening call holds: whether a start is a free slot, and requests whose hold lapsed."""
from __future__ import annotations

import datetime as dt

from rapport_shared.errors import ChangedMeanwhile, Invalid, NotFound

from ..domain import consultations as model
from ..domain.availability import Availability
from ..domain.slots import SlotTaken, free_slots
from ..domain.therapists import BookableTherapist
from ..messaging import published
from .availability import slots_between
from .ports import UnitOfWork

HOLDER = "consultation"  # whose reservations these are (appointments hold time too)


def slot_offered(uow: UnitOfWork, availability: Availability, start: dt.datetime, now: dt.datetime,
                 exclude: str | None = None) -> None:
    """409 unless `start` is a free slot now; 422 if it is not a slot the therapist offers at all."""
    if not now <= start <= now + dt.timedelta(days=availability.settings.horizon_days + 1):
        raise Invalid("that time is outside the booking horizon", slug="not-a-slot",
                      errors=[{"in": "json", "field": "start", "message": "not an offered slot"}])
    window = (start, start + dt.timedelta(minutes=1))
    if any(s.start == start for s in slots_between(uow, availability, window, now, exclude)):
        return
    if not any(s.start == start for s in free_slots(availability, [], window, now)):
        raise Invalid("that time is not one of the therapist's screening slots", slug="not-a-slot",
                      errors=[{"in": "json", "field": "start", "message": "not an offered slot"}])
    raise SlotTaken("that slot is no longer free", slug="slot-unavailable")


def bookable(uow: UnitOfWork, therapist_id: str) -> tuple[BookableTherapist, Availability]:
    """The therapist and their availability, if listed and taking bookings."""
    therapist = uow.therapists.get(therapist_id)
    # Locked: the exclusion constraint forbids overlaps; the lock keeps buffers and the daily cap exact.
    availability = uow.availability.get(therapist_id, for_update=True)
    if therapist is None or not therapist.listed or availability is None:
        raise NotFound("no such therapist taking bookings")
    return therapist, availability


def release_expired_holds(uow: UnitOfWork, now: dt.datetime, therapist_id: str | None = None) -> int:
    """Requests the therapist did not answer in time give their slot back (the caller commits)."""
    released = 0
    for consultation_id in uow.consultations.expired_holds(now, therapist_id):
        consultation = uow.consultations.get(consultation_id)
        if consultation is None or consultation.status != model.REQUESTED:
            continue  # a concurrent request or worker expired it first
        version = consultation.version
        consultation.expire(now)
        try:
            uow.consultations.save(consultation, version)
        except ChangedMeanwhile:
            continue  # a concurrent request or worker expired it first
        uow.reservations.release(HOLDER, consultation.id)
        uow.emit(published.consultation_event("cancelled", consultation))
        released += 1
    return released


def expire_unanswered(uow: UnitOfWork, now: dt.datetime) -> int:
    """Expire every request whose hold lapsed, giving its slot back (a worker job)."""
    with uow:
        released = release_expired_holds(uow, now)
        uow.commit()
    return released

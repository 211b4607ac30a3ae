"""Use cases: a therapist's availability, and the free slots it leaves."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid, NotFound
from rapport_shared.principal import Principal

from ..domain import availability as rules
from ..domain.availability import Availability, ConsultationSettings, DateException, WeeklyWindow
from ..domain.slots import Slot, free_slots, local_instant
from . import summaries
from .directory import therapist_for_staff
from .ports import UnitOfWork

MAX_RANGE_DAYS = 62


def get_availability(uow: UnitOfWork, principal: Principal, therapist_id: str):
    """(therapist, availability or None) for the therapist's practice staff and the therapist."""
    therapist = therapist_for_staff(uow, principal, therapist_id)
    return therapist, uow.availability.get(therapist_id)


def put_availability(uow: UnitOfWork, principal: Principal, therapist_id: str, fields: dict,
                     now: dt.datetime | None = None):
    """Replace the therapist's availability; the summary profiles matches on follows."""
    now = now or utcnow()
    with uow:
        therapist = therapist_for_staff(uow, principal, therapist_id)
        current = uow.availability.get(therapist_id)
        availability = Availability(
            therapist_id=therapist_id,
            timezone=fields.get("timezone") or therapist.time_zone,
            weekly=[WeeklyWindow(w["weekday"], w["start"], w["end"]) for w in fields.get("weekly", [])],
            exceptions=[DateException(e["date"], e["kind"], e.get("start"), e.get("end"))
                        for e in fields.get("exceptions", [])],
            settings=ConsultationSettings(**{**fields.get("settings", {}),
                                             "formats": tuple(fields.get("settings", {}).get(
                                                 "formats", ConsultationSettings.formats))}),
            version=(current.version + 1) if current else 1,
        )
        rules.validate(availability)
        uow.availability.put(availability, now, existed=current is not None)
        summaries.refresh(uow, therapist_id, now)
        uow.commit()
    return therapist, availability


def date_window(start_date: dt.date, end_date: dt.date, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """[start of start_date, end of end_date) in `zone`, as UTC instants."""
    if end_date < start_date:
        raise Invalid("`to` is before `from`", errors=[{"in": "query", "field": "to", "message": "before from"}])
    if (end_date - start_date).days >= MAX_RANGE_DAYS:
        raise Invalid(f"ask for at most {MAX_RANGE_DAYS} days at a time",
                      errors=[{"in": "query", "field": "to", "message": f"at most {MAX_RANGE_DAYS} days"}])
    try:
        return (local_instant(start_date, dt.time(0), zone),
                local_instant(end_date + dt.timedelta(days=1), dt.time(0), zone))
    except OverflowError as exc:
        raise Invalid("dates out of range", errors=[{"in": "query", "field": "to", "message": "out of range"}]) from exc


def public_slots(uow: UnitOfWork, therapist_id: str, start_date: dt.date, end_date: dt.date, tz: str | None,
                 now: dt.datetime | None = None):
    """Free screening slots of a listed therapist between two dates of the client's zone."""
    now = now or utcnow()
    therapist = uow.therapists.get(therapist_id)
    if therapist is None or not therapist.listed:
        raise NotFound("no such therapist")
    availability = uow.availability.get(therapist_id)
    zone = rules.zone_or_invalid(tz or (availability.timezone if availability else therapist.time_zone), "tz")
    window = date_window(start_date, end_date, zone)
    slots = slots_between(uow, availability, window, now) if availability else []
    return therapist, availability, zone, slots


def slots_between(uow: UnitOfWork, availability: Availability, window, now, exclude: str | None = None) -> list[Slot]:
    """Free slots in `window`, from what is taken around it (the booking `exclude` aside)."""
    window = (max(window[0], now), min(window[1], now + dt.timedelta(days=availability.settings.horizon_days + 1)))
    if window[0] >= window[1]:
        return []
    # Busy a day beyond each end: buffers and the daily cap look past the window's edges.
    margin = dt.timedelta(days=2)
    busy = uow.reservations.busy(availability.therapist_id, window[0] - margin, window[1] + margin, exclude)
    return free_slots(availability, busy, window, now)

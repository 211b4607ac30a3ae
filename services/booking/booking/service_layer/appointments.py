"""Use cases for billable therapy appointments; their completion is what billing charges."""
from __future__ import annotations

import datetime as dt
import uuid

from rapport_shared.access import visible
from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid, NotFound
from rapport_shared.pagination import Page
from rapport_shared.principal import Principal

from ..domain.appointments import SCHEDULED, Appointment
from ..domain.availability import GRANULARITY_MIN
from ..domain.ordering import BY_START
from ..messaging import published
from . import summaries
from .directory import therapist_for_staff
from .ports import UnitOfWork

HOLDER = "appointment"
MAX_REACH = dt.timedelta(days=730)


def schedule(uow: UnitOfWork, principal: Principal, fields: dict, now: dt.datetime | None = None) -> Appointment:
    """Book a session for a client of the therapist's practice; 409 if the therapist's time is taken."""
    now = now or utcnow()
    with uow:
        therapist = therapist_for_staff(uow, principal, fields["therapist_id"])
        client = uow.clients.get(fields["client_id"])
        if client is None or client.practice_id != therapist.practice_id:
            raise Invalid("no such client in the therapist's practice",
                          errors=[{"in": "json", "field": "client_id", "message": "unknown client"}])
        start = fields["start"].astimezone(dt.timezone.utc)
        if not now - MAX_REACH <= start <= now + MAX_REACH:
            raise Invalid("appointments are booked within two years of today",
                          errors=[{"in": "json", "field": "start", "message": "out of range"}])
        if start.minute % GRANULARITY_MIN or start.second or start.microsecond:
            raise Invalid("appointments start on 5-minute marks",
                          errors=[{"in": "json", "field": "start", "message": "on a 5-minute mark"}])
        appointment = Appointment(
            id=str(uuid.uuid4()), practice_id=therapist.practice_id, therapist_id=therapist.id, client_id=client.id,
            start_at=start, end_at=start + dt.timedelta(minutes=fields["duration_min"]),
            duration_min=fields["duration_min"], service_code=fields["service_code"], format=fields["format"],
            status=SCHEDULED, created_at=now, updated_at=now)
        version = client.version
        if client.register(now):  # a first billable session makes a prospect the practice's client
            uow.clients.save(client, version)
            uow.emit(published.client_event(published.CLIENT_REGISTERED, client))
        uow.appointments.add(appointment)
        uow.reservations.claim(therapist.id, appointment.start_at, appointment.end_at, HOLDER, appointment.id)
        uow.emit(published.appointment_event("scheduled", appointment))
        summaries.refresh(uow, therapist.id, now)
        uow.commit()
        return appointment


def get(uow: UnitOfWork, principal: Principal, appointment_id: str) -> Appointment:
    """An appointment, to its therapist and its practice's staff."""
    appointment = uow.appointments.get(appointment_id)
    therapist_id = appointment.therapist_id if appointment else None
    return visible(principal, appointment, "appointment", therapist_id=therapist_id)


def complete(uow: UnitOfWork, principal: Principal, appointment_id: str, actual_duration_min: int | None,
             now: dt.datetime | None = None) -> Appointment:
    """Record the session as held; billing charges from the event this emits."""
    with uow:
        appointment = get(uow, principal, appointment_id)
        version = appointment.version
        appointment.complete(now or utcnow(), actual_duration_min)
        uow.appointments.save(appointment, version)
        uow.emit(published.appointment_event("completed", appointment))
        uow.commit()
    return appointment


def cancel(uow: UnitOfWork, principal: Principal, appointment_id: str, reason: str | None,
           now: dt.datetime | None = None) -> Appointment:
    """Cancel a scheduled session; its time becomes free again."""
    now = now or utcnow()
    with uow:
        appointment = get(uow, principal, appointment_id)
        version = appointment.version
        appointment.cancel(now, reason)
        uow.appointments.save(appointment, version)
        uow.reservations.release(HOLDER, appointment.id)
        uow.emit(published.appointment_event("cancelled", appointment))
        summaries.refresh(uow, appointment.therapist_id, now)
        uow.commit()
    return appointment


def listing(uow: UnitOfWork, principal: Principal, filters: dict, cursor: str | None,
            limit: int) -> Page[Appointment]:
    """Appointments the caller may see: a therapist their own, staff their practice's."""
    therapist_id = filters.get("therapist_id")
    if principal.role == "therapist":
        if therapist_id not in (None, principal.therapist_id):
            raise NotFound("no such therapist")
        therapist_id = principal.therapist_id
    return uow.appointments.page(practice_id=None if principal.is_admin else principal.practice_id,
                                 therapist_id=therapist_id, client_id=filters.get("client_id"),
                                 status=filters.get("status"), start_from=filters.get("start_from"),
                                 start_to=filters.get("start_to"), after=BY_START.position(cursor), limit=limit)

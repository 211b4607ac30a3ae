"""Use cases changing a booked screening call: the client's (with the manage token) and the practice's."""
from __future__ import annotations

import datetime as dt

from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid
from rapport_shared.principal import Principal

from ..domain import consultations as model
from ..domain.consultations import Consultation, check_client_notice
from ..messaging import published
from . import reminders, summaries
from .consultations import Caller, find
from .ports import UnitOfWork
from .slot_holds import HOLDER, bookable, release_expired_holds, slot_offered


def _save(uow: UnitOfWork, consultation: Consultation, version: int, what: str) -> Consultation:
    """Write the change, tell the others, and refresh the summary; then commit the whole use case."""
    uow.consultations.save(consultation, version)
    uow.emit(published.consultation_event(what, consultation))
    summaries.refresh(uow, consultation.therapist_id, consultation.updated_at)
    uow.commit()
    return consultation


def cancel(uow: UnitOfWork, caller: Caller, consultation_id: str, reason: str | None,
           now: dt.datetime | None = None) -> Consultation:
    """Cancel: clients up to the notice window; staff and the therapist any time (with a reason inside it)."""
    now = now or utcnow()
    with uow:
        consultation = find(uow, caller, consultation_id)
        availability = uow.availability.get(consultation.therapist_id)
        notice = availability.settings.cancel_notice_min if availability else 0
        if consultation.status == model.CONFIRMED:
            check_client_notice(consultation, now, notice, "cancel", reason, caller.is_staff)
        version = consultation.version
        consultation.cancel(now, reason or ("cancelled by the practice" if caller.is_staff else
                                            "cancelled by the client"))
        uow.reservations.release(HOLDER, consultation.id)
        uow.reminders.cancel_pending(consultation.id)
        return _save(uow, consultation, version, "cancelled")


def reschedule(uow: UnitOfWork, caller: Caller, consultation_id: str, start: dt.datetime, reason: str | None,
               now: dt.datetime | None = None) -> Consultation:
    """Move the call to another free slot in one transaction: the old slot is kept if the new is taken.
    Its own start again (however written) changes nothing: the call as it is, no event, reminders kept."""
    now = now or utcnow()
    with uow:
        consultation = find(uow, caller, consultation_id)
        start = start.astimezone(dt.timezone.utc)
        if not consultation.moves_to(start):
            return consultation
        therapist, availability = bookable(uow, consultation.therapist_id)
        check_client_notice(consultation, now, availability.settings.reschedule_notice_min, "reschedule", reason,
                            caller.is_staff)
        release_expired_holds(uow, now, therapist.id)
        version = consultation.version
        consultation.reschedule(start, dt.timedelta(minutes=availability.settings.duration_min), now)
        slot_offered(uow, availability, start, now, exclude=consultation.id)
        uow.reservations.move(HOLDER, consultation.id, consultation.start_at, consultation.end_at)
        if consultation.status == model.CONFIRMED:
            uow.reminders.cancel_pending(consultation.id)
            reminders.schedule(uow, consultation, now)
        return _save(uow, consultation, version, "rescheduled")


def _for_practice(uow: UnitOfWork, principal: Principal, consultation_id: str) -> Consultation:
    return find(uow, Caller(principal=principal), consultation_id)


def confirm(uow: UnitOfWork, principal: Principal, consultation_id: str,
            now: dt.datetime | None = None) -> Consultation:
    """Confirm a requested call (or a lapsed request, if its slot is still free)."""
    now = now or utcnow()
    with uow:
        consultation = _for_practice(uow, principal, consultation_id)
        version = consultation.version
        was = consultation.status
        consultation.confirm(now)
        if was == model.EXPIRED:  # its hold lapsed: confirming late takes the slot again if still free
            uow.reservations.claim(consultation.therapist_id, consultation.start_at, consultation.end_at, HOLDER,
                                   consultation.id)
        reminders.schedule(uow, consultation, now)
        return _save(uow, consultation, version, "confirmed")


def decline(uow: UnitOfWork, principal: Principal, consultation_id: str, reason: str | None,
            suggested_therapist_id: str | None, now: dt.datetime | None = None) -> Consultation:
    """Decline a requested call, optionally suggesting another listed therapist."""
    now = now or utcnow()
    with uow:
        consultation = _for_practice(uow, principal, consultation_id)
        if suggested_therapist_id is not None:
            suggested = uow.therapists.get(suggested_therapist_id)
            if suggested is None or not suggested.listed or suggested_therapist_id == consultation.therapist_id:
                raise Invalid("suggest another listed therapist", errors=[
                    {"in": "json", "field": "suggested_therapist_id", "message": "not a listed therapist"}])
        version = consultation.version
        consultation.decline(now, reason, suggested_therapist_id)
        uow.reservations.release(HOLDER, consultation.id)
        return _save(uow, consultation, version, "declined")


def complete(uow: UnitOfWork, principal: Principal, consultation_id: str,
             now: dt.datetime | None = None) -> Consultation:
    """Record that the call took place (never billable)."""
    return _ended(uow, principal, consultation_id, "completed", now or utcnow())


def no_show(uow: UnitOfWork, principal: Principal, consultation_id: str,
            now: dt.datetime | None = None) -> Consultation:
    """Record that the client did not come."""
    return _ended(uow, principal, consultation_id, "no_show", now or utcnow())


def _ended(uow: UnitOfWork, principal: Principal, consultation_id: str, how: str, now: dt.datetime) -> Consultation:
    with uow:
        consultation = _for_practice(uow, principal, consultation_id)
        version = consultation.version
        if how == "completed":
            consultation.complete(now)
        else:
            consultation.no_show(now)
        uow.reminders.cancel_pending(consultation.id)
        return _save(uow, consultation, version, how)

"""Use cases for screening calls: book, view, manage with the token, and the therapist's lifecycle."""
from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass

from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid, NotFound, PreconditionFailed
from rapport_shared.principal import Principal

from ..adapters.reservations import SlotTaken
from ..adapters.sealing import Sealer, token_hash
from ..domain import consultations as model
from ..domain.clients import Client, split_name
from ..domain.consultations import Attendee, Consultation, check_client_notice
from ..domain.slots import free_slots
from ..messaging import published
from . import reminders, summaries
from .availability import slots_between
from .unit_of_work import UnitOfWork

HOLDER = "consultation"


@dataclass(frozen=True)
class Caller:
    """Who is acting on a consultation: a staff/therapist principal, or a client with its token."""

    principal: Principal | None = None
    manage_token: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.principal is not None


@dataclass
class Booked:
    consultation: Consultation
    manage_token: str


def _slot_offered(uow: UnitOfWork, availability, start: dt.datetime, now: dt.datetime,
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


def _bookable(uow: UnitOfWork, therapist_id: str):
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
        except PreconditionFailed:
            continue  # a concurrent request or worker expired it first
        uow.reservations.release(HOLDER, consultation.id)
        uow.emit(published.consultation_event("cancelled", consultation))
        released += 1
    return released


def book(uow: UnitOfWork, fields: dict, sealer: Sealer, now: dt.datetime | None = None) -> Booked:
    """Book a screening call: confirmed at once (instant mode) or requested, holding the slot."""
    now = now or utcnow()
    therapist, availability = _bookable(uow, fields["therapist_id"])
    settings = availability.settings
    if fields["format"] not in settings.formats:
        raise Invalid("the therapist does not offer that format", errors=[
            {"in": "json", "field": "format", "message": f"one of {', '.join(settings.formats)}"}])
    start = fields["start"].astimezone(dt.timezone.utc)
    release_expired_holds(uow, now, therapist.id)
    _slot_offered(uow, availability, start, now)

    contact = fields["client"]
    consent = fields.get("consent", {})
    first, last = split_name(contact["name"])
    client = Client(id=str(uuid.uuid4()), practice_id=therapist.practice_id, first_name=first, last_name=last,
                    created_at=now, updated_at=now, email=contact.get("email"), phone=contact.get("phone"),
                    timezone=contact["timezone"], consent_email=consent.get("email", False),
                    consent_sms=consent.get("sms", False), consent_voicemail=consent.get("voicemail", False))
    attendees = [Attendee(str(uuid.uuid4()), contact["name"], client.email, client.phone, client.timezone, True,
                          None, client.consent_email, client.consent_sms, client.consent_voicemail)]
    for p in fields.get("participants", []):
        c = p.get("consent", {})
        attendees.append(Attendee(str(uuid.uuid4()), p["name"], p.get("email"), p.get("phone"), p["timezone"],
                                  False, p.get("relationship"), c.get("email", False), c.get("sms", False),
                                  c.get("voicemail", False)))
    instant = settings.booking_mode == "instant"
    consultation = Consultation(
        id=str(uuid.uuid4()), practice_id=therapist.practice_id, therapist_id=therapist.id, client_id=client.id,
        start_at=start, end_at=start + dt.timedelta(minutes=settings.duration_min), format=fields["format"],
        status=model.CONFIRMED if instant else model.REQUESTED, created_at=now, updated_at=now,
        hold_expires_at=None if instant else now + dt.timedelta(minutes=settings.request_hold_min),
        attendees=attendees)
    concerns = {"concerns": fields.get("concerns"), "questions": fields.get("questions", []),
                "other_questions": fields.get("other_questions")}
    token = secrets.token_urlsafe(32)

    uow.clients.add(client)
    uow.consultations.add_new(consultation, token_hash(token), sealer.seal(concerns))
    uow.reservations.claim(therapist.id, consultation.start_at, consultation.end_at, HOLDER, consultation.id)
    if instant:
        reminders.schedule(uow, consultation, now)
    uow.emit(published.client_event(published.CLIENT_REGISTERED, client))
    uow.emit(published.consultation_event(consultation.status, consultation))
    summaries.refresh(uow, therapist.id, now)
    return Booked(consultation, token)


def find(uow: UnitOfWork, caller: Caller, consultation_id: str) -> Consultation:
    """The consultation, if the caller may see it: its own token, its therapist, its practice's staff."""
    consultation = uow.consultations.get(consultation_id)
    if consultation is not None:
        principal = caller.principal
        if principal is not None:
            if principal.role == "therapist" and principal.is_therapist(consultation.therapist_id):
                return consultation
            if principal.role in ("admin", "staff") and principal.in_practice(consultation.practice_id):
                return consultation
        elif caller.manage_token:
            owned = uow.consultations.by_token_hash(token_hash(caller.manage_token))
            if owned is not None and owned.id == consultation.id:
                return consultation
    raise NotFound("no such consultation")


def read_concerns(uow: UnitOfWork, principal: Principal, consultation: Consultation, sealer: Sealer,
                  request_id: str | None, now: dt.datetime | None = None) -> dict | None:
    """The client's concerns (PHI), for staff and the therapist; every read is audited."""
    sealed = uow.consultations.concerns_sealed(consultation.id)
    if sealed is None:
        return None
    uow.audit.record(actor=principal.subject, actor_role=principal.role, action="read",
                     resource=f"consultations/{consultation.id}/concerns", practice_id=consultation.practice_id,
                     request_id=request_id, now=now or utcnow())
    uow.commit()
    return sealer.open(sealed)


def _save(uow: UnitOfWork, consultation: Consultation, version: int, what: str) -> Consultation:
    uow.consultations.save(consultation, version)
    uow.emit(published.consultation_event(what, consultation))
    summaries.refresh(uow, consultation.therapist_id, consultation.updated_at)
    uow.commit()
    return consultation


def cancel(uow: UnitOfWork, caller: Caller, consultation_id: str, reason: str | None,
           now: dt.datetime | None = None) -> Consultation:
    now = now or utcnow()
    consultation = find(uow, caller, consultation_id)
    availability = uow.availability.get(consultation.therapist_id)
    notice = availability.settings.cancel_notice_min if availability else 0
    if consultation.status == model.CONFIRMED:
        check_client_notice(consultation, now, notice, "cancel", reason, caller.is_staff)
    version = consultation.version
    consultation.cancel(now, reason or ("cancelled by the client" if not caller.is_staff else "cancelled by the practice"))
    uow.reservations.release(HOLDER, consultation.id)
    uow.reminders.cancel_pending(consultation.id)
    return _save(uow, consultation, version, "cancelled")


def reschedule(uow: UnitOfWork, caller: Caller, consultation_id: str, start: dt.datetime, reason: str | None,
               now: dt.datetime | None = None) -> Consultation:
    """Move the call to another free slot in one transaction: the old slot is kept if the new is taken."""
    now = now or utcnow()
    consultation = find(uow, caller, consultation_id)
    therapist, availability = _bookable(uow, consultation.therapist_id)
    check_client_notice(consultation, now, availability.settings.reschedule_notice_min, "reschedule", reason,
                        caller.is_staff)
    start = start.astimezone(dt.timezone.utc)
    release_expired_holds(uow, now, therapist.id)
    version = consultation.version
    consultation.reschedule(start, dt.timedelta(minutes=availability.settings.duration_min), now)
    _slot_offered(uow, availability, start, now, exclude=consultation.id)
    uow.reservations.move(HOLDER, consultation.id, consultation.start_at, consultation.end_at)
    if consultation.status == model.CONFIRMED:
        uow.reminders.cancel_pending(consultation.id)
        reminders.schedule(uow, consultation, now)
    return _save(uow, consultation, version, "rescheduled")


def _for_practice(uow: UnitOfWork, principal: Principal, consultation_id: str) -> Consultation:
    return find(uow, Caller(principal=principal), consultation_id)


def confirm(uow: UnitOfWork, principal: Principal, consultation_id: str, now: dt.datetime | None = None):
    now = now or utcnow()
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
            suggested_therapist_id: str | None, now: dt.datetime | None = None):
    now = now or utcnow()
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


def complete(uow: UnitOfWork, principal: Principal, consultation_id: str, now: dt.datetime | None = None):
    now = now or utcnow()
    consultation = _for_practice(uow, principal, consultation_id)
    version = consultation.version
    consultation.complete(now)
    uow.reminders.cancel_pending(consultation.id)
    return _save(uow, consultation, version, "completed")


def no_show(uow: UnitOfWork, principal: Principal, consultation_id: str, now: dt.datetime | None = None):
    now = now or utcnow()
    consultation = _for_practice(uow, principal, consultation_id)
    version = consultation.version
    consultation.no_show(now)
    uow.reminders.cancel_pending(consultation.id)
    return _save(uow, consultation, version, "no_show")


def listing(uow: UnitOfWork, principal: Principal, filters: dict, after, limit: int) -> list[Consultation]:
    """Consultations the caller may see: a therapist their own, staff their practice's."""
    therapist_id = filters.get("therapist_id")
    practice_id = None if principal.is_admin else principal.practice_id
    if principal.role == "therapist":
        if therapist_id not in (None, principal.therapist_id):
            raise NotFound("no such therapist")
        therapist_id = principal.therapist_id
    return uow.consultations.page(practice_id=practice_id, therapist_id=therapist_id, status=filters.get("status"),
                                  start_from=filters.get("start_from"), start_to=filters.get("start_to"),
                                  after=after, limit=limit)


def audit_trail(uow: UnitOfWork, principal: Principal, consultation_id: str) -> list[dict]:
    consultation = _for_practice(uow, principal, consultation_id)
    if principal.role not in ("admin", "staff"):
        raise NotFound("no such consultation")
    return uow.audit.for_resource_prefix(f"consultations/{consultation.id}/")

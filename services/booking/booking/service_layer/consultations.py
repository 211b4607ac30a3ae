"""Use cases for screening calls: book one, and see it (the client with its token, the therapist, the practice)."""
from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from rapport_shared.access import may_manage, may_see
from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid, NotFound
from rapport_shared.idempotency import IdempotentRequest, Reply
from rapport_shared.pagination import Page
from rapport_shared.principal import Principal

from ..adapters.sealing import Sealer, token_hash
from ..domain import consultations as model
from ..domain.availability import INSTANT
from ..domain.clients import Client, split_name
from ..domain.consultations import Attendee, Consultation
from ..domain.ordering import BY_START
from ..domain.reminders import Reminder
from ..messaging import published
from . import reminders, summaries
from .idempotency import answer_once
from .ports import UnitOfWork
from .slot_holds import HOLDER, bookable, release_expired_holds, slot_offered


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


@dataclass
class Detail:
    """A consultation as its caller may see it: staff and the therapist also see the concerns and
    the reminders (None in the client's own view)."""

    consultation: Consultation
    concerns: dict | None = None
    reminders: list[Reminder] | None = None


def book(uow: UnitOfWork, fields: dict, sealer: Sealer, present: Callable[[Booked], dict],
         request: IdempotentRequest | None = None, now: dt.datetime | None = None) -> Reply:
    """Book a screening call, confirmed at once (instant mode) or requested, holding the slot; answers
    (201, `present(booked)`). Under an Idempotency-Key the first answer is replayed."""
    now = now or utcnow()
    return answer_once(uow, request, sealer, now, lambda: (201, present(_place(uow, fields, sealer, now))))


def _place(uow: UnitOfWork, fields: dict, sealer: Sealer, now: dt.datetime) -> Booked:
    therapist, availability = bookable(uow, fields["therapist_id"])
    settings = availability.settings
    if fields["format"] not in settings.formats:
        raise Invalid("the therapist does not offer that format", errors=[
            {"in": "json", "field": "format", "message": f"one of {', '.join(settings.formats)}"}])
    start = fields["start"].astimezone(dt.timezone.utc)
    release_expired_holds(uow, now, therapist.id)
    slot_offered(uow, availability, start, now)

    contact = fields["client"]
    consent = fields.get("consent", {})
    first, last = split_name(contact["name"])
    client = Client(id=str(uuid.uuid4()), practice_id=therapist.practice_id, first_name=first, last_name=last,
                    created_at=now, updated_at=now, email=contact.get("email"), phone=contact.get("phone"),
                    timezone=contact["timezone"], consent_email=consent.get("email", False),
                    consent_sms=consent.get("sms", False), consent_voicemail=consent.get("voicemail", False))
    attendees = [Attendee(str(uuid.uuid4()), contact["name"], client.email, client.phone, contact["timezone"], True,
                          None, client.consent_email, client.consent_sms, client.consent_voicemail)]
    for p in fields.get("participants", []):
        c = p.get("consent", {})
        attendees.append(Attendee(str(uuid.uuid4()), p["name"], p.get("email"), p.get("phone"), p["timezone"],
                                  False, p.get("relationship"), c.get("email", False), c.get("sms", False),
                                  c.get("voicemail", False)))
    instant = settings.booking_mode == INSTANT
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
    # A screening caller is a prospect: booking keeps their contact details, billing hears nothing.
    uow.emit(published.consultation_event(consultation.status, consultation))
    summaries.refresh(uow, therapist.id, now, known=(therapist, availability))
    return Booked(consultation, token)


def find(uow: UnitOfWork, caller: Caller, consultation_id: str) -> Consultation:
    """The consultation, if the caller may see it: its own token, its therapist, its practice's staff."""
    consultation = uow.consultations.get(consultation_id)
    if consultation is not None:
        principal = caller.principal
        if principal is not None:
            if may_see(principal, consultation.practice_id, consultation.therapist_id):
                return consultation
        elif caller.manage_token:
            owned = uow.consultations.by_token_hash(token_hash(caller.manage_token))
            if owned is not None and owned.id == consultation.id:
                return consultation
    raise NotFound("no such consultation")


def read_concerns(uow: UnitOfWork, principal: Principal, consultation: Consultation, sealer: Sealer,
                  request_id: str | None, now: dt.datetime | None = None) -> dict | None:
    """The client's concerns (PHI), for staff and the therapist; every read is audited, the audit
    row committed before the concerns are opened."""
    with uow:
        sealed = uow.consultations.concerns_sealed(consultation.id)
        if sealed is None:
            return None
        uow.audit.record(actor=principal.subject, actor_role=principal.role, action="read",
                         resource=f"consultations/{consultation.id}/concerns", practice_id=consultation.practice_id,
                         request_id=request_id, now=now or utcnow())
        uow.commit()
    return sealer.open(sealed)


def detail(uow: UnitOfWork, audit_uow: UnitOfWork, caller: Caller, consultation_id: str, sealer: Sealer,
           request_id: str | None) -> Detail:
    """One consultation for its caller; a read of its concerns is audited through `audit_uow`."""
    consultation = find(uow, caller, consultation_id)
    if caller.principal is None:
        return Detail(consultation)
    concerns = read_concerns(audit_uow, caller.principal, consultation, sealer, request_id)
    return Detail(consultation, concerns, uow.reminders.for_consultation(consultation.id))


def reminders_of(uow: UnitOfWork, caller: Caller, consultation_id: str) -> list[Reminder]:
    """A consultation's reminders and their delivery status, to those who may see it."""
    return uow.reminders.for_consultation(find(uow, caller, consultation_id).id)


def listing(uow: UnitOfWork, principal: Principal, filters: dict, cursor: str | None,
            limit: int) -> Page[Consultation]:
    """Consultations the caller may see: a therapist their own, staff their practice's."""
    therapist_id = filters.get("therapist_id")
    practice_id = None if principal.is_admin else principal.practice_id
    if principal.role == "therapist":
        if therapist_id not in (None, principal.therapist_id):
            raise NotFound("no such therapist")
        therapist_id = principal.therapist_id
    return uow.consultations.page(practice_id=practice_id, therapist_id=therapist_id, status=filters.get("status"),
                                  start_from=filters.get("start_from"), start_to=filters.get("start_to"),
                                  after=BY_START.position(cursor), limit=limit)


def audit_trail(uow: UnitOfWork, principal: Principal, consultation_id: str) -> list[dict]:
    """Who read the consultation's concerns, and when (its practice's staff)."""
    consultation = find(uow, Caller(principal=principal), consultation_id)
    if not may_manage(principal, consultation.practice_id):
        raise NotFound("no such consultation")
    return uow.audit.for_resource_prefix(f"consultations/{consultation.id}/")

"""Use cases for reminders: schedule them with a confirmed call; send the due ones (a worker job)."""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable

from rapport_shared.db import Database, utcnow

from ..domain import consultations as model
from ..domain import reminders as rules
from ..domain.reminders import NotConfigured, Reminder
from .ports import UnitOfWork
from .unit_of_work import UnitOfWork as SqlUnitOfWork

log = logging.getLogger(__name__)
MANAGE_HINT = "To change or cancel, use the link in your booking confirmation or call the practice."


def schedule(uow: UnitOfWork, consultation, now: dt.datetime) -> None:
    """One reminder per attendee, consented channel with a contact, and lead time still ahead."""
    for attendee in consultation.attendees:
        channels = [c for c, consented, contact in (
            ("email", attendee.consent_email, attendee.email),
            ("sms", attendee.consent_sms, attendee.phone),
            ("voicemail", attendee.consent_voicemail, attendee.phone)) if consented and contact]
        for lead, due in rules.due_times(consultation.start_at, now).items():
            for channel in channels:
                uow.reminders.add(Reminder(str(uuid.uuid4()), consultation.id, attendee.id, channel, lead, due,
                                           next_attempt_at=due))


Sender = Callable[[str, str, str, str], None]  # (address, subject, body, channel)


def send_due(database: Database, exchange: str, senders: dict[str, Sender], now: Callable[[], dt.datetime] = utcnow,
             batch: int = 20) -> int:
    """Claim due reminders, send each on its channel, record the outcome; safe with two workers."""
    with database.writer() as session:
        claimed = claim_due(SqlUnitOfWork(session, exchange), now(), batch)
    for reminder in claimed:  # one transaction each: a claim is held while its message is sent
        with database.writer() as session:
            deliver(SqlUnitOfWork(session, exchange), reminder, senders, now())
    return len(claimed)


def claim_due(uow: UnitOfWork, now: dt.datetime, batch: int) -> list[Reminder]:
    """Mark up to `batch` due reminders as this worker's to send."""
    with uow:
        claimed = uow.reminders.claim_due(now, batch)
        uow.commit()
    return claimed


def deliver(uow: UnitOfWork, reminder: Reminder, senders: dict[str, Sender], now: dt.datetime) -> None:
    """Send one claimed reminder and record how it went (sent, retried later, failed, or not configured)."""
    with uow:
        _send(uow, reminder, senders, now)
        uow.reminders.finish(reminder)
        uow.commit()


def _send(uow: UnitOfWork, reminder: Reminder, senders: dict[str, Sender], now: dt.datetime) -> None:
    consultation = uow.consultations.get(reminder.consultation_id)
    if consultation is None or consultation.status != model.CONFIRMED:
        reminder.status = rules.CANCELLED  # no reminder for a cancelled (or moved-on) call
        return
    attendee = next((a for a in consultation.attendees if a.id == reminder.attendee_id), None)
    address = (attendee.email if reminder.channel == "email" else attendee.phone) if attendee else None
    sender = senders.get(reminder.channel)
    reminder.attempts += 1
    if attendee is None or sender is None or address is None:
        reminder.status, reminder.last_error = rules.NOT_CONFIGURED, f"no {reminder.channel} provider configured"
        return
    subject, body = rules.render(consultation.start_at, consultation.end_at, attendee.name, attendee.timezone,
                                 consultation.format, MANAGE_HINT)
    try:
        sender(address, subject, body, reminder.channel)
    except NotConfigured as exc:
        reminder.status, reminder.last_error = rules.NOT_CONFIGURED, str(exc)[:500]
    except Exception as exc:  # noqa: BLE001 - any delivery failure is retried, then dead
        reminder.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if reminder.attempts >= rules.MAX_ATTEMPTS:
            reminder.status = rules.FAILED
            log.warning("reminder dead-lettered", extra={"reminder_id": reminder.id, "attempts": reminder.attempts})
        else:
            reminder.status, reminder.next_attempt_at = rules.SCHEDULED, now + rules.retry_delay(reminder.attempts)
    else:
        reminder.status, reminder.sent_at, reminder.last_error = rules.SENT, now, None

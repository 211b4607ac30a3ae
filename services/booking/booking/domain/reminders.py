"""Reminders before a screening call: when they are due, and their discreet wording.

Discreet: no therapist specialty, no concerns, no clinical words; a neutral sender; the time in the
attendee's own zone."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rapport_shared.backoff import backoff_seconds

SCHEDULED, SENDING, SENT, FAILED, CANCELLED, NOT_CONFIGURED = (
    "scheduled", "sending", "sent", "failed", "cancelled", "not_configured")
LEADS = {"24h": dt.timedelta(hours=24), "1h": dt.timedelta(hours=1)}
MAX_ATTEMPTS = 5


class NotConfigured(Exception):
    """No provider is set up for this channel: recorded as such, never pretended sent."""


@dataclass
class Reminder:
    id: str
    consultation_id: str
    attendee_id: str
    channel: str
    lead: str
    due_at: dt.datetime
    status: str = SCHEDULED
    attempts: int = 0
    next_attempt_at: dt.datetime | None = None
    last_error: str | None = None
    sent_at: dt.datetime | None = None


def due_times(start: dt.datetime, now: dt.datetime) -> dict[str, dt.datetime]:
    """Lead -> when to send; leads already past are skipped, except that a call booked late still
    gets the 1 h reminder if there is time for it."""
    return {lead: start - delta for lead, delta in LEADS.items() if start - delta > now}


def retry_delay(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8 ... minutes between tries, at most an hour."""
    return dt.timedelta(seconds=backoff_seconds(attempts, base=60, cap=60 * 60))


def render(start: dt.datetime, end: dt.datetime, attendee_name: str, attendee_zone: str, format_: str,
           manage_hint: str) -> tuple[str, str]:
    """(subject, body) of a reminder: the time in the attendee's zone and nothing clinical."""
    zone = ZoneInfo(attendee_zone)
    local = start.astimezone(zone)
    when = f"{local:%A %d %B %Y at %H:%M} ({attendee_zone}, UTC{local:%z})"
    how = {"video": "by video", "phone": "by phone", "in_person": "in person"}.get(format_, "")
    first_name = attendee_name.split()[0] if attendee_name.split() else "there"
    subject = f"Reminder: your appointment on {local:%d %B} at {local:%H:%M}"
    body = (f"Hello {first_name},\n\nThis is a reminder of your appointment {how} on {when}, "
            f"lasting {int((end - start).total_seconds() // 60)} minutes.\n\n{manage_hint}\n")
    return subject, body

"""A screening call and its lifecycle; never billable.

requested -> confirmed | declined | expired;  confirmed -> completed | no_show;
requested | confirmed -> cancelled.  `requested` and `confirmed` hold the therapist's time.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rapport_shared.errors import Conflict

REQUESTED, CONFIRMED, DECLINED, EXPIRED = "requested", "confirmed", "declined", "expired"
CANCELLED, COMPLETED, NO_SHOW = "cancelled", "completed", "no_show"
HOLDS_TIME = (REQUESTED, CONFIRMED)
STATUSES = (REQUESTED, CONFIRMED, DECLINED, EXPIRED, CANCELLED, COMPLETED, NO_SHOW)
QUESTIONS = ("how_you_may_help", "experience_with_this", "process", "timeline")


@dataclass
class Attendee:
    """The client or an additional participant (partner, family member), each with own consent."""

    id: str
    name: str
    email: str | None
    phone: str | None
    timezone: str
    is_primary: bool = False
    relationship: str | None = None
    consent_email: bool = False
    consent_sms: bool = False
    consent_voicemail: bool = False

    @property
    def initials(self) -> str:
        return "".join(part[0].upper() for part in self.name.split()[:3] if part) or "?"


@dataclass
class Consultation:
    id: str
    practice_id: str
    therapist_id: str
    client_id: str
    start_at: dt.datetime
    end_at: dt.datetime
    format: str
    status: str
    created_at: dt.datetime
    updated_at: dt.datetime
    hold_expires_at: dt.datetime | None = None
    status_reason: str | None = None
    suggested_therapist_id: str | None = None
    version: int = 1
    attendees: list[Attendee] = field(default_factory=list)

    @property
    def holds_time(self) -> bool:
        return self.status in HOLDS_TIME

    @property
    def participant_count(self) -> int:
        return len(self.attendees)

    @property
    def primary(self) -> Attendee:
        return next(a for a in self.attendees if a.is_primary)

    def _check_may_become(self, allowed: tuple[str, ...], to: str) -> None:
        """The state machine's answer comes before any other rule of a change (timing, notice windows)."""
        if self.status not in allowed:
            raise Conflict(f"a {self.status} consultation cannot become {to}", slug="invalid-transition",
                           current_status=self.status)

    def _move(self, allowed: tuple[str, ...], to: str, now: dt.datetime, reason: str | None = None) -> None:
        self._check_may_become(allowed, to)
        self.status = to
        if reason is not None:
            self.status_reason = reason
        self.updated_at = now
        self.version += 1

    def confirm(self, now: dt.datetime) -> None:
        # An expired request may still be confirmed late if its time is still free (checked by the caller).
        self._move((REQUESTED, EXPIRED), CONFIRMED, now)
        self.hold_expires_at = None

    def decline(self, now: dt.datetime, reason: str | None, suggested_therapist_id: str | None) -> None:
        self._move((REQUESTED, EXPIRED), DECLINED, now, reason)
        self.suggested_therapist_id = suggested_therapist_id

    def expire(self, now: dt.datetime) -> None:
        self._move((REQUESTED,), EXPIRED, now, "the therapist did not answer in time")

    def cancel(self, now: dt.datetime, reason: str | None) -> None:
        self._move(HOLDS_TIME, CANCELLED, now, reason)

    def complete(self, now: dt.datetime) -> None:
        self._check_may_become((CONFIRMED,), COMPLETED)
        if now < self.start_at:
            raise Conflict("a call cannot be completed before it starts", slug="not-started")
        self._move((CONFIRMED,), COMPLETED, now)

    def no_show(self, now: dt.datetime) -> None:
        self._check_may_become((CONFIRMED,), NO_SHOW)
        if now < self.start_at:
            raise Conflict("a no-show is recorded after the start time", slug="not-started")
        self._move((CONFIRMED,), NO_SHOW, now)

    def moves_to(self, start: dt.datetime) -> bool:
        """Whether rescheduling to `start` changes anything: the instant it already starts at (however its
        offset is written) is no change at all. Only a call holding its time can be rescheduled."""
        if not self.holds_time:
            raise Conflict(f"a {self.status} consultation cannot be rescheduled", slug="invalid-transition",
                           current_status=self.status)
        return start != self.start_at

    def reschedule(self, start: dt.datetime, length: dt.timedelta, now: dt.datetime) -> None:
        if not self.moves_to(start):
            return
        self.start_at, self.end_at = start, start + length
        self.updated_at = now
        self.version += 1


def check_client_notice(consultation: Consultation, now: dt.datetime, notice_min: int, what: str,
                        override_reason: str | None, is_staff: bool) -> None:
    """Clients change a booking only up to `notice_min` before it; staff may override with a reason.
    Either way the answer is 409 `notice-window`: the call's timing is in the way, not who asks."""
    if now + dt.timedelta(minutes=notice_min) <= consultation.start_at:
        return
    if is_staff and override_reason:
        return
    if is_staff:
        raise Conflict(f"inside the {what} notice window: give a reason to override", slug="notice-window",
                       notice_minutes=notice_min)
    raise Conflict(f"too close to the call to {what} online; please contact the practice",
                   slug="notice-window", notice_minutes=notice_min)

"""Billable therapy appointments (a CPT service code each); completing one is what billing charges."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapport_shared.errors import Conflict

SCHEDULED, CANCELLED, COMPLETED = "scheduled", "cancelled", "completed"


@dataclass
class Appointment:
    id: str
    practice_id: str
    therapist_id: str
    client_id: str
    start_at: dt.datetime
    end_at: dt.datetime
    duration_min: int
    service_code: str
    format: str
    status: str
    created_at: dt.datetime
    updated_at: dt.datetime
    actual_duration_min: int | None = None
    cancel_reason: str | None = None
    version: int = 1

    def complete(self, now: dt.datetime, actual_duration_min: int | None) -> None:
        if self.status != SCHEDULED:
            raise Conflict(f"a {self.status} appointment cannot be completed", slug="invalid-transition")
        if now < self.start_at:
            raise Conflict("an appointment cannot be completed before it starts", slug="not-started")
        self.status = COMPLETED
        self.actual_duration_min = actual_duration_min or self.duration_min
        self._touch(now)

    def cancel(self, now: dt.datetime, reason: str | None) -> None:
        if self.status != SCHEDULED:
            raise Conflict(f"a {self.status} appointment cannot be cancelled", slug="invalid-transition")
        self.status, self.cancel_reason = CANCELLED, reason
        self._touch(now)

    def _touch(self, now: dt.datetime) -> None:
        self.updated_at = now
        self.version += 1

"""How quickly a therapist answers screening requests: each request's times, and their median.

An expired request counts as answered at its expiry (a lower bound on the wait), so letting requests
lapse never looks quick; a late answer replaces it. Instant bookings are answered at once (zero hours):
that is what a client booking them experiences. Requests the client withdrew before an answer are left out.
"""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, replace

MIN_ANSWERS = 3  # fewer answers say nothing typical
WINDOW = 50  # the most recent answers: a therapist who got quicker is seen as quick


@dataclass(frozen=True)
class ScreeningAnswer:
    consultation_id: str
    therapist_id: str
    requested_at: dt.datetime | None = None
    answered_at: dt.datetime | None = None
    expired: bool = False  # answered_at is the request's expiry, not the therapist's answer

    @property
    def hours(self) -> float | None:
        if self.requested_at is None or self.answered_at is None:
            return None
        return max(0.0, (self.answered_at - self.requested_at).total_seconds() / 3600)


def merged(held: ScreeningAnswer, heard: ScreeningAnswer) -> ScreeningAnswer:
    """What two events about one request say together, whatever their order: the request time from
    whichever carries it; the therapist's answer over an expiry; the earlier of two of a kind."""
    answers = [a for a in (held, heard) if a.answered_at is not None]
    answer = min(answers, key=lambda a: (a.expired, a.answered_at)) if answers else held
    return replace(held, requested_at=held.requested_at or heard.requested_at,
                   answered_at=answer.answered_at, expired=answer.expired)


def typical_hours(hours: list[float]) -> float | None:
    """The median time to answer, in hours (one decimal); None until MIN_ANSWERS answers are known."""
    return round(statistics.median(hours), 1) if len(hours) >= MIN_ANSWERS else None

"""A therapist's availability: weekly windows and date exceptions in their own IANA zone, plus
the rules for screening calls. Plain data; validation raises `Invalid` with field errors."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rapport_shared.errors import Invalid

FORMATS = ("in_person", "video", "phone")
INSTANT, REQUEST = "instant", "request"
BOOKING_MODES = (INSTANT, REQUEST)  # confirmed at once, or held until the therapist answers
GRANULARITY_MIN = 5  # every start and length is a multiple of this (the SQLite claim buckets)


@dataclass(frozen=True)
class WeeklyWindow:
    weekday: int  # 0 = Monday ... 6 = Sunday
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class DateException:
    """`off`: no calls that day (or between start and end); `extra`: extra hours that day."""

    date: dt.date
    kind: str
    start: dt.time | None = None
    end: dt.time | None = None


@dataclass(frozen=True)
class ConsultationSettings:
    duration_min: int = 15
    buffer_min: int = 5
    min_notice_min: int = 12 * 60
    horizon_days: int = 28
    daily_cap: int | None = None
    formats: tuple[str, ...] = ("video", "phone")
    booking_mode: str = INSTANT
    request_hold_min: int = 24 * 60
    cancel_notice_min: int = 4 * 60
    reschedule_notice_min: int = 4 * 60


@dataclass
class Availability:
    therapist_id: str
    timezone: str
    weekly: list[WeeklyWindow] = field(default_factory=list)
    exceptions: list[DateException] = field(default_factory=list)
    settings: ConsultationSettings = field(default_factory=ConsultationSettings)
    version: int = 1

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def zone_or_invalid(name: str, field_name: str = "timezone") -> ZoneInfo:
    """The IANA zone called `name`, or a 422 naming the field."""
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise Invalid(f"{name!r} is not an IANA time zone",
                      errors=[{"in": "json", "field": field_name, "message": "unknown IANA time zone"}]) from exc


def validate(availability: Availability) -> None:
    """Reject windows that end before they start, misaligned times, and impossible settings."""
    zone_or_invalid(availability.timezone)
    errors = []
    for i, w in enumerate(availability.weekly):
        if not w.start < w.end:
            errors.append({"in": "json", "field": f"weekly.{i}", "message": "start must be before end"})
        errors += _aligned(f"weekly.{i}", w.start, w.end)
    for i, e in enumerate(availability.exceptions):
        if e.kind == "extra" and (e.start is None or e.end is None):
            errors.append({"in": "json", "field": f"exceptions.{i}", "message": "extra hours need start and end"})
        if (e.start is None) != (e.end is None):
            errors.append({"in": "json", "field": f"exceptions.{i}", "message": "give both start and end, or neither"})
        if e.start is not None and e.end is not None:
            if not e.start < e.end:
                errors.append({"in": "json", "field": f"exceptions.{i}", "message": "start must be before end"})
            errors += _aligned(f"exceptions.{i}", e.start, e.end)
    s = availability.settings
    for name in ("duration_min", "buffer_min"):
        if getattr(s, name) % GRANULARITY_MIN:
            errors.append({"in": "json", "field": f"settings.{name}", "message": f"a multiple of {GRANULARITY_MIN}"})
    if not s.formats:
        errors.append({"in": "json", "field": "settings.formats", "message": "offer at least one format"})
    if errors:
        raise Invalid("the availability has invalid fields", errors=errors)


def _aligned(where: str, *times: dt.time) -> list[dict]:
    if any(t.minute % GRANULARITY_MIN or t.second or t.microsecond for t in times):
        return [{"in": "json", "field": where, "message": f"times fall on {GRANULARITY_MIN}-minute marks"}]
    return []

"""Free screening-call slots: availability minus what is already booked, correct across DST.

Windows are wall-clock times in the therapist's zone, turned into UTC instants date by date, so a
09:00 window stays 09:00 local on both sides of a transition; slots are then stepped in UTC inside
each window, so a short or long night never adds, drops or shifts a slot.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rapport_shared.errors import Conflict

from .availability import Availability

UTC = dt.timezone.utc


class SlotTaken(Conflict):
    """The time asked for overlaps time already taken: another booking holds it (409)."""

    slug = "slot-unavailable"


@dataclass(frozen=True)
class Busy:
    start: dt.datetime
    end: dt.datetime
    is_consultation: bool = False  # counts toward the daily cap


@dataclass(frozen=True, order=True)
class Slot:
    start: dt.datetime
    end: dt.datetime


def local_instant(day: dt.date, wall: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of a wall-clock time on a day in `zone`.

    A time that does not exist (skipped by spring-forward) maps to the transition instant; a time
    that occurs twice (fall-back) maps to its first occurrence."""
    local = dt.datetime.combine(day, wall, tzinfo=zone)
    first = local.replace(fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None):
        return first
    # In a gap: the fold=1 reading falls before the transition, the fold=0 one after; bisect by minute.
    lo, hi = local.replace(fold=1).astimezone(UTC), first
    after = hi.astimezone(zone).utcoffset()
    while hi - lo > dt.timedelta(minutes=1):
        mid = lo + dt.timedelta(minutes=int((hi - lo).total_seconds() // 120))
        if mid.astimezone(zone).utcoffset() == after:
            hi = mid
        else:
            lo = mid
    return hi


def open_intervals(availability: Availability, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """The therapist's open hours on one local date, in UTC, merged and minus time off."""
    zone = availability.zone
    exceptions = [e for e in availability.exceptions if e.date == day]
    if any(e.kind == "off" and e.start is None for e in exceptions):
        opened = []
    else:
        opened = [(local_instant(day, w.start, zone), local_instant(day, w.end, zone))
                  for w in availability.weekly if w.weekday == day.weekday()]
    opened += [(local_instant(day, e.start, zone), local_instant(day, e.end, zone))
               for e in exceptions if e.kind == "extra" and e.start is not None and e.end is not None]
    merged = _merge(opened)
    for e in exceptions:
        if e.kind == "off" and e.start is not None and e.end is not None:
            merged = _subtract(merged, local_instant(day, e.start, zone), local_instant(day, e.end, zone))
    return merged


def free_slots(availability: Availability, busy: list[Busy], window: tuple[dt.datetime, dt.datetime],
               now: dt.datetime, limit: int | None = None) -> list[Slot]:
    """Bookable slots starting in `window` (UTC instants), sorted by start; the first `limit` only."""
    settings = availability.settings
    zone = availability.zone
    length = dt.timedelta(minutes=settings.duration_min)
    buffer = dt.timedelta(minutes=settings.buffer_min)
    step = length + buffer
    earliest = max(window[0], now + dt.timedelta(minutes=settings.min_notice_min))
    latest = min(window[1], now + dt.timedelta(days=settings.horizon_days))
    if earliest >= latest:
        return []
    ordered = sorted(busy, key=lambda b: b.start)
    starts = [b.start for b in ordered]
    longest = max((b.end - b.start for b in ordered), default=dt.timedelta(0))
    booked = Counter(b.start.astimezone(zone).date() for b in ordered if b.is_consultation)

    slots: list[Slot] = []
    day = earliest.astimezone(zone).date()
    last_day = latest.astimezone(zone).date()
    while day <= last_day:
        if settings.daily_cap is not None and booked[day] >= settings.daily_cap:
            day += dt.timedelta(days=1)
            continue
        for open_start, open_end in open_intervals(availability, day):
            start = open_start
            while start + length <= open_end:
                if earliest <= start < latest and not _collides(ordered, starts, longest, start - buffer,
                                                                  start + length + buffer):
                    slots.append(Slot(start, start + length))
                    if limit is not None and len(slots) >= limit:
                        return slots
                start += step
        day += dt.timedelta(days=1)
    return slots


def _collides(ordered: list[Busy], starts: list[dt.datetime], longest: dt.timedelta,
              lo: dt.datetime, hi: dt.datetime) -> bool:
    # Only busy blocks starting in (lo - longest, hi) can overlap [lo, hi).
    i = bisect.bisect_left(starts, lo - longest)
    j = bisect.bisect_left(starts, hi)
    return any(ordered[k].end > lo for k in range(i, j))


def _merge(intervals):
    out = []
    for start, end in sorted(intervals):
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _subtract(intervals, cut_start, cut_end):
    out = []
    for start, end in intervals:
        if cut_end <= start or cut_start >= end:
            out.append((start, end))
            continue
        if start < cut_start:
            out.append((start, cut_start))
        if cut_end < end:
            out.append((cut_end, end))
    return out

"""Free slots across daylight-saving changes: no phantom, missing or shifted slots."""
from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from booking.domain.availability import Availability, ConsultationSettings, DateException, WeeklyWindow
from booking.domain.slots import Busy, free_slots, local_instant

UTC = dt.timezone.utc
LONG_AGO = dt.datetime(2026, 1, 1, tzinfo=UTC)


def every_day(zone: str, start: str, end: str, **settings) -> Availability:
    windows = [WeeklyWindow(d, dt.time.fromisoformat(start), dt.time.fromisoformat(end)) for d in range(7)]
    defaults = {"duration_min": 15, "buffer_min": 5, "min_notice_min": 0, "horizon_days": 365}
    return Availability("t1", zone, windows, [], ConsultationSettings(**{**defaults, **settings}))


def day_slots(availability: Availability, day: dt.date, busy=(), now=LONG_AGO):
    zone = availability.zone
    window = (local_instant(day, dt.time(0), zone), local_instant(day + dt.timedelta(days=1), dt.time(0), zone))
    return free_slots(availability, list(busy), window, now)


def local_times(slots, zone: str) -> list[str]:
    return [s.start.astimezone(ZoneInfo(zone)).strftime("%H:%M") for s in slots]


def test_a_nine_oclock_window_stays_nine_oclock_across_us_spring_forward():
    availability = every_day("America/New_York", "09:00", "10:00")
    before, on, after = (day_slots(availability, dt.date(2026, 3, d)) for d in (7, 8, 9))
    for slots in (before, on, after):
        assert local_times(slots, "America/New_York") == ["09:00", "09:20", "09:40"]
    assert before[0].start == dt.datetime(2026, 3, 7, 14, 0, tzinfo=UTC)  # EST, UTC-5
    assert on[0].start == dt.datetime(2026, 3, 8, 13, 0, tzinfo=UTC)  # EDT, UTC-4


def test_a_nine_oclock_window_stays_nine_oclock_across_us_fall_back():
    availability = every_day("America/New_York", "09:00", "10:00")
    on, after = day_slots(availability, dt.date(2026, 11, 1)), day_slots(availability, dt.date(2026, 11, 2))
    assert local_times(on, "America/New_York") == local_times(after, "America/New_York") == ["09:00", "09:20", "09:40"]
    assert on[0].start == dt.datetime(2026, 11, 1, 14, 0, tzinfo=UTC)  # EST again


def test_a_window_over_the_skipped_hour_has_no_phantom_slots():
    availability = every_day("America/New_York", "01:00", "04:00", duration_min=30, buffer_min=0)
    slots = day_slots(availability, dt.date(2026, 3, 8))
    # 01:00-04:00 on the clock is only two real hours that night: 02:xx does not exist.
    assert local_times(slots, "America/New_York") == ["01:00", "01:30", "03:00", "03:30"]
    assert all(s.end - s.start == dt.timedelta(minutes=30) for s in slots)


def test_a_window_over_the_repeated_hour_offers_each_real_half_hour_once():
    availability = every_day("America/New_York", "00:00", "03:00", duration_min=30, buffer_min=0)
    slots = day_slots(availability, dt.date(2026, 11, 1))
    assert len(slots) == 8  # four real hours: 01:xx happens twice
    assert len({s.start for s in slots}) == 8
    assert local_times(slots, "America/New_York") == ["00:00", "00:30", "01:00", "01:30", "01:00", "01:30",
                                                       "02:00", "02:30"]


def test_a_window_starting_in_the_gap_starts_at_the_transition():
    availability = every_day("America/New_York", "02:30", "04:00", duration_min=30, buffer_min=0)
    slots = day_slots(availability, dt.date(2026, 3, 8))
    assert local_times(slots, "America/New_York") == ["03:00", "03:30"]


def test_berlin_and_sydney_change_on_their_own_dates():
    berlin = every_day("Europe/Berlin", "09:00", "09:30")
    for day in (dt.date(2026, 3, 28), dt.date(2026, 3, 29), dt.date(2026, 10, 25), dt.date(2026, 10, 26)):
        assert local_times(day_slots(berlin, day), "Europe/Berlin") == ["09:00"]
    assert day_slots(berlin, dt.date(2026, 3, 28))[0].start.hour == 8  # CET
    assert day_slots(berlin, dt.date(2026, 3, 29))[0].start.hour == 7  # CEST
    sydney = every_day("Australia/Sydney", "09:00", "09:30")
    assert day_slots(sydney, dt.date(2026, 4, 4))[0].start.hour == 22  # AEDT, UTC+11 (previous UTC day)
    assert day_slots(sydney, dt.date(2026, 4, 5))[0].start.hour == 23  # AEST, UTC+10


def test_slots_show_in_the_clients_zone_across_the_us_change_seen_from_europe():
    # 2026-03-08..03-28: New York has moved, Berlin has not; the therapist's 09:00 is 14:00 then 13:00 in Berlin.
    availability = every_day("America/New_York", "09:00", "09:30")
    assert local_times(day_slots(availability, dt.date(2026, 3, 7)), "Europe/Berlin") == ["15:00"]
    assert local_times(day_slots(availability, dt.date(2026, 3, 9)), "Europe/Berlin") == ["14:00"]


def test_booked_time_and_its_buffer_are_not_offered():
    availability = every_day("America/New_York", "09:00", "10:00")
    day = dt.date(2026, 6, 1)
    taken = Busy(dt.datetime(2026, 6, 1, 13, 20, tzinfo=UTC), dt.datetime(2026, 6, 1, 13, 35, tzinfo=UTC), True)
    assert local_times(day_slots(availability, day, [taken]), "America/New_York") == ["09:00", "09:40"]
    overlapping = Busy(dt.datetime(2026, 6, 1, 13, 10, tzinfo=UTC), dt.datetime(2026, 6, 1, 13, 25, tzinfo=UTC))
    assert local_times(day_slots(availability, day, [overlapping]), "America/New_York") == ["09:40"]


def test_notice_horizon_cap_and_exceptions():
    availability = every_day("America/New_York", "09:00", "10:00", min_notice_min=60, horizon_days=2, daily_cap=1)
    now = dt.datetime(2026, 6, 1, 13, 10, tzinfo=UTC)  # 09:10 local
    assert local_times(day_slots(availability, dt.date(2026, 6, 1), now=now), "America/New_York") == []
    assert len(day_slots(availability, dt.date(2026, 6, 2), now=now)) == 3
    assert day_slots(availability, dt.date(2026, 6, 4), now=now) == []  # beyond the horizon
    one_booked = [Busy(dt.datetime(2026, 6, 2, 13, 0, tzinfo=UTC), dt.datetime(2026, 6, 2, 13, 15, tzinfo=UTC), True)]
    assert day_slots(availability, dt.date(2026, 6, 2), one_booked, now=now) == []  # daily cap reached

    availability.settings = dataclasses.replace(availability.settings, horizon_days=365)
    availability.exceptions = [DateException(dt.date(2026, 6, 2), "off"),
                               DateException(dt.date(2026, 6, 3), "off", dt.time(9, 20), dt.time(9, 40)),
                               DateException(dt.date(2026, 6, 3), "extra", dt.time(18, 0), dt.time(18, 20))]
    assert day_slots(availability, dt.date(2026, 6, 2), now=LONG_AGO) == []
    assert local_times(day_slots(availability, dt.date(2026, 6, 3), now=LONG_AGO),
                       "America/New_York") == ["09:00", "09:40", "18:00"]

"""Booking: slot computation for one therapist over 28 days (in process and through the gateway),
and booking POST throughput through the gateway (each request a distinct free slot), measured as
the benchmark created them and (full scale) again after 1M consultations / 100k clients are
loaded around them (bench/generate_bookings.py)."""
from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

from generate_bookings import generate, seal_concerns
from harness import Figure, Request, compare, progress
from support.booking_e2e import publish_therapist, stack_token

from booking.domain.availability import Availability, ConsultationSettings, WeeklyWindow
from booking.domain.slots import Busy, free_slots

THERAPISTS = 8  # bookings spread over several therapists, as in a practice
ALL_DAY = [{"weekday": d, "start": "00:00", "end": "23:55"} for d in range(7)]  # room for every booking POST
SLOTS_PER_DAY = 94  # 00:00 to 23:15, 15 minutes each, no buffer
WORKING_WEEK = [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)]
CONSULTATIONS, CLIENTS = 1_000_000, 100_000
PRACTICE = "bench-practice"


def run(ctx) -> list[Figure]:
    figures = [_in_process_slots(ctx)]
    staff = stack_token(ctx.stack.env, {"sub": "bench-staff", "role": "staff", "practice_id": PRACTICE})
    therapists = [_bookable_therapist(ctx, PRACTICE, staff, ALL_DAY) for _ in range(THERAPISTS)]
    typical = _bookable_therapist(ctx, PRACTICE, staff, WORKING_WEEK, buffer_min=5)
    booked = [0]  # slots handed out so far: a later measurement books the ones after them
    created = _measure(ctx, therapists, typical, booked, "as created")
    figures += created
    if ctx.scale == "full":
        url = ctx.stack.env.get("BOOKING_DATABASE_URL") or \
            f"sqlite:///{Path(ctx.stack.env['RAPPORT_VAR_DIR']) / 'booking.db'}"
        started = time.perf_counter()
        generate(url, CONSULTATIONS, CLIENTS, history_for=[(t, PRACTICE) for t in [*therapists, typical]],
                 sealed_concerns=seal_concerns(_phi_key(ctx.stack.env)))
        figures.append(progress(Figure(f"booking: generate {CONSULTATIONS:,} consultations, {CLIENTS:,} clients",
                              rps=CONSULTATIONS / (time.perf_counter() - started), unit="rows/s",
                              note="bench/generate_bookings.py: COPY on PostgreSQL, no events; the measured "
                                   "therapists get past calls only; VACUUM ANALYZE after")))
        loaded = _measure(ctx, therapists, typical, booked, "after 1M")
        compare(loaded, created, "as created")
        figures += loaded
    return figures


def _measure(ctx, therapists: list[str], typical: str, booked: list[int], stage: str) -> list[Figure]:
    start_day = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).date()
    end_day = start_day + dt.timedelta(days=27)
    slots = ctx.load(
        f"booking: GET slots, 28 days, 1 therapist, {stage} (gateway)",
        lambda i: Request("GET", f"/v1/therapists/{typical}/slots?from={start_day}&to={end_day}"
                                 "&tz=America/Los_Angeles"), key="slots")
    slots.note = f"Mon-Fri 09:00-17:00, 15 + 5 min: ~480 slots in the answer; {slots.note}"
    first = dt.datetime.combine(start_day + dt.timedelta(days=1), dt.time(0), dt.timezone.utc)
    offset = booked[0]

    def booking(i: int) -> Request:
        n = offset + i
        therapist = therapists[n % THERAPISTS]
        day, slot = divmod(n // THERAPISTS, SLOTS_PER_DAY)
        start = first + dt.timedelta(days=day, minutes=15 * slot)
        return Request("POST", "/v1/consultations", expect=(201,), body={
            "therapist_id": therapist, "start": start.isoformat(), "format": "video",
            "client": {"name": f"Bench Client {n}", "email": f"bench{n}@example.com", "timezone": "UTC"},
            "concerns": "benchmark", "consent": {"email": True}})

    post = ctx.load(f"booking: POST /v1/consultations, {stage} (gateway)", booking, distinct=True,
                    key="consultations")
    post.note = f"each request a distinct free slot of {THERAPISTS} therapists; {post.note}"
    booked[0] += ctx.most_requests()
    return [slots, post]


def _phi_key(env: dict) -> bytes:
    """Booking's PHI key, as the service loads it: the environment's, else the key file of the var dir."""
    if env.get("BOOKING_PHI_KEY"):
        return env["BOOKING_PHI_KEY"].encode()
    return (Path(env["RAPPORT_VAR_DIR"]) / "keys" / "booking-phi.key").read_bytes().strip()


def _bookable_therapist(ctx, practice_id: str, staff: str, weekly: list, buffer_min: int = 0) -> str:
    therapist_id = publish_therapist(ctx.stack.env, practice_id, time_zone="UTC")
    ctx.gateway.eventually(f"/v1/therapists/{therapist_id}/availability", staff)
    response = ctx.gateway.request("PUT", f"/v1/therapists/{therapist_id}/availability", staff, json={
        "timezone": "UTC", "weekly": weekly,
        "settings": {"duration_min": 15, "buffer_min": buffer_min, "min_notice_min": 0, "horizon_days": 365}})
    assert response.status_code == 200, response.text
    return therapist_id


def _in_process_slots(ctx) -> Figure:
    """A full working week (Mon-Fri 08:00-18:00, 15 + 5 min) with a third of its slots booked."""
    availability = Availability("t", "America/New_York",
                                [WeeklyWindow(d, dt.time(8), dt.time(18)) for d in range(5)],
                                settings=ConsultationSettings(min_notice_min=0, horizon_days=60))
    now = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)  # the window spans the US spring-forward change
    window = (now, now + dt.timedelta(days=28))
    all_slots = free_slots(availability, [], window, now)
    rng = random.Random(4)
    busy = [Busy(s.start, s.end, True) for s in rng.sample(all_slots, len(all_slots) // 3)]
    figure = ctx.timed("booking: free_slots, 28 days, 1 therapist (in-process)",
                       lambda: free_slots(availability, busy, window, now), repeat=300, unit="ops/s",
                       note=f"{len(all_slots)} candidate slots, {len(busy)} booked; Cal.com reports ~220 ms")
    return figure

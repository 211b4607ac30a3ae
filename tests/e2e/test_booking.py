"""Booking through the gateway, on the real stack: no double booking under concurrent load."""
from __future__ import annotations

import datetime as dt
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from support.booking_e2e import publish_therapist, stack_token
from support.http import Gateway

pytestmark = pytest.mark.e2e
WEEK = [{"weekday": d, "start": "08:00", "end": "20:00"} for d in range(7)]


def practice_staff(system) -> tuple[str, str]:
    practice_id = str(uuid.uuid4())
    return practice_id, stack_token(system.env, {"sub": f"staff-{practice_id[:8]}", "role": "staff",
                                                 "practice_id": practice_id})


def bookable_therapist(system, gw: Gateway) -> tuple[str, str]:
    practice_id, staff = practice_staff(system)
    therapist_id = publish_therapist(system.env, practice_id)
    gw.eventually(f"/v1/therapists/{therapist_id}/availability", staff)
    put = gw.request("PUT", f"/v1/therapists/{therapist_id}/availability", staff, json={
        "weekly": WEEK, "settings": {"min_notice_min": 0, "horizon_days": 30, "formats": ["video", "phone"]}})
    assert put.status_code == 200, put.text
    return therapist_id, staff


def first_slot(gw: Gateway, therapist_id: str) -> str:
    day = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)).date().isoformat()
    slots = gw.get(f"/v1/therapists/{therapist_id}/slots?from={day}&to={day}&tz=America/Chicago").json()["slots"]
    assert slots
    return slots[0]["start"]


def body(therapist_id: str, start: str, n: int = 0) -> dict:
    return {"therapist_id": therapist_id, "start": start, "format": "video",
            "client": {"name": f"Client {n} Rowe", "email": f"c{n}@example.com", "timezone": "America/Chicago"},
            "consent": {"email": True}}


def test_sixty_concurrent_bookings_of_one_slot_through_the_gateway_make_exactly_one(system):
    gw = Gateway(system.url)
    therapist_id, staff = bookable_therapist(system, gw)
    start = first_slot(gw, therapist_id)

    with ThreadPoolExecutor(max_workers=60) as pool:
        responses = list(pool.map(lambda n: Gateway(system.url).post("/v1/consultations", json=body(therapist_id, start, n)),
                                  range(60)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * 59, statuses
    assert all(r.json()["type"] == "urn:rapport:problem:slot-unavailable" for r in responses if r.status_code == 409)
    listed = gw.get(f"/v1/consultations?therapist_id={therapist_id}", staff).json()["items"]
    assert len(listed) == 1 and listed[0]["start"] == dt.datetime.fromisoformat(start).astimezone(
        dt.timezone.utc).isoformat()

    # The booked client manages it through the gateway with its token, and only it.
    booked = next(r.json() for r in responses if r.status_code == 201)
    mine = gw.get(f"/v1/consultations/{booked['id']}", headers={"X-Manage-Token": booked["manage_token"]})
    assert mine.status_code == 200 and mine.json()["status"] == "confirmed"
    assert gw.get(f"/v1/consultations/{booked['id']}", headers={"X-Manage-Token": "x" * 43}).status_code == 404


def test_concurrent_overlapping_but_different_appointments_make_exactly_one(system):
    gw = Gateway(system.url)
    therapist_id, staff = bookable_therapist(system, gw)
    client = gw.post("/v1/clients", staff, json={"first_name": "Ola", "last_name": "Brand"})
    assert client.status_code == 201, client.text
    base = dt.datetime.fromisoformat(first_slot(gw, therapist_id)) + dt.timedelta(hours=3)
    # Twelve ranges with different starts, all covering the same five minutes.
    requests = [{"therapist_id": therapist_id, "client_id": client.json()["id"], "service_code": "90837",
                 "format": "video", "duration_min": 60, "start": (base + dt.timedelta(minutes=5 * i)).isoformat()}
                for i in range(12)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        responses = list(pool.map(lambda b: Gateway(system.url).post("/v1/appointments", staff, json=b), requests))
    assert sorted(r.status_code for r in responses) == [201] + [409] * 11, [r.text for r in responses]

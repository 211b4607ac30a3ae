"""Booking a screening call through the API, on SQLite and PostgreSQL."""
from __future__ import annotations

import json

from sqlalchemy import func, select
from support.booking import booking_body, free_slots, put_availability

from booking.adapters import orm


def count(app, table) -> int:
    with app.extensions["rapport.db"].reader() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_instant_booking_confirms_and_takes_the_slot(app, client, practice):
    slots = free_slots(client, practice.therapist_id)
    assert slots and all(s.endswith("-05:00") or s.endswith("-04:00") for s in slots)
    response = client.post("/v1/consultations", json=booking_body(practice.therapist_id, slots[0]))
    assert response.status_code == 201, response.get_json()
    booked = response.get_json()
    assert booked["status"] == "confirmed" and booked["manage_token"] and booked["participant_count"] == 1
    assert "concerns" not in booked
    assert slots[0] not in free_slots(client, practice.therapist_id)

    again = client.post("/v1/consultations", json=booking_body(practice.therapist_id, slots[0]))
    assert again.status_code == 409
    assert again.get_json()["type"] == "urn:rapport:problem:slot-unavailable"
    assert count(app, orm.consultations) == 1 and count(app, orm.reservations) == 1


def test_couples_call_keeps_each_participant_and_consent(client, practice):
    start = free_slots(client, practice.therapist_id)[0]
    body = booking_body(practice.therapist_id, start, participants=[
        {"name": "Sam Ash", "email": "sam@example.com", "timezone": "Europe/Berlin", "relationship": "partner",
         "consent": {"email": True}}])
    booked = client.post("/v1/consultations", json=body).get_json()
    detail = client.get(f"/v1/consultations/{booked['id']}", headers=practice.staff).get_json()
    partner = [a for a in detail["attendees"] if not a["is_primary"]][0]
    assert detail["participant_count"] == 2
    assert partner["timezone"] == "Europe/Berlin" and partner["consent_email"] and not partner["consent_sms"]


def test_request_mode_holds_the_slot_until_confirmed_or_declined(client, practice, other_practice):
    put_availability(client, practice.therapist_id, practice.staff, booking_mode="request")
    slots = free_slots(client, practice.therapist_id)
    first = client.post("/v1/consultations", json=booking_body(practice.therapist_id, slots[0])).get_json()
    assert first["status"] == "requested" and first["hold_expires_at"]
    assert slots[0] not in free_slots(client, practice.therapist_id)  # held
    assert client.post("/v1/consultations", json=booking_body(practice.therapist_id, slots[0])).status_code == 409

    confirmed = client.post(f"/v1/consultations/{first['id']}/confirm", headers=practice.therapist)
    assert confirmed.status_code == 200 and confirmed.get_json()["status"] == "confirmed"

    second = client.post("/v1/consultations", json=booking_body(practice.therapist_id, slots[1])).get_json()
    declined = client.post(f"/v1/consultations/{second['id']}/decline", headers=practice.staff,
                           json={"reason": "full this month", "suggested_therapist_id": other_practice.therapist_id})
    assert declined.status_code == 200, declined.get_json()
    assert declined.get_json()["suggested_therapist_id"] == other_practice.therapist_id
    assert slots[1] in free_slots(client, practice.therapist_id)  # released


def test_bad_input_is_a_clear_problem_and_changes_nothing(app, client, practice):
    start = free_slots(client, practice.therapist_id)[0]
    cases = [
        {**booking_body(practice.therapist_id, start), "extra": 1},
        {**booking_body(practice.therapist_id, start), "start": start[:19]},  # no offset
        {**booking_body(practice.therapist_id, start), "format": "in_person"},  # not offered
        {**booking_body(practice.therapist_id, start), "client": {"name": "X", "timezone": "Mars/Base"}},
        {**booking_body(practice.therapist_id, start.replace(":00-", ":03-", 1))},  # off the grid
    ]
    for body in cases:
        response = client.post("/v1/consultations", json=body)
        assert response.status_code == 422, (body, response.get_json())
        assert response.headers["Content-Type"].startswith("application/problem+json")
    assert client.post("/v1/consultations", json=booking_body("nobody", start)).status_code == 404
    assert count(app, orm.consultations) == 0 and count(app, orm.clients) == 0


def test_idempotency_key_replays_the_same_answer_and_refuses_a_different_body(app, client, practice):
    slots = free_slots(client, practice.therapist_id)
    headers = {"Idempotency-Key": "retry-42"}
    first = client.post("/v1/consultations", json=booking_body(practice.therapist_id, slots[0]), headers=headers)
    again = client.post("/v1/consultations", json=booking_body(practice.therapist_id, slots[0]), headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.get_json() == again.get_json()
    other = client.post("/v1/consultations", json=booking_body(practice.therapist_id, slots[1]), headers=headers)
    assert other.status_code == 422
    assert count(app, orm.consultations) == 1


def test_concerns_are_encrypted_at_rest_never_in_events_and_every_read_is_audited(app, client, practice):
    start = free_slots(client, practice.therapist_id)[0]
    booked = client.post("/v1/consultations", json=booking_body(practice.therapist_id, start)).get_json()
    with app.extensions["rapport.db"].reader() as session:
        sealed = session.scalar(select(orm.consultations.c.concerns_sealed))
        bodies = [r.body for r in session.execute(select(orm.outbox.c.body))]
    assert "arguing" not in sealed
    assert bodies and not any("arguing" in b or "jordan@example.com" in b for b in bodies)

    by_token = client.get(f"/v1/consultations/{booked['id']}", headers={"X-Manage-Token": booked["manage_token"]})
    assert by_token.status_code == 200 and "concerns" not in by_token.get_json()
    for headers in (practice.staff, practice.therapist):
        detail = client.get(f"/v1/consultations/{booked['id']}", headers={**headers, "X-Request-ID": "req-audit"})
        assert detail.get_json()["concerns"]["concerns"].startswith("We keep arguing")
    trail = client.get(f"/v1/consultations/{booked['id']}/audit", headers=practice.staff).get_json()["items"]
    assert [e["actor_role"] for e in trail] == ["staff", "therapist"]
    assert all(e["action"] == "read" and e["request_id"] == "req-audit" for e in trail)


def test_events_follow_the_lifecycle_and_carry_no_contact_details(app, client, practice):
    start = free_slots(client, practice.therapist_id)[0]
    booked = client.post("/v1/consultations", json=booking_body(practice.therapist_id, start)).get_json()
    client.post(f"/v1/consultations/{booked['id']}/cancel", headers=practice.staff, json={"reason": "client asked"})
    with app.extensions["rapport.db"].reader() as session:
        events = [json.loads(r.body) for r in session.execute(select(orm.outbox.c.body).order_by(orm.outbox.c.seq))]
    types = [e["type"] for e in events]
    assert not any(".client." in t for t in types)  # a screening caller is a prospect booking keeps to itself
    assert "rapport.booking.consultation.confirmed.v1" in types and "rapport.booking.consultation.cancelled.v1" in types
    assert "rapport.booking.availability.summarized.v1" in types
    cancelled = [e for e in events if e["type"].endswith("consultation.cancelled.v1")][0]
    assert cancelled["subject"] == f"consultations/{booked['id']}" and cancelled["data"]["version"] == 2
    for event in events:
        assert not {"email", "phone", "concerns", "name"} & set(event["data"])

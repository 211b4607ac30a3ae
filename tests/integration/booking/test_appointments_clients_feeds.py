"""Billable appointments, clients (what billing needs for claims), and the therapist's calendar feed."""
from __future__ import annotations

import datetime as dt
import json
import uuid

import icalendar
from sqlalchemy import select
from support.booking import booking_body, free_slots, rows
from support.profiles import bearer, sign

from booking.adapters import orm
from booking.service_layer import appointments as service
from booking.service_layer import directory
from booking.service_layer.unit_of_work import UnitOfWork
from rapport_shared.principal import Principal


def events(app, suffix: str) -> list[dict]:
    with app.extensions["rapport.db"].reader() as session:
        bodies = [json.loads(b) for b in session.scalars(select(orm.outbox.c.body).order_by(orm.outbox.c.seq))]
    return [e for e in bodies if e["type"].endswith(suffix)]


def new_client(client, practice, **fields) -> dict:
    response = client.post("/v1/clients", headers=practice.staff, json={"first_name": "Lee", "last_name": "Park",
                                                                        **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_clients_are_registered_and_completed_for_claims_by_their_practice_only(app, client, practice, other_practice):
    created = new_client(client, practice, email="lee@example.com")
    url = f"/v1/clients/{created['id']}"
    assert client.get(url, headers=practice.staff).headers["ETag"] == '"v1"'
    completion = {"date_of_birth": "1990-04-02", "sex": "F",
                  "address": {"line1": "1 Elm St", "city": "Chicago", "state": "IL", "zip": "60601"}}
    assert client.patch(url, headers=practice.staff, json=completion).status_code == 428  # no If-Match
    patched = client.patch(url, headers={**practice.staff, "If-Match": '"v1"'}, json=completion)
    assert patched.status_code == 200 and patched.get_json()["version"] == 2 and patched.headers["ETag"] == '"v2"'
    stale = client.patch(url, headers={**practice.staff, "If-Match": '"v1"'}, json={"sex": "M"})
    assert stale.status_code == 412 and stale.content_type == "application/problem+json"
    assert client.get(f"/v1/clients/{created['id']}", headers=other_practice.staff).status_code == 404
    assert client.get(f"/v1/clients/{created['id']}", headers=practice.therapist).status_code == 403
    # another practice's client is 404 whatever the precondition: its existence is not told
    for if_match in ({}, {"If-Match": '"v2"'}):
        assert client.patch(url, headers={**other_practice.staff, **if_match}, json={"sex": "M"}).status_code == 404
    assert client.patch(url, headers={**practice.staff, "If-Match": '"v2"'}, json={"sex": "X"}).status_code == 422
    assert client.get(url, headers=practice.staff).get_json()["sex"] == "F"  # neither the stale nor the bad edit
    updated = events(app, "client.updated.v1")[-1]["data"]
    assert updated == {"client_id": created["id"], "practice_id": practice.id, "first_name": "Lee", "last_name": "Park",
                       "date_of_birth": "1990-04-02", "sex": "F", "version": 2,
                       "address": {"line1": "1 Elm St", "city": "Chicago", "state": "IL", "zip": "60601"}}


def test_admins_register_clients_only_in_a_practice_booking_knows(app, client, practice):
    admin = bearer(sign({"sub": "admin-1", "role": "admin"}))
    announced = str(uuid.uuid4())
    with app.extensions["rapport.db"].writer() as session:  # as profiles' practice.registered event does
        directory.record_practice(UnitOfWork(session, "x"), {"practice_id": announced}, dt.datetime.now(dt.timezone.utc))

    not_an_id = client.post("/v1/clients", headers=admin, json={"first_name": "Ghost", "last_name": "Client",
                                                                "practice_id": "not-a-uuid"})
    assert not_an_id.status_code == 422
    assert [e["field"] for e in not_an_id.get_json()["errors"]] == ["practice_id"]
    unknown = client.post("/v1/clients", headers=admin, json={"first_name": "Ghost", "last_name": "Client",
                                                              "practice_id": "00000000-0000-0000-0000-000000000000"})
    assert unknown.status_code == 422 and unknown.get_json()["detail"] == "no such practice"
    assert unknown.get_json()["errors"] == [{"in": "json", "field": "practice_id", "message": "no such practice"}]
    assert rows(app, orm.clients) == 0 and events(app, "client.registered.v1") == []  # no orphan, billing hears nothing

    for practice_id in (announced, practice.id.upper()):  # announced itself, or known through its therapist
        created = client.post("/v1/clients", headers=admin, json={"first_name": "Ines", "last_name": "Marlowe",
                                                                  "practice_id": practice_id})
        assert created.status_code == 201, created.get_json()
        assert created.get_json()["practice_id"] == practice_id.lower()
    assert len(events(app, "client.registered.v1")) == 2


def test_staff_naming_another_practice_are_refused_not_ignored(app, client, practice, other_practice):
    for practice_id in (other_practice.id, "00000000-0000-0000-0000-000000000001"):
        refused = client.post("/v1/clients", headers=practice.staff, json={"first_name": "X", "last_name": "Y",
                                                                           "practice_id": practice_id})
        assert refused.status_code == 403, refused.get_json()
        assert [e["field"] for e in refused.get_json()["errors"]] == ["practice_id"]
    assert rows(app, orm.clients) == 0
    own = new_client(client, practice, practice_id=practice.id)
    assert own["practice_id"] == practice.id
    blank = client.post("/v1/clients", headers=practice.staff, json={"first_name": "  ", "last_name": "Y"})
    assert blank.status_code == 422
    assert blank.get_json()["errors"] == [{"in": "json", "field": "first_name", "message": "must not be blank"}]


def test_a_consultation_makes_its_primary_client_a_client_record(client, practice):
    start = free_slots(client, practice.therapist_id)[0]
    booked = client.post("/v1/consultations", json=booking_body(practice.therapist_id, start)).get_json()
    record = client.get(f"/v1/clients/{booked['client_id']}", headers=practice.staff).get_json()
    assert (record["first_name"], record["last_name"], record["email"]) == ("Jordan", "Ash", "jordan@example.com")


def test_appointments_take_the_therapists_time_and_completing_one_emits_what_billing_charges(app, client, practice):
    lee = new_client(client, practice)
    start = free_slots(client, practice.therapist_id, days_ahead=5)[0]
    body = {"therapist_id": practice.therapist_id, "client_id": lee["id"], "start": start, "service_code": "90837",
            "format": "video", "duration_min": 55}
    created = client.post("/v1/appointments", headers=practice.staff, json=body)
    assert created.status_code == 201, created.get_json()
    appointment = created.get_json()
    assert start not in free_slots(client, practice.therapist_id, days_ahead=5)
    overlapping = dict(body, start=(dt.datetime.fromisoformat(start) + dt.timedelta(minutes=30)).isoformat())
    assert client.post("/v1/appointments", headers=practice.staff, json=overlapping).status_code == 409
    consult = client.post("/v1/consultations", json=booking_body(practice.therapist_id, start))
    assert consult.status_code == 409  # a screening call cannot land on a session either

    assert client.post(f"/v1/appointments/{appointment['id']}/complete", headers=practice.therapist,
                       json={}).status_code == 409  # not started yet
    principal = Principal("t", "therapist", practice.id, practice.therapist_id)
    with app.extensions["rapport.db"].writer() as session:
        service.complete(UnitOfWork(session, "x"), principal, appointment["id"], 50,
                         now=dt.datetime.fromisoformat(start) + dt.timedelta(hours=1))
    completed = events(app, "appointment.completed.v1")
    assert len(completed) == 1 and completed[0]["subject"] == f"appointments/{appointment['id']}"
    assert {k: completed[0]["data"][k] for k in ("service_code", "format", "duration_min", "client_id", "version")} == {
        "service_code": "90837", "format": "video", "duration_min": 50, "client_id": lee["id"], "version": 2}
    assert not events(app, "consultation.completed.v1")  # screening calls are never what billing charges


def test_appointment_rules_and_access(client, practice, other_practice):
    lee = new_client(client, practice)
    start = free_slots(client, practice.therapist_id, days_ahead=5)[0]
    body = {"therapist_id": practice.therapist_id, "client_id": lee["id"], "start": start, "service_code": "90834",
            "format": "phone", "duration_min": 45}
    for bad in ({**body, "service_code": "9083"}, {**body, "duration_min": 47}, {**body, "format": "fax"},
                {**body, "start": start[:19]}):
        assert client.post("/v1/appointments", headers=practice.staff, json=bad).status_code == 422
    assert client.post("/v1/appointments", headers=other_practice.staff, json=body).status_code == 404
    made = client.post("/v1/appointments", headers=practice.staff, json=body).get_json()
    assert client.get(f"/v1/appointments/{made['id']}", headers=other_practice.staff).status_code == 404
    listed = client.get(f"/v1/appointments?client_id={lee['id']}", headers=practice.therapist).get_json()["items"]
    assert [a["id"] for a in listed] == [made["id"]]
    assert client.get("/v1/appointments", headers=other_practice.staff).get_json()["items"] == []
    assert client.get(f"/v1/appointments?therapist_id={practice.therapist_id}",
                      headers=other_practice.therapist).status_code == 404
    cancelled = client.post(f"/v1/appointments/{made['id']}/cancel", headers=practice.staff, json={"reason": "ill"})
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert start in free_slots(client, practice.therapist_id, days_ahead=5)


def test_the_calendar_feed_is_valid_icalendar_with_initials_only(client, practice, other_practice):
    slots = free_slots(client, practice.therapist_id)
    client.post("/v1/consultations", json=booking_body(practice.therapist_id, slots[0], participants=[
        {"name": "Sam Ash", "email": "sam@example.com", "timezone": "UTC"}]))
    assert client.post("/v1/calendar-feeds", headers=other_practice.staff,
                       json={"therapist_id": practice.therapist_id}).status_code == 404
    issued = client.post("/v1/calendar-feeds", headers=practice.therapist, json={"therapist_id": practice.therapist_id})
    assert issued.status_code == 201
    feed = client.get(issued.get_json()["url"])
    assert feed.status_code == 200 and feed.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.data)
    [event] = [c for c in calendar.walk("VEVENT")]
    assert str(event["summary"]) == "Screening call JA +1 (video)"
    assert event.decoded("dtstart") == dt.datetime.fromisoformat(slots[0])
    text = feed.data.decode()
    assert "Jordan" not in text and "arguing" not in text and "example.com" not in text

    rotated = client.post("/v1/calendar-feeds", headers=practice.staff, json={"therapist_id": practice.therapist_id})
    assert client.get(issued.get_json()["url"]).status_code == 404
    assert client.get(rotated.get_json()["url"]).status_code == 200

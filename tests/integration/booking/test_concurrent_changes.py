"""Staff acting on the same things at once: each request answers 2xx or a 409 problem (412 where it named a
version in If-Match), never a 500, and what the winners did is what is stored. Both databases."""
from __future__ import annotations

import datetime as dt

from support.booking import free_slots, rows
from support.concurrency import concurrently

from booking.adapters import orm


def new_client(app, practice, n: int) -> str:
    response = app.test_client().post("/v1/clients", headers=practice.staff,
                                      json={"first_name": "Lee", "last_name": f"Park {n}"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def session_body(practice, client_id: str, start: dt.datetime) -> dict:
    return {"therapist_id": practice.therapist_id, "client_id": client_id, "start": start.isoformat(),
            "service_code": "90837", "format": "video", "duration_min": 60}


def answered(responses) -> list[int]:
    """The statuses, sorted, once every loser is checked to be a 409 problem."""
    for response in responses:
        assert response.status_code < 300 or response.status_code == 409, response.get_data(as_text=True)[:300]
        if response.status_code == 409:
            assert response.content_type == "application/problem+json"
    return sorted(r.status_code for r in responses)


def test_overlapping_sessions_booked_by_twelve_staff_at_once_make_exactly_one(app, client, practice):
    base = dt.datetime.fromisoformat(free_slots(client, practice.therapist_id, days_ahead=5)[0])
    clients = [new_client(app, practice, n) for n in range(12)]
    # Twelve different starts five minutes apart: every range covers the first one's last five minutes.
    responses = concurrently(12, lambda i: app.test_client().post(
        "/v1/appointments", headers=practice.staff,
        json=session_body(practice, clients[i], base + dt.timedelta(minutes=5 * i))))
    assert answered(responses) == [201] + [409] * 11
    assert rows(app, orm.appointments) == 1 and rows(app, orm.reservations) == 1


def test_one_session_cancelled_twenty_times_at_once_is_cancelled_once(app, client, practice):
    start = dt.datetime.fromisoformat(free_slots(client, practice.therapist_id, days_ahead=5)[0])
    made = client.post("/v1/appointments", headers=practice.staff,
                       json=session_body(practice, new_client(app, practice, 0), start)).get_json()
    responses = concurrently(20, lambda i: app.test_client().post(
        f"/v1/appointments/{made['id']}/cancel", headers=practice.staff, json={}))
    assert answered(responses) == [200] + [409] * 19
    assert rows(app, orm.appointments, status="cancelled") == 1 and rows(app, orm.reservations) == 0


def test_ten_edits_of_one_client_under_one_if_match_make_one_version_and_nine_412s(app, practice):
    client_id = new_client(app, practice, 0)
    url = f"/v1/clients/{client_id}"
    etag = app.test_client().get(url, headers=practice.staff).headers["ETag"]
    responses = concurrently(10, lambda i: app.test_client().patch(
        url, headers={**practice.staff, "If-Match": etag}, json={"first_name": f"Lee {i}"}))
    assert sorted(r.status_code for r in responses) == [200] + [412] * 9
    assert {r.get_json()["type"] for r in responses if r.status_code == 412} == {"urn:rapport:problem:stale-version"}
    [won] = [r.get_json() for r in responses if r.status_code == 200]
    stored = app.test_client().get(url, headers=practice.staff)
    assert stored.headers["ETag"] == '"v2"' and stored.get_json()["first_name"] == won["first_name"]


def test_a_calendar_feed_issued_ten_times_at_once_leaves_one_working_token(app, practice):
    responses = concurrently(10, lambda i: app.test_client().post(
        "/v1/calendar-feeds", headers=practice.staff, json={"therapist_id": practice.therapist_id}))
    assert answered(responses) == [201] * 10
    opened = [app.test_client().get(r.get_json()["url"]).status_code for r in responses]
    assert sorted(opened) == [200] + [404] * 9

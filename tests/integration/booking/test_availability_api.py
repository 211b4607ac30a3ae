"""Availability: set by the practice or the therapist, validated, and turned into public slots."""
from __future__ import annotations

import datetime as dt

from support.booking import WEEK, add_therapist, free_slots


def test_the_practice_and_the_therapist_set_availability_others_cannot(client, practice, other_practice):
    path = f"/v1/therapists/{practice.therapist_id}/availability"
    body = {"timezone": "America/Chicago", "weekly": WEEK[:5],
            "exceptions": [{"date": "2030-01-01", "kind": "off"}],
            "settings": {"booking_mode": "request", "formats": ["phone"], "duration_min": 20, "daily_cap": 3}}
    response = client.put(path, headers=practice.therapist, json=body)
    assert response.status_code == 200, response.get_json()
    view = client.get(path, headers=practice.staff).get_json()
    assert view["configured"] and view["timezone"] == "America/Chicago" and view["listed"] is True
    assert view["display_name"].startswith("Robin Vale")
    assert view["weekly"][0] == {"weekday": 0, "start": "09:00:00", "end": "17:00:00"}
    assert view["settings"]["booking_mode"] == "request" and view["settings"]["daily_cap"] == 3
    assert view["exceptions"] == [{"date": "2030-01-01", "kind": "off", "start": None, "end": None}]
    assert view["version"] == 2
    assert client.put(path, headers=other_practice.staff, json=body).status_code == 404
    assert client.put(path, headers=other_practice.therapist, json=body).status_code == 404
    assert client.put(path, json=body).status_code == 401


def test_invalid_availability_is_refused_and_nothing_changes(client, practice):
    path = f"/v1/therapists/{practice.therapist_id}/availability"
    before = client.get(path, headers=practice.staff).get_json()
    for body in ({"timezone": "Mars/Olympus"}, {"weekly": [{"weekday": 7, "start": "09:00", "end": "10:00"}]},
                 {"weekly": [{"weekday": 1, "start": "10:00", "end": "09:00"}]},
                 {"weekly": [{"weekday": 1, "start": "09:07", "end": "10:00"}]},
                 {"exceptions": [{"date": "2030-01-01", "kind": "extra"}]},
                 {"settings": {"duration_min": 17}}, {"settings": {"booking_mode": "auction"}},
                 {"settings": {"formats": []}}, {"surprise": True}):
        response = client.put(path, headers=practice.staff, json=body)
        assert response.status_code == 422, (body, response.get_json())
        assert response.get_json()["errors"]
    assert client.get(path, headers=practice.staff).get_json() == before


def test_slots_are_public_shown_in_the_asked_zone_and_bounded(app, client, practice):
    day = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3)).date()
    response = client.get(f"/v1/therapists/{practice.therapist_id}/slots",
                          query_string={"from": day.isoformat(), "to": day.isoformat(), "tz": "Asia/Tokyo"})
    body = response.get_json()
    assert response.status_code == 200 and body["timezone"] == "Asia/Tokyo"
    assert body["therapist_timezone"] == "America/New_York" and body["duration_min"] == 15
    assert body["slots"] and all(s["start"].endswith("+09:00") for s in body["slots"])
    assert all(s["start"][:10] == day.isoformat() for s in body["slots"])  # the client's dates
    for query in ({"from": "2030-01-01", "to": "2029-12-01"}, {"from": "2030-01-01", "to": "2030-06-01"},
                  {"from": "2030-01-01", "to": "2030-01-02", "tz": "Nowhere/Land"}, {"from": "x", "to": "y"}):
        assert client.get(f"/v1/therapists/{practice.therapist_id}/slots", query_string=query).status_code == 422
    unlisted = add_therapist(app, practice.id, listed=False)
    assert client.get(f"/v1/therapists/{unlisted}/slots",
                      query_string={"from": "2030-01-01", "to": "2030-01-02"}).status_code == 404
    unconfigured = add_therapist(app, practice.id)
    empty = client.get(f"/v1/therapists/{unconfigured}/slots", query_string={"from": day.isoformat(),
                                                                            "to": day.isoformat()})
    assert empty.status_code == 200 and empty.get_json()["slots"] == []
    assert free_slots(client, practice.therapist_id, days_ahead=70) == []  # beyond the 60-day horizon


def test_the_availability_summary_follows_changes_and_bookings(app, client, practice):
    import json

    from sqlalchemy import select
    from support.booking import booking_body

    from booking.adapters import orm

    def summaries():
        with app.extensions["rapport.db"].reader() as session:
            rows = session.scalars(select(orm.outbox.c.body).where(
                orm.outbox.c.event_type == "rapport.booking.availability.summarized.v1").order_by(orm.outbox.c.seq))
            return [json.loads(body)["data"] for body in rows]

    first = summaries()[-1]
    assert len(first["next_slots"]) == 5 and first["booking_mode"] == "instant"
    assert first["practice_id"] == practice.id and first["formats"] == ["video", "phone"]
    soonest = first["next_slots"][0]
    start = dt.datetime.fromisoformat(soonest.replace("Z", "+00:00")).isoformat()
    assert client.post("/v1/consultations", json=booking_body(practice.therapist_id, start)).status_code == 201
    after = summaries()[-1]
    assert after["version"] == first["version"] + 1 and soonest not in after["next_slots"]
    assert after["next_slots"][:4] == first["next_slots"][1:]

"""Setting up therapists, availability and bookings in a booking app under test."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import func, select

from booking.service_layer import directory
from booking.service_layer.unit_of_work import UnitOfWork
from support.profiles import bearer, sign

NOW = dt.datetime.now(dt.timezone.utc)
WEEK = [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(7)]


def add_therapist(app, practice_id: str | None = None, *, time_zone: str = "America/New_York",
                  listed: bool = True, name: str = "Robin Vale, LMFT") -> str:
    """Put a therapist into booking's read model the way profiles' events do."""
    therapist_id = str(uuid.uuid4())
    with app.extensions["rapport.db"].writer() as session:
        directory.record_therapist(UnitOfWork(session, app.extensions["rapport.exchange"]), {
            "therapist_id": therapist_id, "practice_id": practice_id or str(uuid.uuid4()), "display_name": name,
            "status": "published" if listed else "unpublished", "time_zone": time_zone, "version": 1,
        }, dt.datetime.now(dt.timezone.utc))
    return therapist_id


def staff(practice_id: str) -> dict:
    return bearer(sign({"sub": f"staff-{practice_id[:8]}", "role": "staff", "practice_id": practice_id}))


def therapist(practice_id: str, therapist_id: str) -> dict:
    return bearer(sign({"sub": f"t-{therapist_id[:8]}", "role": "therapist", "practice_id": practice_id,
                        "therapist_id": therapist_id}))


def put_availability(client, therapist_id: str, headers: dict, **settings) -> dict:
    body = {"weekly": WEEK, "settings": {"min_notice_min": 0, "horizon_days": 60, "duration_min": 15,
                                         "buffer_min": 5, "formats": ["video", "phone"], **settings}}
    response = client.put(f"/v1/therapists/{therapist_id}/availability", headers=headers, json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def free_slots(client, therapist_id: str, days_ahead: int = 3, span: int = 0, tz: str = "America/New_York") -> list:
    day = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=days_ahead)).date()
    response = client.get(f"/v1/therapists/{therapist_id}/slots",
                          query_string={"from": day.isoformat(), "to": (day + dt.timedelta(days=span)).isoformat(),
                                        "tz": tz})
    assert response.status_code == 200, response.get_json()
    return [s["start"] for s in response.get_json()["slots"]]


def booking_body(therapist_id: str, start: str, **extra) -> dict:
    return {
        "therapist_id": therapist_id, "start": start, "format": "video",
        "client": {"name": "Jordan Ash", "email": "jordan@example.com", "phone": "+1 555 0100 200",
                   "timezone": "America/Los_Angeles"},
        "concerns": "We keep arguing about the same thing since the move.",
        "questions": ["how_you_may_help", "timeline"],
        "consent": {"email": True, "sms": False, "voicemail": False},
        **extra,
    }


def rows(app, table, **where) -> int:
    """How many rows of `table` match every column = value given."""
    with app.extensions["rapport.db"].reader() as session:
        query = select(func.count()).select_from(table)
        for name, value in where.items():
            query = query.where(table.c[name] == value)
        return session.scalar(query)

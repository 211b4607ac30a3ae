"""The typical time to answer, from booking's consultation events through profiles' consumer to search,
the profile and matches (both databases)."""
from __future__ import annotations

import datetime as dt
import random

import pytest
from support.profiles_directory import listed_therapist

from profiles.adapters import orm
from profiles.entrypoints.consumers import handlers, subscriptions
from profiles.messaging import consumed
from profiles.service_layer.unit_of_work import UnitOfWork
from rapport_shared.consumer import IdempotentConsumer
from rapport_shared.events import CloudEvent

ASKED = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone.utc)


def consultation_event(event_type: str, therapist_id: str, cid: str, status: str,
                       hours: float | None = None) -> CloudEvent:
    answered = ASKED + dt.timedelta(hours=hours) if hours is not None else None
    data = {"consultation_id": cid, "therapist_id": therapist_id, "practice_id": "p", "client_id": "cl",
            "start": "2026-11-09T15:00:00Z", "end": "2026-11-09T15:15:00Z", "format": "video", "status": status,
            "participant_count": 1, "version": 2, "requested_at": ASKED.isoformat().replace("+00:00", "Z"),
            "answered_at": answered.isoformat().replace("+00:00", "Z") if answered else None}
    return CloudEvent(type=event_type, source="/services/booking", subject=f"consultations/{cid}", data=data)


def answers(therapist_id: str, hours: list[float]) -> list[CloudEvent]:
    events = []
    for i, h in enumerate(hours):
        cid = f"{therapist_id[:8]}-{i}"
        events += [consultation_event(consumed.CONSULTATION_REQUESTED, therapist_id, cid, "requested"),
                   consultation_event(consumed.CONSULTATION_CONFIRMED, therapist_id, cid, "confirmed", h)]
    return events


def slot_summary(therapist_id: str) -> CloudEvent:
    soon = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)).replace(microsecond=0)
    return CloudEvent(type=consumed.AVAILABILITY_SUMMARIZED, source="/services/booking",
                      subject=f"therapists/{therapist_id}",
                      data={"therapist_id": therapist_id, "timezone": "America/Chicago", "booking_mode": "request",
                            "formats": ["video"], "next_slots": [soon.isoformat().replace("+00:00", "Z")],
                            "version": 1})


@pytest.fixture
def consumer(profiles, namespace):
    exchange = f"{namespace}.profiles"
    return IdempotentConsumer("profiles", profiles.extensions["rapport.db"], orm.processed_messages, "amqp://unused",
                              subscriptions(namespace), handlers(),
                              unit_of_work=lambda session: UnitOfWork(session, exchange))


def test_typical_time_to_answer_reaches_search_profile_and_matches(client, practice_a, consumer):
    staff = practice_a.staff_token
    quick = listed_therapist(client, staff, "Quinn", "Quick", issues=["grief"], formats=["video"])["id"]
    new = listed_therapist(client, staff, "Nell", "New", issues=["grief"], formats=["video"])["id"]
    events = answers(quick, [2, 5, 9]) + answers(new, [1, 1])
    events.append(consultation_event(consumed.CONSULTATION_CANCELLED, quick, "lapsed", "expired", 50))
    events.append(consultation_event(consumed.CONSULTATION_CANCELLED, quick, "withdrawn", "cancelled"))
    random.Random(14).shuffle(events)  # answers before their requests, expiry anywhere
    for event in [*events, *events[:4]]:  # and some delivered twice
        consumer.handle(event)
    for therapist_id in (quick, new):
        consumer.handle(slot_summary(therapist_id))

    items = client.get("/v1/therapists?issue=grief").get_json()["items"]
    typical = {item["id"]: item["typical_response_hours"] for item in items}
    assert typical == {quick: 7.0, new: None}  # median of 2, 5, 9 and 50 (the expiry); 2 answers say nothing yet
    assert client.get(f"/v1/therapists/{quick}").get_json()["typical_response_hours"] == 7.0

    body = client.post("/v1/matches", json={"concerns": "I lost my mother and cannot stop crying",
                                            "format": "video", "state": "IL"}).get_json()
    matches = {m["therapist_id"]: m for m in body["matches"]}
    assert "usually answers within a day" in matches[quick]["reasons"]
    assert matches[quick]["typical_response_hours"] == 7.0 and matches[new]["typical_response_hours"] is None
    assert body["matches"][0]["therapist_id"] == quick


def test_a_redelivered_message_is_applied_once(profiles, consumer):
    event = answers("t9", [3])[1]
    assert consumer.handle(event) is True
    assert consumer.handle(event) is False
    with profiles.extensions["rapport.db"].reader() as session:
        rows = session.execute(orm.screening_answers.select()).all()
    assert [(r.consultation_id, r.requested_at, r.expired) for r in rows] == [("t9-0", ASKED, False)]


def test_answers_folded_in_at_once_leave_the_median_of_them_all(profiles):
    """Twelve answers for one therapist at the same moment, each in its own transaction: the kept median
    is over all twelve (each fold waits for the one before, so none is taken over a stale set)."""
    import statistics
    import threading

    from profiles.service_layer.response_times import record_screening_answer, typical_response_hours

    database = profiles.extensions["rapport.db"]
    hours = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233]
    start = threading.Barrier(len(hours))

    def fold(n: int, h: float) -> None:
        start.wait()
        with database.writer() as session:
            record_screening_answer(UnitOfWork(session, "x"), {
                "consultation_id": f"c{n}", "therapist_id": "t-busy", "status": "confirmed",
                "requested_at": ASKED, "answered_at": ASKED + dt.timedelta(hours=h)})

    threads = [threading.Thread(target=fold, args=(n, h)) for n, h in enumerate(hours)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with database.reader() as session:
        assert typical_response_hours(UnitOfWork(session, "x"), ["t-busy"]) == {"t-busy": statistics.median(hours)}

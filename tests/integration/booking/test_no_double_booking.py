"""Double booking is impossible by constraint: concurrent requests, expired holds, overlapping ranges."""
from __future__ import annotations

import datetime as dt
import threading
import time
import uuid

import pytest
from sqlalchemy import text
from support.booking import booking_body, free_slots, put_availability, rows
from support.concurrency import concurrently

from booking.adapters import orm
from booking.domain.slots import SlotTaken
from booking.service_layer import jobs
from booking.service_layer.unit_of_work import UnitOfWork


def test_many_concurrent_bookings_of_one_slot_make_exactly_one(app, practice):
    start = free_slots(app.test_client(), practice.therapist_id)[0]
    statuses = concurrently(20, lambda i: app.test_client().post(
        "/v1/consultations", json=booking_body(practice.therapist_id, start)).status_code)
    assert sorted(statuses) == [201] + [409] * 19
    assert rows(app, orm.consultations) == 1 and rows(app, orm.reservations) == 1


def test_the_database_refuses_overlapping_reservations_even_when_code_skips_the_check(app, practice):
    # Straight at the repository, past every check in the service layer: only the constraint stands.
    base = dt.datetime(2030, 1, 7, 15, 0, tzinfo=dt.timezone.utc)
    database = app.extensions["rapport.db"]
    with database.writer() as session:
        UnitOfWork(session, "x").reservations.claim(practice.therapist_id, base, base + dt.timedelta(minutes=50),
                                                    "appointment", str(uuid.uuid4()))
        session.commit()
    for offset, length in ((30, 50), (-20, 25), (10, 5), (0, 50)):
        start = base + dt.timedelta(minutes=offset)
        with database.writer() as session, pytest.raises(SlotTaken):
            UnitOfWork(session, "x").reservations.claim(practice.therapist_id, start,
                                                        start + dt.timedelta(minutes=length), "appointment",
                                                        str(uuid.uuid4()))
    with database.writer() as session:  # adjacent is fine: ranges are half-open
        UnitOfWork(session, "x").reservations.claim(practice.therapist_id, base + dt.timedelta(minutes=50),
                                                    base + dt.timedelta(minutes=100), "appointment", "adjacent")
        session.commit()
    assert rows(app, orm.reservations) == 2


def waiting_for_a_lock(database) -> bool:
    with database.reader() as session:
        return bool(session.scalar(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")))


def test_crossing_claims_of_one_therapist_wait_their_turn_instead_of_deadlocking(app, practice):
    """One writer holds 10:00-11:00 uncommitted while another tries 10:30-11:30, then the first adds
    11:15-12:00. Checked against the exclusion constraint side by side, each insert would wait on the other's
    transaction: a deadlock, which PostgreSQL ends with an error (a 500 to one of two staff booking at once)."""
    database = app.extensions["rapport.db"]
    base = dt.datetime(2030, 1, 7, 10, 0, tzinfo=dt.timezone.utc)
    minutes = lambda m: base + dt.timedelta(minutes=m)  # noqa: E731
    outcome: list[BaseException | None] = []

    def second_writer():
        try:
            with database.writer() as session:
                UnitOfWork(session, "x").reservations.claim(practice.therapist_id, minutes(30), minutes(90),
                                                            "appointment", "second")
                session.commit()
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever it was
            outcome.append(exc)

    with database.writer() as session:
        reservations = UnitOfWork(session, "x").reservations
        reservations.claim(practice.therapist_id, minutes(0), minutes(60), "appointment", "first")
        second = threading.Thread(target=second_writer)
        second.start()
        if not database.is_sqlite:  # SQLite's second writer waits for the database; nothing to observe
            for _ in range(3000):
                if waiting_for_a_lock(database):
                    break
                time.sleep(0.01)
            else:
                pytest.fail("the second writer never queued behind the first")
        reservations.claim(practice.therapist_id, minutes(75), minutes(120), "appointment", "first-later")
        session.commit()
    second.join()
    assert len(outcome) == 1 and isinstance(outcome[0], SlotTaken), outcome
    assert rows(app, orm.reservations) == 2


def test_two_concurrent_confirms_of_overlapping_lapsed_requests_confirm_one(app, client, practice):
    put_availability(client, practice.therapist_id, practice.staff, booking_mode="request", request_hold_min=5)
    start = free_slots(client, practice.therapist_id)[0]
    database, exchange = app.extensions["rapport.db"], app.extensions["rapport.exchange"]
    later = lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=10)  # noqa: E731
    ids = []
    for _ in range(2):  # each request holds the slot until its hold lapses, then gives it back
        ids.append(client.post("/v1/consultations", json=booking_body(practice.therapist_id, start)).get_json()["id"])
        assert jobs.release_holds(database, exchange, now=later) == 1
    assert rows(app, orm.reservations) == 0 and rows(app, orm.consultations, status="expired") == 2

    statuses = concurrently(2, lambda i: app.test_client().post(
        f"/v1/consultations/{ids[i]}/confirm", headers=practice.therapist).status_code)
    assert sorted(statuses) == [200, 409]
    assert rows(app, orm.consultations, status="confirmed") == 1 and rows(app, orm.reservations) == 1


def test_two_workers_expiring_holds_at_once_expire_each_once(app, client, practice):
    put_availability(client, practice.therapist_id, practice.staff, booking_mode="request", request_hold_min=5)
    for start in free_slots(client, practice.therapist_id)[:3]:
        client.post("/v1/consultations", json=booking_body(practice.therapist_id, start))
    database, exchange = app.extensions["rapport.db"], app.extensions["rapport.exchange"]
    later = lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=10)  # noqa: E731
    released = concurrently(2, lambda i: jobs.release_holds(database, exchange, now=later))
    released.append(jobs.release_holds(database, exchange, now=later))  # whatever a lost race left
    assert sum(released) == 3
    assert rows(app, orm.consultations, status="expired") == 3 and rows(app, orm.reservations) == 0
    assert rows(app, orm.outbox, event_type="rapport.booking.consultation.cancelled.v1") == 3


def test_the_daily_cap_holds_under_concurrent_bookings_of_different_slots(app, client, practice):
    put_availability(client, practice.therapist_id, practice.staff, daily_cap=1)
    day = free_slots(client, practice.therapist_id)
    statuses = concurrently(8, lambda i: app.test_client().post(
        "/v1/consultations", json=booking_body(practice.therapist_id, day[i * 2])).status_code)
    assert sorted(statuses) == [201] + [409] * 7
    assert free_slots(client, practice.therapist_id) == []  # that day is full

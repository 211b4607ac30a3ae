"""Profiles' side of booking's availability summaries and screening answers: what booking's schema
allows, profiles reads."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from support.databases import migrations_dir

from booking.domain.consultations import Consultation
from booking.messaging import published as booking_published
from profiles.adapters import orm
from profiles.entrypoints import consumers as handlers
from profiles.messaging import consumed
from profiles.service_layer.response_times import typical_response_hours
from profiles.service_layer.unit_of_work import UnitOfWork
from rapport_shared.db import Database
from rapport_shared.events import CloudEvent
from rapport_shared.migrations import upgrade


def sample_summary() -> dict:
    start = dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.timezone.utc)
    data = {"therapist_id": "t1", "practice_id": "p1", "timezone": "America/Chicago", "booking_mode": "instant",
            "formats": ["video", "phone"], "next_slots": [start.isoformat().replace("+00:00", "Z")],
            "computed_at": "2026-11-22T15:00:00Z", "version": 4}
    booking_published.SCHEMAS[booking_published.AVAILABILITY_SUMMARIZED]().load(data)  # booking would send it
    return data


def test_profiles_binds_to_what_booking_publishes():
    assert consumed.AVAILABILITY_SUMMARIZED == booking_published.AVAILABILITY_SUMMARIZED
    assert consumed.AVAILABILITY_SUMMARIZED in booking_published.SCHEMAS
    subscriptions = handlers.subscriptions("rapport")
    assert {s.exchange for s in subscriptions} == {"rapport.booking"}
    bound = {key for s in subscriptions for key in s.routing_keys}
    assert bound == {consumed.AVAILABILITY_SUMMARIZED, *consumed.CONSULTATION_ANSWERS}
    assert set(handlers.handlers()) == bound
    assert set(consumed.CONSULTATION_ANSWERS) <= set(booking_published.SCHEMAS)
    for field in ("requested_at", "answered_at", "status", "consultation_id", "therapist_id"):
        assert field in booking_published.ConsultationData._declared_fields


def test_profiles_reads_a_summary_booking_would_send(databases):
    url = databases.empty("contract_profiles", "sqlite")
    upgrade(migrations_dir("profiles"), url)
    database = Database(url)
    event = CloudEvent(type=consumed.AVAILABILITY_SUMMARIZED, source="/services/booking", subject="therapists/t1",
                       data=sample_summary())
    with database.writer() as session, UnitOfWork(session, "x") as uow:
        handlers.handlers()[consumed.AVAILABILITY_SUMMARIZED](uow, event)
        uow.commit()
    with database.reader() as session:
        row = session.execute(select(orm.availability_summaries)).one()
    database.dispose()
    assert row.therapist_id == "t1" and row.version == 4 and row.next_slots == ["2026-11-24T16:00:00+00:00"]


def booking_sends_answers() -> list[CloudEvent]:
    """What booking's own builder publishes for three requests answered in 2, 4 and 30 hours (the last
    one expired), and one the client withdrew."""
    asked = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone.utc)
    events = []
    for i, (hours, end) in enumerate([(2, "confirm"), (4, "decline"), (30, "expire"), (1, "cancel")]):
        c = Consultation(f"c{i}", "p1", "t1", "cl1", asked + dt.timedelta(days=3), asked + dt.timedelta(days=3),
                         "video", "requested", asked, asked)
        events.append(booking_published.consultation_event("requested", c))
        when = asked + dt.timedelta(hours=hours)
        if end == "confirm":
            c.confirm(when)
        elif end == "decline":
            c.decline(when, None, None)
        elif end == "expire":
            c.expire(when)
        else:
            c.cancel(when, "changed my mind")
        events.append(booking_published.consultation_event("confirmed" if end == "confirm" else "declined" if
                                                           end == "decline" else "cancelled", c))
    return events


@pytest.mark.parametrize("order", ["as sent", "reversed"])
def test_profiles_reads_the_answers_booking_would_send(databases, order):
    url = databases.empty("contract_profiles_answers", "sqlite")
    upgrade(migrations_dir("profiles"), url)
    database = Database(url)
    events = booking_sends_answers()
    for event in events if order == "as sent" else events[::-1]:
        with database.writer() as session, UnitOfWork(session, "x") as uow:
            handlers.handlers()[event.type](uow, event)
    with database.reader() as session:
        typical = typical_response_hours(UnitOfWork(session, "x"), ["t1"])
    database.dispose()
    assert typical == {"t1": 4.0}  # median of 2, 4 and 30 hours; the withdrawn request is left out

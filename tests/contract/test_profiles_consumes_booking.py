"""Profiles' side of booking's availability summaries: what booking's schema allows, profiles reads."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from support.databases import migrations_dir

from booking.messaging import published as booking_published
from profiles.adapters import orm
from profiles.entrypoints import consumers as handlers
from profiles.messaging import consumed
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
    [subscription] = handlers.subscriptions("rapport")
    assert subscription.exchange == "rapport.booking"
    assert consumed.AVAILABILITY_SUMMARIZED in subscription.routing_keys
    assert set(handlers.handlers()) == {consumed.AVAILABILITY_SUMMARIZED}


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

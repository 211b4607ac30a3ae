"""The migrations that add read models fill them from what profiles already held (both databases)."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from support.databases import migrations_dir

from rapport_shared.migrations import upgrade

ASKED = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone.utc)


def test_slots_and_typical_times_are_filled_from_held_summaries_and_answers(databases, backend):
    url = databases.empty("profiles_read_models", backend)
    upgrade(migrations_dir("profiles"), url, "0007")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        summaries = sa.Table("availability_summaries", sa.MetaData(), autoload_with=conn)
        conn.execute(sa.insert(summaries), [
            {"therapist_id": "t1", "formats": [], "version": 1,
             "next_slots": ["2026-12-02T15:00:00+00:00", "2026-12-01T15:00:00+00:00"]},
            {"therapist_id": "t2", "formats": [], "version": 1, "next_slots": []}])
        answers = sa.Table("screening_answers", sa.MetaData(), autoload_with=conn)
        conn.execute(sa.insert(answers), [
            *({"consultation_id": f"a{n}", "therapist_id": "t1", "requested_at": ASKED,
               "answered_at": ASKED + dt.timedelta(hours=hours, minutes=n), "expired": False}
              for n, hours in enumerate([1, 3, 8, 40])),
            {"consultation_id": "b0", "therapist_id": "t2", "requested_at": ASKED,
             "answered_at": ASKED + dt.timedelta(hours=2), "expired": False},
            {"consultation_id": "b1", "therapist_id": "t2", "requested_at": ASKED, "answered_at": None,
             "expired": False}])
    upgrade(migrations_dir("profiles"), url)
    with engine.connect() as conn:
        slots = conn.execute(sa.text("SELECT therapist_id, starts_at FROM summary_slots ORDER BY starts_at")).all()
        typical = dict(conn.execute(sa.text("SELECT therapist_id, typical_hours FROM response_times")).all())
    engine.dispose()
    assert [tuple(r) for r in slots] == [("t1", "2026-12-01T15:00:00+00:00"), ("t1", "2026-12-02T15:00:00+00:00")]
    assert typical == {"t1": 5.5, "t2": None}  # the median of 1, 3, 8 and 40 hours (and minutes); one answer says nothing

"""The migrations that add read models fill them from what profiles already held (both databases)."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic import command
from support.databases import migrations_dir

from rapport_shared.migrations import alembic_config, upgrade

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


def _filled(table: sa.Table, **given) -> dict:
    """A row of `table`: the values given, and a plain value for every other column that must have one."""
    plain = {sa.JSON: [], sa.Boolean: False, sa.Integer: 0, sa.DateTime: ASKED}
    row = dict(given)
    for column in table.columns:
        if column.name in row or column.nullable or column.server_default is not None:
            continue
        kind = next((value for type_, value in plain.items() if isinstance(column.type, type_)), "x")
        row[column.name] = kind
    return row


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")  # SQLite's expression index, not read here
def test_published_therapists_gain_statement_and_insurer_terms_and_lose_them_going_down(databases, backend):
    url = databases.empty("profiles_added_terms", backend)
    upgrade(migrations_dir("profiles"), url, "0003")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        practices = sa.Table("practices", sa.MetaData(), autoload_with=conn)
        therapists = sa.Table("therapists", sa.MetaData(), autoload_with=conn)
        conn.execute(sa.insert(practices), [_filled(practices, id="p1")])
        conn.execute(sa.insert(therapists), [
            _filled(therapists, id="listed", practice_id="p1", status="published",
                    payer_ids=["04112", "06102", "60054", "ZZ999"], terms=["issue:grief"],
                    specialty_statements={"trauma": "Paced work.", "grief": "  "}),
            _filled(therapists, id="draft", practice_id="p1", status="draft", payer_ids=["60054"], terms=[],
                    specialty_statements={"trauma": "Paced work."})])
        conn.execute(sa.text("INSERT INTO directory_terms (term, therapist_id) VALUES ('issue:grief', 'listed')"))

    def held() -> list[tuple]:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(
                "SELECT therapist_id, term FROM directory_terms ORDER BY term")).all()]

    upgrade(migrations_dir("profiles"), url)
    # Medicare once for its two states' contractors; a payer id no insurer has, a blank statement and a draft stay out
    assert held() == [("listed", "insurer:aetna"), ("listed", "insurer:medicare"), ("listed", "issue:grief"),
                      ("listed", "statement:trauma")]
    command.downgrade(alembic_config(migrations_dir("profiles"), url), "0003")
    assert held() == [("listed", "issue:grief")]
    engine.dispose()

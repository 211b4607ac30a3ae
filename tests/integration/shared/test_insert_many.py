"""Bulk inserts in one statement keep every value as a row-by-row insert would, on both databases."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, insert, select
from support.shared_schema import records

from rapport_shared.db import insert_many

AT = dt.datetime(2026, 3, 8, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def _rows(prefix: str) -> list[dict]:
    return [{"id": f"{prefix}-{n}", "name": f"Ñame \"{n}\" 'quoted' \\ back", "count": n if n % 2 else None,
             "flag": n % 3 == 0, "day": dt.date(2030, 1, 1 + n), "at": AT + dt.timedelta(minutes=n) if n else None,
             "doc": {"terms": ["a", f"b{n}"], "nested": {"x": n, "none": None}, "é": [1.5, True], "by_n": {n: n}}}
            for n in range(25)]


def _stored(session, prefix: str) -> list[dict]:
    rows = session.execute(select(records).where(records.c.id.like(f"{prefix}-%"))).mappings().all()
    return sorted((dict(row) for row in rows), key=lambda row: int(row["id"].split("-")[1]))


def test_a_bulk_insert_stores_what_row_by_row_inserts_store(database):
    with database.transaction() as session:
        insert_many(session, records, _rows("bulk"))
        for row in _rows("single"):
            session.execute(insert(records).values(**row))
    with database.reader() as session:
        bulk, single = _stored(session, "bulk"), _stored(session, "single")
    assert len(bulk) == 25
    assert [{**row, "id": None} for row in bulk] == [{**row, "id": None} for row in single]
    assert bulk[1]["at"] == AT + dt.timedelta(minutes=1) and bulk[1]["at"].utcoffset() == dt.timedelta(0)


def test_a_column_computed_in_sql_on_postgresql_is_stored_as_given_elsewhere(database):
    with database.transaction() as session:
        insert_many(session, records, _rows("computed")[:2], {"name": func.upper})
    with database.reader() as session:
        names = [row["name"] for row in _stored(session, "computed")]
    expected = [row["name"] for row in _rows("computed")[:2]]
    assert names == ([n.upper() for n in expected] if database.engine.dialect.name == "postgresql" else expected)


def test_a_naive_time_is_refused_and_nothing_is_written(database):
    rows = _rows("naive")[:3]
    rows[2]["at"] = dt.datetime(2026, 3, 8, 9, 30)
    with pytest.raises(Exception, match="naive datetime"), database.transaction() as session:
        insert_many(session, records, rows)
    with database.reader() as session:
        assert _stored(session, "naive") == []


def test_no_rows_is_no_statement(database):
    with database.transaction() as session:
        insert_many(session, records, [])
    with database.reader() as session:
        assert session.execute(select(func.count()).select_from(records)).scalar_one() == 0

"""Engines for SQLite and PostgreSQL, one session per request, timestamps that stay UTC."""
from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import orjson
from flask import Flask, current_app, g, request
from sqlalchemy import (
    CursorResult,
    DateTime,
    Engine,
    Executable,
    Table,
    Text,
    any_,
    bindparam,
    cast,
    column,
    create_engine,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every backend (SQLite would otherwise hand back naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


def any_of(session: Session, column, values: list):
    """`column IN values`; on PostgreSQL one array parameter (`= ANY`), because an IN list of hundreds
    of ids is rendered and parsed again on every call: a fifth of a match's CPU."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)


def insert_many(session: Session, table: Table, rows: list[dict],
                postgres_expressions: dict[str, Callable[[ColumnElement], ColumnElement]] | None = None) -> None:
    """New rows into `table` in one statement. On PostgreSQL they travel as one JSON document unpacked by
    `jsonb_to_recordset`: an executemany runs one INSERT per row on the server, twice as long for an import
    of 1,000. `postgres_expressions`: a column whose row value goes through SQL there ("search_document":
    `to_tsvector` of the text); SQLite stores the value as given. Values pass through their column types'
    checks first (an aware datetime is required), as a bound parameter would. Every row has the same keys."""
    if not rows:
        return
    dialect = session.get_bind().dialect
    if dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    expressions = postgres_expressions or {}
    names = list(rows[0])
    checks = {name: table.c[name].type.process_bind_param for name in names
              if isinstance(table.c[name].type, TypeDecorator)}
    document = orjson.dumps([{name: checks[name](value, dialect) if name in checks else value
                              for name, value in row.items()} for row in rows],
                           option=orjson.OPT_NON_STR_KEYS)  # {1: ...} as {"1": ...}, as JSON columns write it
    record = func.jsonb_to_recordset(cast(bindparam(None, document.decode(), type_=Text), JSONB)).table_valued(
        *(column(name, Text if name in expressions else _record_type(table.c[name].type)) for name in names)
    ).render_derived(with_types=True)
    values = [expressions[name](record.c[name]) if name in expressions else record.c[name] for name in names]
    session.execute(insert(table).from_select(names, select(*values)))


def _record_type(type_):
    """The type a JSON record's field is read as: a decorated type's own storage type."""
    return type_.impl if isinstance(type_, TypeDecorator) else type_


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def make_engine(url: str, custom_plans: bool = False, **kwargs) -> Engine:
    """An engine tuned for the backend: WAL and explicit BEGIN on SQLite; on PostgreSQL no ping per
    checkout (a round trip on every request; a connection found dead invalidates the pool instead) and,
    with `custom_plans`, every statement planned for its own parameters."""
    kwargs.setdefault("json_deserializer", orjson.loads)  # JSON columns: a search page reads ~100 documents
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs)
        _make_sqlite_transactional(engine)
        return engine
    if custom_plans:
        # psycopg prepares a statement run five times, and PostgreSQL may then settle on one generic plan.
        # The directory's searches depend on their values (arrays of terms, a text query, a box of offices):
        # a generic plan ran a text search 3x slower at 100k. Planning costs ~70 us a statement, so only
        # a service whose reads need it asks.
        kwargs.setdefault("connect_args", {"options": "-c plan_cache_mode=force_custom_plan"})
    return create_engine(url, pool_size=5, max_overflow=10, pool_recycle=1800, **kwargs)


def _make_sqlite_transactional(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN and cannot take the write lock up front;
    # a write transaction that starts as a reader dies with "database is locked" under
    # concurrency, so we emit BEGIN ourselves: IMMEDIATE for writers, DEFERRED for readers.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # A writer waits up to 20 s for the lock, then answers 409 (unit_of_work.BUSY): within the gateway's 30 s.
        for pragma in ("journal_mode=WAL", "busy_timeout=20000", "foreign_keys=ON", "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """One engine, and sessions for readers and writers; per request when bound to Flask.

    With `custom_plans` (PostgreSQL), readers get an engine of their own whose statements are planned for
    their values: searches need it, and writers do not pay for it (a bulk import's executemany planned
    every row again: 72 -> 164 ms per 1,000 rows)."""

    def __init__(self, url: str, custom_plans: bool = False, **engine_kwargs):
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._reader_engine = make_engine(url, True, **engine_kwargs) if custom_plans and not self.is_sqlite \
            else self.engine
        # A PostgreSQL reader runs each statement on its own: no BEGIN and ROLLBACK round trips around
        # a request that only reads. SQLite's readers keep a deferred transaction (one WAL snapshot).
        readers = self.engine if self.is_sqlite else \
            self._reader_engine.execution_options(isolation_level="AUTOCOMMIT")
        self._readers = sessionmaker(readers, expire_on_commit=False)
        self._writers = sessionmaker(
            self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    def reader(self) -> Session:
        return self._readers()

    def writer(self) -> Session:
        return self._writers()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction outside a request: commit on success, roll back on error."""
        with self.writer() as session, session.begin():
            yield session

    def init_app(self, app: Flask) -> None:
        app.extensions["rapport.db"] = self
        app.teardown_appcontext(_close_request_session)

    def dispose(self) -> None:
        self.engine.dispose()
        self._reader_engine.dispose()


def request_session() -> Session:
    """The current request's session: a writer for unsafe methods, a reader otherwise."""
    session = g.get("_rapport_session")
    if session is None:
        database: Database = current_app.extensions["rapport.db"]
        session = database.reader() if request.method in READ_METHODS else database.writer()
        g._rapport_session = session
    return session


def _close_request_session(_exc: BaseException | None) -> None:
    session = g.pop("_rapport_session", None)
    if session is not None:
        session.close()  # anything not committed is rolled back


def rows_changed(session: Session, statement: Executable) -> int:
    """How many rows an UPDATE or DELETE changed: how a conditional write shows that it lost a race."""
    return typing.cast("CursorResult[typing.Any]", session.execute(statement)).rowcount

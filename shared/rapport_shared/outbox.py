"""Transactional outbox: events written with the change that caused them, published by a relay."""
from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    delete,
    exists,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from .amqp import UNROUTABLE, ConfirmingPublisher, OutgoingMessage
from .backoff import backoff_seconds
from .db import Database, UTCDateTime, any_of, utcnow
from .events import CloudEvent

log = logging.getLogger(__name__)
NO_SUBSCRIBER = "published to no queue: nobody subscribes to this event"
# What the relay reads of a row: timestamps and errors stay in the table, unconverted.
_PUBLISHED_COLUMNS = ("seq", "event_id", "event_type", "exchange", "routing_key", "body", "attempts")
_ANNOUNCED = "rapport.outbox.announced"  # in Session.info: the transaction already notified


def define_outbox_table(metadata: MetaData) -> Table:
    """The outbox table; each service puts it in its own metadata and migrations."""
    table = Table(
        "outbox",
        metadata,
        Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("event_id", String(64), nullable=False, unique=True),
        Column("event_type", String(200), nullable=False),
        Column("exchange", String(200), nullable=False),
        Column("routing_key", String(200), nullable=False),
        Column("aggregate", String(200), nullable=False),
        Column("body", Text, nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("attempts", Integer, nullable=False, default=0),
        Column("next_attempt_at", UTCDateTime, nullable=False),
        Column("last_error", Text),
        Column("sent_at", UTCDateTime),
    )
    Index(
        "ix_outbox_unsent",
        table.c.next_attempt_at,
        table.c.seq,
        postgresql_where=table.c.sent_at.is_(None),
        sqlite_where=table.c.sent_at.is_(None),
    )
    # A batch walks the unsent rows in order and stops: the sent ones, kept a week, are not in its way.
    Index("ix_outbox_due", table.c.seq, postgresql_where=table.c.sent_at.is_(None),
          sqlite_where=table.c.sent_at.is_(None))
    Index("ix_outbox_aggregate", table.c.aggregate, table.c.seq)
    return table


def add_due_index(op) -> None:
    """The migration step that gives a service's outbox `ix_outbox_due` (each service runs it once)."""
    op.create_index("ix_outbox_due", "outbox", ["seq"], unique=False, postgresql_where=text("sent_at IS NULL"),
                    sqlite_where=text("sent_at IS NULL"))


def drop_due_index(op) -> None:
    op.drop_index("ix_outbox_due", table_name="outbox")


@dataclass(frozen=True)
class PendingEvent:
    """An event a unit of work will write to the outbox at commit."""

    event: CloudEvent
    exchange: str
    routing_key: str | None = None  # defaults to the event type

    @property
    def aggregate(self) -> str:
        return self.event.subject or self.event.id


def record(session: Session, table: Table, pending: PendingEvent) -> None:
    """Write one event to the outbox in the caller's transaction."""
    now = utcnow()
    # The row as parameters of one statement, not `.values(...)`: those become literals and a new cache key per
    # event, a quarter of writing an 835's thousands of claim events.
    session.execute(insert(table), {
        "event_id": pending.event.id,
        "event_type": pending.event.type,
        "exchange": pending.exchange,
        "routing_key": pending.routing_key or pending.event.type,
        "aggregate": pending.aggregate,
        "body": pending.event.to_json().decode(),
        "created_at": now,
        "attempts": 0,
        "next_attempt_at": now,
    })
    _announce(session, table)


def wake_up_channel(table: Table) -> str:
    """The PostgreSQL notification channel a commit with new events signals (one per database)."""
    return f"rapport_{table.name}"


def _announce(session: Session, table: Table) -> None:
    # PostgreSQL delivers a NOTIFY when its transaction commits, and drops it on rollback: the
    # relays listening wake at once instead of at their next poll. Once per transaction suffices.
    if session.get_bind().dialect.name != "postgresql":
        return
    transaction = session.get_transaction()
    if session.info.get(_ANNOUNCED) is transaction:
        return
    session.execute(select(func.pg_notify(wake_up_channel(table), "")))
    session.info[_ANNOUNCED] = transaction


def backlog(session: Session, table: Table) -> dict:
    """Unsent events: how many, and the age in seconds of the oldest (for operators)."""
    count, oldest = session.execute(
        select(func.count(), func.min(table.c.created_at)).where(table.c.sent_at.is_(None))
    ).one()
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.timezone.utc)
    age = (utcnow() - oldest).total_seconds() if oldest else 0.0
    failing = session.execute(
        select(func.count()).where(and_(table.c.sent_at.is_(None), table.c.attempts > 0))
    ).scalar_one()
    return {"unsent": count, "oldest_age_seconds": round(age, 3), "failing": failing}


class OutboxRelay:
    """Moves committed outbox rows to the broker, in order per aggregate, retrying failures.

    Events on `broadcast_exchanges` (a service's own event exchange) are announcements: when no
    queue is bound for one, nobody has subscribed to it, and it counts as published (noted in
    `last_error`) rather than retried forever, blocking its aggregate's later events. On any other
    exchange (a payer's claims) a message no queue takes is a fault: it stays, retried, in order.
    Consumers' queues are declared before any worker starts, so a subscriber never misses events.
    """

    def __init__(
        self,
        database: Database,
        table: Table,
        publisher: ConfirmingPublisher,
        *,
        batch_size: int = 500,
        max_backoff_seconds: float = 300.0,
        retention: dt.timedelta = dt.timedelta(days=7),
        broadcast_exchanges: frozenset[str] = frozenset(),
    ):
        self.database = database
        self.broadcast_exchanges = frozenset(broadcast_exchanges)
        self.table = table
        self.publisher = publisher
        self.batch_size = batch_size
        self.max_backoff_seconds = max_backoff_seconds
        self.retention = retention
        self._backlog = False  # the last batch was full
        self._executor: ThreadPoolExecutor | None = None
        self._ahead: Future[tuple[Session, list]] | None = None  # the next batch, being read
        self._finishing: list[Future[None]] = []  # batches being marked, in order

    def _due_rows(self, session: Session, now: dt.datetime):
        o = self.table
        earlier = self.table.alias("earlier")
        # A row waits while an earlier row of its aggregate waits for a retry: order is kept.
        blocked = exists().where(
            and_(
                earlier.c.aggregate == o.c.aggregate,
                earlier.c.seq < o.c.seq,
                earlier.c.sent_at.is_(None),
                earlier.c.next_attempt_at > now,
            )
        )
        # ix_outbox_due gives the unsent rows in order: the walk stops after a batch, with no sort, however
        # many rows were sent before (a walk of the primary key passed every one: 18 ms after 10k).
        due = (
            select(*(o.c[name] for name in _PUBLISHED_COLUMNS))
            .where(o.c.sent_at.is_(None), o.c.next_attempt_at <= now, ~blocked)
            .order_by(o.c.seq)
            .limit(self.batch_size)
        )
        if not self.database.is_sqlite:
            # Several relays may run on PostgreSQL; each takes rows the others have not locked.
            due = due.with_for_update(skip_locked=True, of=o)
        return session.execute(due).all()

    def has_due_rows(self, now: dt.datetime) -> bool:
        """A cheap read first, so an idle relay takes no write lock (SQLite) or row locks."""
        with self.database.reader() as session:
            found = session.execute(
                select(self.table.c.seq)
                .where(self.table.c.sent_at.is_(None), self.table.c.next_attempt_at <= now)
                .limit(1)
            ).first()
            return found is not None

    def run_once(self) -> int:
        """Publish one batch of due rows; returns how many were confirmed.

        On PostgreSQL, while the broker confirms a full batch, a second connection reads (and locks)
        the next one and then marks this one sent: the database's work overlaps the broker's. The
        next batch is published only after this one is confirmed, so order is as without overlap;
        when this batch has failures the next is put back, as it was chosen before they were recorded.
        """
        now = utcnow()
        if self._ahead is not None:
            reading, self._ahead = self._ahead, None
            session, rows = reading.result()
            try:
                self._settle(wait=False)  # a failure to mark an earlier batch is the relay's failure
            except BaseException:
                session.close()
                raise
        else:
            self._settle()
            # After a full batch more rows are likely waiting: the cheap read would only cost a round trip.
            if not self._backlog and not self.has_due_rows(now):
                return 0
            session, rows = self._read(now)
        self._backlog = False
        if not rows:
            session.close()
            self._settle()
            return 0
        full = len(rows) == self.batch_size
        if full and not self.database.is_sqlite:
            # Rows this transaction holds are skipped there (SKIP LOCKED).
            self._ahead = self._background().submit(self._read, now)
        try:
            results = self.publisher.publish([
                OutgoingMessage(exchange=row.exchange, routing_key=row.routing_key, body=row.body.encode(),
                                message_id=row.event_id, type=row.event_type)
                for row in rows
            ])
        except BaseException:
            session.close()  # rolled back: the rows stay unsent
            self._put_back_ahead()
            raise
        sent, unheard, failed = [], [], []
        for row, error in zip(rows, results, strict=True):
            if error is None:
                sent.append(row.seq)
            elif error.startswith(UNROUTABLE) and row.exchange in self.broadcast_exchanges:
                unheard.append(row.seq)
            else:
                failed.append((row, error))
        if failed:
            self._put_back_ahead()
        if self._ahead is not None:
            self._finishing.append(self._background().submit(self._record_outcome, session, sent, unheard, failed, now))
        else:
            self._record_outcome(session, sent, unheard, failed, now)
            self._settle()
        self._backlog = full
        return len(sent) + len(unheard)

    def close(self) -> None:
        """Finish what runs in the background: the batch read ahead goes back, the last one is marked."""
        self._put_back_ahead()
        self._settle()
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None

    def _read(self, now: dt.datetime) -> tuple[Session, list]:
        """A write transaction holding the next due rows (locked on PostgreSQL); the caller ends it."""
        session = self.database.writer()
        try:
            session.begin()
            return session, list(self._due_rows(session, now))
        except BaseException:
            session.close()
            raise

    def _record_outcome(self, session: Session, sent: list[int], unheard: list[int], failed: list, now: dt.datetime):
        try:
            for row, error in failed:
                self._mark_failed(session, row, error, now)
            if not self.database.is_sqlite:
                # The broker has confirmed: a crash that loses this commit only publishes the batch
                # again, which consumers ignore as duplicates, so the commit need not wait for the disk.
                session.execute(text("SET LOCAL synchronous_commit TO OFF"))
            if sent:
                session.execute(update(self.table).where(any_of(session, self.table.c.seq, sent)).values(sent_at=now))
            if unheard:
                session.execute(update(self.table).where(any_of(session, self.table.c.seq, unheard))
                                .values(sent_at=now, last_error=NO_SUBSCRIBER))
            session.commit()
        finally:
            session.close()

    def _background(self) -> ThreadPoolExecutor:
        # One thread, so its tasks run in order: a batch is marked sent before the one after next is read.
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox-relay")
        return self._executor

    def _put_back_ahead(self) -> None:
        reading, self._ahead = self._ahead, None
        if reading is None:
            return
        try:
            session, _rows = reading.result()
        except Exception:  # noqa: BLE001 - nothing was taken; the next read tries again
            log.warning("reading the next outbox batch failed", exc_info=True)
            return
        session.close()  # rolled back: its rows are free for the next read

    def _settle(self, wait: bool = True) -> None:
        """Batches marked in the background: wait for them (or only collect those done); a failure raises."""
        while self._finishing and (wait or self._finishing[0].done()):
            self._finishing.pop(0).result()

    def _mark_failed(self, session: Session, row, error: str, now: dt.datetime) -> None:
        attempts = row.attempts + 1
        delay = backoff_seconds(attempts, base=2.0, cap=self.max_backoff_seconds)
        log.warning("outbox publish failed", extra={"event_id": row.event_id, "error": error, "attempts": attempts})
        session.execute(
            update(self.table)
            .where(self.table.c.seq == row.seq)
            .values(attempts=attempts, last_error=error[:2000], next_attempt_at=now + dt.timedelta(seconds=delay))
        )

    def purge_sent(self) -> int:
        """Delete rows sent longer ago than the retention (kept a while for inspection)."""
        with self.database.transaction() as session:
            result = session.execute(
                delete(self.table).where(self.table.c.sent_at < utcnow() - self.retention)
            )
            return getattr(result, "rowcount", 0) or 0


class WakeUpListener:
    """Wakes a relay as soon as any process commits events to its outbox (PostgreSQL's LISTEN).

    The relay still polls, less often: for retries falling due, and in case a notification is
    missed while this listener reconnects. SQLite has no notifications; relays there only poll.
    """

    def __init__(self, database: Database, table: Table, wake: Callable[[], None], *, check_seconds: float = 1.0):
        self.database = database
        self.channel = wake_up_channel(table)
        self.wake = wake
        self.check_seconds = check_seconds  # how soon `stopping` is noticed

    def listen(self, stopping: threading.Event) -> None:
        """Until `stopping` is set; raises if the connection fails (the caller retries)."""
        pooled = self.database.engine.raw_connection()
        connection: Any = pooled.driver_connection  # a psycopg connection
        pooled.detach()  # LISTEN belongs to this connection for good: never handed back to the pool
        try:
            connection.rollback()  # the pool's liveness check may have opened a transaction
            connection.autocommit = True
            connection.execute(f'LISTEN "{self.channel}"')
            self.wake()  # whatever was committed before listening began
            while not stopping.is_set():
                for _ in connection.notifies(timeout=self.check_seconds):
                    self.wake()
        finally:
            connection.close()

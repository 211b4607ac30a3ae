"""Transactional outbox: events written with the change that caused them, published by a relay."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

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
    update,
)
from sqlalchemy.orm import Session

from .amqp import UNROUTABLE, ConfirmingPublisher, OutgoingMessage
from .backoff import backoff_seconds
from .db import Database, UTCDateTime, utcnow
from .events import CloudEvent

log = logging.getLogger(__name__)
NO_SUBSCRIBER = "published to no queue: nobody subscribes to this event"


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
    Index("ix_outbox_aggregate", table.c.aggregate, table.c.seq)
    return table


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
    session.execute(
        insert(table).values(
            event_id=pending.event.id,
            event_type=pending.event.type,
            exchange=pending.exchange,
            routing_key=pending.routing_key or pending.event.type,
            aggregate=pending.aggregate,
            body=pending.event.to_json().decode(),
            created_at=now,
            attempts=0,
            next_attempt_at=now,
        )
    )


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
        query = (
            select(o)
            .where(o.c.sent_at.is_(None), o.c.next_attempt_at <= now, ~blocked)
            .order_by(o.c.seq)
            .limit(self.batch_size)
        )
        if not self.database.is_sqlite:
            # Several relays may run on PostgreSQL; each takes rows the others have not locked.
            query = query.with_for_update(skip_locked=True, of=o)
        return session.execute(query).all()

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
        """Publish one batch of due rows; returns how many were confirmed."""
        now = utcnow()
        if not self.has_due_rows(now):
            return 0
        with self.database.transaction() as session:
            rows = self._due_rows(session, now)
            if not rows:
                return 0
            results = self.publisher.publish(
                [
                    OutgoingMessage(
                        exchange=row.exchange,
                        routing_key=row.routing_key,
                        body=row.body.encode(),
                        message_id=row.event_id,
                        type=row.event_type,
                    )
                    for row in rows
                ]
            )
            sent, unheard = [], []
            for row, error in zip(rows, results, strict=True):
                if error is None:
                    sent.append(row.seq)
                elif error.startswith(UNROUTABLE) and row.exchange in self.broadcast_exchanges:
                    unheard.append(row.seq)
                else:
                    self._mark_failed(session, row, error, now)
            if sent:
                session.execute(update(self.table).where(self.table.c.seq.in_(sent)).values(sent_at=now))
            if unheard:
                session.execute(update(self.table).where(self.table.c.seq.in_(unheard))
                                .values(sent_at=now, last_error=NO_SUBSCRIBER))
            return len(sent) + len(unheard)

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

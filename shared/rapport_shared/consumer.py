"""Idempotent consumer: effect and processed id in one transaction, ack only after commit."""
from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pika
from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .amqp import connection_parameters
from .backoff import backoff_seconds
from .db import Database, UTCDateTime, utcnow
from .events import CloudEvent, InvalidEnvelope
from .topology import Subscription, declare_subscription
from .unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

Handler = Callable[[UnitOfWork, CloudEvent], None]
UnitOfWorkFactory = Callable[[Session], UnitOfWork]


def define_processed_messages_table(metadata: MetaData) -> Table:
    """Ids of messages whose effect is committed, per consumer: the duplicate filter."""
    return Table(
        "processed_messages",
        metadata,
        Column("consumer", String(200), nullable=False),
        Column("message_id", String(64), nullable=False),
        Column("processed_at", UTCDateTime, nullable=False),
        PrimaryKeyConstraint("consumer", "message_id"),
    )


class IdempotentConsumer:
    """Consumes subscriptions; each message's effect and id commit together, then it is acked.

    A handler that raises is retried with backoff (the message is returned to the queue after
    the delay); the quorum queue's delivery limit then moves it to its dead-letter queue.
    Messages that are not CloudEvents go to the dead-letter queue at once. Each handler is given
    the service's unit of work, already holding the message's processed id; the consumer commits
    through it, so whatever the handler emits is written to the outbox in the same transaction.
    """

    def __init__(
        self,
        name: str,
        database: Database,
        processed: Table,
        amqp_url: str,
        subscriptions: Sequence[Subscription],
        handlers: Mapping[str, Handler],
        *,
        unit_of_work: UnitOfWorkFactory,
        prefetch: int = 100,
        retry_base_seconds: float = 0.5,
        retry_cap_seconds: float = 30.0,
    ):
        self.name = name
        self.database = database
        self.processed = processed
        self.amqp_url = amqp_url
        self.subscriptions = list(subscriptions)
        self.handlers = dict(handlers)
        self.unit_of_work = unit_of_work
        self.prefetch = prefetch
        self.retry_base_seconds = retry_base_seconds
        self.retry_cap_seconds = retry_cap_seconds
        self._connection: Any = None  # a pika.BlockingConnection while consuming
        self._stopping = threading.Event()

    # -- one message --------------------------------------------------------------------------
    def handle(self, event: CloudEvent) -> bool:
        """Apply one event exactly once; returns False when it had already been applied."""
        handler = self.handlers.get(event.type)
        with self.database.writer() as session:
            try:
                with self.unit_of_work(session) as uow:
                    session.execute(insert(self.processed).values(
                        consumer=self.name, message_id=event.id, processed_at=utcnow()))
                    if handler is not None:
                        handler(uow, event)
                    uow.commit()
            except IntegrityError:
                if self._already_processed(event.id):
                    return False
                raise
        return True

    def _already_processed(self, message_id: str) -> bool:
        with self.database.reader() as session:
            found = session.execute(
                select(self.processed.c.message_id).where(
                    self.processed.c.consumer == self.name, self.processed.c.message_id == message_id
                )
            ).first()
            return found is not None

    def _on_message(self, channel, method, properties, body) -> None:
        try:
            event = CloudEvent.from_json(body)
        except InvalidEnvelope as exc:
            log.error("unreadable message dead-lettered", extra={"consumer": self.name, "error": str(exc)})
            channel.basic_reject(method.delivery_tag, requeue=False)
            return
        try:
            applied = self.handle(event)
        except Exception as exc:  # noqa: BLE001 - any failure is retried, then dead-lettered
            count = int((properties.headers or {}).get("x-delivery-count", 0))
            delay = backoff_seconds(count + 1, base=self.retry_base_seconds, cap=self.retry_cap_seconds)
            log.warning(
                "handler failed; will retry",
                extra={"consumer": self.name, "event_id": event.id, "type": event.type,
                       "delivery_count": count, "retry_in": delay, "error": repr(exc)[:500]},
            )
            # The message stays unacknowledged during the delay while other messages keep flowing.
            self._connection.call_later(
                delay, functools.partial(self._requeue, channel, method.delivery_tag)
            )
            return
        channel.basic_ack(method.delivery_tag)
        log.info("event consumed" if applied else "duplicate skipped",
                 extra={"consumer": self.name, "event_id": event.id, "type": event.type})

    @staticmethod
    def _requeue(channel, delivery_tag: int) -> None:
        if channel.is_open:
            channel.basic_nack(delivery_tag, requeue=True)

    # -- the loop -----------------------------------------------------------------------------
    def connect(self) -> None:
        self._connection = pika.BlockingConnection(connection_parameters(self.amqp_url, f"{self.name}-consumer"))
        channel = self._connection.channel()
        channel.basic_qos(prefetch_count=self.prefetch)
        for sub in self.subscriptions:
            declare_subscription(channel, sub)
            channel.basic_consume(sub.queue, self._on_message)
        self._channel = channel

    def run(self) -> None:
        """Consume until stop() is called; raises on connection loss (the worker reconnects)."""
        if self._connection is None or not self._connection.is_open:
            self.connect()
        try:
            while not self._stopping.is_set():
                self._connection.process_data_events(time_limit=0.5)
        finally:
            self.close()

    def stop(self) -> None:
        self._stopping.set()

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None and connection.is_open:
            try:
                connection.close()
            except pika.exceptions.AMQPError:
                pass

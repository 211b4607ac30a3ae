"""The relay reads the next batch while the broker confirms the current one (PostgreSQL): order still holds."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from support.settings import AMQP_URL
from support.shared_schema import outbox

from rapport_shared.amqp import ConfirmingPublisher
from rapport_shared.events import CloudEvent
from rapport_shared.outbox import OutboxRelay, PendingEvent, record


@pytest.fixture
def exchange(namespace, broker):
    name = f"{namespace}.producer"
    yield name
    broker.delete(exchanges=(name,))


def write(database, exchange, n, *, routing_key=None):
    event = CloudEvent(type="rapport.test.note.written.v1", source="/tests", subject="notes/1", data={"n": n})
    with database.writer() as session:
        record(session, outbox, PendingEvent(event, exchange, routing_key))
        session.commit()
    return event


def test_many_full_batches_arrive_once_each_in_order(database, exchange, broker, namespace):
    queue = broker.queue(f"{namespace}.sink", exchange)
    events = [write(database, exchange, n) for n in range(95)]
    relay = OutboxRelay(database, outbox, ConfirmingPublisher(AMQP_URL, exchanges=[exchange]), batch_size=10)

    counts = []
    while count := relay.run_once():
        counts.append(count)
    relay.close()

    assert counts == [10] * 9 + [5]
    assert [json.loads(b)["id"] for b in broker.drain(queue, expect=95)] == [e.id for e in events]
    with database.reader() as session:
        assert session.execute(select(outbox.c.event_id).where(outbox.c.sent_at.is_(None))).all() == []
    relay.publisher.close()


def test_a_failure_puts_back_the_batch_read_ahead(database, exchange, broker, namespace):
    # Not a broadcast exchange: a message no queue takes fails and waits for a retry, and the
    # aggregate's later events wait behind it, even those already read for the next batch.
    queue = broker.queue(f"{namespace}.sink", exchange, routing_key="rapport.test.note.written.v1")
    write(database, exchange, 0, routing_key="no.queue.takes.this")
    delivered = write(database, exchange, 1)  # same batch as the failure: published, as always
    for n in range(2, 6):
        write(database, exchange, n)
    relay = OutboxRelay(database, outbox, ConfirmingPublisher(AMQP_URL, exchanges=[exchange]), batch_size=2)

    assert relay.run_once() == 1
    assert relay.run_once() == 0
    relay.close()
    assert [json.loads(b)["id"] for b in broker.drain(queue, timeout=1.0)] == [delivered.id]
    with database.reader() as session:
        waiting = session.execute(select(outbox.c.seq).where(outbox.c.sent_at.is_(None))).all()
    assert len(waiting) == 5
    relay.publisher.close()

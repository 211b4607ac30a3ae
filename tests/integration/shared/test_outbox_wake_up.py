"""A relay woken by commits (PostgreSQL's LISTEN/NOTIFY) rather than only by its poll."""
from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import insert
from support.settings import AMQP_URL
from support.shared_schema import notes, outbox

from rapport_shared.amqp import ConfirmingPublisher, OutgoingMessage
from rapport_shared.events import CloudEvent
from rapport_shared.outbox import PendingEvent, WakeUpListener, record

WITHIN = 15.0  # seconds: a bound for a failing test, not a measurement


def test_a_commit_with_events_wakes_the_listener(database, backend):
    if backend == "sqlite":
        pytest.skip("SQLite has no notifications: its relays poll")
    woken, stopping = threading.Event(), threading.Event()
    listener = WakeUpListener(database, outbox, woken.set, check_seconds=0.2)
    thread = threading.Thread(target=listener.listen, args=(stopping,), daemon=True)
    thread.start()
    try:
        assert woken.wait(WITHIN), "the listener wakes its relay once on starting"
        woken.clear()
        with database.writer() as session:
            session.execute(insert(notes).values(text="first"))
            for n in range(2):  # two events, one notification
                event = CloudEvent(type="rapport.test.note.written.v1", source="/tests", subject="notes/1",
                                   data={"n": n})
                record(session, outbox, PendingEvent(event, "rapport.test"))
            session.commit()
        assert woken.wait(WITHIN)
    finally:
        stopping.set()
        thread.join(WITHIN)
    assert not thread.is_alive()


def test_wake_ends_an_idle_publisher_at_once(namespace, broker):
    exchange = f"{namespace}.producer"
    broker.queue(f"{namespace}.sink", exchange)
    publisher = ConfirmingPublisher(AMQP_URL, exchanges=[exchange])
    try:
        assert publisher.publish([OutgoingMessage(exchange, "t", b"{}", str(uuid.uuid4()), "t")]) == [None]
        idle = threading.Thread(target=publisher.idle, args=(600,), daemon=True)
        idle.start()
        publisher.wake()
        idle.join(WITHIN)
        assert not idle.is_alive()
    finally:
        publisher.close()
        broker.delete(exchanges=(exchange,))

"""The idempotent consumer against real databases and RabbitMQ quorum queues."""
from __future__ import annotations

import threading
import time

import pika
import pytest
from sqlalchemy import func, select
from support.settings import AMQP_URL
from support.shared_schema import notes, notes_unit_of_work, outbox, processed

from rapport_shared.consumer import IdempotentConsumer
from rapport_shared.events import CloudEvent
from rapport_shared.topology import Subscription, declare_exchange

TYPE = "rapport.test.note.written.v1"


def publish(channel, exchange: str, event: CloudEvent) -> None:
    channel.basic_publish(exchange, event.type, event.to_json(),
                          pika.BasicProperties(message_id=event.id, delivery_mode=2))


def note_event(text: str, **kwargs) -> CloudEvent:
    return CloudEvent(type=TYPE, source="/tests", subject="notes/1", data={"text": text}, **kwargs)


def add_note(uow, event):
    uow.add_note(event.data["text"])


def consumer_of(database, subscriptions, handlers, **kwargs) -> IdempotentConsumer:
    return IdempotentConsumer("tests", database, processed, AMQP_URL, subscriptions, handlers,
                              unit_of_work=notes_unit_of_work, **kwargs)


def count_notes(database) -> int:
    with database.reader() as session:
        return session.execute(select(func.count()).select_from(notes)).scalar_one()


@pytest.fixture
def subscription(namespace, broker):
    sub = Subscription(namespace=namespace, consumer="tests", name="notes", exchange=f"{namespace}.producer",
                       routing_keys=(TYPE,), delivery_limit=3)
    yield sub
    broker.delete(sub.queue, sub.dead_letter_queue, exchanges=(sub.exchange, sub.dead_letter_exchange))


def run_in_background(consumer: IdempotentConsumer) -> threading.Thread:
    consumer.connect()  # declares the topology before anything is published
    thread = threading.Thread(target=consumer.run, daemon=True)
    thread.start()
    return thread


def wait_for(predicate, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_same_event_delivered_twice_has_one_effect(database, broker, subscription):
    consumer = consumer_of(database, [subscription], {TYPE: add_note})
    thread = run_in_background(consumer)
    event = note_event("once")
    declare_exchange(broker.channel, subscription.exchange)
    publish(broker.channel, subscription.exchange, event)
    publish(broker.channel, subscription.exchange, event)  # a redelivery, e.g. after a relay retry
    publish(broker.channel, subscription.exchange, note_event("another"))

    wait_for(lambda: broker.count(subscription.queue) == 0 and count_notes(database) == 2)
    time.sleep(0.3)  # give a wrongly applied duplicate the chance to show up
    consumer.stop()
    thread.join(5)
    assert count_notes(database) == 2
    with database.reader() as session:
        assert session.execute(select(func.count()).select_from(processed)).scalar_one() == 2


def test_handle_is_idempotent_when_called_directly(database):
    consumer = consumer_of(database, [], {TYPE: add_note})
    event = note_event("direct")
    assert consumer.handle(event) is True
    assert consumer.handle(event) is False
    assert count_notes(database) == 1


def test_failed_handler_rolls_back_its_effect(database):
    def half_then_fail(uow, event):
        add_note(uow, event)
        uow.emit(note_event("never sent"))
        raise RuntimeError("boom after writing")

    consumer = consumer_of(database, [], {TYPE: half_then_fail})
    with pytest.raises(RuntimeError):
        consumer.handle(note_event("partial"))
    assert count_notes(database) == 0
    with database.reader() as session:
        assert session.execute(select(func.count()).select_from(processed)).scalar_one() == 0
        assert session.execute(select(func.count()).select_from(outbox)).scalar_one() == 0


def test_what_a_handler_emits_commits_with_its_effect_and_the_message_id(database):
    """A handler's use case may commit on its own (with uow: ... commit()); its events still reach the outbox."""
    def note_and_announce(uow, event):
        with uow:
            add_note(uow, event)
            uow.emit(note_event("announced"))
            uow.commit()

    def nothing_to_do(uow, event):
        with uow:  # a use case that returns early must not undo the consumer's record of the message
            return

    consumer = consumer_of(database, [], {TYPE: note_and_announce, "rapport.test.noop.v1": nothing_to_do})
    assert consumer.handle(note_event("with an event")) is True
    noop = CloudEvent(type="rapport.test.noop.v1", source="/tests", data={})
    assert consumer.handle(noop) is True
    assert consumer.handle(noop) is False  # recorded although the handler wrote nothing
    with database.reader() as session:
        assert session.execute(select(func.count()).select_from(outbox)).scalar_one() == 1
        assert session.execute(select(func.count()).select_from(processed)).scalar_one() == 2
    assert count_notes(database) == 1


def test_always_failing_handler_is_dead_lettered_while_others_flow(database, broker, subscription):
    poison = note_event("poison")

    def handler(uow, event):
        if event.id == poison.id:
            raise RuntimeError("this one never works")
        add_note(uow, event)

    consumer = consumer_of(database, [subscription], {TYPE: handler},
                           retry_base_seconds=0.05, retry_cap_seconds=0.2)
    thread = run_in_background(consumer)
    publish(broker.channel, subscription.exchange, poison)
    later = [note_event(f"later {i}") for i in range(5)]
    for event in later:
        publish(broker.channel, subscription.exchange, event)

    wait_for(lambda: count_notes(database) == 5)  # later messages are not stuck behind the poison
    wait_for(lambda: broker.count(subscription.dead_letter_queue) == 1)
    consumer.stop()
    thread.join(5)
    method, props, body = broker.channel.basic_get(subscription.dead_letter_queue, auto_ack=True)
    assert CloudEvent.from_json(body).id == poison.id
    death = props.headers["x-death"][0]
    assert death["reason"] == "delivery_limit" and death["queue"] == subscription.queue
    assert broker.count(subscription.queue) == 0


def test_unreadable_message_goes_straight_to_dead_letters(database, broker, subscription):
    consumer = consumer_of(database, [subscription], {TYPE: add_note})
    thread = run_in_background(consumer)
    broker.channel.basic_publish(subscription.exchange, TYPE, b"{not json", pika.BasicProperties(delivery_mode=2))
    wait_for(lambda: broker.count(subscription.dead_letter_queue) == 1)
    consumer.stop()
    thread.join(5)
    assert count_notes(database) == 0

"""Operators see the outbox backlog and dead letters, and can replay dead letters."""
from __future__ import annotations

import dataclasses
import time

import pika
import pytest
from sqlalchemy import insert
from support.profiles import bearer, sign
from support.settings import AMQP_URL
from support.shared_schema import notes, outbox

from rapport_shared.app import create_service_app
from rapport_shared.config import Settings
from rapport_shared.events import CloudEvent
from rapport_shared.outbox import PendingEvent, record
from rapport_shared.topology import Subscription, declare_subscription


@pytest.fixture
def subscription(namespace, broker):
    sub = Subscription(namespace=namespace, consumer="opsdemo", name="things", exchange=f"{namespace}.producer",
                       routing_keys=("rapport.test.#",))
    declare_subscription(broker.channel, sub)
    yield sub
    broker.delete(sub.queue, sub.dead_letter_queue, exchanges=(sub.exchange, sub.dead_letter_exchange))


@pytest.fixture
def app(database, subscription):
    settings = dataclasses.replace(Settings.from_env("opsdemo"), database_url=database.url, amqp_url=AMQP_URL,
                                   amqp_namespace=subscription.namespace)
    application = create_service_app(settings, title="ops demo", description="", blueprints=[], outbox=outbox,
                                     subscriptions=lambda namespace: [subscription])
    yield application
    application.extensions["rapport.db"].dispose()


def admin() -> dict:  # signed when used: a token made at import would expire in a long run
    return bearer(sign({"sub": "admin-1", "role": "admin"}))


def staff() -> dict:
    return bearer(sign({"sub": "staff-1", "role": "staff", "practice_id": "p1"}))


def test_outbox_backlog_is_visible_to_admins_only(app, database):
    event = CloudEvent(type="rapport.test.note.written.v1", source="/tests", subject="notes/1", data={})
    with database.writer() as session:
        session.execute(insert(notes).values(text="x"))
        record(session, outbox, PendingEvent(event, "nowhere"))
        session.commit()
    client = app.test_client()
    assert client.get("/v1/opsdemo/ops/outbox", headers=staff()).status_code == 403
    body = client.get("/v1/opsdemo/ops/outbox", headers=admin()).get_json()
    assert body["unsent"] == 1 and body["failing"] == 0 and body["oldest_age_seconds"] >= 0


def test_dead_letters_are_listed_with_their_reason_and_can_be_replayed(app, broker, subscription):
    event = CloudEvent(type="rapport.test.thing.happened.v1", source="/tests", data={})
    broker.channel.basic_publish(subscription.exchange, event.type, event.to_json(),
                                 pika.BasicProperties(message_id=event.id, type=event.type, delivery_mode=2))
    # A consumer gives up on it: rejected without requeue -> dead-lettered.
    for _ in range(100):
        method, _props, _body = broker.channel.basic_get(subscription.queue, auto_ack=False)
        if method:
            broker.channel.basic_reject(method.delivery_tag, requeue=False)
            break
        time.sleep(0.05)
    client = app.test_client()
    for _ in range(100):
        state = client.get("/v1/opsdemo/ops/dead-letters", headers=admin()).get_json()[0]
        if state["dead"] == 1:
            break
        time.sleep(0.05)
    assert state["dead_letters"] == [{"message_id": event.id, "type": event.type, "reason": "rejected",
                                      "deliveries": 1}]
    # Peeking left it where it was.
    assert client.get("/v1/opsdemo/ops/dead-letters", headers=admin()).get_json()[0]["dead"] == 1

    assert client.post("/v1/opsdemo/ops/dead-letters/unknown/replay", headers=admin()).status_code == 404
    replayed = client.post(f"/v1/opsdemo/ops/dead-letters/{subscription.name}/replay", headers=admin())
    assert replayed.get_json() == {"queue": subscription.queue, "replayed": 1}
    bodies = broker.drain(subscription.queue, expect=1)
    assert [CloudEvent.from_json(b).id for b in bodies] == [event.id]
    assert broker.count(subscription.dead_letter_queue) == 0

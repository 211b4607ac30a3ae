"""Operators' view of a service's messaging: outbox backlog, dead letters, and replaying them.

Mounted at `/v1/<service>/ops/` (administrators only). Failures must be visible, never silent.
"""
from __future__ import annotations

from collections.abc import Callable

import marshmallow as ma
import pika
from flask import current_app
from flask.views import MethodView
from sqlalchemy import Table, select

from .amqp import connection_parameters
from .auth import require
from .blueprint import Blueprint
from .db import request_session
from .errors import NotFound
from .outbox import backlog
from .topology import Subscription

PEEK_LIMIT = 20


class FailingEvent(ma.Schema):
    event_id = ma.fields.String()
    event_type = ma.fields.String()
    aggregate = ma.fields.String()
    attempts = ma.fields.Integer()
    last_error = ma.fields.String(allow_none=True)
    next_attempt_at = ma.fields.DateTime()
    created_at = ma.fields.DateTime()


class OutboxState(ma.Schema):
    unsent = ma.fields.Integer()
    failing = ma.fields.Integer()
    oldest_age_seconds = ma.fields.Float()
    failing_events = ma.fields.List(ma.fields.Nested(FailingEvent))


class DeadLetter(ma.Schema):
    message_id = ma.fields.String(allow_none=True)
    type = ma.fields.String(allow_none=True)
    reason = ma.fields.String(allow_none=True, metadata={"description": "delivery_limit, rejected, ..."})
    deliveries = ma.fields.Integer(allow_none=True)


class QueueState(ma.Schema):
    queue = ma.fields.String()
    dead_letter_queue = ma.fields.String()
    ready = ma.fields.Integer()
    dead = ma.fields.Integer()
    dead_letters = ma.fields.List(ma.fields.Nested(DeadLetter), metadata={"description": f"first {PEEK_LIMIT}"})


class ReplayArgs(ma.Schema):
    limit = ma.fields.Integer(load_default=1000, validate=ma.validate.Range(min=1, max=10000))


class ReplayResult(ma.Schema):
    queue = ma.fields.String()
    replayed = ma.fields.Integer()


def _describe(properties) -> dict:
    headers = properties.headers or {}
    death = (headers.get("x-death") or [{}])[0]
    return {
        "message_id": properties.message_id,
        "type": properties.type,
        "reason": death.get("reason"),
        "deliveries": death.get("count"),
    }


def _channel():
    connection = pika.BlockingConnection(connection_parameters(current_app.config["AMQP_URL"], "ops"))
    return connection, connection.channel()


def queue_states(subscriptions: list[Subscription]) -> list[dict]:
    connection, channel = _channel()
    try:
        states = []
        for sub in subscriptions:
            ready = channel.queue_declare(sub.queue, passive=True).method.message_count
            dead = channel.queue_declare(sub.dead_letter_queue, passive=True).method.message_count
            peeked = []
            # Take a few without acking, then close the channel: the broker puts them back.
            peek = connection.channel()
            for _ in range(min(dead, PEEK_LIMIT)):
                method, properties, _body = peek.basic_get(sub.dead_letter_queue, auto_ack=False)
                if method is None:
                    break
                peeked.append(_describe(properties))
            peek.close()
            states.append({"queue": sub.queue, "dead_letter_queue": sub.dead_letter_queue, "ready": ready,
                           "dead": dead, "dead_letters": peeked})
        return states
    finally:
        connection.close()


def replay(sub: Subscription, limit: int) -> int:
    """Move dead letters back to their queue; each is acked from the dead-letter queue only after
    the broker confirmed the copy, so a crash in between duplicates (harmless) rather than loses."""
    connection, channel = _channel()
    try:
        channel.confirm_delivery()
        moved = 0
        while moved < limit:
            method, properties, body = channel.basic_get(sub.dead_letter_queue, auto_ack=False)
            if method is None:
                break
            headers = {k: v for k, v in (properties.headers or {}).items() if not k.startswith("x-")}
            properties.headers = headers or None
            channel.basic_publish("", sub.queue, body, properties, mandatory=True)
            channel.basic_ack(method.delivery_tag)
            moved += 1
        return moved
    finally:
        connection.close()


def ops_blueprint(service: str, outbox: Table, subscriptions: Callable[[str], list[Subscription]]) -> Blueprint:
    blp = Blueprint(f"{service}_ops", __name__, url_prefix=f"/v1/{service}/ops",
                    description=f"Operations of {service}: outbox backlog, dead letters, replay (administrators)")
    security: list[dict[str, list[str]]] = [{"bearerAuth": []}]

    def current_subscriptions() -> list[Subscription]:
        return subscriptions(current_app.extensions["rapport.settings"].amqp_namespace)

    @blp.route("/outbox")
    class Outbox(MethodView):
        @require("admin")
        @blp.response(200, OutboxState)
        @blp.doc(security=security)
        def get(self):
            """Events not yet published: how many, the oldest's age, and the ones failing."""
            session = request_session()
            state = backlog(session, outbox)
            rows = session.execute(
                select(outbox).where(outbox.c.sent_at.is_(None), outbox.c.attempts > 0)
                .order_by(outbox.c.seq).limit(PEEK_LIMIT)
            ).all()
            return {**state, "failing_events": [row._mapping for row in rows]}

    @blp.route("/dead-letters")
    class DeadLetters(MethodView):
        @require("admin")
        @blp.response(200, QueueState(many=True))
        @blp.doc(security=security)
        def get(self):
            """Each of this service's queues: messages waiting, dead-lettered, and why."""
            return queue_states(current_subscriptions())

    @blp.route("/dead-letters/<name>/replay")
    class Replay(MethodView):
        @require("admin")
        @blp.arguments(ReplayArgs, location="query")
        @blp.response(200, ReplayResult)
        @blp.doc(security=security)
        def post(self, args, name):
            """Send dead-lettered messages of queue `name` (e.g. `profiles-events`) back to it."""
            sub = next((s for s in current_subscriptions() if s.name == name), None)
            if sub is None:
                raise NotFound(f"{service} has no queue named {name!r}")
            return {"queue": sub.queue, "replayed": replay(sub, args["limit"])}

    return blp

"""The foundation: the Flask floor, a database read through the gateway, and the outbox relay
beside raw pika publishing with confirms."""
from __future__ import annotations

import statistics
import time
import uuid

import pika
from harness import Figure, Request
from sqlalchemy import MetaData, insert

from rapport_shared.amqp import ConfirmingPublisher, OutgoingMessage, connection_parameters
from rapport_shared.db import Database, utcnow
from rapport_shared.events import CloudEvent
from rapport_shared.outbox import OutboxRelay, define_outbox_table

MESSAGES = 20_000
BATCH = 500
ROUNDS = 3  # raw and relay in turns


def run(ctx) -> list[Figure]:
    figures = [
        ctx.load("profiles: GET /healthz/profiles (Flask floor)", lambda i: Request("GET", "/healthz/profiles")),
        ctx.load("profiles: GET /v1/therapists (public list)", lambda i: Request("GET", "/v1/therapists?limit=20")),
    ]
    figures += _relay_vs_raw_pika(ctx)
    return figures


def _declare_sink(channel, exchange: str, queue: str) -> None:
    channel.exchange_declare(exchange, "topic", durable=True)
    channel.queue_declare(queue, durable=True, arguments={"x-queue-type": "quorum"})
    channel.queue_bind(queue, exchange, "#")


def _relay_vs_raw_pika(ctx) -> list[Figure]:
    """Raw batched publishing and the relay, in turns (raw, relay, raw, relay, ...) into the same emptied
    queue, each figure the median of its rounds: a quorum queue slows as it fills, and the machine's pace
    drifts, so one pass of each in a row favoured whichever ran first."""
    url = ctx.stack.env["AMQP_URL"]
    # In the run's namespace, so the sweep at the end removes them even if this measurement fails.
    namespace = ctx.stack.env["AMQP_NAMESPACE"]
    exchange, queue = f"{namespace}.bench-{uuid.uuid4().hex[:8]}", f"{namespace}.bench-{uuid.uuid4().hex[:8]}"
    connection = pika.BlockingConnection(connection_parameters(url, "bench"))
    channel = connection.channel()
    _declare_sink(channel, exchange, queue)
    body = CloudEvent(type="rapport.bench.thing.happened.v1", source="/bench", data={"n": 1}).to_json()

    # Ceiling 1: raw pika, waiting for each confirm (the simple, slow way).
    channel.confirm_delivery()
    n_each = MESSAGES // 4
    started = time.perf_counter()
    for _ in range(n_each):
        channel.basic_publish(exchange, "rapport.bench.thing.happened.v1", body,
                              pika.BasicProperties(delivery_mode=2), mandatory=True)
    each = Figure("amqp: raw pika, confirm per message", n_each / (time.perf_counter() - started), unit="msg/s")

    url_db = ctx.postgres_database("relay") if ctx.backend == "postgresql" else \
        f"sqlite:///{ctx.stack.env['RAPPORT_VAR_DIR']}/bench-relay.db"
    database = Database(url_db)
    metadata = MetaData()
    outbox = define_outbox_table(metadata)
    metadata.create_all(database.engine)
    publisher = ConfirmingPublisher(url, exchanges=[exchange])
    relay = OutboxRelay(database, outbox, ConfirmingPublisher(url, exchanges=[exchange]), batch_size=BATCH)
    raw_rates, relay_rates = [], []
    for _ in range(ROUNDS):
        # Ceiling 2: raw batches with one wait for confirms, no database (our publisher alone).
        channel.queue_purge(queue)
        messages = [OutgoingMessage(exchange, "rapport.bench.thing.happened.v1", body, str(uuid.uuid4()), "t")
                    for _ in range(MESSAGES)]
        started = time.perf_counter()
        for start in range(0, MESSAGES, BATCH):
            assert not any(publisher.publish(messages[start:start + BATCH]))
        raw_rates.append(MESSAGES / (time.perf_counter() - started))

        # The relay: rows read from the outbox, published in batches, marked sent, in one transaction each.
        channel.queue_purge(queue)
        now = utcnow()
        with database.transaction() as session:
            session.execute(insert(outbox), [
                {"event_id": str(uuid.uuid4()), "event_type": "rapport.bench.thing.happened.v1", "exchange": exchange,
                 "routing_key": "rapport.bench.thing.happened.v1", "aggregate": f"things/{i % 100}",
                 "body": body.decode(), "created_at": now, "attempts": 0, "next_attempt_at": now}
                for i in range(MESSAGES)
            ])
        started = time.perf_counter()
        sent = 0
        while (n := relay.run_once()):
            sent += n
        assert sent == MESSAGES, sent
        relay_rates.append(sent / (time.perf_counter() - started))
    rounds = ", ".join(f"{r:,.0f}/{b:,.0f}" for r, b in zip(relay_rates, raw_rates, strict=True))
    batched = Figure(f"amqp: raw pika, batch of {BATCH} then confirms", statistics.median(raw_rates),
                     unit="msg/s", ceiling=each, note=f"median of {ROUNDS} rounds")
    relay_figure = Figure(f"outbox relay ({ctx.backend}) -> RabbitMQ, confirmed", statistics.median(relay_rates),
                          unit="msg/s", ceiling=batched, key="relay",
                          note=f"{MESSAGES} events a round, median of {ROUNDS} (relay/raw: {rounds}); "
                               f"raw confirm-per-message: {each.rps:,.0f} msg/s")
    relay.close()
    relay.publisher.close()
    publisher.close()
    database.dispose()
    channel.queue_delete(queue)
    channel.exchange_delete(exchange)
    connection.close()
    return [each, batched, relay_figure]

"""Billing: claims rendered as 837P and validated by pyx12 per second (in process), and the latency
from an appointment completed to its claim in the insurer's queue (through the running system),
each beside its ceiling: pyx12 alone, and a bare RabbitMQ publish + consume round trip."""
from __future__ import annotations

import dataclasses
import time
import uuid

import pika
from harness import Figure, percentile
from support.billing_documents import clean_document
from support.billing_events import BookingPublisher, appointment_completed, client_registered
from support.http import DEMO_ADMIN

from billing.adapters.x12_validation import validate_x12
from billing.domain.x12 import render_837p
from billing.messaging.insurers import claims_queue, insurer_username
from billing.operations.insurer_accounts import deprovision, provision
from billing.operations.insurer_list import Insurer
from rapport_shared.amqp import connection_parameters
from rapport_shared.config import var_dir

DEMO_PRACTICE_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://rapport.example/demo/practice/northside"))
DEMO_THERAPIST_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://rapport.example/demo/therapist/maren-okafor"))
ROUND_TRIPS = 60


def run(ctx) -> list[Figure]:
    return [*_render_and_validate(ctx), *_completed_to_insurer_queue(ctx)]


def _render_and_validate(ctx) -> list[Figure]:
    sample = render_837p(clean_document())
    for _ in range(30):  # warm up: the first call loads pyx12's maps
        validate_x12(sample)
    ceiling = ctx.timed("pyx12: validate one 837P (ceiling)", lambda: validate_x12(sample), 300, unit="claims/s")
    counter = iter(range(10**9))

    def render_and_validate():
        doc = dataclasses.replace(clean_document(), control_number=next(counter) + 1)
        valid, errors = validate_x12(render_837p(doc))
        assert valid, errors

    figure = ctx.timed("billing: render 837P + pyx12 validate (in process)", render_and_validate, 300,
                       unit="claims/s", ceiling=ceiling)
    return [ceiling, figure]


def _completed_to_insurer_queue(ctx) -> list[Figure]:
    env = ctx.stack.env
    namespace, amqp_url = env["AMQP_NAMESPACE"], env["AMQP_URL"]
    gw = ctx.gateway
    admin = gw.login(*DEMO_ADMIN)
    staff = ctx.staff_token
    payer_id = f"BENCH{uuid.uuid4().hex[:5].upper()}"
    response = gw.post("/v1/payers", admin, json={"name": "Bench Health", "payer_id": payer_id})
    assert response.status_code == 201, (response.status_code, response.text[:500])
    payer = response.json()
    plan = gw.post("/v1/plans", admin, json={"payer_ref": payer["id"], "name": "Bench PPO", "deductible_cents": 0,
                                            "oop_max_cents": 500000, "coinsurance_bp": 2000,
                                            "covered_cpts": ["90834"]}).json()
    gw.request("PUT", f"/v1/payers/{payer['id']}/fee-schedule", staff, json={"amounts": {"90834": 11000}})
    bench_insurer = Insurer(payer_id, "Bench Health")
    passwords = provision(amqp_url, namespace, [bench_insurer], var_dir())
    booking = BookingPublisher(amqp_url, namespace)
    client_id = str(uuid.uuid4())
    booking.publish(client_registered(client_id, DEMO_PRACTICE_ID))
    gw.eventually(f"/v1/clients/{client_id}/coverages", staff)
    gw.request("PUT", f"/v1/clients/{client_id}/diagnoses", staff, json={"codes": ["F41.1"]})
    gw.post(f"/v1/clients/{client_id}/coverages", staff, json={"plan_id": plan["id"], "member_id": "BENCH1",
                                                               "effective_from": "2026-01-01"})
    params = connection_parameters(amqp_url, "bench-insurer")
    params.credentials = pika.PlainCredentials(insurer_username(namespace, payer_id), passwords[payer_id])
    insurer = pika.BlockingConnection(params)
    channel = insurer.channel()
    queue = claims_queue(namespace, payer_id)
    latencies = []
    try:
        for _ in range(ROUND_TRIPS):
            started = time.perf_counter()
            booking.publish(appointment_completed(str(uuid.uuid4()), client_id, DEMO_PRACTICE_ID, DEMO_THERAPIST_ID))
            deadline = started + 30
            while time.perf_counter() < deadline:
                method, _props, _body = channel.basic_get(queue, auto_ack=True)
                if method is not None:
                    latencies.append((time.perf_counter() - started) * 1000)
                    break
                time.sleep(0.002)
    finally:
        insurer.close()
        booking.close()
        deprovision(namespace, [bench_insurer])
    ceiling = _amqp_round_trip(amqp_url, namespace)
    latencies.sort()
    figure = Figure("billing: appointment completed -> claim in insurer queue", rps=len(latencies) / (
        sum(latencies) / 1000) if latencies else 0, p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95), p99_ms=percentile(latencies, 99), requests=len(latencies),
        errors=ROUND_TRIPS - len(latencies), unit="claims/s", ceiling=ceiling,
        note="one at a time: event -> consumer -> charge, claim, scrub, pyx12 -> outbox -> relay -> queue; "
             "a Python flow: publish, then poll the insurer's queue", key="completed-to-claim")
    return [ceiling, figure]


def _amqp_round_trip(amqp_url: str, namespace: str) -> Figure:
    """Publish one message and get it back from a queue, one at a time: the broker's floor."""
    connection = pika.BlockingConnection(connection_parameters(amqp_url, "bench-ceiling"))
    channel = connection.channel()
    channel.confirm_delivery()
    queue = f"{namespace}.bench.roundtrip"
    channel.queue_declare(queue, durable=False, auto_delete=False)
    samples = []
    try:
        for _ in range(200):
            started = time.perf_counter()
            channel.basic_publish("", queue, b"{}")
            while channel.basic_get(queue, auto_ack=True)[0] is None:
                pass
            samples.append((time.perf_counter() - started) * 1000)
    finally:
        channel.queue_delete(queue)
        connection.close()
    samples.sort()
    return Figure("rabbitmq: publish + get round trip (ceiling)", rps=1000 / (sum(samples) / len(samples)),
                  p50_ms=percentile(samples, 50), p95_ms=percentile(samples, 95), p99_ms=percentile(samples, 99),
                  requests=len(samples), unit="msgs/s")

"""Booking's worker against real RabbitMQ: it follows profiles' therapist events and relays what
booking publishes, with no contact details or concerns on the wire (both databases)."""
from __future__ import annotations

import json
import time

import pytest
from support.booking import booking_body, free_slots, put_availability, staff
from support.booking_e2e import publish_therapist
from support.broker import Broker
from support.settings import AMQP_URL

from booking.entrypoints.consumers import subscriptions
from booking.entrypoints.worker import build_worker
from rapport_shared.topology import declare_subscription, producer_exchange


@pytest.fixture
def running(make_service):
    app, settings = make_service("booking")
    broker = Broker(AMQP_URL)
    subs = subscriptions(settings.amqp_namespace)
    for sub in subs:  # as `rapport-booking declare-queues` does before the worker starts
        declare_subscription(broker.channel, sub)
    sink = broker.queue(f"{settings.amqp_namespace}.booking-sink", producer_exchange(settings.amqp_namespace, "booking"))
    worker = build_worker(settings)
    worker.start()
    yield app, settings, broker, sink
    worker.stop()
    broker.delete(*[name for sub in subs for name in (sub.queue, sub.dead_letter_queue)],
                  exchanges=(producer_exchange(settings.amqp_namespace, "booking"),
                             producer_exchange(settings.amqp_namespace, "profiles")))
    broker.close()


def test_worker_reads_therapists_and_publishes_bookings(running):
    app, settings, broker, sink = running
    client = app.test_client()
    practice_id = "practice-worker-test"
    therapist_id = publish_therapist({"AMQP_URL": AMQP_URL, "AMQP_NAMESPACE": settings.amqp_namespace}, practice_id)
    deadline = time.monotonic() + 20
    while client.get(f"/v1/therapists/{therapist_id}/availability", headers=staff(practice_id)).status_code != 200:
        assert time.monotonic() < deadline, "the therapist never reached booking's read model"
        time.sleep(0.1)

    put_availability(client, therapist_id, staff(practice_id))
    start = free_slots(client, therapist_id)[0]
    assert client.post("/v1/consultations", json=booking_body(therapist_id, start)).status_code == 201

    wanted = {"rapport.booking.availability.summarized.v1", "rapport.booking.consultation.confirmed.v1"}
    seen: list[dict] = []
    deadline = time.monotonic() + 20
    while not wanted <= {e["type"] for e in seen}:
        assert time.monotonic() < deadline, f"still missing {wanted - {e['type'] for e in seen}}"
        seen += [json.loads(body) for body in broker.drain(sink, expect=1, timeout=1)]
    for event in seen:
        assert event["source"] == "/services/booking" and event["specversion"] == "1.0"
        wire = json.dumps(event)
        assert "jordan@example.com" not in wire and "arguing" not in wire and "+1 555" not in wire
        if ".client." not in event["type"]:  # only client events name the client (billing's claims need it)
            assert "Jordan" not in wire
    confirmed = next(e for e in seen if e["type"].endswith("consultation.confirmed.v1"))
    assert confirmed["data"]["therapist_id"] == therapist_id and confirmed["data"]["participant_count"] == 1

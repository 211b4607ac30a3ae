"""Claims reach only their payer's queue; each insurer's user reads only its own queue; answers are
trusted by the broker-checked user id (real RabbitMQ, both databases)."""
import json
import time

import pika
import pytest
from pika.exceptions import ChannelClosedByBroker
from support.billing_insurers import Insurers

from billing.entrypoints.worker import build_worker
from billing.messaging.insurers import answers_exchange, claims_queue, insurer_username


@pytest.fixture
def insurers(world):
    made = Insurers(world.settings.amqp_namespace, [world.payer_id, "OTHER1"])
    yield made
    made.close()


@pytest.fixture
def worker(world, insurers):
    running = build_worker(world.settings)
    running.consumer.retry_base_seconds = 0.05
    running.start()
    yield running
    running.stop()


def wait_for(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_an_insurer_cannot_consume_another_insurers_claims(world, insurers):
    connection = insurers.connect("OTHER1")
    channel = connection.channel()
    channel.queue_declare(claims_queue(world.settings.amqp_namespace, "OTHER1"), passive=True)  # its own: fine
    with pytest.raises(ChannelClosedByBroker) as refused:
        connection.channel().basic_consume(claims_queue(world.settings.amqp_namespace, world.payer_id),
                                           lambda *a: None)
    assert refused.value.reply_code == 403 and "ACCESS_REFUSED" in refused.value.reply_text
    with pytest.raises(ChannelClosedByBroker) as refused:
        connection.channel().basic_get(claims_queue(world.settings.amqp_namespace, world.payer_id))
    assert refused.value.reply_code == 403
    connection.close()


def test_an_insurer_may_write_only_to_the_answers_exchange(world, insurers):
    connection = insurers.connect(world.payer_id)
    channel = connection.channel()
    channel.confirm_delivery()  # the publish waits for the broker's verdict
    with pytest.raises(ChannelClosedByBroker) as refused:
        channel.basic_publish(f"{world.settings.amqp_namespace}.billing", "rapport.billing.claim.adjudicated.v1",
                              b"{}")
    assert refused.value.reply_code == 403 and "billing" in refused.value.reply_text
    with pytest.raises(ChannelClosedByBroker) as refused:
        connection.channel().queue_declare(f"{world.settings.amqp_namespace}.insurer.mine")
    assert refused.value.reply_code == 403  # nor declare anything
    connection.close()


def test_an_insurer_cannot_pose_as_another(world, insurers):
    connection = insurers.connect("OTHER1")
    channel = connection.channel()
    channel.confirm_delivery()
    with pytest.raises(ChannelClosedByBroker) as refused:
        channel.basic_publish(answers_exchange(world.settings.amqp_namespace), "rapport.insurer.claim.adjudicated.v1",
                              b"{}", pika.BasicProperties(
                                  user_id=insurer_username(world.settings.amqp_namespace, world.payer_id)))
    assert refused.value.reply_code == 406  # RabbitMQ checks user_id against the connection's user
    connection.close()


def test_a_submitted_claim_reaches_its_payer_and_the_answer_is_posted(world, insurers, worker):
    client_id = world.add_client()
    world.complete_appointment(client_id)
    claim_id = world.charges(client_id)[0]["claim_id"]
    world.ok(world.client.post(f"/v1/claims/{claim_id}/submit", headers=world.staff_a))

    own = insurers.connect(world.payer_id)
    channel = own.channel()
    queue = claims_queue(world.settings.amqp_namespace, world.payer_id)
    method, properties, body = wait_for(lambda: (lambda got: got if got[0] else None)(channel.basic_get(queue)))
    channel.basic_ack(method.delivery_tag)
    own.close()
    message = json.loads(body)
    assert message["type"] == "rapport.billing.claim.submitted.v1" and message["data"]["claim_id"] == claim_id
    assert message["data"]["x12"].startswith("ISA*")
    other = insurers.connect("OTHER1")
    assert other.channel().queue_declare(claims_queue(world.settings.amqp_namespace, "OTHER1"),
                                         passive=True).method.message_count == 0
    other.close()

    lines = [{"line_number": 1, "charge_cents": 15000, "paid_cents": 4800,
              "adjustments": [{"group": "CO", "reason": "45", "amount_cents": 4000},
                              {"group": "PR", "reason": "1", "amount_cents": 6200}]}]
    data = {"claim_id": claim_id, "adjudication_id": "A-1", "payer_claim_number": "A-1", "status": "paid",
            "paid_cents": 4800, "lines": lines}
    insurers.answer("OTHER1", "rapport.insurer.claim.adjudicated.v1", data)  # not this claim's payer
    body = insurers.answer(world.payer_id, "rapport.insurer.claim.adjudicated.v1", data)
    insurers.answer(world.payer_id, "rapport.insurer.claim.adjudicated.v1", data)  # delivered twice

    def paid():
        claim = world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))
        return claim if claim["status"] == "paid" else None

    claim = wait_for(paid)
    assert claim["paid_cents"] == 4800
    from billing.adapters import orm
    wait_for(lambda: len(_answers(world, orm)) == 2)
    assert sorted(a["outcome"] for a in _answers(world, orm)) == ["posted", "refused"]
    refused = [a for a in _answers(world, orm) if a["outcome"] == "refused"][0]
    assert refused["sender"] == insurer_username(world.settings.amqp_namespace, "OTHER1")
    posted = [a for a in _answers(world, orm) if a["outcome"] == "posted"][0]
    assert posted["received"] == body  # kept exactly as the insurer sent it
    assert world.ok(world.client.get(f"/v1/clients/{client_id}/balance", headers=world.staff_a))["balance_cents"] == 6200


def test_answers_sent_before_the_worker_first_runs_wait_for_it(world, insurers):
    """Provisioning the insurers declares billing's answers queue: an answer sent while no worker has
    ever connected is queued (the broker confirms it was routed), then posted once one runs."""
    client_id = world.add_client()
    claim_id = world.submit_session(client_id)
    data = {"claim_id": claim_id, "adjudication_id": "A-2", "payer_claim_number": "A-2", "status": "paid",
            "paid_cents": 4800, "lines": [{"line_number": 1, "charge_cents": 15000, "paid_cents": 4800, "adjustments": [
                {"group": "CO", "reason": "45", "amount_cents": 4000}, {"group": "PR", "reason": "1",
                                                                       "amount_cents": 6200}]}]}
    insurers.answer(world.payer_id, "rapport.insurer.claim.adjudicated.v1", data)  # raises if unroutable
    running = build_worker(world.settings)
    running.start()
    try:
        wait_for(lambda: world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))["status"]
                 == "paid")
    finally:
        running.stop()


def _answers(world, orm):
    with world.database.reader() as session:
        return [dict(r._mapping) for r in session.execute(orm.insurer_answers.select())]

"""Insurers on the real broker for tests: provisioned users, and connections made as them."""
from __future__ import annotations

import json
import uuid

import pika

from billing.messaging.insurers import answers_exchange, claims_queue, insurer_exchange, insurer_username
from billing.operations.insurer_accounts import deprovision, provision
from billing.operations.insurer_list import Insurer
from rapport_shared.amqp import connection_parameters
from rapport_shared.config import var_dir
from support.settings import AMQP_URL


def as_user(username: str, password: str) -> pika.BlockingConnection:
    params = connection_parameters(AMQP_URL, "test-insurer")
    params.credentials = pika.PlainCredentials(username, password)
    return pika.BlockingConnection(params)


class Insurers:
    def __init__(self, namespace: str, payer_ids: list[str]):
        self.namespace = namespace
        self.insurers = [Insurer(p, f"Insurer {p}") for p in payer_ids]
        self.passwords = provision(AMQP_URL, namespace, self.insurers, var_dir())

    def connect(self, payer_id: str) -> pika.BlockingConnection:
        return as_user(insurer_username(self.namespace, payer_id), self.passwords[payer_id])

    def answer(self, payer_id: str, event_type: str, data: dict, *, user_id: str | None = None) -> str:
        """Publish as a real insurer does: confirmed by the broker and mandatory, so an answer no queue takes
        fails here instead of vanishing. Returns the body sent."""
        connection = self.connect(payer_id)
        try:
            body = json.dumps({"specversion": "1.0", "id": str(uuid.uuid4()), "source": f"/insurers/{payer_id}",
                               "type": event_type, "data": data})
            channel = connection.channel()
            channel.confirm_delivery()
            channel.basic_publish(
                answers_exchange(self.namespace), event_type, body.encode(),
                pika.BasicProperties(user_id=user_id or insurer_username(self.namespace, payer_id),
                                     content_type="application/cloudevents+json", delivery_mode=2), mandatory=True)
        finally:
            connection.close()
        return body

    def close(self) -> None:
        deprovision(self.namespace, self.insurers)
        connection = pika.BlockingConnection(connection_parameters(AMQP_URL, "tests"))
        channel = connection.channel()
        for insurer in self.insurers:
            channel.queue_delete(claims_queue(self.namespace, insurer.payer_id))
        channel.exchange_delete(insurer_exchange(self.namespace))
        channel.exchange_delete(answers_exchange(self.namespace))
        connection.close()

"""The insurer side of the broker contract: the names of the exchanges, queues and users insurers use.

Each insurer has its own RabbitMQ user that may read only its own claims queue and write only to
the answers exchange. Billing learns who sent an answer from the message's `user_id`, which
RabbitMQ checks against the connection's user, never from the body.
"""
from __future__ import annotations

from rapport_shared.topology import Subscription


def insurer_exchange(namespace: str) -> str:
    """Claims for insurers, routing key = payer id."""
    return f"{namespace}.billing.insurers"


def answers_exchange(namespace: str) -> str:
    """Insurers' acknowledgements and adjudications for billing."""
    return f"{namespace}.insurer-answers"


def answers_subscription(namespace: str) -> Subscription:
    """Billing's queue of insurers' answers. Provisioning the insurers declares it too, so an answer sent
    before billing's worker first connects waits in it instead of being dropped as unroutable."""
    return Subscription(namespace=namespace, consumer="billing", name="insurer-answers",
                        exchange=answers_exchange(namespace), routing_keys=("rapport.insurer.#",))


def claims_queue(namespace: str, payer_id: str) -> str:
    return f"{namespace}.insurer.{payer_id}.claims"


def insurer_username(namespace: str, payer_id: str) -> str:
    return f"{namespace}.insurer.{payer_id}"

"""AMQP topology, declared from code: an exchange per producer, quorum queues per consumer."""
from __future__ import annotations

from dataclasses import dataclass


def producer_exchange(namespace: str, service: str) -> str:
    """Each producing service publishes to its own durable topic exchange."""
    return f"{namespace}.{service}"


def dead_letter_exchange(namespace: str, service: str) -> str:
    return f"{namespace}.{service}.dead-letter"


@dataclass(frozen=True)
class Subscription:
    """A consumer's durable queue on a producer's exchange, bound to the event types it reads."""

    namespace: str
    consumer: str  # the consuming service, e.g. "booking"
    name: str  # e.g. "profiles-events"
    exchange: str
    routing_keys: tuple[str, ...]
    delivery_limit: int = 10

    @property
    def queue(self) -> str:
        return f"{self.namespace}.{self.consumer}.{self.name}"

    @property
    def dead_letter_queue(self) -> str:
        return f"{self.queue}.dead"

    @property
    def dead_letter_exchange(self) -> str:
        return dead_letter_exchange(self.namespace, self.consumer)


def declare_exchange(channel, exchange: str, kind: str = "topic") -> None:
    channel.exchange_declare(exchange=exchange, exchange_type=kind, durable=True)


def declare_subscription(channel, sub: Subscription) -> None:
    """Declare (idempotently) the exchange, the quorum queue, its dead-letter queue and bindings."""
    declare_exchange(channel, sub.exchange)
    declare_exchange(channel, sub.dead_letter_exchange, "direct")
    channel.queue_declare(queue=sub.dead_letter_queue, durable=True, arguments={"x-queue-type": "quorum"})
    channel.queue_bind(queue=sub.dead_letter_queue, exchange=sub.dead_letter_exchange, routing_key=sub.queue)
    channel.queue_declare(
        queue=sub.queue,
        durable=True,
        arguments={
            "x-queue-type": "quorum",
            # After this many deliveries (handler failures, crashed workers) the broker moves the
            # message to the dead-letter queue instead of redelivering it forever.
            "x-delivery-limit": sub.delivery_limit,
            "x-dead-letter-exchange": sub.dead_letter_exchange,
            "x-dead-letter-routing-key": sub.queue,
            # At-least-once dead-lettering so a message cannot vanish between the two queues.
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        },
    )
    for routing_key in sub.routing_keys:
        channel.queue_bind(queue=sub.queue, exchange=sub.exchange, routing_key=routing_key)

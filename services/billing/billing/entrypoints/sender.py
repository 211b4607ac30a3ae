"""Who sent the message being handled (the AMQP `user_id` RabbitMQ vouched for), and its body as received."""
from __future__ import annotations

import contextvars

from rapport_shared.consumer import IdempotentConsumer

current_sender: contextvars.ContextVar[str | None] = contextvars.ContextVar("amqp_sender", default=None)
current_body: contextvars.ContextVar[str | None] = contextvars.ContextVar("amqp_body", default=None)


class SenderAwareConsumer(IdempotentConsumer):
    """The shared idempotent consumer, exposing each message's validated `user_id` and body to handlers.

    RabbitMQ refuses a publish whose `user_id` differs from the connection's user, so the value
    is the sender's real identity; the shared consumer does not pass AMQP properties on, hence this.
    """

    def _on_message(self, channel, method, properties, body) -> None:
        token = current_sender.set(getattr(properties, "user_id", None))
        raw = current_body.set(body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body))
        try:
            super()._on_message(channel, method, properties, body)
        finally:
            current_body.reset(raw)
            current_sender.reset(token)

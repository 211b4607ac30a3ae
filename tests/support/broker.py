"""Reading and cleaning up real RabbitMQ queues in tests."""
from __future__ import annotations

import time

import pika

from rapport_shared.amqp import connection_parameters


class Broker:
    def __init__(self, url: str):
        self.connection = pika.BlockingConnection(connection_parameters(url, "tests"))
        self.channel = self.connection.channel()
        self._declared: list[str] = []

    def queue(self, name: str, exchange: str, routing_key: str = "#") -> str:
        """A classic exclusive-free queue bound to `exchange`, deleted at close()."""
        self.channel.exchange_declare(exchange, "topic", durable=True)
        self.channel.queue_declare(name, durable=False, auto_delete=False)
        self.channel.queue_bind(name, exchange, routing_key)
        self._declared.append(name)
        return name

    def drain(self, queue: str, expect: int = 0, timeout: float = 10.0) -> list[bytes]:
        """Messages in `queue`, waiting up to `timeout` for at least `expect` of them."""
        bodies: list[bytes] = []
        deadline = time.monotonic() + timeout
        while True:
            method, _props, body = self.channel.basic_get(queue, auto_ack=True)
            if method is not None:
                bodies.append(body)
                continue
            if len(bodies) >= expect or time.monotonic() > deadline:
                return bodies
            time.sleep(0.05)

    def count(self, queue: str) -> int:
        return self.channel.queue_declare(queue, passive=True).method.message_count

    def delete(self, *names: str, exchanges: tuple[str, ...] = ()) -> None:
        for name in names:
            self.channel.queue_delete(name)
        for exchange in exchanges:
            self.channel.exchange_delete(exchange)

    def close(self) -> None:
        for name in self._declared:
            try:
                self.channel.queue_delete(name)
            except pika.exceptions.AMQPError:
                pass
        self.connection.close()

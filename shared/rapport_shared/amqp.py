"""Connections to RabbitMQ and a publisher that confirms whole batches."""
from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pika
from pika.exceptions import AMQPError

from .events import CONTENT_TYPE

UNROUTABLE = "unroutable"  # the prefix of a result whose message no queue was bound to take

class BrokerUnavailable(ConnectionError):
    """The broker could not be reached or dropped the connection: nothing was confirmed."""


def connection_parameters(url: str, name: str | None = None) -> pika.URLParameters:
    params = pika.URLParameters(url)
    params.connection_attempts = 1
    params.socket_timeout = 5
    params.blocked_connection_timeout = 30
    params.heartbeat = 30
    if name:
        params.client_properties = {"connection_name": name}
    return params


@dataclass(frozen=True)
class OutgoingMessage:
    exchange: str
    routing_key: str
    body: bytes
    message_id: str
    type: str
    headers: dict[str, str] = field(default_factory=dict)


class ConfirmingPublisher:
    """Publishes a batch with `mandatory` set, then waits once for all its confirms.

    Waiting per message costs ~8x the throughput; a batch is as safe because the relay marks
    rows sent only for messages the broker confirmed *and* routed to at least one queue.
    Built on pika's SelectConnection, driven one batch at a time; not thread-safe: one per thread.
    """

    def __init__(
        self,
        url: str,
        *,
        exchanges: Sequence[str] = (),
        confirm_timeout: float = 15.0,
        name: str = "publisher",
    ):
        self._params = connection_parameters(url, name)
        self._exchanges = tuple(exchanges)  # declared (durable topic) whenever a channel opens
        self._confirm_timeout = confirm_timeout
        self._connection: Any = None  # a pika.SelectConnection once open
        self._channel: Any = None
        self._ready = False
        self._failure: str | None = None
        self._pending: dict[int, int] = {}
        self._results: list[str | None] = []
        self._returned: dict[str, str] = {}
        self._message_ids: list[str] = []
        self._next_tag = 0
        self._ioloop = None
        self._timed_out = False
        self._woken = threading.Event()

    # -- public -----------------------------------------------------------------------------
    def publish(self, messages: Sequence[OutgoingMessage]) -> list[str | None]:
        """Publish in order; for each message None if confirmed and routed, else why not
        (unroutable, nacked). Raises BrokerUnavailable when the batch's fate is unknown."""
        if not messages:
            return []
        self._open()
        self._results = [None] * len(messages)
        self._returned = {}
        self._message_ids = [m.message_id for m in messages]
        self._pending = {}
        for index, message in enumerate(messages):
            self._channel.basic_publish(
                exchange=message.exchange,
                routing_key=message.routing_key,
                body=message.body,
                properties=pika.BasicProperties(
                    content_type=CONTENT_TYPE,
                    delivery_mode=pika.DeliveryMode.Persistent,
                    message_id=message.message_id,
                    type=message.type,
                    headers=message.headers or None,
                ),
                mandatory=True,
            )
            self._next_tag += 1
            self._pending[self._next_tag] = index
        self._run_until(lambda: not self._pending, self._confirm_timeout)
        if self._pending:
            # Lost connection, closed channel or no confirm in time: which messages arrived is
            # unknown, so none counts as sent; the caller retries the batch (consumers dedupe).
            reason = self._failure or "no confirm from the broker in time"
            self._pending = {}
            self.close()
            raise BrokerUnavailable(reason)
        return list(self._results)

    def idle(self, seconds: float) -> None:
        """Wait, keeping the connection's heartbeats answered, until `seconds` pass or `wake()` is called."""
        if self._connection is None or not self._ready:
            self._woken.wait(seconds)
        else:
            self._run_until(self._woken.is_set, seconds)
        self._woken.clear()

    def wake(self) -> None:
        """End the current or next `idle()` early; the one method safe to call from another thread."""
        self._woken.set()
        connection = self._connection
        if connection is not None:
            try:
                connection.ioloop.add_callback_threadsafe(self._stop)
            except (AMQPError, RuntimeError):
                pass  # closing meanwhile: idle() also sees the flag

    def close(self) -> None:
        connection, self._connection, self._ready = self._connection, None, False
        if connection is not None and connection.is_open:
            try:
                connection.close()
                connection.ioloop.start()  # let the close handshake finish
            except AMQPError:
                pass

    # -- connection life ----------------------------------------------------------------------
    def _open(self) -> None:
        if self._connection is not None and self._ready:
            return
        self._failure = None
        self._connection = pika.SelectConnection(
            self._params,
            on_open_callback=self._on_connection_open,
            on_open_error_callback=self._on_connection_error,
            on_close_callback=self._on_connection_closed,
        )
        self._ioloop = self._connection.ioloop
        self._run_until(lambda: self._ready or self._failure is not None, self._params.socket_timeout + 5)
        if not self._ready:
            failure = self._failure or "timed out connecting"
            self._connection = None
            raise BrokerUnavailable(failure)

    def _on_connection_open(self, connection) -> None:
        connection.channel(on_open_callback=self._on_channel_open)

    def _on_channel_open(self, channel) -> None:
        self._channel = channel
        channel.add_on_return_callback(self._on_return)
        channel.add_on_close_callback(self._on_channel_closed)
        channel.confirm_delivery(self._on_confirm, callback=self._on_confirm_mode)

    def _on_confirm_mode(self, _frame) -> None:
        self._next_tag = 0
        self._declare_next(list(self._exchanges))

    def _declare_next(self, remaining: list[str]) -> None:
        if not remaining:
            self._ready = True
            self._stop()
            return
        exchange, rest = remaining[0], remaining[1:]
        self._channel.exchange_declare(
            exchange=exchange, exchange_type="topic", durable=True, callback=lambda _f: self._declare_next(rest)
        )

    def _on_connection_error(self, _connection, error) -> None:
        self._failure = f"cannot connect: {error!r}"
        self._stop()

    def _on_connection_closed(self, _connection, reason) -> None:
        self._ready = False
        self._failure = self._failure or f"connection closed: {reason!r}"
        self._stop()

    def _on_channel_closed(self, _channel, reason) -> None:
        # e.g. publishing to an exchange that does not exist: the broker closes the channel.
        self._ready = False
        self._failure = f"channel closed: {reason!r}"
        if self._connection is not None and self._connection.is_open:
            self._connection.close()
        self._stop()

    # -- confirms -----------------------------------------------------------------------------
    def _on_return(self, _channel, method, properties, _body) -> None:
        # RabbitMQ sends basic.return before the ack of an unroutable mandatory message.
        self._returned[properties.message_id] = f"{UNROUTABLE}: {method.reply_code} {method.reply_text}"

    def _on_confirm(self, frame) -> None:
        method = frame.method
        tags = [t for t in self._pending if t <= method.delivery_tag] if method.multiple else [method.delivery_tag]
        nacked = isinstance(method, pika.spec.Basic.Nack)
        for tag in tags:
            index = self._pending.pop(tag, None)
            if index is None:
                continue
            if nacked:
                self._results[index] = "nacked by the broker"
            else:
                self._results[index] = self._returned.get(self._message_ids[index])
        if not self._pending:
            self._stop()

    # -- ioloop driving -----------------------------------------------------------------------
    def _run_until(self, done, timeout: float) -> None:
        connection = self._connection
        if connection is None or done():
            return
        timer = connection.ioloop.call_later(timeout, self._stop_with_timeout)
        self._timed_out = False
        while not done() and not self._timed_out and self._connection is connection:
            connection.ioloop.start()
            if self._failure and not self._ready:
                break
        connection.ioloop.remove_timeout(timer)

    def _stop_with_timeout(self) -> None:
        self._timed_out = True
        self._stop()

    def _stop(self) -> None:
        if self._ioloop is not None:
            self._ioloop.stop()

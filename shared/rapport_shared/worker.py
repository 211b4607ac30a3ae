"""A service's background process: the outbox relay, the consumer and periodic jobs, side by side."""
from __future__ import annotations

import functools
import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from tenacity import Retrying, retry_if_exception_type, stop_never, wait_exponential

from .amqp import BrokerUnavailable, ConfirmingPublisher
from .config import Settings
from .consumer import Handler, IdempotentConsumer, UnitOfWorkFactory
from .db import Database
from .outbox import OutboxRelay, WakeUpListener
from .topology import Subscription, producer_exchange

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    """Work claimed through the database, so two workers running it at once stay correct."""

    name: str
    every_seconds: float
    run: Callable[[], object]


class Worker:
    def __init__(
        self,
        relay: OutboxRelay | None,
        consumer: IdempotentConsumer | None,
        jobs: tuple[PeriodicJob, ...] = (),
        *,
        idle_seconds: float = 0.1,
        notified_idle_seconds: float = 1.0,
    ):
        self.relay = relay
        self.consumer = consumer
        self.jobs = jobs
        self.stopping = threading.Event()
        # On PostgreSQL a commit with events wakes the relay (see WakeUpListener): polling is a fallback.
        self.listener = None
        if relay is not None and not relay.database.is_sqlite:
            self.listener = WakeUpListener(relay.database, relay.table, relay.publisher.wake)
        self.idle_seconds = idle_seconds if self.listener is None else notified_idle_seconds

    def _retrying(self, what: str) -> Retrying:
        return Retrying(
            retry=retry_if_exception_type(Exception),
            wait=wait_exponential(multiplier=0.5, max=15),
            stop=stop_never,
            before_sleep=lambda state: log.warning(
                f"{what} failed; retrying",
                extra={"error": repr(state.outcome.exception() if state.outcome else None)[:300]},
            ),
            reraise=True,
        )

    def run_relay(self) -> None:
        relay = self.relay
        assert relay is not None, "started only with a relay"
        purge_every = 3600.0
        next_purge = time.monotonic()  # by the clock: a woken relay's idle periods end early
        for attempt in self._retrying("relay"):
            with attempt:
                while not self.stopping.is_set():
                    published = relay.run_once()
                    if published < relay.batch_size:
                        relay.publisher.idle(self.idle_seconds)
                    if time.monotonic() >= next_purge:
                        relay.purge_sent()
                        next_purge = time.monotonic() + purge_every
        relay.close()
        relay.publisher.close()

    def run_listener(self) -> None:
        listener = self.listener
        assert listener is not None, "started only with a listener"
        for attempt in self._retrying("relay wake-up"):
            with attempt:
                try:
                    if not self.stopping.is_set():
                        listener.listen(self.stopping)
                except Exception:
                    if self.stopping.is_set():
                        return  # its connection closed as the worker stopped (a database dropped): no retry
                    raise

    def run_consumer(self) -> None:
        for attempt in self._retrying("consumer"):
            with attempt:
                if not self.stopping.is_set() and self.consumer is not None:
                    self.consumer.run()

    def run_job(self, job: PeriodicJob) -> None:
        while not self.stopping.wait(job.every_seconds):
            try:
                job.run()
            except Exception:  # noqa: BLE001 - a failed run is logged and tried again next time
                log.exception("periodic job failed", extra={"job": job.name})

    def start(self) -> list[threading.Thread]:
        targets: list[tuple[str, Callable[[], None]]] = []
        if self.relay is not None:
            targets.append(("relay", self.run_relay))
        if self.listener is not None:
            targets.append(("relay-wake-up", self.run_listener))
        if self.consumer is not None:
            targets.append(("consumer", self.run_consumer))
        for job in self.jobs:
            targets.append((job.name, functools.partial(self.run_job, job)))
        threads = [threading.Thread(target=fn, name=name, daemon=True) for name, fn in targets]
        for thread in threads:
            thread.start()
        return threads

    def stop(self) -> None:
        self.stopping.set()
        if self.consumer is not None:
            self.consumer.stop()

    def run_forever(self) -> None:
        """Run until SIGINT/SIGTERM, then finish the current batch and exit."""
        signal.signal(signal.SIGTERM, lambda *_: self.stop())
        signal.signal(signal.SIGINT, lambda *_: self.stop())
        threads = self.start()
        log.info("worker started", extra={"threads": [t.name for t in threads]})
        while not self.stopping.wait(1.0):
            pass
        for thread in threads:
            thread.join(timeout=10)
        log.info("worker stopped")


def service_worker(
    settings: Settings,
    *,
    outbox,
    processed=None,
    subscriptions: list[Subscription] | None = None,
    handlers: dict[str, Handler] | None = None,
    unit_of_work: UnitOfWorkFactory | None = None,
    jobs: tuple[PeriodicJob, ...] = (),
) -> Worker:
    """A service's worker: its relay to its own exchange, its consumer if it subscribes to any."""
    database = Database(settings.database_url)
    exchange = producer_exchange(settings.amqp_namespace, settings.service)
    publisher = ConfirmingPublisher(settings.amqp_url, exchanges=[exchange], name=f"{settings.service}-relay")
    consumer = None
    if subscriptions:
        if unit_of_work is None or processed is None:
            raise ValueError("a consumer needs its processed-messages table and its unit of work")
        consumer = IdempotentConsumer(
            settings.service, database, processed, settings.amqp_url, subscriptions, handlers or {},
            unit_of_work=unit_of_work,
        )
    return Worker(OutboxRelay(database, outbox, publisher, broadcast_exchanges=frozenset({exchange})), consumer, jobs)


__all__ = ["Worker", "PeriodicJob", "BrokerUnavailable", "service_worker"]

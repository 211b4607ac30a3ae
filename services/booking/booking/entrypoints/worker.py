"""Booking's worker: relays its outbox, consumes the events it subscribes to, and runs its jobs
(expiring unanswered requests, sending reminders, refreshing availability summaries)."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

from sqlalchemy.orm import Session

from rapport_shared.db import Database
from rapport_shared.topology import producer_exchange
from rapport_shared.worker import PeriodicJob, Worker, service_worker

from ..adapters import orm
from ..adapters.mail import default_senders
from ..config import BookingSettings
from ..service_layer import jobs, reminders
from ..service_layer.unit_of_work import UnitOfWork
from .consumers import handlers, subscriptions


def build_jobs(settings: BookingSettings) -> tuple[PeriodicJob, ...]:
    database = Database(settings.database_url)
    exchange = producer_exchange(settings.amqp_namespace, settings.service)
    return (
        PeriodicJob("release-holds", 30.0, partial(jobs.release_holds, database, exchange)),
        PeriodicJob("send-reminders", settings.reminder_poll_seconds,
                    partial(reminders.send_due, database, exchange, default_senders(settings))),
        PeriodicJob("refresh-summaries", settings.summary_refresh_seconds,
                    partial(jobs.refresh_summaries, database, exchange)),
        PeriodicJob("purge-idempotency-keys", 3600.0, partial(jobs.purge_idempotency_keys, database, exchange)),
    )


def unit_of_work(settings: BookingSettings) -> Callable[[Session], UnitOfWork]:
    """Booking's unit of work on the consumer's session, publishing to booking's exchange."""
    exchange = producer_exchange(settings.amqp_namespace, settings.service)
    return lambda session: UnitOfWork(session, exchange)


def build_worker(settings: BookingSettings) -> Worker:
    return service_worker(
        settings,
        outbox=orm.outbox,
        processed=orm.processed_messages,
        subscriptions=subscriptions(settings.amqp_namespace),
        handlers=handlers(),
        unit_of_work=unit_of_work(settings),
        jobs=build_jobs(settings),
    )

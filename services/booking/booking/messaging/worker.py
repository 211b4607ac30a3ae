"""Booking's worker: relays its outbox, consumes the events it subscribes to, and runs its jobs
(expiring unanswered requests, sending reminders, refreshing availability summaries)."""
from functools import partial

from rapport_shared.config import Settings
from rapport_shared.db import Database
from rapport_shared.topology import producer_exchange
from rapport_shared.worker import PeriodicJob, Worker, service_worker

from ..adapters import orm
from ..adapters.mail import default_senders
from ..service_layer import jobs, reminders
from .handlers import handlers, subscriptions


def build_jobs(settings: Settings) -> tuple[PeriodicJob, ...]:
    database = Database(settings.database_url)
    exchange = producer_exchange(settings.amqp_namespace, settings.service)
    every = float(settings.env("REMINDER_POLL_SECONDS", "5"))
    return (
        PeriodicJob("release-holds", 30.0, partial(jobs.release_holds, database, exchange)),
        PeriodicJob("send-reminders", every, partial(reminders.send_due, database, exchange, default_senders())),
        PeriodicJob("refresh-summaries", float(settings.env("SUMMARY_REFRESH_SECONDS", "300")),
                    partial(jobs.refresh_summaries, database, exchange)),
        PeriodicJob("purge-idempotency-keys", 3600.0, partial(jobs.purge_idempotency_keys, database, exchange)),
    )


def build_worker(settings: Settings) -> Worker:
    return service_worker(
        settings,
        outbox=orm.outbox,
        processed=orm.processed_messages,
        subscriptions=subscriptions(settings.amqp_namespace),
        handlers=handlers(producer_exchange(settings.amqp_namespace, settings.service)),
        jobs=build_jobs(settings),
    )

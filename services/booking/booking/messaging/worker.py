"""Booking's worker: relays its outbox and consumes the events it subscribes to."""
from rapport_shared.config import Settings
from rapport_shared.topology import producer_exchange
from rapport_shared.worker import Worker, service_worker

from ..adapters import orm
from .handlers import handlers, subscriptions


def build_worker(settings: Settings) -> Worker:
    return service_worker(
        settings,
        outbox=orm.outbox,
        processed=orm.processed_messages,
        subscriptions=subscriptions(settings.amqp_namespace),
        handlers=handlers(producer_exchange(settings.amqp_namespace, settings.service)),
    )

"""Profiles' worker: relays its outbox, reads booking's availability, delists lapsed licenses."""
from rapport_shared.config import Settings
from rapport_shared.db import Database
from rapport_shared.topology import producer_exchange
from rapport_shared.worker import PeriodicJob, Worker, service_worker

from ..adapters import orm
from ..service_layer.licenses import delist_lapsed
from .handlers import handlers, subscriptions

LICENSE_CHECK_SECONDS = 3600.0


def build_worker(settings: Settings) -> Worker:
    exchange = producer_exchange(settings.amqp_namespace, settings.service)
    database = Database(settings.database_url)
    every = float(settings.env("LICENSE_CHECK_SECONDS", str(LICENSE_CHECK_SECONDS)))
    return service_worker(
        settings,
        outbox=orm.outbox,
        processed=orm.processed_messages,
        subscriptions=subscriptions(settings.amqp_namespace),
        handlers=handlers(exchange),
        jobs=(PeriodicJob("license-expiry", every, lambda: delist_lapsed(database, exchange)),),
    )

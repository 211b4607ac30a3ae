"""Profiles' worker: relays its outbox, reads booking's availability, delists lapsed licenses."""
from rapport_shared.db import Database
from rapport_shared.topology import producer_exchange
from rapport_shared.worker import PeriodicJob, Worker, service_worker

from ..adapters import orm
from ..config import ProfilesSettings
from ..service_layer.licenses import delist_lapsed
from ..service_layer.unit_of_work import UnitOfWork
from .consumers import handlers, subscriptions


def build_worker(settings: ProfilesSettings) -> Worker:
    exchange = producer_exchange(settings.amqp_namespace, settings.service)
    database = Database(settings.database_url)
    return service_worker(
        settings,
        outbox=orm.outbox,
        processed=orm.processed_messages,
        subscriptions=subscriptions(settings.amqp_namespace),
        handlers=handlers(),
        unit_of_work=lambda session: UnitOfWork(session, exchange),
        jobs=(PeriodicJob("license-expiry", settings.license_check_seconds,
                          lambda: delist_lapsed(database, exchange)),),
    )

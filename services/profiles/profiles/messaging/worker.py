"""Profiles' worker: relays its outbox to the `profiles` exchange."""
from rapport_shared.amqp import ConfirmingPublisher
from rapport_shared.config import Settings
from rapport_shared.db import Database
from rapport_shared.outbox import OutboxRelay
from rapport_shared.topology import producer_exchange
from rapport_shared.worker import Worker

from ..adapters import orm


def build_worker(settings: Settings) -> Worker:
    database = Database(settings.database_url)
    exchange = producer_exchange(settings.amqp_namespace, "profiles")
    publisher = ConfirmingPublisher(settings.amqp_url, exchanges=[exchange], name="profiles-relay")
    return Worker(OutboxRelay(database, orm.outbox, publisher), consumer=None)

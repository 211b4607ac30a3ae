"""Billing's worker: relays its outbox (to its own exchange and the insurers'), consumes events, and forgets
day-old Idempotency-Key answers."""
from functools import partial

from rapport_shared.amqp import ConfirmingPublisher
from rapport_shared.db import Database, utcnow
from rapport_shared.outbox import OutboxRelay
from rapport_shared.topology import producer_exchange
from rapport_shared.worker import PeriodicJob, Worker

from ..adapters import orm
from ..config import BillingSettings
from ..messaging.insurers import insurer_exchange
from ..service_layer.idempotency import forget_old_answers
from ..service_layer.unit_of_work import UnitOfWork
from .consumers import all_handlers, subscriptions
from .sender import SenderAwareConsumer


def build_worker(settings: BillingSettings) -> Worker:
    # Built here rather than with service_worker: the relay also publishes to the insurers'
    # exchange, and the consumer needs each answer's AMQP user id.
    database = Database(settings.database_url)
    own = producer_exchange(settings.amqp_namespace, settings.service)
    publisher = ConfirmingPublisher(settings.amqp_url, exchanges=[own, insurer_exchange(settings.amqp_namespace)],
                                    name="billing-relay")
    handlers = all_handlers(auto_submit=settings.auto_submit)
    consumer = SenderAwareConsumer(settings.service, database, orm.processed_messages, settings.amqp_url,
                                   subscriptions(settings.amqp_namespace), handlers,
                                   unit_of_work=lambda session: UnitOfWork(session, own))
    jobs = (PeriodicJob("purge-idempotency-keys", 3600.0, partial(purge_idempotency_keys, database, own)),)
    # Its own exchange broadcasts; a claim no payer queue takes is a fault and stays in the outbox.
    return Worker(OutboxRelay(database, orm.outbox, publisher, broadcast_exchanges={own}), consumer, jobs)


def purge_idempotency_keys(database: Database, exchange: str) -> int:
    """Forget stored Idempotency-Key answers older than a day (one DELETE: two workers running it agree)."""
    with database.writer() as session:
        return forget_old_answers(UnitOfWork(session, exchange), utcnow())

"""Profiles' worker: relays its outbox to the `profiles` exchange."""
from rapport_shared.config import Settings
from rapport_shared.worker import Worker, service_worker

from ..adapters import orm


def build_worker(settings: Settings) -> Worker:
    return service_worker(settings, outbox=orm.outbox)

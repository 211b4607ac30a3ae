"""Consumed event types -> service-layer use cases."""
from rapport_shared.events import CloudEvent
from rapport_shared.topology import Subscription, producer_exchange

from ..service_layer import directory
from ..service_layer.unit_of_work import UnitOfWork
from . import consumed


def subscriptions(namespace: str) -> list[Subscription]:
    return [
        Subscription(
            namespace=namespace,
            consumer="booking",
            name="profiles-events",
            exchange=producer_exchange(namespace, "profiles"),
            routing_keys=("rapport.profiles.therapist.#",),
        )
    ]


def handlers(exchange: str) -> dict:
    def therapist_changed(session, event: CloudEvent) -> None:
        data = consumed.TherapistChanged().load(event.data)
        directory.record_therapist(UnitOfWork(session, exchange), data, event.time)

    return {
        consumed.THERAPIST_PUBLISHED: therapist_changed,
        consumed.THERAPIST_UPDATED: therapist_changed,
        consumed.THERAPIST_UNPUBLISHED: therapist_changed,
    }

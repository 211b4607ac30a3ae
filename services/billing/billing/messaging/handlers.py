"""Consumed event types -> service-layer use cases."""
from rapport_shared.events import CloudEvent
from rapport_shared.topology import Subscription, producer_exchange

from ..service_layer import providers
from ..service_layer.unit_of_work import UnitOfWork
from . import consumed


def subscriptions(namespace: str) -> list[Subscription]:
    return [
        Subscription(
            namespace=namespace,
            consumer="billing",
            name="profiles-events",
            exchange=producer_exchange(namespace, "profiles"),
            routing_keys=("rapport.profiles.practice.#", "rapport.profiles.therapist.#"),
        )
    ]


def handlers(exchange: str) -> dict:
    def practice_changed(session, event: CloudEvent) -> None:
        providers.record_practice(UnitOfWork(session, exchange), consumed.PracticeChanged().load(event.data), event.time)

    def therapist_changed(session, event: CloudEvent) -> None:
        providers.record_provider(UnitOfWork(session, exchange), consumed.TherapistChanged().load(event.data), event.time)

    return {
        consumed.PRACTICE_REGISTERED: practice_changed,
        consumed.PRACTICE_UPDATED: practice_changed,
        consumed.THERAPIST_PUBLISHED: therapist_changed,
        consumed.THERAPIST_UPDATED: therapist_changed,
        consumed.THERAPIST_UNPUBLISHED: therapist_changed,
    }

"""The events booking consumes: its queue bindings, and the use case each event type runs."""
from __future__ import annotations

from rapport_shared.events import CloudEvent
from rapport_shared.topology import Subscription, producer_exchange

from ..messaging import consumed
from ..service_layer import directory
from ..service_layer.ports import UnitOfWork


def subscriptions(namespace: str) -> list[Subscription]:
    return [
        Subscription(
            namespace=namespace,
            consumer="booking",
            name="profiles-events",
            exchange=producer_exchange(namespace, "profiles"),
            routing_keys=("rapport.profiles.therapist.#", "rapport.profiles.practice.#"),
        )
    ]


def therapist_changed(uow: UnitOfWork, event: CloudEvent) -> None:
    """Profiles published, changed or unpublished a therapist: booking's copy follows."""
    directory.record_therapist(uow, consumed.TherapistChanged().load(event.data), event.time)


def practice_changed(uow: UnitOfWork, event: CloudEvent) -> None:
    """Profiles registered or changed a practice: booking now knows it exists."""
    directory.record_practice(uow, consumed.PracticeChanged().load(event.data), event.time)


def handlers() -> dict:
    """Event type -> handler(uow, event); the consumer hands each the unit of work of `worker.unit_of_work`."""
    return {
        consumed.THERAPIST_PUBLISHED: therapist_changed,
        consumed.THERAPIST_UPDATED: therapist_changed,
        consumed.THERAPIST_UNPUBLISHED: therapist_changed,
        consumed.PRACTICE_REGISTERED: practice_changed,
        consumed.PRACTICE_UPDATED: practice_changed,
    }

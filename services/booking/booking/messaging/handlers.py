"""Consumed event types -> service-layer use cases."""
from rapport_shared.db import utcnow
from rapport_shared.events import CloudEvent
from rapport_shared.topology import Subscription, producer_exchange

from ..service_layer import directory, summaries
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


def handlers() -> dict:
    def therapist_changed(uow: UnitOfWork, event: CloudEvent) -> None:
        data = consumed.TherapistChanged().load(event.data)
        directory.record_therapist(uow, data, event.time)
        # Listing or delisting changes what profiles should show of this therapist's availability.
        if summaries.refresh(uow, data["therapist_id"], utcnow()):
            uow.commit()

    return {
        consumed.THERAPIST_PUBLISHED: therapist_changed,
        consumed.THERAPIST_UPDATED: therapist_changed,
        consumed.THERAPIST_UNPUBLISHED: therapist_changed,
    }

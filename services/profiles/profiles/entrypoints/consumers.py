"""What profiles consumes: its subscriptions, and each consumed event type -> its use case."""
from rapport_shared.events import CloudEvent
from rapport_shared.topology import Subscription, producer_exchange

from ..messaging import consumed
from ..service_layer import availability
from ..service_layer.unit_of_work import UnitOfWork


def subscriptions(namespace: str) -> list[Subscription]:
    return [
        Subscription(
            namespace=namespace,
            consumer="profiles",
            name="booking-availability",
            exchange=producer_exchange(namespace, "booking"),
            routing_keys=(consumed.AVAILABILITY_SUMMARIZED,),
        )
    ]


def handlers() -> dict:
    def availability_summarized(uow: UnitOfWork, event: CloudEvent) -> None:
        availability.record_availability(uow, consumed.AvailabilitySummarized().load(event.data))

    return {consumed.AVAILABILITY_SUMMARIZED: availability_summarized}

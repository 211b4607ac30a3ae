"""What profiles consumes: its subscriptions, and each consumed event type -> its use case."""
from rapport_shared.events import CloudEvent
from rapport_shared.topology import Subscription, producer_exchange

from ..messaging import consumed
from ..service_layer import availability, response_times
from ..service_layer.unit_of_work import UnitOfWork


def subscriptions(namespace: str) -> list[Subscription]:
    booking = producer_exchange(namespace, "booking")
    return [
        Subscription(namespace=namespace, consumer="profiles", name="booking-availability", exchange=booking,
                     routing_keys=(consumed.AVAILABILITY_SUMMARIZED,)),
        Subscription(namespace=namespace, consumer="profiles", name="booking-screening-answers", exchange=booking,
                     routing_keys=consumed.CONSULTATION_ANSWERS),
    ]


def handlers() -> dict:
    def availability_summarized(uow: UnitOfWork, event: CloudEvent) -> None:
        availability.record_availability(uow, consumed.AvailabilitySummarized().load(event.data))

    def screening_answer(uow: UnitOfWork, event: CloudEvent) -> None:
        response_times.record_screening_answer(uow, consumed.ConsultationAnswer().load(event.data))

    return {consumed.AVAILABILITY_SUMMARIZED: availability_summarized,
            **{event_type: screening_answer for event_type in consumed.CONSULTATION_ANSWERS}}

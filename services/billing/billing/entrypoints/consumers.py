"""What billing consumes: its subscriptions, and each consumed event type's handler (a use case).

`handlers` covers profiles' events, `booking_handlers` booking's, `insurer_handlers` insurers'
answers; the worker consumes all three. Each handler is given the consumer's unit of work.
"""
from rapport_shared.events import CloudEvent
from rapport_shared.topology import Subscription, producer_exchange

from ..messaging import consumed
from ..messaging.insurers import answers_subscription
from ..service_layer import adjudications, charges, clients, providers
from ..service_layer.ports import BillingUnitOfWork
from .sender import current_body, current_sender


def subscriptions(namespace: str) -> list[Subscription]:
    return [
        Subscription(
            namespace=namespace,
            consumer="billing",
            name="profiles-events",
            exchange=producer_exchange(namespace, "profiles"),
            routing_keys=("rapport.profiles.practice.#", "rapport.profiles.therapist.#"),
        ),
        Subscription(
            namespace=namespace,
            consumer="billing",
            name="booking-events",
            exchange=producer_exchange(namespace, "booking"),
            routing_keys=("rapport.booking.client.#", consumed.APPOINTMENT_COMPLETED),
        ),
        answers_subscription(namespace),
    ]


def handlers() -> dict:
    def practice_changed(uow: BillingUnitOfWork, event: CloudEvent) -> None:
        providers.record_practice(uow, consumed.PracticeChanged().load(event.data), event.time)

    def therapist_changed(uow: BillingUnitOfWork, event: CloudEvent) -> None:
        providers.record_provider(uow, consumed.TherapistChanged().load(event.data), event.time)

    return {
        consumed.PRACTICE_REGISTERED: practice_changed,
        consumed.PRACTICE_UPDATED: practice_changed,
        consumed.THERAPIST_PUBLISHED: therapist_changed,
        consumed.THERAPIST_UPDATED: therapist_changed,
        consumed.THERAPIST_UNPUBLISHED: therapist_changed,
    }


def booking_handlers(*, auto_submit: bool = True) -> dict:
    def client_changed(uow: BillingUnitOfWork, event: CloudEvent) -> None:
        clients.record_client(uow, consumed.ClientChanged().load(event.data), event.time)

    def appointment_completed(uow: BillingUnitOfWork, event: CloudEvent) -> None:
        charges.charge_completed_appointment(uow, consumed.AppointmentCompleted().load(event.data),
                                             auto_submit=auto_submit)

    return {
        consumed.CLIENT_REGISTERED: client_changed,
        consumed.CLIENT_UPDATED: client_changed,
        consumed.APPOINTMENT_COMPLETED: appointment_completed,
    }


def insurer_handlers() -> dict:
    def acknowledged(uow: BillingUnitOfWork, event: CloudEvent) -> None:
        adjudications.acknowledge(uow, consumed.Acknowledgement().load(event.data), sender=current_sender.get(),
                                  message_id=event.id, received=current_body.get())

    def adjudicated(uow: BillingUnitOfWork, event: CloudEvent) -> None:
        adjudications.post_adjudication(uow, consumed.Adjudication().load(event.data), sender=current_sender.get(),
                                        source="amqp", message_id=event.id, received=current_body.get())

    return {consumed.CLAIM_ACKNOWLEDGED: acknowledged, consumed.CLAIM_ADJUDICATED: adjudicated}


def all_handlers(*, auto_submit: bool = True) -> dict:
    return {**handlers(), **booking_handlers(auto_submit=auto_submit), **insurer_handlers()}

"""Consumed event types -> service-layer use cases.

`handlers` covers profiles' events, `booking_handlers` booking's, `insurer_handlers` insurers'
answers; the worker consumes all three.
"""
from rapport_shared.events import CloudEvent
from rapport_shared.topology import Subscription, producer_exchange

from ..service_layer import adjudications, charges, clients, providers
from ..service_layer.unit_of_work import UnitOfWork
from . import consumed
from .insurers import answers_subscription
from .sender import current_sender


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


def booking_handlers(exchange: str, *, auto_submit: bool = True) -> dict:
    def client_changed(session, event: CloudEvent) -> None:
        clients.record_client(UnitOfWork(session, exchange), consumed.ClientChanged().load(event.data), event.time)

    def appointment_completed(session, event: CloudEvent) -> None:
        charges.charge_completed_appointment(UnitOfWork(session, exchange),
                                             consumed.AppointmentCompleted().load(event.data), auto_submit=auto_submit)

    return {
        consumed.CLIENT_REGISTERED: client_changed,
        consumed.CLIENT_UPDATED: client_changed,
        consumed.APPOINTMENT_COMPLETED: appointment_completed,
    }


def insurer_handlers(exchange: str) -> dict:
    def acknowledged(session, event: CloudEvent) -> None:
        adjudications.acknowledge(UnitOfWork(session, exchange), consumed.Acknowledgement().load(event.data),
                                  sender=current_sender.get(), message_id=event.id)

    def adjudicated(session, event: CloudEvent) -> None:
        adjudications.post_adjudication(UnitOfWork(session, exchange), consumed.Adjudication().load(event.data),
                                        sender=current_sender.get(), source="amqp", message_id=event.id)

    return {consumed.CLAIM_ACKNOWLEDGED: acknowledged, consumed.CLAIM_ADJUDICATED: adjudicated}


def all_handlers(exchange: str, *, auto_submit: bool = True) -> dict:
    return {**handlers(exchange), **booking_handlers(exchange, auto_submit=auto_submit), **insurer_handlers(exchange)}

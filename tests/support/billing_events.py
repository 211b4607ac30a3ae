"""Booking's client and appointment events, published to booking's exchange as booking would
(until booking's own endpoints publish them, e2e tests and benchmarks publish them this way)."""
from __future__ import annotations

import datetime as dt
import uuid

import pika

from rapport_shared.amqp import connection_parameters
from rapport_shared.events import CloudEvent

ADDRESS = {"line1": "1200 N Example Ave", "city": "Chicago", "state": "IL", "zip": "60622"}


def client_registered(client_id: str, practice_id: str) -> CloudEvent:
    return CloudEvent(type="rapport.booking.client.registered.v1", source="/services/booking",
                      subject=f"clients/{client_id}", data={
                          "client_id": client_id, "practice_id": practice_id, "first_name": "Robin",
                          "last_name": "Vale", "date_of_birth": "1988-04-02", "sex": "F", "address": ADDRESS,
                          "version": 1})


def appointment_completed(appointment_id: str, client_id: str, practice_id: str, therapist_id: str,
                          *, service_code: str = "90834", duration: int = 50, fmt: str = "video") -> CloudEvent:
    start = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(hours=2)
    return CloudEvent(type="rapport.booking.appointment.completed.v1", source="/services/booking",
                      subject=f"appointments/{appointment_id}", data={
                          "appointment_id": appointment_id, "therapist_id": therapist_id, "practice_id": practice_id,
                          "client_id": client_id, "service_code": service_code, "format": fmt,
                          "start": start.isoformat(), "end": (start + dt.timedelta(minutes=duration)).isoformat(),
                          "duration_min": duration, "version": 2})


class BookingPublisher:
    def __init__(self, amqp_url: str, namespace: str):
        self.connection = pika.BlockingConnection(connection_parameters(amqp_url, "tests-booking"))
        self.channel = self.connection.channel()
        self.channel.confirm_delivery()
        self.exchange = f"{namespace}.booking"

    def publish(self, event: CloudEvent) -> None:
        self.channel.basic_publish(self.exchange, event.type, event.to_json(), pika.BasicProperties(
            message_id=event.id, type=event.type, delivery_mode=2), mandatory=True)

    def close(self) -> None:
        self.connection.close()


def new_id() -> str:
    return str(uuid.uuid4())

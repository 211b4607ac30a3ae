"""Booking's published events: every type has a builder that keeps our own schema, and none carries
a client's concerns, email, phone or name."""
from __future__ import annotations

import datetime as dt

import pytest

from booking.domain.appointments import Appointment
from booking.domain.availability import Availability
from booking.domain.clients import Client
from booking.domain.consultations import Attendee, Consultation
from booking.domain.therapists import BookableTherapist
from booking.messaging import published

NOW = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.timezone.utc)
FORBIDDEN = {"email", "phone", "concerns", "questions", "name", "attendees", "manage_token"}


def samples() -> dict:
    therapist = BookableTherapist("t1", "p1", "Kai Reyes, LCSW", "America/Chicago", True, 3, NOW)
    consultation = Consultation("c1", "p1", "t1", "cl1", NOW, NOW + dt.timedelta(minutes=15), "video", "confirmed",
                                NOW, NOW, attendees=[Attendee("a1", "Jordan Ash", "j@example.com", None, "UTC", True)])
    client = Client("cl1", "p1", "Jordan", "Ash", NOW, NOW, email="j@example.com", date_of_birth=dt.date(1990, 1, 2),
                    sex="U", address={"line1": "1 Elm", "city": "Chicago", "state": "IL", "zip": "60601"})
    appointment = Appointment("ap1", "p1", "t1", "cl1", NOW, NOW + dt.timedelta(minutes=55), 55, "90837", "video",
                              "completed", NOW, NOW, actual_duration_min=53, version=2)
    events = {published.AVAILABILITY_SUMMARIZED: published.availability_summary_event(
        therapist, Availability("t1", "America/Chicago"), ["2026-11-03T15:00:00Z"], NOW, 1)}
    for what, event_type in published.CONSULTATION.items():
        consultation.status = what
        events[event_type] = published.consultation_event(what, consultation)
    for event_type in (published.CLIENT_REGISTERED, published.CLIENT_UPDATED):
        events[event_type] = published.client_event(event_type, client)
    for what, event_type in published.APPOINTMENT.items():
        events[event_type] = published.appointment_event(what, appointment)
    return events


def test_every_published_type_has_a_sample_that_keeps_the_schema():
    events = samples()
    assert set(events) == set(published.SCHEMAS)
    for event_type, event in events.items():
        published.SCHEMAS[event_type]().load(event.data)
        assert event.type == event_type and event.source == "/services/booking"
        assert event.subject.split("/")[0] in ("therapists", "consultations", "clients", "appointments")
        assert isinstance(event.data["version"], int)


@pytest.mark.parametrize("event_type", sorted(published.SCHEMAS))
def test_no_contact_details_or_concerns_in_events(event_type):
    event = samples()[event_type]
    assert not FORBIDDEN & set(event.data)
    assert "j@example.com" not in event.to_json().decode()


def test_consultation_events_say_when_asked_and_when_answered():
    asked = NOW - dt.timedelta(hours=5)
    consultation = Consultation("c1", "p1", "t1", "cl1", NOW, NOW + dt.timedelta(minutes=15), "video", "requested",
                                asked, asked, attendees=[Attendee("a1", "Jordan Ash", None, None, "UTC", True)])
    requested = published.consultation_event("requested", consultation).data
    assert requested["requested_at"] == "2026-11-02T10:00:00Z" and requested["answered_at"] is None
    consultation.confirm(NOW)
    confirmed = published.consultation_event("confirmed", consultation).data
    assert confirmed["requested_at"] == "2026-11-02T10:00:00Z" and confirmed["answered_at"] == "2026-11-02T15:00:00Z"
    consultation.cancel(NOW + dt.timedelta(hours=1), "client")
    assert published.consultation_event("cancelled", consultation).data["answered_at"] is None  # not an answer
    lapsed = Consultation("c2", "p1", "t1", "cl1", NOW, NOW, "video", "requested", asked, asked)
    lapsed.expire(NOW)
    assert published.consultation_event("cancelled", lapsed).data["answered_at"] == "2026-11-02T15:00:00Z"


def test_completed_appointments_carry_the_actual_minutes_billing_charges():
    data = samples()[published.APPOINTMENT["completed"]].data
    assert data["duration_min"] == 53 and data["service_code"] == "90837"
    assert samples()[published.APPOINTMENT["scheduled"]].data["duration_min"] == 55


CONSUMER_SCHEMAS = [  # (consumer module, schema name, the booking types it reads with it)
    ("billing.messaging.consumed", "ClientChanged", (published.CLIENT_REGISTERED, published.CLIENT_UPDATED)),
    ("billing.messaging.consumed", "AppointmentCompleted", (published.APPOINTMENT["completed"],)),
    ("profiles.messaging.consumed", "AvailabilitySummarized", (published.AVAILABILITY_SUMMARIZED,)),
    ("profiles.messaging.consumed", "ConsultationAnswer",
     tuple(published.CONSULTATION[s] for s in ("requested", "confirmed", "declined", "cancelled"))),
]


@pytest.mark.parametrize("module,schema_name,types", CONSUMER_SCHEMAS, ids=[c[1] for c in CONSUMER_SCHEMAS])
def test_consumers_can_read_what_booking_sends(module, schema_name, types):
    import importlib

    schema = getattr(importlib.import_module(module), schema_name, None)
    if schema is None:
        pytest.skip(f"{module} has no {schema_name} (yet)")
    for event_type in types:
        schema().load(samples()[event_type].data)


def test_every_booking_type_a_consumer_binds_to_is_published():
    import importlib

    for module in ("billing.messaging.consumed", "profiles.messaging.consumed"):
        consumed = importlib.import_module(module)
        for name, value in vars(consumed).items():
            if isinstance(value, str) and value.startswith("rapport.booking."):
                assert value in published.SCHEMAS, f"{module}.{name} reads {value}, which booking does not publish"

"""What booking publishes: event types and the shape of their data (our side of the contract).

Never a client's concerns, email or phone; consultation events carry no client name either."""
from __future__ import annotations

import marshmallow as ma

from rapport_shared.events import CloudEvent

SOURCE = "/services/booking"
AVAILABILITY_SUMMARIZED = "rapport.booking.availability.summarized.v1"
CONSULTATION = {s: f"rapport.booking.consultation.{s}.v1" for s in
                ("requested", "confirmed", "declined", "cancelled", "rescheduled", "completed", "no_show")}
CLIENT_REGISTERED = "rapport.booking.client.registered.v1"
CLIENT_UPDATED = "rapport.booking.client.updated.v1"
APPOINTMENT = {s: f"rapport.booking.appointment.{s}.v1" for s in ("scheduled", "cancelled", "completed")}


def _time(value) -> str:
    return value.isoformat().replace("+00:00", "Z")


class AvailabilitySummaryData(ma.Schema):
    therapist_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    timezone = ma.fields.String(required=True)
    booking_mode = ma.fields.String(required=True, validate=ma.validate.OneOf(["instant", "request"]))
    formats = ma.fields.List(ma.fields.String(), required=True)
    next_slots = ma.fields.List(ma.fields.String(), required=True, validate=ma.validate.Length(max=5))
    computed_at = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)


class ConsultationData(ma.Schema):
    consultation_id = ma.fields.String(required=True)
    therapist_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    client_id = ma.fields.String(required=True)
    start = ma.fields.String(required=True)
    end = ma.fields.String(required=True)
    format = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    participant_count = ma.fields.Integer(required=True)
    version = ma.fields.Integer(required=True)
    # When the client asked, and when the therapist answered (confirmed or declined) or the request
    # expired unanswered; null on events that are not an answer. Instant bookings answer at once.
    requested_at = ma.fields.String(required=True)
    answered_at = ma.fields.String(required=True, allow_none=True)


class ClientData(ma.Schema):
    client_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    date_of_birth = ma.fields.String(required=True, allow_none=True)
    sex = ma.fields.String(required=True, allow_none=True, validate=ma.validate.OneOf(["F", "M", "U"]))
    address = ma.fields.Dict(required=True, allow_none=True)
    version = ma.fields.Integer(required=True)


class AppointmentData(ma.Schema):
    appointment_id = ma.fields.String(required=True)
    therapist_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    client_id = ma.fields.String(required=True)
    service_code = ma.fields.String(required=True)
    format = ma.fields.String(required=True, validate=ma.validate.OneOf(["in_person", "video", "phone"]))
    start = ma.fields.String(required=True)
    end = ma.fields.String(required=True)
    duration_min = ma.fields.Integer(required=True)
    version = ma.fields.Integer(required=True)


SCHEMAS = {
    AVAILABILITY_SUMMARIZED: AvailabilitySummaryData,
    CLIENT_REGISTERED: ClientData,
    CLIENT_UPDATED: ClientData,
    **{t: ConsultationData for t in CONSULTATION.values()},
    **{t: AppointmentData for t in APPOINTMENT.values()},
}


def availability_summary_event(therapist, availability, next_slots, computed_at, version) -> CloudEvent:
    data = {
        "therapist_id": therapist.id,
        "practice_id": therapist.practice_id,
        "timezone": availability.timezone,
        "booking_mode": availability.settings.booking_mode,
        "formats": list(availability.settings.formats),
        "next_slots": next_slots,
        "computed_at": _time(computed_at),
        "version": version,
    }
    return _event(AVAILABILITY_SUMMARIZED, f"therapists/{therapist.id}", data)


def consultation_event(what: str, consultation) -> CloudEvent:
    data = {
        "consultation_id": consultation.id,
        "therapist_id": consultation.therapist_id,
        "practice_id": consultation.practice_id,
        "client_id": consultation.client_id,
        "start": _time(consultation.start_at),
        "end": _time(consultation.end_at),
        "format": consultation.format,
        "status": consultation.status,
        "participant_count": len(consultation.attendees),
        "version": consultation.version,
        "requested_at": _time(consultation.created_at),
        "answered_at": _time(consultation.updated_at) if _answers(what, consultation.status) else None,
    }
    return _event(CONSULTATION[what], f"consultations/{consultation.id}", data)


def _answers(what: str, status: str) -> bool:
    # An expiry goes out as "cancelled" with status "expired": the request's unanswered end.
    return what in ("confirmed", "declined") or (what == "cancelled" and status == "expired")


def client_event(event_type: str, client) -> CloudEvent:
    data = {
        "client_id": client.id,
        "practice_id": client.practice_id,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "date_of_birth": client.date_of_birth.isoformat() if client.date_of_birth else None,
        "sex": client.sex,
        "address": client.address,
        "version": client.version,
    }
    return _event(event_type, f"clients/{client.id}", data)


def appointment_event(what: str, appointment) -> CloudEvent:
    data = {
        "appointment_id": appointment.id,
        "therapist_id": appointment.therapist_id,
        "practice_id": appointment.practice_id,
        "client_id": appointment.client_id,
        "service_code": appointment.service_code,
        "format": appointment.format,
        "start": _time(appointment.start_at),
        "end": _time(appointment.end_at),
        "duration_min": appointment.actual_duration_min if what == "completed" else appointment.duration_min,
        "version": appointment.version,
    }
    return _event(APPOINTMENT[what], f"appointments/{appointment.id}", data)


def _event(event_type: str, subject: str, data: dict) -> CloudEvent:
    SCHEMAS[event_type]().load(data)  # a payload that breaks our own contract never leaves
    return CloudEvent(type=event_type, source=SOURCE, subject=subject, data=data)

"""What profiles reads from other services: tolerant copies (unknown fields ignored)."""
from __future__ import annotations

import marshmallow as ma

AVAILABILITY_SUMMARIZED = "rapport.booking.availability.summarized.v1"


class Tolerant(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE  # fields a producer adds later are ignored


class AvailabilitySummarized(Tolerant):
    therapist_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(allow_none=True)
    timezone = ma.fields.String(allow_none=True)
    booking_mode = ma.fields.String(allow_none=True)
    formats = ma.fields.List(ma.fields.String(), load_default=list)
    next_slots = ma.fields.List(ma.fields.AwareDateTime(default_timezone=None), load_default=list)
    computed_at = ma.fields.AwareDateTime(allow_none=True)
    version = ma.fields.Integer(required=True)


# Booking's screening requests and their answers: how quickly each therapist answers.
CONSULTATION_REQUESTED = "rapport.booking.consultation.requested.v1"
CONSULTATION_CONFIRMED = "rapport.booking.consultation.confirmed.v1"
CONSULTATION_DECLINED = "rapport.booking.consultation.declined.v1"
CONSULTATION_CANCELLED = "rapport.booking.consultation.cancelled.v1"  # an expiry is one, status "expired"
CONSULTATION_ANSWERS = (CONSULTATION_REQUESTED, CONSULTATION_CONFIRMED, CONSULTATION_DECLINED, CONSULTATION_CANCELLED)


class ConsultationAnswer(Tolerant):
    consultation_id = ma.fields.String(required=True)
    therapist_id = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    requested_at = ma.fields.AwareDateTime(load_default=None, allow_none=True)
    answered_at = ma.fields.AwareDateTime(load_default=None, allow_none=True)

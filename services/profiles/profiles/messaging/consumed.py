"""What profiles reads from other services: tolerant copies (unknown fields ignored)."""
from __future__ import annotations

import marshmallow as ma

AVAILABILITY_SUMMARIZED = "rapport.booking.availability.summarized.v1"


class AvailabilitySummarized(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    therapist_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(allow_none=True)
    timezone = ma.fields.String(allow_none=True)
    booking_mode = ma.fields.String(allow_none=True)
    formats = ma.fields.List(ma.fields.String(), load_default=list)
    next_slots = ma.fields.List(ma.fields.AwareDateTime(default_timezone=None), load_default=list)
    computed_at = ma.fields.AwareDateTime(allow_none=True)
    version = ma.fields.Integer(required=True)

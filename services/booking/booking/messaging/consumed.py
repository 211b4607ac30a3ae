"""What booking reads from other services' events: its own tolerant copy of the fields it needs."""
import marshmallow as ma

PRACTICE_REGISTERED = "rapport.profiles.practice.registered.v1"
PRACTICE_UPDATED = "rapport.profiles.practice.updated.v1"
THERAPIST_PUBLISHED = "rapport.profiles.therapist.published.v1"
THERAPIST_UPDATED = "rapport.profiles.therapist.updated.v1"
THERAPIST_UNPUBLISHED = "rapport.profiles.therapist.unpublished.v1"


class TherapistChanged(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE  # producers may add fields; we read what we need

    therapist_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    display_name = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    time_zone = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)


class PracticeChanged(ma.Schema):
    """Booking only needs to know that a practice exists (to register clients in it)."""

    class Meta:
        unknown = ma.EXCLUDE

    practice_id = ma.fields.String(required=True)

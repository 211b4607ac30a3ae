"""What booking reads from other services' events: its own tolerant copy of the fields it needs."""
import marshmallow as ma

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

"""What billing reads from profiles' events: its own tolerant copy of the fields it needs."""
import marshmallow as ma

PRACTICE_REGISTERED = "rapport.profiles.practice.registered.v1"
PRACTICE_UPDATED = "rapport.profiles.practice.updated.v1"
THERAPIST_PUBLISHED = "rapport.profiles.therapist.published.v1"
THERAPIST_UPDATED = "rapport.profiles.therapist.updated.v1"
THERAPIST_UNPUBLISHED = "rapport.profiles.therapist.unpublished.v1"


class PracticeChanged(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    practice_id = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    group_npi = ma.fields.String(allow_none=True, load_default=None)
    tax_id = ma.fields.String(allow_none=True, load_default=None)
    address = ma.fields.Dict(load_default=dict)
    version = ma.fields.Integer(required=True)


class TherapistChanged(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    therapist_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    credentials = ma.fields.String(load_default="")
    npi = ma.fields.String(allow_none=True, load_default=None)
    status = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)

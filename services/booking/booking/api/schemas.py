"""What every booking request shape builds on; each area's shapes are in its own *_schemas module.
HTTP shapes, not domain objects. Requests are `Input`s: unknown fields refused, text trimmed."""

import marshmallow as ma
from marshmallow import validate

from rapport_shared.schemas import TIME_ZONE, Input

PHONE = validate.Regexp(r"^\+?[0-9 ()-]{7,20}$", error="a phone number of 7 to 20 digits")
ZONE = TIME_ZONE


QueryArgs = Input  # query arguments are checked like a JSON body


class AwareDateTime(ma.fields.AwareDateTime):
    """RFC 3339 with an offset; a time without one is refused rather than guessed."""

    def __init__(self, **kwargs):
        super().__init__(format="iso", **kwargs)


class HeldTimeOut(ma.Schema):
    """What a consultation and an appointment both show first: whose time they take, and when."""

    id = ma.fields.String()
    therapist_id = ma.fields.String()
    practice_id = ma.fields.String()
    client_id = ma.fields.String()
    start = ma.fields.DateTime(attribute="start_at")
    end = ma.fields.DateTime(attribute="end_at")


def not_blank(max_len: int) -> list[validate.Validator]:
    """Text that, when sent, says something: `Input` trims it first, so only a blank value is under the minimum
    (the maximum is checked on the text as sent, before trimming); the documented minLength and pattern stay."""
    return [validate.Length(min=1, error="must not be blank"), validate.Length(max=max_len)]


class ReasonIn(Input):
    reason = ma.fields.String(validate=not_blank(500))

"""HTTP shapes of a therapist's time: availability, free slots, and the calendar feed."""
import marshmallow as ma
from marshmallow import validate

from rapport_shared.schemas import Input, Strings

from ..domain.availability import BOOKING_MODES, FORMATS
from .schemas import ZONE, QueryArgs

# Availability starts and ends on 5-minute marks (the rule in domain/availability.py, stated for clients).
FIVE_MINUTE_MARK = r"^([01][0-9]|2[0-3]):[0-5][05](:00)?$"


class WeeklyWindowIn(Input):
    weekday = ma.fields.Integer(required=True, validate=validate.Range(0, 6),
                                metadata={"description": "0 = Monday ... 6 = Sunday"})
    start = ma.fields.Time(required=True, metadata={"example": "09:00", "pattern": FIVE_MINUTE_MARK})
    end = ma.fields.Time(required=True, metadata={"example": "17:00", "pattern": FIVE_MINUTE_MARK})


class ExceptionIn(Input):
    date = ma.fields.Date(required=True)
    kind = ma.fields.String(required=True, validate=validate.OneOf(["off", "extra"]))
    start = ma.fields.Time(allow_none=True, metadata={"pattern": FIVE_MINUTE_MARK})
    end = ma.fields.Time(allow_none=True, metadata={"pattern": FIVE_MINUTE_MARK})


class SettingsIn(Input):
    duration_min = ma.fields.Integer(validate=validate.Range(5, 240), metadata={"multipleOf": 5})
    buffer_min = ma.fields.Integer(validate=validate.Range(0, 120), metadata={"multipleOf": 5})
    min_notice_min = ma.fields.Integer(validate=validate.Range(0, 60 * 24 * 30))
    horizon_days = ma.fields.Integer(validate=validate.Range(1, 365))
    daily_cap = ma.fields.Integer(allow_none=True, validate=validate.Range(1, 100))
    formats = ma.fields.List(ma.fields.String(validate=validate.OneOf(FORMATS)), validate=validate.Length(1, 3))
    booking_mode = ma.fields.String(validate=validate.OneOf(BOOKING_MODES))
    request_hold_min = ma.fields.Integer(validate=validate.Range(5, 60 * 24 * 14))
    cancel_notice_min = ma.fields.Integer(validate=validate.Range(0, 60 * 24 * 30))
    reschedule_notice_min = ma.fields.Integer(validate=validate.Range(0, 60 * 24 * 30))


class AvailabilityIn(Input):
    timezone = ma.fields.String(validate=ZONE, metadata={"description": "IANA zone; the therapist's by default"})
    weekly = ma.fields.List(ma.fields.Nested(WeeklyWindowIn), load_default=list, validate=validate.Length(max=100))
    exceptions = ma.fields.List(ma.fields.Nested(ExceptionIn), load_default=list, validate=validate.Length(max=500))
    settings = ma.fields.Nested(SettingsIn, load_default=dict)


class AvailabilityOut(ma.Schema):
    therapist_id = ma.fields.String()
    display_name = ma.fields.String()
    timezone = ma.fields.String()
    listed = ma.fields.Boolean(metadata={"description": "published in the directory (takes bookings)"})
    configured = ma.fields.Boolean()
    weekly = ma.fields.List(ma.fields.Nested(WeeklyWindowIn))
    exceptions = ma.fields.List(ma.fields.Nested(ExceptionIn))
    settings = ma.fields.Dict()
    version = ma.fields.Integer(allow_none=True)


class SlotArgs(QueryArgs):
    from_ = ma.fields.Date(required=True, data_key="from")
    to = ma.fields.Date(required=True)
    tz = ma.fields.String(validate=ZONE, metadata={"description": "the client's IANA zone for dates and times"})


class SlotOut(ma.Schema):
    start = ma.fields.String()
    end = ma.fields.String()


class SlotsOut(ma.Schema):
    therapist_id = ma.fields.String()
    timezone = ma.fields.String()
    therapist_timezone = ma.fields.String()
    booking_mode = ma.fields.String(allow_none=True)
    formats = Strings()
    duration_min = ma.fields.Integer(allow_none=True)
    slots = ma.fields.List(ma.fields.Nested(SlotOut))


class FeedIn(Input):
    therapist_id = ma.fields.String(required=True, validate=validate.Length(max=36))


class FeedOut(ma.Schema):
    therapist_id = ma.fields.String()
    token = ma.fields.String()
    url = ma.fields.String()

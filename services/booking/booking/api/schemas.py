"""HTTP shapes (not domain objects). Unknown fields are rejected; server-owned fields are dump-only."""
import marshmallow as ma
from marshmallow import validate

from rapport_shared.pagination import PageArgs, page_schema

from ..domain.availability import FORMATS
from ..domain.consultations import QUESTIONS, STATUSES

PHONE = validate.Regexp(r"^\+?[0-9 ()-]{7,20}$", error="a phone number of 7 to 20 digits")
ZONE = validate.Length(min=1, max=64)


class AwareDateTime(ma.fields.AwareDateTime):
    """RFC 3339 with an offset; a time without one is refused rather than guessed."""

    def __init__(self, **kwargs):
        super().__init__(format="iso", **kwargs)


class WeeklyWindowIn(ma.Schema):
    weekday = ma.fields.Integer(required=True, validate=validate.Range(0, 6),
                                metadata={"description": "0 = Monday ... 6 = Sunday"})
    start = ma.fields.Time(required=True, metadata={"example": "09:00"})
    end = ma.fields.Time(required=True, metadata={"example": "17:00"})


class ExceptionIn(ma.Schema):
    date = ma.fields.Date(required=True)
    kind = ma.fields.String(required=True, validate=validate.OneOf(["off", "extra"]))
    start = ma.fields.Time(allow_none=True)
    end = ma.fields.Time(allow_none=True)


class SettingsIn(ma.Schema):
    duration_min = ma.fields.Integer(validate=validate.Range(5, 240))
    buffer_min = ma.fields.Integer(validate=validate.Range(0, 120))
    min_notice_min = ma.fields.Integer(validate=validate.Range(0, 60 * 24 * 30))
    horizon_days = ma.fields.Integer(validate=validate.Range(1, 365))
    daily_cap = ma.fields.Integer(allow_none=True, validate=validate.Range(1, 100))
    formats = ma.fields.List(ma.fields.String(validate=validate.OneOf(FORMATS)), validate=validate.Length(1, 3))
    booking_mode = ma.fields.String(validate=validate.OneOf(["instant", "request"]))
    request_hold_min = ma.fields.Integer(validate=validate.Range(5, 60 * 24 * 14))
    cancel_notice_min = ma.fields.Integer(validate=validate.Range(0, 60 * 24 * 30))
    reschedule_notice_min = ma.fields.Integer(validate=validate.Range(0, 60 * 24 * 30))


class AvailabilityIn(ma.Schema):
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


class SlotArgs(ma.Schema):
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
    formats = ma.fields.List(ma.fields.String())
    duration_min = ma.fields.Integer(allow_none=True)
    slots = ma.fields.List(ma.fields.Nested(SlotOut))


class ConsentIn(ma.Schema):
    email = ma.fields.Boolean(load_default=False)
    sms = ma.fields.Boolean(load_default=False)
    voicemail = ma.fields.Boolean(load_default=False)


class ContactIn(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    email = ma.fields.Email(validate=validate.Length(max=320))
    phone = ma.fields.String(validate=PHONE)
    timezone = ma.fields.String(required=True, validate=ZONE)

    @ma.validates_schema
    def _reachable(self, data, **_):
        if not data.get("email") and not data.get("phone"):
            raise ma.ValidationError("give an email or a phone number", "email")


class ParticipantIn(ContactIn):
    relationship = ma.fields.String(validate=validate.OneOf(["partner", "spouse", "parent", "child", "sibling",
                                                             "family", "other"]))
    consent = ma.fields.Nested(ConsentIn, load_default=dict)


class ConsultationIn(ma.Schema):
    therapist_id = ma.fields.String(required=True, validate=validate.Length(max=36))
    start = AwareDateTime(required=True)
    format = ma.fields.String(required=True, validate=validate.OneOf(FORMATS))
    client = ma.fields.Nested(ContactIn, required=True)
    participants = ma.fields.List(ma.fields.Nested(ParticipantIn), load_default=list, validate=validate.Length(max=8))
    concerns = ma.fields.String(validate=validate.Length(max=4000),
                                metadata={"description": "free text; PHI, encrypted, read only by the practice"})
    questions = ma.fields.List(ma.fields.String(validate=validate.OneOf(QUESTIONS)), load_default=list,
                               validate=validate.Length(max=len(QUESTIONS)))
    other_questions = ma.fields.String(validate=validate.Length(max=2000))
    consent = ma.fields.Nested(ConsentIn, load_default=dict)


class AttendeeOut(ma.Schema):
    id = ma.fields.String()
    name = ma.fields.String()
    email = ma.fields.String(allow_none=True)
    phone = ma.fields.String(allow_none=True)
    timezone = ma.fields.String()
    is_primary = ma.fields.Boolean()
    relationship = ma.fields.String(allow_none=True)
    consent_email = ma.fields.Boolean()
    consent_sms = ma.fields.Boolean()
    consent_voicemail = ma.fields.Boolean()


class ReminderOut(ma.Schema):
    id = ma.fields.String()
    attendee_id = ma.fields.String()
    channel = ma.fields.String()
    lead = ma.fields.String()
    due_at = ma.fields.DateTime()
    status = ma.fields.String()
    attempts = ma.fields.Integer()
    last_error = ma.fields.String(allow_none=True)
    sent_at = ma.fields.DateTime(allow_none=True)


class ConsultationOut(ma.Schema):
    id = ma.fields.String()
    therapist_id = ma.fields.String()
    practice_id = ma.fields.String()
    client_id = ma.fields.String()
    start = ma.fields.DateTime(attribute="start_at")
    end = ma.fields.DateTime(attribute="end_at")
    format = ma.fields.String()
    status = ma.fields.String()
    hold_expires_at = ma.fields.DateTime(allow_none=True)
    status_reason = ma.fields.String(allow_none=True)
    suggested_therapist_id = ma.fields.String(allow_none=True)
    participant_count = ma.fields.Integer()
    attendees = ma.fields.List(ma.fields.Nested(AttendeeOut))
    version = ma.fields.Integer()
    created_at = ma.fields.DateTime()


class ConsultationDetailOut(ConsultationOut):
    concerns = ma.fields.Dict(allow_none=True, metadata={"description": "staff and therapist only; audited"})
    reminders = ma.fields.List(ma.fields.Nested(ReminderOut))


class BookedOut(ConsultationOut):
    manage_token = ma.fields.String(metadata={"description": "shown once: send as X-Manage-Token to manage"})


class ReasonIn(ma.Schema):
    reason = ma.fields.String(validate=validate.Length(min=1, max=500))


class RescheduleIn(ReasonIn):
    start = AwareDateTime(required=True)


class DeclineIn(ReasonIn):
    suggested_therapist_id = ma.fields.String(validate=validate.Length(max=36))


class ConsultationListArgs(PageArgs):
    therapist_id = ma.fields.String(validate=validate.Length(max=36))
    status = ma.fields.String(validate=validate.OneOf(STATUSES))
    start_from = AwareDateTime(data_key="from")
    start_to = AwareDateTime(data_key="to")


ConsultationPage = page_schema("ConsultationPage", ConsultationOut)


class AuditEntryOut(ma.Schema):
    occurred_at = ma.fields.DateTime()
    actor = ma.fields.String()
    actor_role = ma.fields.String()
    action = ma.fields.String()
    resource = ma.fields.String()
    request_id = ma.fields.String(allow_none=True)


class AuditOut(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(AuditEntryOut))


class AddressIn(ma.Schema):
    line1 = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    line2 = ma.fields.String(validate=validate.Length(max=200))
    city = ma.fields.String(required=True, validate=validate.Length(min=1, max=100))
    state = ma.fields.String(required=True, validate=validate.Regexp(r"^[A-Z]{2}$"))
    zip = ma.fields.String(required=True, validate=validate.Regexp(r"^\d{5}(\d{4})?$"))


class ClientPatch(ma.Schema):
    first_name = ma.fields.String(validate=validate.Length(min=1, max=100))
    last_name = ma.fields.String(validate=validate.Length(max=100))
    email = ma.fields.Email(allow_none=True, validate=validate.Length(max=320))
    phone = ma.fields.String(allow_none=True, validate=PHONE)
    timezone = ma.fields.String(allow_none=True, validate=ZONE)
    date_of_birth = ma.fields.Date(allow_none=True)
    sex = ma.fields.String(allow_none=True, validate=validate.OneOf(["F", "M", "U"]))
    address = ma.fields.Nested(AddressIn, allow_none=True)
    consent_email = ma.fields.Boolean()
    consent_sms = ma.fields.Boolean()
    consent_voicemail = ma.fields.Boolean()


class ClientIn(ClientPatch):
    practice_id = ma.fields.String(validate=validate.Length(max=36), metadata={"description": "admins only"})
    first_name = ma.fields.String(required=True, validate=validate.Length(min=1, max=100))
    last_name = ma.fields.String(required=True, validate=validate.Length(max=100))


class ClientOut(ClientPatch):
    id = ma.fields.String()
    practice_id = ma.fields.String()
    version = ma.fields.Integer()
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()


ClientPage = page_schema("ClientPage", ClientOut)


def _five_minute_multiple(value: int) -> None:
    if value % 5:
        raise ma.ValidationError("a multiple of 5 minutes")


class AppointmentIn(ma.Schema):
    therapist_id = ma.fields.String(required=True, validate=validate.Length(max=36))
    client_id = ma.fields.String(required=True, validate=validate.Length(max=36))
    start = AwareDateTime(required=True)
    service_code = ma.fields.String(required=True, validate=validate.Regexp(r"^\d{4}[0-9A-Z]$",
                                    error="a CPT code: five characters, e.g. 90837"))
    format = ma.fields.String(required=True, validate=validate.OneOf(FORMATS))
    duration_min = ma.fields.Integer(required=True, validate=[validate.Range(5, 480), _five_minute_multiple])


class AppointmentOut(ma.Schema):
    id = ma.fields.String()
    therapist_id = ma.fields.String()
    practice_id = ma.fields.String()
    client_id = ma.fields.String()
    start = ma.fields.DateTime(attribute="start_at")
    end = ma.fields.DateTime(attribute="end_at")
    duration_min = ma.fields.Integer()
    actual_duration_min = ma.fields.Integer(allow_none=True)
    service_code = ma.fields.String()
    format = ma.fields.String()
    status = ma.fields.String()
    cancel_reason = ma.fields.String(allow_none=True)
    version = ma.fields.Integer()


class CompleteIn(ma.Schema):
    actual_duration_min = ma.fields.Integer(validate=validate.Range(1, 600))


class FeedIn(ma.Schema):
    therapist_id = ma.fields.String(required=True, validate=validate.Length(max=36))


class FeedOut(ma.Schema):
    therapist_id = ma.fields.String()
    token = ma.fields.String()
    url = ma.fields.String()


class AppointmentListArgs(PageArgs):
    therapist_id = ma.fields.String(validate=validate.Length(max=36))
    client_id = ma.fields.String(validate=validate.Length(max=36))
    status = ma.fields.String(validate=validate.OneOf(["scheduled", "cancelled", "completed"]))
    start_from = AwareDateTime(data_key="from")
    start_to = AwareDateTime(data_key="to")


AppointmentPage = page_schema("AppointmentPage", AppointmentOut)

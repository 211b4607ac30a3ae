"""HTTP shapes of screening calls: booking one, seeing it, changing it, its reminders and audit trail."""
import marshmallow as ma
from marshmallow import validate

from rapport_shared.pagination import PageArgs, page_schema
from rapport_shared.schemas import EmailAddress, Input

from ..domain.availability import FORMATS
from ..domain.consultations import QUESTIONS, STATUSES
from .schemas import PHONE, ZONE, AwareDateTime, HeldTimeOut, QueryArgs, ReasonIn, not_blank


class ConsentIn(Input):
    email = ma.fields.Boolean(load_default=False)
    sms = ma.fields.Boolean(load_default=False)
    voicemail = ma.fields.Boolean(load_default=False)


class ContactIn(Input):
    JSON_SCHEMA_EXTRA = {"anyOf": [{"required": ["email"]}, {"required": ["phone"]}]}

    name = ma.fields.String(required=True, validate=not_blank(200))
    email = EmailAddress()
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


class ConsultationIn(Input):
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


class ConsultationOut(HeldTimeOut):
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


class RescheduleIn(ReasonIn):
    start = AwareDateTime(required=True)


class DeclineIn(ReasonIn):
    suggested_therapist_id = ma.fields.String(validate=validate.Length(max=36))


class ConsultationListArgs(QueryArgs, PageArgs):
    therapist_id = ma.fields.String(validate=validate.Length(max=36))
    status = ma.fields.String(validate=validate.OneOf(STATUSES))
    start_from = AwareDateTime(data_key="from")
    start_to = AwareDateTime(data_key="to")


ConsultationPage = page_schema("ConsultationPage", ConsultationOut)


class ReminderArgs(QueryArgs):
    consultation_id = ma.fields.String(required=True, validate=validate.Length(max=36))


class ReminderList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ReminderOut))


class AuditEntryOut(ma.Schema):
    occurred_at = ma.fields.DateTime()
    actor = ma.fields.String()
    actor_role = ma.fields.String()
    action = ma.fields.String()
    resource = ma.fields.String()
    request_id = ma.fields.String(allow_none=True)


class AuditOut(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(AuditEntryOut))

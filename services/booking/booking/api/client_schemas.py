"""HTTP shapes of a practice's clients and their billable appointments."""
import marshmallow as ma
from marshmallow import validate

from rapport_shared.pagination import PageArgs, page_schema
from rapport_shared.schemas import DATE_PATTERN, Address, EmailAddress, Input, ObjectId, born

from ..domain.availability import FORMATS
from .schemas import PHONE, ZONE, AwareDateTime, HeldTimeOut, QueryArgs, not_blank


class ClientPatch(Input):
    first_name = ma.fields.String(validate=not_blank(100))
    last_name = ma.fields.String(validate=validate.Length(max=100))
    email = EmailAddress(allow_none=True)
    phone = ma.fields.String(allow_none=True, validate=PHONE)
    timezone = ma.fields.String(allow_none=True, validate=ZONE)
    date_of_birth = ma.fields.Date(allow_none=True, validate=born, metadata={"description": "not in the future"})
    sex = ma.fields.String(allow_none=True, validate=validate.OneOf(["F", "M", "U"]))
    address = ma.fields.Nested(Address, allow_none=True)
    consent_email = ma.fields.Boolean()
    consent_sms = ma.fields.Boolean()
    consent_voicemail = ma.fields.Boolean()


class ClientIn(ClientPatch):
    practice_id = ObjectId(validate=validate.Length(max=36), metadata={
        "description": "admins name the practice (one profiles announced); staff register clients of their own "
                       "practice only (another's is 403)"})
    first_name = ma.fields.String(required=True, validate=not_blank(100))
    last_name = ma.fields.String(required=True, validate=validate.Length(max=100))


class ClientOut(ClientPatch):
    id = ma.fields.String()
    practice_id = ma.fields.String()
    version = ma.fields.Integer()
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()
    registered_at = ma.fields.DateTime(allow_none=True, metadata={
        "description": "when they became the practice's client; null for a screening-call prospect, whom "
                       "billing does not know"})


class ClientListArgs(QueryArgs, PageArgs):
    pass


ClientPage = page_schema("ClientPage", ClientOut)


def _five_minute_multiple(value: int) -> None:
    if value % 5:
        raise ma.ValidationError("a multiple of 5 minutes")


# Sessions start on 5-minute marks (domain rule), stated for clients; real offsets are quarter hours.
FIVE_MINUTE_START = (DATE_PATTERN + r"T([01][0-9]|2[0-3]):[0-5][05]:00(\.0{1,6})?"
                     r"(Z|[+-]([01][0-9]|2[0-3]):(00|15|30|45))$")


class AppointmentIn(Input):
    therapist_id = ma.fields.String(required=True, validate=validate.Length(max=36))
    client_id = ma.fields.String(required=True, validate=validate.Length(max=36))
    start = AwareDateTime(required=True, metadata={"pattern": FIVE_MINUTE_START})
    service_code = ma.fields.String(required=True, validate=validate.Regexp(r"^\d{4}[0-9A-Z]$",
                                    error="a CPT code: five characters, e.g. 90837"))
    format = ma.fields.String(required=True, validate=validate.OneOf(FORMATS))
    duration_min = ma.fields.Integer(required=True, validate=[validate.Range(5, 480), _five_minute_multiple],
                                     metadata={"multipleOf": 5})


class AppointmentOut(HeldTimeOut):
    duration_min = ma.fields.Integer()
    actual_duration_min = ma.fields.Integer(allow_none=True)
    service_code = ma.fields.String()
    format = ma.fields.String()
    status = ma.fields.String()
    cancel_reason = ma.fields.String(allow_none=True)
    version = ma.fields.Integer()


class CompleteIn(Input):
    actual_duration_min = ma.fields.Integer(validate=validate.Range(1, 600))


class AppointmentListArgs(QueryArgs, PageArgs):
    therapist_id = ma.fields.String(validate=validate.Length(max=36))
    client_id = ma.fields.String(validate=validate.Length(max=36))
    status = ma.fields.String(validate=validate.OneOf(["scheduled", "cancelled", "completed"]))
    start_from = AwareDateTime(data_key="from")
    start_to = AwareDateTime(data_key="to")


AppointmentPage = page_schema("AppointmentPage", AppointmentOut)

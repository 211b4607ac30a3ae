"""HTTP shapes (not domain objects). Unknown fields are rejected; server-owned fields are dump-only."""
import marshmallow as ma
from marshmallow import validate

from rapport_shared.pagination import PageArgs, page_schema
from rapport_shared.schemas import TIME_ZONE, Address, EmailAddress, Input, Strings

from ..domain.accounts import MIN_PASSWORD_LENGTH

NPI = validate.Regexp(r"^\d{10}$", error="an NPI is 10 digits")


class TokenRequest(Input):
    email = EmailAddress(required=True)
    password = ma.fields.String(required=True, validate=validate.Length(min=1, max=1024), load_only=True,
                                metadata={"trim": False})


class TokenResponse(ma.Schema):
    access_token = ma.fields.String()
    token_type = ma.fields.String()
    expires_in = ma.fields.Integer()


class PracticeIn(Input):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    # The zones every service takes (the domain checks them too): the document lists them, so a generated
    # client sends one the server takes, and a wrong one is refused here with the field named.
    time_zone = ma.fields.String(required=True, validate=TIME_ZONE)
    phone = ma.fields.String(validate=validate.Regexp(r"^\+?[0-9 ()-]{7,20}$"))
    group_npi = ma.fields.String(validate=NPI)
    tax_id = ma.fields.String(validate=validate.Regexp(r"^\d{9}$", error="a tax id is 9 digits, no hyphen"))
    address = ma.fields.Nested(Address)


class PracticePatch(PracticeIn):
    name = ma.fields.String(validate=validate.Length(min=1, max=200))
    time_zone = ma.fields.String(validate=TIME_ZONE)
    phone = ma.fields.String(allow_none=True, validate=validate.Regexp(r"^\+?[0-9 ()-]{7,20}$"))
    group_npi = ma.fields.String(allow_none=True, validate=NPI)
    tax_id = ma.fields.String(allow_none=True,
                              validate=validate.Regexp(r"^\d{9}$", error="a tax id is 9 digits, no hyphen"))


class AddressOut(ma.Schema):
    line1 = ma.fields.String()
    line2 = ma.fields.String(allow_none=True)  # the shared Address takes null
    city = ma.fields.String()
    state = ma.fields.String()
    zip = ma.fields.String()


class PracticeOut(ma.Schema):
    name = ma.fields.String()
    time_zone = ma.fields.String()
    phone = ma.fields.String(allow_none=True)
    group_npi = ma.fields.String(allow_none=True)
    tax_id = ma.fields.String(allow_none=True)
    address = ma.fields.Nested(AddressOut, allow_none=True)  # null until one is given, as the other absent fields
    id = ma.fields.String(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)

    @ma.post_dump
    def _no_address_is_null(self, data: dict, **kwargs) -> dict:
        return {**data, "address": data.get("address") or None}


class MemberIn(Input):
    # The rule check_new_member enforces, stated for clients: a therapist account names its therapist, a staff
    # account names none (a generated client otherwise sends either shape and meets a 422 the document never gave).
    JSON_SCHEMA_EXTRA = {"oneOf": [
        {"properties": {"role": {"enum": ["staff"]}}, "not": {"required": ["therapist_id"]}},
        {"properties": {"role": {"enum": ["therapist"]}}, "required": ["therapist_id"]},
    ]}

    email = EmailAddress(required=True)
    password = ma.fields.String(required=True, load_only=True,
                                validate=validate.Length(min=MIN_PASSWORD_LENGTH, max=1024), metadata={"trim": False})
    role = ma.fields.String(required=True, validate=validate.OneOf(["staff", "therapist"]))
    therapist_id = ma.fields.String(validate=validate.Length(max=36))


class MemberOut(ma.Schema):
    id = ma.fields.String()
    email = ma.fields.String()
    role = ma.fields.String()
    practice_id = ma.fields.String()
    therapist_id = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime()


class UnpublishIn(Input):
    reason = ma.fields.String(load_default="unpublished by the practice", validate=validate.Length(max=500))


class JwksOut(ma.Schema):
    keys = ma.fields.List(ma.fields.Dict())


class PracticeTherapistArgs(Input, PageArgs):
    status = ma.fields.String(validate=validate.OneOf(["draft", "published", "unpublished"]))
    name = ma.fields.String(validate=validate.Length(1, 100),
                            metadata={"description": "the start of a first or last name"})


class PracticeTherapistOut(ma.Schema):
    id = ma.fields.String()
    display_name = ma.fields.String()
    first_name = ma.fields.String()
    last_name = ma.fields.String()
    credentials = ma.fields.String()
    status = ma.fields.String(metadata={"description": "draft, published or unpublished"})
    status_reason = ma.fields.String(allow_none=True)
    formats = Strings()
    accepting_new_clients = ma.fields.Boolean()
    updated_at = ma.fields.AwareDateTime()


PracticeTherapistPage = page_schema("PracticeTherapistPage", PracticeTherapistOut)

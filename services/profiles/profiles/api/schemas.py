"""HTTP shapes (not domain objects). Unknown fields are rejected; server-owned fields are dump-only."""
import marshmallow as ma
from marshmallow import validate

from rapport_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT

NPI = validate.Regexp(r"^\d{10}$", error="an NPI is 10 digits")


class TokenRequest(ma.Schema):
    email = ma.fields.Email(required=True)
    password = ma.fields.String(required=True, validate=validate.Length(min=1, max=1024), load_only=True)


class TokenResponse(ma.Schema):
    access_token = ma.fields.String()
    token_type = ma.fields.String()
    expires_in = ma.fields.Integer()


class Address(ma.Schema):
    line1 = ma.fields.String(required=True, validate=validate.Length(max=200))
    line2 = ma.fields.String(validate=validate.Length(max=200))
    city = ma.fields.String(required=True, validate=validate.Length(max=100))
    state = ma.fields.String(required=True, validate=validate.Regexp(r"^[A-Z]{2}$"))
    zip = ma.fields.String(required=True, validate=validate.Regexp(r"^\d{5}(\d{4})?$"))


class PracticeIn(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    time_zone = ma.fields.String(required=True, validate=validate.Length(max=64))
    phone = ma.fields.String(validate=validate.Regexp(r"^\+?[0-9 ()-]{7,20}$"))
    group_npi = ma.fields.String(validate=NPI)
    tax_id = ma.fields.String(validate=validate.Regexp(r"^\d{9}$", error="a tax id is 9 digits, no hyphen"))
    address = ma.fields.Nested(Address)


class PracticeOut(PracticeIn):
    id = ma.fields.String(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)


class MemberIn(ma.Schema):
    email = ma.fields.Email(required=True)
    password = ma.fields.String(required=True, load_only=True, validate=validate.Length(max=1024))
    role = ma.fields.String(required=True, validate=validate.OneOf(["staff", "therapist"]))
    therapist_id = ma.fields.String(validate=validate.Length(max=36))


class MemberOut(ma.Schema):
    id = ma.fields.String()
    email = ma.fields.String()
    role = ma.fields.String()
    practice_id = ma.fields.String()
    therapist_id = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime()


class TherapistIn(ma.Schema):
    practice_id = ma.fields.String(validate=validate.Length(max=36), metadata={"description": "admins only; staff create in their own practice"})
    first_name = ma.fields.String(required=True, validate=validate.Length(min=1, max=100))
    last_name = ma.fields.String(required=True, validate=validate.Length(min=1, max=100))
    credentials = ma.fields.String(validate=validate.Length(max=100))
    pronouns = ma.fields.String(validate=validate.Length(max=40))
    npi = ma.fields.String(validate=NPI)


class TherapistOut(ma.Schema):
    id = ma.fields.String()
    practice_id = ma.fields.String()
    first_name = ma.fields.String()
    last_name = ma.fields.String()
    display_name = ma.fields.String()
    credentials = ma.fields.String()
    pronouns = ma.fields.String(allow_none=True)
    npi = ma.fields.String(allow_none=True)
    status = ma.fields.String()
    status_reason = ma.fields.String(allow_none=True)
    published_at = ma.fields.DateTime(allow_none=True)
    version = ma.fields.Integer()


class PublicTherapistOut(ma.Schema):
    id = ma.fields.String()
    practice_id = ma.fields.String()
    display_name = ma.fields.String()
    first_name = ma.fields.String()
    last_name = ma.fields.String()
    credentials = ma.fields.String()
    pronouns = ma.fields.String(allow_none=True)


class UnpublishIn(ma.Schema):
    reason = ma.fields.String(load_default="unpublished by the practice", validate=validate.Length(max=500))


class PageArgs(ma.Schema):
    limit = ma.fields.Integer(load_default=DEFAULT_LIMIT, validate=validate.Range(min=1, max=MAX_LIMIT))
    cursor = ma.fields.String(validate=validate.Length(max=500))


class TherapistPage(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(PublicTherapistOut))
    next_cursor = ma.fields.String(allow_none=True)


class JwksOut(ma.Schema):
    keys = ma.fields.List(ma.fields.Dict())

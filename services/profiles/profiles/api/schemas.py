"""HTTP shapes (not domain objects). Unknown fields are rejected; server-owned fields are dump-only."""
import marshmallow as ma
from marshmallow import validate

NPI = validate.Regexp(r"^\d{10}$", error="an NPI is 10 digits")


def _nul_fields(value, path: str = "") -> list[str]:
    if isinstance(value, str):
        return [path or "_"] if "\x00" in value else []
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in _nul_fields(v, f"{path}.{k}" if path else str(k))]
    if isinstance(value, list):
        return [f for i, v in enumerate(value) for f in _nul_fields(v, f"{path}.{i}" if path else str(i))]
    return []


class InputSchema(ma.Schema):
    """Every request shape: NUL characters are refused (PostgreSQL cannot store them in text)."""

    @ma.pre_load
    def refuse_nul(self, data, **_kwargs):
        fields = _nul_fields(data if isinstance(data, (dict, list)) else {})
        if fields:
            raise ma.ValidationError({f: ["NUL characters are not allowed"] for f in fields})
        return data


class TokenRequest(InputSchema):
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


class PracticeIn(InputSchema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    time_zone = ma.fields.String(required=True, validate=validate.Length(max=64))
    phone = ma.fields.String(validate=validate.Regexp(r"^\+?[0-9 ()-]{7,20}$"))
    group_npi = ma.fields.String(validate=NPI)
    tax_id = ma.fields.String(validate=validate.Regexp(r"^\d{9}$", error="a tax id is 9 digits, no hyphen"))
    address = ma.fields.Nested(Address)


class PracticePatch(PracticeIn):
    name = ma.fields.String(validate=validate.Length(min=1, max=200))
    time_zone = ma.fields.String(validate=validate.Length(max=64))
    phone = ma.fields.String(allow_none=True, validate=validate.Regexp(r"^\+?[0-9 ()-]{7,20}$"))
    group_npi = ma.fields.String(allow_none=True, validate=NPI)
    tax_id = ma.fields.String(allow_none=True, validate=validate.Regexp(r"^\d{9}$", error="a tax id is 9 digits, no hyphen"))


class AddressOut(ma.Schema):
    line1 = ma.fields.String()
    line2 = ma.fields.String()
    city = ma.fields.String()
    state = ma.fields.String()
    zip = ma.fields.String()


class PracticeOut(ma.Schema):
    name = ma.fields.String()
    time_zone = ma.fields.String()
    phone = ma.fields.String(allow_none=True)
    group_npi = ma.fields.String(allow_none=True)
    tax_id = ma.fields.String(allow_none=True)
    address = ma.fields.Nested(AddressOut)
    id = ma.fields.String(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)


class MemberIn(InputSchema):
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


class UnpublishIn(InputSchema):
    reason = ma.fields.String(load_default="unpublished by the practice", validate=validate.Length(max=500))


class JwksOut(ma.Schema):
    keys = ma.fields.List(ma.fields.Dict())

"""HTTP shapes of billing's documents: statements and superbills (JSON, or PDF), FHIR R4 views, the 837P,
and how each non-JSON answer is described in the OpenAPI document."""
import marshmallow as ma

from rapport_shared.schemas import Strings

X12_837P = {"type": "string", "description": "an X12 005010X222A1 837P interchange (segments end with ~)",
            "pattern": "^ISA"}
PDF = {"type": "string", "format": "binary"}


def fhir_resource(resource_type: str) -> dict:
    """A FHIR R4 resource of one type, as JSON Schema (the resource's own profile says the rest)."""
    return {"type": "object", "required": ["resourceType", "id"], "additionalProperties": True,
            "properties": {"resourceType": {"type": "string", "enum": [resource_type]}, "id": {"type": "string"},
                           "status": {"type": "string"}}}


def json_or_pdf(schema: str, description: str) -> dict:
    """`@blp.doc` for a 200 that is JSON (the named schema) by default and a PDF with `?format=pdf`."""
    return {"responses": {"200": {"description": description, "content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}},
        "application/pdf": {"schema": PDF}}}}}


class AddressOut(ma.Schema):
    line1 = ma.fields.String()
    line2 = ma.fields.String(allow_none=True)
    city = ma.fields.String()
    state = ma.fields.String()
    zip = ma.fields.String()


class PracticeOnDocument(ma.Schema):
    name = ma.fields.String()
    npi = ma.fields.String(allow_none=True)
    tax_id = ma.fields.String(allow_none=True)
    address = ma.fields.Nested(AddressOut, allow_none=True)
    phone = ma.fields.String(allow_none=True)


class ClientOnDocument(ma.Schema):
    id = ma.fields.String()
    name = ma.fields.String()
    date_of_birth = ma.fields.String(allow_none=True)
    address = ma.fields.Nested(AddressOut, allow_none=True)


class StatementEntry(ma.Schema):
    date = ma.fields.String()
    description = ma.fields.String()
    amount_cents = ma.fields.Integer()


class StatementOut(ma.Schema):
    kind = ma.fields.String(metadata={"enum": ["statement"]})
    date = ma.fields.String()
    practice = ma.fields.Nested(PracticeOnDocument)
    client = ma.fields.Nested(ClientOnDocument)
    entries = ma.fields.List(ma.fields.Nested(StatementEntry))
    balance_cents = ma.fields.Integer()


class SuperbillService(ma.Schema):
    date = ma.fields.String()
    cpt = ma.fields.String()
    modifiers = Strings()
    pos = ma.fields.String()
    units = ma.fields.Integer()
    charge_cents = ma.fields.Integer()
    rendering_provider = ma.fields.String(allow_none=True)
    rendering_npi = ma.fields.String(allow_none=True)
    claim_status = ma.fields.String(allow_none=True)
    insurance_paid_cents = ma.fields.Integer(allow_none=True)
    patient_share_cents = ma.fields.Integer(allow_none=True)


class SuperbillOut(ma.Schema):
    kind = ma.fields.String(metadata={"enum": ["superbill"]})
    date = ma.fields.String()
    practice = ma.fields.Nested(PracticeOnDocument)
    client = ma.fields.Nested(ClientOnDocument)
    diagnoses = Strings()
    services = ma.fields.List(ma.fields.Nested(SuperbillService))
    total_charged_cents = ma.fields.Integer()
    total_insurance_paid_cents = ma.fields.Integer()
    total_patient_share_cents = ma.fields.Integer()
    total_paid_cents = ma.fields.Integer()

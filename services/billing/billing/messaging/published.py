"""What billing publishes: event types and their data (our side of the contract)."""
from __future__ import annotations

import marshmallow as ma

from rapport_shared.events import CloudEvent

SOURCE = "/services/billing"
CHARGE_CREATED = "rapport.billing.charge.created.v1"
CLAIM_SCRUBBED = "rapport.billing.claim.scrubbed.v1"
CLAIM_SUBMITTED = "rapport.billing.claim.submitted.v1"  # to the insurers' exchange, routed by payer id
CLAIM_ADJUDICATED = "rapport.billing.claim.adjudicated.v1"


class ChargeData(ma.Schema):
    charge_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    client_id = ma.fields.String(required=True)
    appointment_id = ma.fields.String(required=True)
    cpt = ma.fields.String(required=True)
    charge_cents = ma.fields.Integer(required=True)
    status = ma.fields.String(required=True)
    claim_id = ma.fields.String(allow_none=True)
    version = ma.fields.Integer(required=True)


class ClaimStatusData(ma.Schema):
    claim_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    errors = ma.fields.List(ma.fields.Dict(), required=True)
    paid_cents = ma.fields.Integer(required=True)
    patient_responsibility_cents = ma.fields.Integer(required=True)
    version = ma.fields.Integer(required=True)


class SubmittedLine(ma.Schema):
    charge_id = ma.fields.String(allow_none=True)
    line_number = ma.fields.Integer(required=True)
    cpt = ma.fields.String(required=True)
    modifiers = ma.fields.List(ma.fields.String(), required=True)
    units = ma.fields.Integer(required=True)
    charge_cents = ma.fields.Integer(required=True)
    service_date = ma.fields.String(required=True)
    pos = ma.fields.String(required=True)
    dx_pointers = ma.fields.List(ma.fields.Integer(), required=True)


class ClaimSubmittedData(ma.Schema):
    claim_id = ma.fields.String(required=True)
    patient_control_number = ma.fields.String(required=True)
    payer_id = ma.fields.String(required=True)
    frequency = ma.fields.String(required=True)
    original_reference = ma.fields.String(allow_none=True)
    member_id = ma.fields.String(required=True)
    group_number = ma.fields.String(allow_none=True)
    plan_id = ma.fields.String(required=True)
    diagnoses = ma.fields.List(ma.fields.String(), required=True)
    lines = ma.fields.List(ma.fields.Nested(SubmittedLine), required=True)
    total_cents = ma.fields.Integer(required=True)
    x12 = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)


SCHEMAS = {
    CHARGE_CREATED: ChargeData,
    CLAIM_SCRUBBED: ClaimStatusData,
    CLAIM_ADJUDICATED: ClaimStatusData,
    CLAIM_SUBMITTED: ClaimSubmittedData,
}


def event(event_type: str, subject: str, data: dict) -> CloudEvent:
    SCHEMAS[event_type]().load(data)  # a payload that breaks our own contract never leaves
    return CloudEvent(type=event_type, source=SOURCE, subject=subject, data=data)

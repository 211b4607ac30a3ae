"""What profiles publishes: event types and the shape of their data (our side of the contract).

Never account secrets or emails; only what booking and billing need about practices and therapists.
"""
from __future__ import annotations

import marshmallow as ma

from rapport_shared.db import utcnow
from rapport_shared.events import CloudEvent

SOURCE = "/services/profiles"
PRACTICE_REGISTERED = "rapport.profiles.practice.registered.v1"
PRACTICE_UPDATED = "rapport.profiles.practice.updated.v1"
THERAPIST_PUBLISHED = "rapport.profiles.therapist.published.v1"
THERAPIST_UPDATED = "rapport.profiles.therapist.updated.v1"
THERAPIST_UNPUBLISHED = "rapport.profiles.therapist.unpublished.v1"


class PracticeData(ma.Schema):
    practice_id = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    time_zone = ma.fields.String(required=True)
    phone = ma.fields.String(allow_none=True)
    group_npi = ma.fields.String(allow_none=True)
    tax_id = ma.fields.String(allow_none=True)
    address = ma.fields.Dict(required=True)
    version = ma.fields.Integer(required=True)


class TherapistData(ma.Schema):
    therapist_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    display_name = ma.fields.String(required=True)
    credentials = ma.fields.String(required=True)
    npi = ma.fields.String(allow_none=True)
    status = ma.fields.String(required=True)
    status_reason = ma.fields.String(allow_none=True)
    time_zone = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    taxonomy_code = ma.fields.String(allow_none=True)
    license_types = ma.fields.List(ma.fields.String(), required=True)
    licensed_states = ma.fields.List(ma.fields.String(), required=True)
    supervisor_id = ma.fields.String(allow_none=True)
    formats = ma.fields.List(ma.fields.String(validate=ma.validate.OneOf(["in_person", "video", "phone"])),
                             required=True)
    payer_ids = ma.fields.List(ma.fields.String(), required=True)
    accepting_new_clients = ma.fields.Boolean(required=True)


SCHEMAS = {
    PRACTICE_REGISTERED: PracticeData,
    PRACTICE_UPDATED: PracticeData,
    THERAPIST_PUBLISHED: TherapistData,
    THERAPIST_UPDATED: TherapistData,
    THERAPIST_UNPUBLISHED: TherapistData,
}


def practice_event(event_type: str, practice) -> CloudEvent:
    data = {
        "practice_id": practice.id,
        "name": practice.name,
        "time_zone": practice.time_zone,
        "phone": practice.phone,
        "group_npi": practice.group_npi,
        "tax_id": practice.tax_id,
        "address": practice.address,
        "version": practice.version,
    }
    return _event(event_type, f"practices/{practice.id}", data)


def therapist_event(event_type: str, therapist, practice, licenses=()) -> CloudEvent:
    """A therapist event; `licenses` are the therapist's, of which only valid ones are told."""
    today = utcnow().date()
    valid = [lic for lic in licenses if lic.is_valid_on(today)]
    data = {
        "therapist_id": therapist.id,
        "practice_id": therapist.practice_id,
        "first_name": therapist.first_name,
        "last_name": therapist.last_name,
        "display_name": therapist.display_name,
        "credentials": therapist.credentials,
        "npi": therapist.npi,
        "status": therapist.status,
        "status_reason": therapist.status_reason,
        "time_zone": practice.time_zone,
        "version": therapist.version,
        "taxonomy_code": therapist.licensed_taxonomy_code(list(licenses), today),
        "license_types": sorted({lic.type for lic in valid}),
        "licensed_states": sorted({lic.state for lic in valid}),
        "supervisor_id": therapist.supervisor_id,
        "formats": list(therapist.formats),
        "payer_ids": list(therapist.payer_ids),
        "accepting_new_clients": therapist.accepting_new_clients,
    }
    return _event(event_type, f"therapists/{therapist.id}", data)


def _event(event_type: str, subject: str, data: dict) -> CloudEvent:
    SCHEMAS[event_type]().load(data)  # a payload that breaks our own contract never leaves
    return CloudEvent(type=event_type, source=SOURCE, subject=subject, data=data)

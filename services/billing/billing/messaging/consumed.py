"""What billing reads from profiles' events: its own tolerant copy of the fields it needs."""
import marshmallow as ma

PRACTICE_REGISTERED = "rapport.profiles.practice.registered.v1"
PRACTICE_UPDATED = "rapport.profiles.practice.updated.v1"
THERAPIST_PUBLISHED = "rapport.profiles.therapist.published.v1"
THERAPIST_UPDATED = "rapport.profiles.therapist.updated.v1"
THERAPIST_UNPUBLISHED = "rapport.profiles.therapist.unpublished.v1"


class PracticeChanged(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    practice_id = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    group_npi = ma.fields.String(allow_none=True, load_default=None)
    tax_id = ma.fields.String(allow_none=True, load_default=None)
    address = ma.fields.Dict(load_default=dict)
    phone = ma.fields.String(allow_none=True, load_default=None)
    time_zone = ma.fields.String(allow_none=True, load_default=None)
    version = ma.fields.Integer(required=True)


class TherapistChanged(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    therapist_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    credentials = ma.fields.String(load_default="")
    npi = ma.fields.String(allow_none=True, load_default=None)
    status = ma.fields.String(required=True)
    taxonomy_code = ma.fields.String(allow_none=True, load_default=None)
    supervisor_id = ma.fields.String(allow_none=True, load_default=None)
    version = ma.fields.Integer(required=True)


# -- booking (agreed contract: clients and appointments) -------------------------------------------
CLIENT_REGISTERED = "rapport.booking.client.registered.v1"
CLIENT_UPDATED = "rapport.booking.client.updated.v1"
APPOINTMENT_COMPLETED = "rapport.booking.appointment.completed.v1"


class ClientAddress(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    line1 = ma.fields.String(required=True)
    line2 = ma.fields.String(allow_none=True, load_default=None)
    city = ma.fields.String(required=True)
    state = ma.fields.String(required=True)
    zip = ma.fields.String(required=True)


class ClientChanged(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    client_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    first_name = ma.fields.String(required=True)
    last_name = ma.fields.String(required=True)
    date_of_birth = ma.fields.Date(allow_none=True, load_default=None)
    sex = ma.fields.String(allow_none=True, load_default=None)
    address = ma.fields.Nested(ClientAddress, allow_none=True, load_default=None)
    version = ma.fields.Integer(required=True)


class AppointmentCompleted(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    appointment_id = ma.fields.String(required=True)
    therapist_id = ma.fields.String(required=True)
    practice_id = ma.fields.String(required=True)
    client_id = ma.fields.String(required=True)
    service_code = ma.fields.String(required=True)
    format = ma.fields.String(required=True)
    start = ma.fields.AwareDateTime(required=True)
    end = ma.fields.AwareDateTime(load_default=None)
    duration_min = ma.fields.Integer(required=True)
    version = ma.fields.Integer(load_default=1)


# -- insurers (answers on the insurer-answers exchange) -------------------------------------------
CLAIM_ACKNOWLEDGED = "rapport.insurer.claim.acknowledged.v1"
CLAIM_ADJUDICATED = "rapport.insurer.claim.adjudicated.v1"


class Acknowledgement(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    claim_id = ma.fields.String(required=True)
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(["accepted", "rejected"]))
    payer_claim_number = ma.fields.String(allow_none=True, load_default=None)
    errors = ma.fields.List(ma.fields.Dict(), load_default=list)


class Adjustment(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    group = ma.fields.String(required=True, validate=ma.validate.OneOf(["CO", "PR", "OA", "PI"]))
    reason = ma.fields.String(required=True)
    amount_cents = ma.fields.Integer(required=True)


class AdjudicatedLine(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    line_number = ma.fields.Integer(required=True)
    charge_cents = ma.fields.Integer(required=True)
    paid_cents = ma.fields.Integer(required=True)
    adjustments = ma.fields.List(ma.fields.Nested(Adjustment), load_default=list)


class Adjudication(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    claim_id = ma.fields.String(required=True)
    adjudication_id = ma.fields.String(required=True)
    payer_claim_number = ma.fields.String(allow_none=True, load_default=None)
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(["paid", "partially_paid", "denied"]))
    paid_cents = ma.fields.Integer(required=True)
    lines = ma.fields.List(ma.fields.Nested(AdjudicatedLine), required=True)

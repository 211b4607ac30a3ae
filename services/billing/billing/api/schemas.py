"""HTTP shapes of billing's API: requests on the shared `Input` (unknown fields refused, text trimmed),
server-owned fields dump-only."""
import re

import marshmallow as ma
from marshmallow import validate as v

from rapport_shared.pagination import PageArgs, page_schema
from rapport_shared.schemas import Address, Input, ObjectId, Strings, born

from ..domain.codes import ICD10_PATTERN

CENTS = v.Range(min=0, max=100_000_000)
CPT_CODE = re.compile(r"^[0-9]{5}$")
CPT = v.Regexp(CPT_CODE)
ICD10 = v.Regexp(ICD10_PATTERN, error="not an ICD-10-CM code (e.g. F41.1)")


PAYER_ID = v.Regexp(r"^[A-Za-z0-9]{2,80}$")


class CentsPerCpt(ma.Schema):
    """{"90834": 15000, ...}: cents per CPT code. A map: `propertyNames` states the key rule (OpenAPI 3.0
    has no other way that keeps generated clients' maps typed)."""

    JSON_SCHEMA_EXTRA = {"type": "object", "propertyNames": {"pattern": CPT_CODE.pattern},
                         "additionalProperties": {"type": "integer", "minimum": CENTS.min, "maximum": CENTS.max}}

    class Meta:
        unknown = ma.INCLUDE

    @ma.validates_schema
    def _cents_per_cpt(self, data: dict, **_kwargs) -> None:
        errors = {}
        for cpt, cents in data.items():
            if not isinstance(cpt, str) or not CPT_CODE.fullmatch(cpt):  # "90837\n" is no code
                errors[str(cpt)] = ["not a CPT code (five digits)"]
            elif not isinstance(cents, int) or isinstance(cents, bool) or not CENTS.min <= cents <= CENTS.max:
                errors[cpt] = [f"whole cents from {CENTS.min} to {CENTS.max}"]
        if errors:
            raise ma.ValidationError(errors)

    @ma.post_dump(pass_original=True)
    def _every_code(self, _data: dict, original: dict, **_kwargs) -> dict:
        return dict(original)


def cents_per_cpt(**options) -> ma.fields.Nested:
    return ma.fields.Nested(CentsPerCpt, **options)


class DiagnosesPerCpt(ma.Schema):
    """{"90846": ["Z63.0"], ...}: the primary diagnoses for which a plan does not cover a CPT code. A map, stated
    and checked as CentsPerCpt is: each key and each code whole ("90837\\n" is no code, and a marshmallow Regexp's
    `$` would take it; a map's keys and values are not trimmed as a field's text is, so it was stored as sent and
    the exclusion never applied)."""

    JSON_SCHEMA_EXTRA = {"type": "object", "propertyNames": {"pattern": CPT_CODE.pattern},
                         "additionalProperties": {"type": "array",
                                                  "items": {"type": "string", "pattern": ICD10_PATTERN.pattern}}}

    class Meta:
        unknown = ma.INCLUDE

    @ma.validates_schema
    def _codes_per_cpt(self, data: dict, **_kwargs) -> None:
        errors: dict[str, list[str]] = {}
        for cpt, codes in data.items():
            if not isinstance(cpt, str) or not CPT_CODE.fullmatch(cpt):
                errors[str(cpt)] = ["not a CPT code (five digits)"]
            elif not isinstance(codes, list) or not all(isinstance(c, str) and ICD10_PATTERN.fullmatch(c)
                                                        for c in codes):
                errors[cpt] = ["a list of ICD-10-CM codes (e.g. F41.1)"]
        if errors:
            raise ma.ValidationError(errors)

    @ma.post_dump(pass_original=True)
    def _every_code(self, _data: dict, original: dict, **_kwargs) -> dict:
        return dict(original)


class PayerIn(Input):
    name = ma.fields.String(required=True, validate=v.Length(1, 200))
    payer_id = ma.fields.String(required=True, validate=PAYER_ID)
    claim_filing_indicator = ma.fields.String(validate=v.OneOf(["CI", "BL", "HM", "MB", "MC", "12", "13", "14",
                                                                 "15", "16", "17", "AM", "CH", "DS", "VA", "WC",
                                                                 "ZZ", "11", "OF", "LM", "TV", "FI", "LI"]))
    timely_filing_days = ma.fields.Integer(validate=v.Range(1, 3650))
    telehealth_pos = ma.fields.String(validate=v.OneOf(["02", "10"]))
    telehealth_modifier = ma.fields.String(validate=v.OneOf(["95", "GT", "93"]))
    associates_bill_under_supervisor = ma.fields.Boolean()


class PayerOut(PayerIn):
    id = ma.fields.String(dump_only=True)
    created_at = ma.fields.AwareDateTime(dump_only=True)


class PlanIn(Input):
    payer_ref = ObjectId(required=True)
    name = ma.fields.String(required=True, validate=v.Length(1, 200))
    in_network = ma.fields.Boolean()
    deductible_cents = ma.fields.Integer(required=True, validate=CENTS)
    oop_max_cents = ma.fields.Integer(required=True, validate=CENTS)
    coinsurance_bp = ma.fields.Integer(validate=v.Range(0, 10000))
    copays = cents_per_cpt()
    copay_waives_deductible = ma.fields.Boolean()
    covered_cpts = ma.fields.List(ma.fields.String(validate=CPT), required=True, validate=v.Length(max=50))
    excluded_primary_dx = ma.fields.Nested(DiagnosesPerCpt)
    prior_auth_cpts = ma.fields.List(ma.fields.String(validate=CPT), validate=v.Length(max=50))


class PlanOut(PlanIn):
    id = ma.fields.String(dump_only=True)
    created_at = ma.fields.AwareDateTime(dump_only=True)


class PlanArgs(Input):
    payer_ref = ObjectId()


class SlidingTier(Input):
    tier = ma.fields.String(required=True, validate=v.Length(1, 40))
    percent_bp = ma.fields.Integer(required=True, validate=v.Range(0, 10000))


class FeeScheduleIn(Input):
    practice_id = ObjectId(load_only=True)
    amounts = cents_per_cpt(required=True)
    self_pay = cents_per_cpt()
    sliding_scale = ma.fields.List(ma.fields.Nested(SlidingTier), validate=v.Length(max=20))
    billing_address = ma.fields.Nested(Address, allow_none=True)


class FeeScheduleOut(FeeScheduleIn):
    practice_id = ma.fields.String(dump_only=True)
    payer_ref = ma.fields.String(dump_only=True)
    updated_at = ma.fields.AwareDateTime(dump_only=True)


class PracticeArgs(Input):
    practice_id = ObjectId()


class SubscriberSchema(Input):
    first_name = ma.fields.String(required=True, validate=v.Length(1, 35))
    last_name = ma.fields.String(required=True, validate=v.Length(1, 60))
    date_of_birth = ma.fields.Date(required=True, validate=born, metadata={"description": "not in the future"})
    sex = ma.fields.String(required=True, validate=v.OneOf(["F", "M", "U"]))
    address = ma.fields.Nested(Address, allow_none=True)


class CoverageIn(Input):
    plan_id = ObjectId(required=True)
    member_id = ma.fields.String(required=True, validate=v.Regexp(r"^[A-Za-z0-9-]{1,80}$"))
    group_number = ma.fields.String(allow_none=True, validate=v.Regexp(r"^[A-Za-z0-9-]{1,50}$"))
    relationship = ma.fields.String(validate=v.OneOf(["18", "01", "19", "G8"]),
                                    metadata={"description": "X12: 18 self, 01 spouse, 19 child, G8 other"})
    subscriber = ma.fields.Nested(SubscriberSchema, allow_none=True)
    effective_from = ma.fields.Date(required=True)
    effective_to = ma.fields.Date(allow_none=True)
    accumulator_year = ma.fields.Integer(allow_none=True, validate=v.Range(2000, 2100))
    deductible_met_cents = ma.fields.Integer(validate=CENTS)
    oop_met_cents = ma.fields.Integer(validate=CENTS)


class CoverageOut(CoverageIn):
    id = ma.fields.String(dump_only=True)
    client_id = ma.fields.String(dump_only=True)
    practice_id = ma.fields.String(dump_only=True)
    payer_ref = ma.fields.String(dump_only=True)
    subscriber = ma.fields.Dict(allow_none=True, dump_only=True)  # type: ignore[assignment]
    created_at = ma.fields.AwareDateTime(dump_only=True)


class CoverageList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(CoverageOut))


class DiagnosesIn(Input):
    codes = ma.fields.List(ma.fields.String(validate=ICD10), required=True, validate=v.Length(1, 12),
                           metadata={"uniqueItems": True, "description": "ICD-10-CM, primary first, each once"})


class DiagnosisOut(ma.Schema):
    position = ma.fields.Integer()
    code = ma.fields.String()


class DiagnosisList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(DiagnosisOut))


class EligibilityIn(Input):
    coverage_id = ObjectId(required=True)
    service_date = ma.fields.Date()


class EligibilityOut(ma.Schema):
    id = ma.fields.String()
    coverage_id = ma.fields.String()
    checked_at = ma.fields.AwareDateTime()
    result = ma.fields.Dict()
    stale = ma.fields.Boolean()
    age_seconds = ma.fields.Integer()


class PlannedServiceIn(Input):
    cpt = ma.fields.String(required=True, validate=CPT)
    units = ma.fields.Integer(validate=v.Range(1, 10))


class EstimateIn(Input):
    client_id = ObjectId(required=True)
    service_date = ma.fields.Date(required=True)
    services = ma.fields.List(ma.fields.Nested(PlannedServiceIn), required=True, validate=v.Length(1, 20))
    primary_diagnosis = ma.fields.String(validate=ICD10)
    self_pay = ma.fields.Boolean()
    sliding_scale_tier = ma.fields.String(validate=v.Length(1, 40))


class EstimateOut(ma.Schema):
    id = ma.fields.String()
    client_id = ma.fields.String()
    practice_id = ma.fields.String()
    service_date = ma.fields.String()
    kind = ma.fields.String()
    coverage_id = ma.fields.String(allow_none=True)
    primary_diagnosis = ma.fields.String(allow_none=True)
    lines = ma.fields.List(ma.fields.Dict())
    totals = ma.fields.Dict()
    good_faith_estimate = ma.fields.Dict()
    created_at = ma.fields.String()


class ChargeOut(ma.Schema):
    id = ma.fields.String()
    practice_id = ma.fields.String()
    client_id = ma.fields.String()
    therapist_id = ma.fields.String()
    appointment_id = ma.fields.String()
    service_date = ma.fields.Date()
    cpt = ma.fields.String()
    modifiers = Strings()
    pos = ma.fields.String()
    units = ma.fields.Integer()
    duration_min = ma.fields.Integer()
    charge_cents = ma.fields.Integer()
    coverage_id = ma.fields.String(allow_none=True)
    claim_id = ma.fields.String(allow_none=True)
    status = ma.fields.String()
    created_at = ma.fields.AwareDateTime()


class ListArgs(Input, PageArgs):
    client_id = ObjectId()
    status = ma.fields.String(validate=v.Length(1, 20))


ChargeList = page_schema("ChargeList", ChargeOut)


class ClaimOut(ma.Schema):
    id = ma.fields.String()
    practice_id = ma.fields.String()
    client_id = ma.fields.String()
    coverage_id = ma.fields.String()
    payer_ref = ma.fields.String()
    therapist_id = ma.fields.String()
    status = ma.fields.String()
    frequency = ma.fields.String()
    original_claim_id = ma.fields.String(allow_none=True)
    original_reference = ma.fields.String(allow_none=True)
    patient_control_number = ma.fields.String()
    diagnoses = Strings()
    lines = ma.fields.List(ma.fields.Dict())
    total_cents = ma.fields.Integer()
    errors = ma.fields.List(ma.fields.Dict())
    paid_cents = ma.fields.Integer()
    patient_responsibility_cents = ma.fields.Integer()
    payer_claim_number = ma.fields.String(allow_none=True)
    created_at = ma.fields.AwareDateTime()
    updated_at = ma.fields.AwareDateTime()
    submitted_at = ma.fields.AwareDateTime(allow_none=True)
    version = ma.fields.Integer()


ClaimList = page_schema("ClaimList", ClaimOut)


class PaymentIn(Input):
    client_id = ObjectId(required=True)
    amount_cents = ma.fields.Integer(required=True, validate=v.Range(1, 100_000_000))
    method = ma.fields.String(required=True, validate=v.OneOf(["card", "cash", "check", "other"]))


class LedgerEntry(ma.Schema):
    id = ma.fields.String()
    kind = ma.fields.String()
    amount_cents = ma.fields.Integer()
    claim_id = ma.fields.String(allow_none=True)
    charge_id = ma.fields.String(allow_none=True)
    memo = ma.fields.String()
    created_at = ma.fields.AwareDateTime()


class PaymentArgs(Input, PageArgs):
    client_id = ObjectId()
    claim_id = ObjectId()
    source = ma.fields.String(validate=v.OneOf(["insurer", "client"]),
                              metadata={"description": "insurer: posted adjudications (AMQP or 835); client: payments"})


class AdjustmentOut(ma.Schema):
    group = ma.fields.String(metadata={"description": "CARC group: CO, PR, OA, PI"})
    reason = ma.fields.String()
    amount_cents = ma.fields.Integer()


class PaymentOut(ma.Schema):
    id = ma.fields.String()
    source = ma.fields.String(metadata={"description": "insurer | client"})
    client_id = ma.fields.String()
    claim_id = ma.fields.String(allow_none=True)
    payer_ref = ma.fields.String(allow_none=True)
    payer_claim_number = ma.fields.String(allow_none=True)
    amount_cents = ma.fields.Integer(metadata={"description": "what was paid, positive"})
    adjustments = ma.fields.List(ma.fields.Nested(AdjustmentOut),
                                 metadata={"description": "summed per group and reason over the claim's lines"})
    patient_responsibility_cents = ma.fields.Integer(allow_none=True)
    method = ma.fields.String(allow_none=True, metadata={"description": "card, cash, check or other (clients)"})
    posted_at = ma.fields.AwareDateTime()


PaymentList = page_schema("PaymentList", PaymentOut)


class BalanceOut(ma.Schema):
    client_id = ma.fields.String()
    balance_cents = ma.fields.Integer()
    entries = ma.fields.List(ma.fields.Nested(LedgerEntry))


class EstimateArgs(Input):
    format = ma.fields.String(load_default="json", validate=v.OneOf(["json", "pdf"]),
                              metadata={"description": "pdf: the Good Faith Estimate, printable"})


class FormatArgs(Input):
    format = ma.fields.String(load_default="json", validate=v.OneOf(["json", "pdf"]))


class BillingProviderOut(ma.Schema):
    therapist_id = ma.fields.String()
    practice_id = ma.fields.String()
    name = ma.fields.String()
    credentials = ma.fields.String()
    npi = ma.fields.String(allow_none=True)
    practice_name = ma.fields.String(allow_none=True)
    ready_to_bill = ma.fields.Boolean()
    missing = Strings()

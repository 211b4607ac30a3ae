"""Billing's tables (SQLAlchemy Core). Money columns are integer cents."""
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from rapport_shared.consumer import define_processed_messages_table
from rapport_shared.db import UTCDateTime
from rapport_shared.outbox import define_outbox_table

metadata = MetaData()

practices = Table(
    "practices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("group_npi", String(10)),
    Column("tax_id", String(9)),
    Column("address", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("phone", String(40)),
    Column("time_zone", String(64)),
)

providers = Table(
    "providers",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False, index=True),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("credentials", String(100), nullable=False),
    Column("npi", String(10)),
    Column("listed", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("taxonomy_code", String(10)),
    Column("supervisor_id", String(36)),
)

# Booking's clients, as far as claims need them (never contact details or concerns).
clients = Table(
    "clients",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False, index=True),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("date_of_birth", Date),
    Column("sex", String(1)),
    Column("address", JSON),
    Column("version", Integer, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

# Reference data every practice shares: who pays, and their plans' benefit rules.
payers = Table(
    "payers",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("payer_id", String(80), nullable=False, unique=True),  # the X12 payer id insurers route on
    Column("claim_filing_indicator", String(2), nullable=False),
    Column("timely_filing_days", Integer, nullable=False),
    Column("telehealth_pos", String(2), nullable=False),
    Column("telehealth_modifier", String(2), nullable=False),
    Column("associates_bill_under_supervisor", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

plans = Table(
    "plans",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("payer_ref", String(36), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("in_network", Boolean, nullable=False),
    Column("deductible_cents", Integer, nullable=False),
    Column("oop_max_cents", Integer, nullable=False),
    Column("coinsurance_bp", Integer, nullable=False),
    Column("copays", JSON, nullable=False),  # {cpt: cents}
    Column("copay_waives_deductible", Boolean, nullable=False),
    Column("covered_cpts", JSON, nullable=False),
    Column("excluded_primary_dx", JSON, nullable=False),  # {cpt: [icd codes]} not covered as primary
    Column("prior_auth_cpts", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

# A practice's fees: its own charges, self-pay rates, sliding scale, and allowed amounts per payer.
fee_schedules = Table(
    "fee_schedules",
    metadata,
    Column("practice_id", String(36), primary_key=True),
    Column("payer_ref", String(36), primary_key=True),  # "" for the practice's own charges
    Column("amounts", JSON, nullable=False),  # {cpt: cents}
    Column("self_pay", JSON, nullable=False),  # {cpt: cents}; practice schedule only
    Column("sliding_scale", JSON, nullable=False),  # [{tier, percent}]
    Column("billing_address", JSON),  # where claims say the practice bills from (ZIP+4)
    Column("updated_at", UTCDateTime, nullable=False),
)

coverages = Table(
    "coverages",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False, index=True),
    Column("client_id", String(36), nullable=False, index=True),
    Column("payer_ref", String(36), nullable=False),
    Column("plan_id", String(36), nullable=False),
    Column("member_id", String(80), nullable=False),
    Column("group_number", String(50)),
    Column("relationship", String(2), nullable=False),  # X12: 18 self, 01 spouse, 19 child, G8 other
    Column("subscriber", JSON),  # name, date_of_birth, sex, address when not the client
    Column("effective_from", Date, nullable=False),
    Column("effective_to", Date),
    Column("accumulator_year", Integer, nullable=False),
    Column("deductible_met_cents", Integer, nullable=False),
    Column("oop_met_cents", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),  # accumulators change on every adjudication
)

diagnoses = Table(
    "diagnoses",
    metadata,
    Column("client_id", String(36), primary_key=True),
    Column("position", Integer, primary_key=True),  # 1 = primary; the claim's pointer order
    Column("practice_id", String(36), nullable=False),
    Column("code", String(8), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

eligibility_checks = Table(
    "eligibility_checks",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False),
    Column("coverage_id", String(36), nullable=False),
    Column("checked_at", UTCDateTime, nullable=False),
    Column("result", JSON, nullable=False),
    Index("ix_eligibility_coverage", "coverage_id", "checked_at"),
)

estimates = Table(
    "estimates",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("body", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

charges = Table(
    "charges",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False, index=True),
    Column("client_id", String(36), nullable=False, index=True),
    Column("therapist_id", String(36), nullable=False),
    Column("appointment_id", String(36), nullable=False, unique=True),  # one charge per appointment
    Column("service_date", Date, nullable=False),
    Column("cpt", String(5), nullable=False),
    Column("modifiers", JSON, nullable=False),
    Column("pos", String(2), nullable=False),
    Column("units", Integer, nullable=False),
    Column("duration_min", Integer, nullable=False),
    Column("charge_cents", BigInteger, nullable=False),
    Column("coverage_id", String(36)),
    Column("claim_id", String(36)),
    Column("status", String(20), nullable=False),  # insurance | self_pay
    Column("created_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),  # the interchange control number
    Column("practice_id", String(36), nullable=False, index=True),
    Column("client_id", String(36), nullable=False, index=True),
    Column("coverage_id", String(36), nullable=False),
    Column("payer_ref", String(36), nullable=False),
    Column("therapist_id", String(36), nullable=False),
    Column("status", String(20), nullable=False),
    Column("frequency", String(1), nullable=False),
    Column("original_claim_id", String(36)),
    Column("original_reference", String(50)),
    Column("patient_control_number", String(20), nullable=False, unique=True),
    Column("diagnoses", JSON, nullable=False),
    Column("lines", JSON, nullable=False),
    Column("total_cents", BigInteger, nullable=False),
    Column("errors", JSON, nullable=False),
    Column("paid_cents", BigInteger, nullable=False),
    Column("patient_responsibility_cents", BigInteger, nullable=False),
    Column("payer_claim_number", String(50)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("submitted_at", UTCDateTime),
    Column("version", Integer, nullable=False),
    Index("ix_claims_practice_status", "practice_id", "status"),
    # How an 835 finds the claims it names only by the payer's number (else each chunk of numbers scans all of
    # the practice's claims).
    Index("ix_claims_payer_claim_number", "payer_claim_number"),
)

# Every acknowledgement or adjudication an insurer sent (or an 835 carried), posted or refused.
insurer_answers = Table(
    "insurer_answers",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("answer_key", String(120), nullable=False, unique=True),  # posts each adjudication once
    Column("claim_id", String(36), index=True),
    Column("kind", String(20), nullable=False),  # acknowledgement | adjudication
    Column("source", String(10), nullable=False),  # amqp | 835
    Column("sender", String(200)),
    Column("outcome", String(20), nullable=False),  # posted | refused | late (an acceptance after the decision)
    Column("reason", Text),
    Column("body", JSON, nullable=False),
    Column("received", Text),  # the message's body exactly as received (AMQP); an 835's is in remittances
    Column("remittance_id", String(36)),
    Column("received_at", UTCDateTime, nullable=False),
)

# Every 835 file uploaded, exactly as received.
remittances = Table(
    "remittances",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("sender", String(200)),
    Column("text", Text, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
)

# Every 837P interchange of a claim exactly as it was scrubbed (clean) and as it was sent: what the API
# shows of a claim past scrubbing, whatever changed in the client's record since.
claim_interchanges = Table(
    "claim_interchanges",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("claim_id", String(36), nullable=False, index=True),
    Column("purpose", String(10), nullable=False),  # scrubbed | submitted
    Column("x12", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

# The client's account: what they owe (+) and what they paid (-); the balance is the sum.
ledger = Table(
    "ledger",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False),
    Column("client_id", String(36), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    Column("amount_cents", BigInteger, nullable=False),
    Column("claim_id", String(36)),
    Column("charge_id", String(36)),
    Column("memo", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("kind", "charge_id", "claim_id", name="uq_ledger_entry"),
)

# The first answer to each POST /v1/payments sent with an Idempotency-Key, per practice: a retry gets it again.
idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("practice_id", String(36), primary_key=True),  # "" for admins, who belong to no practice
    Column("key", String(200), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("status_code", Integer, nullable=False),
    Column("response", JSON, nullable=False),  # not sealed: a payment's reply (LedgerEntry) names no client
    Column("created_at", UTCDateTime, nullable=False),
)

outbox = define_outbox_table(metadata)
processed_messages = define_processed_messages_table(metadata)

"""Booking's tables (SQLAlchemy Core).

Double booking is impossible by constraint: every stretch of a therapist's time that is taken
(a requested or confirmed consultation, a scheduled appointment) is a row of `reservations`. On
PostgreSQL an exclusion constraint (added in the migration) forbids two overlapping rows of one
therapist; on SQLite each reservation also writes one `slot_claims` row per 5-minute bucket it
covers, whose primary key forbids the same.
"""
from sqlalchemy import (
                        JSON,
                        BigInteger,
                        Boolean,
                        Column,
                        Date,
                        ForeignKey,
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

therapists = Table(
    "therapists",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False, index=True),
    Column("display_name", String(250), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("listed", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

# Practices profiles announced (registered or updated). A practice with a published therapist is known from the
# therapists table as well: practices older than this table were only ever heard of that way.
practices = Table(
    "practices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("announced_at", UTCDateTime, nullable=False),
)

availability = Table(
    "availability",
    metadata,
    Column("therapist_id", String(36), primary_key=True),
    Column("timezone", String(64), nullable=False),
    Column("weekly", JSON, nullable=False),
    Column("exceptions", JSON, nullable=False),
    Column("settings", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

clients = Table(
    "clients",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False, index=True),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("email", String(320)),
    Column("phone", String(32)),
    Column("timezone", String(64)),
    Column("date_of_birth", Date),
    Column("sex", String(1)),
    Column("address", JSON),
    Column("consent_email", Boolean, nullable=False),
    Column("consent_sms", Boolean, nullable=False),
    Column("consent_voicemail", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # Null while the person is only a screening-call prospect: billing hears of them from then on.
    Column("registered_at", UTCDateTime),
)

consultations = Table(
    "consultations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False),
    Column("therapist_id", String(36), nullable=False),
    Column("client_id", String(36), ForeignKey("clients.id"), nullable=False),
    Column("start_at", UTCDateTime, nullable=False),
    Column("end_at", UTCDateTime, nullable=False),
    Column("format", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("hold_expires_at", UTCDateTime),
    Column("status_reason", String(500)),
    Column("suggested_therapist_id", String(36)),
    Column("concerns_sealed", Text),  # PHI: encrypted (Fernet) free text and questions
    Column("manage_token_hash", String(64), nullable=False, unique=True),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_consultations_therapist_start", "therapist_id", "start_at"),
    Index("ix_consultations_practice_start", "practice_id", "start_at"),
)

attendees = Table(
    "attendees",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("consultation_id", String(36), ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("position", Integer, nullable=False),
    Column("is_primary", Boolean, nullable=False),
    Column("name", String(200), nullable=False),
    Column("email", String(320)),
    Column("phone", String(32)),
    Column("timezone", String(64), nullable=False),
    Column("relationship", String(40)),
    Column("consent_email", Boolean, nullable=False),
    Column("consent_sms", Boolean, nullable=False),
    Column("consent_voicemail", Boolean, nullable=False),
)

reservations = Table(
    "reservations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("therapist_id", String(36), nullable=False),
    Column("start_at", UTCDateTime, nullable=False),
    Column("end_at", UTCDateTime, nullable=False),
    Column("holder", String(20), nullable=False),  # consultation | appointment
    Column("holder_id", String(36), nullable=False),
    UniqueConstraint("holder", "holder_id", name="uq_reservations_holder"),
    Index("ix_reservations_therapist_start", "therapist_id", "start_at"),
)

slot_claims = Table(
    "slot_claims",
    metadata,
    Column("therapist_id", String(36), primary_key=True),
    Column("minute_bucket", BigInteger, primary_key=True),  # minutes since the epoch / 5
    Column("reservation_id", String(36), ForeignKey("reservations.id", ondelete="CASCADE"), nullable=False,
           index=True),
)

appointments = Table(
    "appointments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), nullable=False),
    Column("therapist_id", String(36), nullable=False),
    Column("client_id", String(36), ForeignKey("clients.id"), nullable=False, index=True),
    Column("start_at", UTCDateTime, nullable=False),
    Column("end_at", UTCDateTime, nullable=False),
    Column("duration_min", Integer, nullable=False),
    Column("actual_duration_min", Integer),
    Column("service_code", String(5), nullable=False),
    Column("format", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("cancel_reason", String(500)),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_appointments_therapist_start", "therapist_id", "start_at"),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("status_code", Integer, nullable=False),
    Column("response_sealed", Text, nullable=False),  # encrypted: it holds the manage token
    Column("created_at", UTCDateTime, nullable=False),
)

reminders = Table(
    "reminders",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("consultation_id", String(36), ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("attendee_id", String(36), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("lead", String(10), nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("claimed_until", UTCDateTime),
    Column("last_error", Text),
    Column("sent_at", UTCDateTime),
    Index("ix_reminders_due", "status", "next_attempt_at"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("actor_role", String(20), nullable=False),
    Column("action", String(40), nullable=False),
    Column("resource", String(200), nullable=False, index=True),
    Column("practice_id", String(36)),
    Column("request_id", String(200)),
)

calendar_feeds = Table(
    "calendar_feeds",
    metadata,
    Column("therapist_id", String(36), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)

availability_summaries = Table(
    "availability_summaries",
    metadata,
    Column("therapist_id", String(36), primary_key=True),
    Column("next_slots", JSON, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("computed_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
)

outbox = define_outbox_table(metadata)
processed_messages = define_processed_messages_table(metadata)

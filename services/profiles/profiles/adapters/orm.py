"""Profiles' tables (SQLAlchemy Core); the domain never imports this."""
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    literal_column,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR

from rapport_shared.consumer import define_processed_messages_table
from rapport_shared.db import UTCDateTime
from rapport_shared.outbox import define_outbox_table

from ..domain.search import NO_FEE

metadata = MetaData()
SEARCH_DOCUMENT = Text().with_variant(TSVECTOR(), "postgresql")
# A published therapist's filter terms: a GIN-indexed text[] on PostgreSQL (containment answers every
# filter at once); on SQLite unused JSON, since directory_terms answers there.
TERMS = JSON().with_variant(ARRAY(String(80)), "postgresql")

practices = Table(
    "practices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("phone", String(32)),
    Column("group_npi", String(10)),
    Column("tax_id", String(9)),
    Column("address", JSON, nullable=False, default=dict),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

therapists = Table(
    "therapists",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("practice_id", String(36), ForeignKey("practices.id"), nullable=False, index=True),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("credentials", String(100), nullable=False, default=""),
    Column("pronouns", String(40)),
    Column("npi", String(10)),
    Column("status", String(16), nullable=False, index=True),
    Column("status_reason", Text),
    Column("published_at", UTCDateTime),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("photo_url", String(500)),
    Column("taxonomy_code", String(10)),
    Column("specialties", JSON, nullable=False, default=list),
    Column("issues", JSON, nullable=False, default=list),
    Column("modalities", JSON, nullable=False, default=list),
    Column("populations", JSON, nullable=False, default=list),
    Column("formats", JSON, nullable=False, default=list),
    Column("languages", JSON, nullable=False, default=list),
    Column("identities", JSON, nullable=False, default=list),
    Column("payer_ids", JSON, nullable=False, default=list),
    Column("self_pay_fee_cents", Integer),
    Column("sliding_scale", Boolean, nullable=False, default=False),
    Column("sliding_scale_min_cents", Integer),
    Column("locations", JSON, nullable=False, default=list),
    Column("teletherapy_states", JSON, nullable=False, default=list),
    Column("accepting_new_clients", Boolean, nullable=False, default=True),
    Column("approach_statement", Text, nullable=False, default=""),
    Column("specialty_statements", JSON, nullable=False, default=dict),
    Column("booking_mode", String(16), nullable=False, default="request"),
    Column("supervisor_id", String(36)),
    # Fair ordering: a fixed random place on a wheel the search turns by an hourly salt.
    Column("shuffle", Integer, nullable=False, default=0),
    # Names and statements for full-text search: a tsvector on PostgreSQL (GIN-indexed), the
    # lower-cased, accent-folded words on SQLite (matched with LIKE).
    Column("search_document", SEARCH_DOCUMENT, nullable=False, default=""),
    Column("terms", TERMS, nullable=False, default=list),
    Index("ix_therapists_rotation", "status", "shuffle", "id"),
    # GIN on PostgreSQL; a plain (unused, cheap) index on SQLite, so both schemas match the models.
    Index("ix_therapists_search", "search_document", postgresql_using="gin"),
    Index("ix_therapists_terms", "terms", postgresql_using="gin"),
)
# `sort=fee` orders by this expression: walking its index, only therapists of one fee are sorted by the
# wheel, where a broad query sorted every row (97 -> 2 ms at 100k). A literal, so a plan can match it.
FEE_ORDER = func.coalesce(therapists.c.self_pay_fee_cents, literal_column(str(NO_FEE)))
Index("ix_therapists_fee", therapists.c.status, FEE_ORDER)

licenses = Table(
    "licenses",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("therapist_id", String(36), ForeignKey("therapists.id"), nullable=False, index=True),
    Column("type", String(32), nullable=False),
    Column("number", String(40), nullable=False),
    Column("state", String(2), nullable=False),
    Column("expires_on", Date, nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("verified_at", UTCDateTime),
    Column("verified_by", String(64)),
    Column("created_at", UTCDateTime, nullable=False),
)

# The published directory's filter terms ("specialty:couples-therapy", "insurance:60054", ...),
# one row per published therapist and term, rewritten in the transaction that changes the profile.
directory_terms = Table(
    "directory_terms",
    metadata,
    Column("term", String(80), primary_key=True),
    Column("therapist_id", String(36), ForeignKey("therapists.id"), primary_key=True, index=True),
)

# Published therapists' offices, for radius search: a lat/lon box through the index, then the exact
# great-circle test on the unit vector (see domain/geo.py).
directory_locations = Table(
    "directory_locations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("therapist_id", String(36), ForeignKey("therapists.id"), nullable=False, index=True),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("x", Float, nullable=False),
    Column("y", Float, nullable=False),
    Column("z", Float, nullable=False),
    Index("ix_directory_locations_lat_lon", "lat", "lon"),
)

# Booking's availability summary per therapist (read model from booking's events).
availability_summaries = Table(
    "availability_summaries",
    metadata,
    Column("therapist_id", String(36), primary_key=True),
    Column("practice_id", String(36)),
    Column("timezone", String(64)),
    Column("booking_mode", String(16)),
    Column("formats", JSON, nullable=False, default=list),
    Column("next_slots", JSON, nullable=False, default=list),
    Column("computed_at", UTCDateTime),
    Column("version", Integer, nullable=False),
)

# The same summaries' free slot starts, one row each, kept with them: `sort=soonest` walks them in time
# order and `accepting` looks one up, where unpacking every summary's JSON list took 0.7 s for a broad
# soonest page at 100k therapists. UTC ISO-8601 text, as in the summary: text order is time order.
summary_slots = Table(
    "summary_slots",
    metadata,
    Column("therapist_id", String(36), primary_key=True),
    Column("starts_at", String(40), primary_key=True),
    Index("ix_summary_slots_starts_at", "starts_at", "therapist_id"),
)

# Each screening request booking told us of: when asked, when answered (or expired), for the median.
screening_answers = Table(
    "screening_answers",
    metadata,
    Column("consultation_id", String(36), primary_key=True),
    Column("therapist_id", String(36), nullable=False, index=True),
    Column("requested_at", UTCDateTime),
    Column("answered_at", UTCDateTime),
    Column("expired", Boolean, nullable=False, default=False),
    Index("ix_screening_answers_latest", "therapist_id", "answered_at"),
)

# Each therapist's typical time to answer (the median of the latest answers), kept as answers arrive: a
# page of results, or a match's 150 candidates, reads a row each instead of every answer ever given.
response_times = Table(
    "response_times",
    metadata,
    Column("therapist_id", String(36), primary_key=True),
    Column("typical_hours", Float),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("practice_id", String(36), ForeignKey("practices.id")),
    Column("therapist_id", String(36), ForeignKey("therapists.id")),
    Column("created_at", UTCDateTime, nullable=False),
)

outbox = define_outbox_table(metadata)
processed_messages = define_processed_messages_table(metadata)

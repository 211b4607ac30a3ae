"""Profiles' tables (SQLAlchemy Core); the domain never imports this."""
from sqlalchemy import JSON, Column, ForeignKey, Integer, MetaData, String, Table, Text

from rapport_shared.consumer import define_processed_messages_table
from rapport_shared.db import UTCDateTime
from rapport_shared.outbox import define_outbox_table

metadata = MetaData()

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

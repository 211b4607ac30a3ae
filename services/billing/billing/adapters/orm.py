"""Billing's tables (SQLAlchemy Core)."""
from sqlalchemy import JSON, Boolean, Column, Integer, MetaData, String, Table

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
)

outbox = define_outbox_table(metadata)
processed_messages = define_processed_messages_table(metadata)

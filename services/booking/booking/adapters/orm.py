"""Booking's tables (SQLAlchemy Core)."""
from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table

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

outbox = define_outbox_table(metadata)
processed_messages = define_processed_messages_table(metadata)

"""A throwaway schema (notes + outbox + processed ids) to test the shared mechanisms on."""
from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table

from rapport_shared.consumer import define_processed_messages_table
from rapport_shared.outbox import define_outbox_table

metadata = MetaData()
notes = Table("notes", metadata, Column("id", Integer, primary_key=True), Column("text", String(200)))
outbox = define_outbox_table(metadata)
processed = define_processed_messages_table(metadata)

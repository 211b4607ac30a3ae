"""A throwaway schema (notes + outbox + processed ids) to test the shared mechanisms on."""
from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, Integer, MetaData, String, Table, insert

from rapport_shared.consumer import define_processed_messages_table
from rapport_shared.db import UTCDateTime
from rapport_shared.outbox import define_outbox_table
from rapport_shared.unit_of_work import UnitOfWork

metadata = MetaData()
notes = Table("notes", metadata, Column("id", Integer, primary_key=True), Column("text", String(200)))
# Every kind of column a bulk insert carries: text, numbers, flags, dates, UTC times, JSON documents.
records = Table("records", metadata, Column("id", String(36), primary_key=True), Column("name", String(100)),
                Column("count", Integer), Column("flag", Boolean, nullable=False), Column("day", Date),
                Column("at", UTCDateTime), Column("doc", JSON, nullable=False))
outbox = define_outbox_table(metadata)
processed = define_processed_messages_table(metadata)


class NotesUnitOfWork(UnitOfWork):
    """A unit of work on the throwaway schema, as a service's would be on its own."""

    outbox = outbox

    def add_note(self, text: str) -> None:
        self.session.execute(insert(notes).values(text=text))


def notes_unit_of_work(session):
    return NotesUnitOfWork(session, "tests.producer")

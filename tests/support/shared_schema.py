"""A throwaway schema (notes + outbox + processed ids) to test the shared mechanisms on."""
from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table

from rapport_shared.consumer import define_processed_messages_table
from rapport_shared.db import Database
from rapport_shared.outbox import define_outbox_table
from support.broker import Broker
from support.settings import AMQP_URL

metadata = MetaData()
notes = Table("notes", metadata, Column("id", Integer, primary_key=True), Column("text", String(200)))
outbox = define_outbox_table(metadata)
processed = define_processed_messages_table(metadata)


@pytest.fixture
def database(databases, backend):
    db = Database(databases.empty("shared", backend))
    metadata.create_all(db.engine)
    yield db
    db.dispose()


@pytest.fixture
def broker():
    b = Broker(AMQP_URL)
    yield b
    b.close()

"""Fixtures for the shared mechanisms: a fresh throwaway schema per test, a broker client."""
import pytest
from support.broker import Broker
from support.settings import AMQP_URL
from support.shared_schema import metadata

from rapport_shared.db import Database


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

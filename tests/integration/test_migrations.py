"""Each service's migrations build exactly the schema its code declares, on both backends."""
from __future__ import annotations

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from support.databases import migrations_dir

from rapport_shared.db import make_engine
from rapport_shared.migrations import alembic_config, upgrade


# SQLite cannot reflect an expression index (profiles' ix_therapists_fee): compared on PostgreSQL only.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
@pytest.mark.parametrize("service", ["profiles", "booking", "billing"])
def test_migrations_match_the_models_and_run_down_and_up(service, backend, databases):
    from alembic import command

    url = databases.empty(f"mig_{service}", backend)
    upgrade(migrations_dir(service), url)
    metadata = importlib.import_module(f"{service}.adapters.orm").metadata
    engine = make_engine(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert diff == [], f"{service}: models and migrations differ: {diff}"

    config = alembic_config(migrations_dir(service), url)
    command.downgrade(config, "base")
    command.upgrade(config, "head")

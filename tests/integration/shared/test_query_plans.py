"""PostgreSQL plans profiles' statements for their own parameters, even once the driver has prepared them."""
import pytest
from sqlalchemy import text

from profiles.config import ProfilesSettings
from rapport_shared.db import Database


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_prepared_statement_is_planned_for_its_values_every_time(databases, backend):
    database = Database(databases.empty("plans", backend), ProfilesSettings.CUSTOM_PLANS)
    try:
        with database.engine.connect() as conn:
            conn.execute(text("CREATE TEMP TABLE picks (id int PRIMARY KEY, tags text[])"))
            statement = text("SELECT count(*) FROM picks WHERE tags && CAST(:wanted AS text[])")
            for n in range(12):  # psycopg prepares after 5 runs; PostgreSQL may go generic after 5 more
                conn.execute(statement, {"wanted": [f"tag-{n}"]})
            plans = conn.execute(text("SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                                      "WHERE statement LIKE '%FROM picks WHERE tags%'")).one()
        assert plans.generic_plans == 0 and plans.custom_plans >= 5
    finally:
        database.dispose()

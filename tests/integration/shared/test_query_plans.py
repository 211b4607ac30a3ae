"""PostgreSQL plans profiles' reads for their own parameters, even once the driver has prepared them;
writes keep the default (a bulk insert is not planned again for every row)."""
import pytest
from sqlalchemy import text

from profiles.config import ProfilesSettings
from rapport_shared.db import Database


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_prepared_read_is_planned_for_its_values_every_time(databases, backend):
    database = Database(databases.empty("plans", backend), ProfilesSettings.CUSTOM_PLANS)
    try:
        with database.reader() as session:
            conn = session.connection()
            conn.execute(text("CREATE TEMP TABLE picks (id int PRIMARY KEY, tags text[])"))
            statement = text("SELECT count(*) FROM picks WHERE tags && CAST(:wanted AS text[])")
            for n in range(12):  # psycopg prepares after 5 runs; PostgreSQL may go generic after 5 more
                conn.execute(statement, {"wanted": [f"tag-{n}"]})
            plans = conn.execute(text("SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                                      "WHERE statement LIKE '%FROM picks WHERE tags%'")).one()
        assert plans.generic_plans == 0 and plans.custom_plans >= 5
        with database.writer() as session:
            assert session.execute(text("SHOW plan_cache_mode")).scalar() == "auto"
    finally:
        database.dispose()

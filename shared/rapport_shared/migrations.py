"""Apply a service's Alembic migrations, shipped inside its package, to its own database."""
from __future__ import annotations

from alembic import command
from alembic.config import Config


def alembic_config(migrations: str, database_url: str) -> Config:
    """`migrations` is a package resource, e.g. "billing:migrations" (found wherever it is installed)."""
    config = Config()
    config.set_main_option("script_location", migrations)
    # ConfigParser interpolation would choke on '%' in URL-encoded passwords.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["database_url"] = database_url
    return config


def upgrade(migrations: str, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(migrations, database_url), revision)


def run_env(metadata) -> None:
    """The body of every service's migrations/env.py (online mode; batch mode for SQLite)."""
    from alembic import context

    from .db import make_engine

    url = context.config.attributes.get("database_url") or context.config.get_main_option("sqlalchemy.url")
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()

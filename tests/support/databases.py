"""Fresh databases for each test: copies of a migrated template, on SQLite and PostgreSQL."""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from rapport_shared.migrations import upgrade

ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def migrations_dir(service: str) -> str:
    """The service's migrations as a package resource (they ship inside the package)."""
    return f"{service}:migrations"


class Databases:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.prefix = f"rapport_test_{uuid.uuid4().hex[:8]}"
        self._templates: dict[tuple[str, str], str] = {}
        self._pg_created: list[str] = []
        self._admin = None

    # -- PostgreSQL -------------------------------------------------------------------------------
    def _pg_admin(self):
        if self._admin is None:
            self._admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        return self._admin

    def _pg_url(self, name: str) -> str:
        return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"

    def empty_postgres(self, label: str, template: str | None = None) -> str:
        name = f"{self.prefix}_{label}_{uuid.uuid4().hex[:6]}"
        with self._pg_admin().connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        self._pg_created.append(name)
        return self._pg_url(name)

    # -- either -----------------------------------------------------------------------------------
    def empty(self, label: str, backend: str) -> str:
        if backend == "postgresql":
            return self.empty_postgres(label)
        return f"sqlite:///{self.tmp / f'{label}-{uuid.uuid4().hex[:8]}.db'}"

    def migrated(self, service: str, backend: str) -> str:
        """A new database of `service` at its latest migration."""
        key = (service, backend)
        if key not in self._templates:
            url = self.empty(f"{service}_template", backend)
            upgrade(migrations_dir(service), url)
            self._templates[key] = url
        template = self._templates[key]
        if backend == "postgresql":
            return self.empty_postgres(service, template=template.rsplit("/", 1)[1])
        copy = self.tmp / f"{service}-{uuid.uuid4().hex[:8]}.db"
        shutil.copyfile(template.removeprefix("sqlite:///"), copy)
        return f"sqlite:///{copy}"

    def drop_all(self) -> None:
        if self._admin is None:
            return
        with self._admin.connect() as conn:
            for name in reversed(self._pg_created):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self._admin.dispose()

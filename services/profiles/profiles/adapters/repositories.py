"""Load and save domain objects; optimistic versions guard concurrent edits."""
from __future__ import annotations

from dataclasses import asdict, fields
from typing import Generic, TypeVar

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from rapport_shared.errors import PreconditionFailed

from ..domain.accounts import Account
from ..domain.practices import Practice
from ..domain.therapists import PUBLISHED, Therapist
from . import orm

T = TypeVar("T")


class TableRepository(Generic[T]):
    """Rows <-> dataclasses for a table whose columns are the dataclass's fields."""

    table: Table
    model: type

    def __init__(self, session: Session):
        self.session = session

    def _from_row(self, row) -> T:
        names = {f.name for f in fields(self.model)}
        return self.model(**{k: v for k, v in row._mapping.items() if k in names})

    def get(self, id_: str) -> T | None:
        row = self.session.execute(select(self.table).where(self.table.c.id == id_)).first()
        return self._from_row(row) if row else None

    def add(self, obj: T) -> None:
        self.session.execute(insert(self.table).values(**asdict(obj)))

    def save(self, obj: T, expected_version: int) -> None:
        """Write back an object whose version was `expected_version` when loaded."""
        values = asdict(obj)
        result = self.session.execute(
            update(self.table)
            .where(self.table.c.id == obj.id, self.table.c.version == expected_version)
            .values(**values)
        )
        if result.rowcount != 1:
            raise PreconditionFailed("someone else changed this record; reload it and try again")


class PracticeRepository(TableRepository[Practice]):
    table, model = orm.practices, Practice


class TherapistRepository(TableRepository[Therapist]):
    table, model = orm.therapists, Therapist

    def list_published(self, after: tuple[str, str] | None, limit: int) -> list[Therapist]:
        t = self.table
        query = select(t).where(t.c.status == PUBLISHED)
        if after:
            query = query.where((t.c.last_name, t.c.id) > after)
        rows = self.session.execute(query.order_by(t.c.last_name, t.c.id).limit(limit)).all()
        return [self._from_row(r) for r in rows]


class AccountRepository(TableRepository[Account]):
    table, model = orm.accounts, Account

    def by_email(self, email: str) -> Account | None:
        row = self.session.execute(select(self.table).where(self.table.c.email == email)).first()
        return self._from_row(row) if row else None

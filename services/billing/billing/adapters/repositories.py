from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from ..domain.providers import BillingPractice, RenderingProvider
from . import orm


class ReadModelRepository:
    """Rows of a read model keyed by the producer's id."""

    table: Table
    model: type

    def __init__(self, session: Session):
        self.session = session

    def get(self, id_: str):
        row = self.session.execute(select(self.table).where(self.table.c.id == id_)).first()
        return self.model(**row._mapping) if row else None

    def upsert(self, obj, existed: bool) -> None:
        if existed:
            self.session.execute(update(self.table).where(self.table.c.id == obj.id).values(**asdict(obj)))
        else:
            self.session.execute(insert(self.table).values(**asdict(obj)))


class PracticeRepository(ReadModelRepository):
    table, model = orm.practices, BillingPractice


class ProviderRepository(ReadModelRepository):
    table, model = orm.providers, RenderingProvider

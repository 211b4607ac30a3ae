from __future__ import annotations

import datetime as dt

from sqlalchemy import Table, and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from rapport_shared.repository import TableRepository

from ..domain.providers import BillingPractice, RenderingProvider
from . import orm


class PracticeRepository(TableRepository[BillingPractice]):
    """Billing's copy of practices (a read model fed by profiles' events)."""

    table, model = orm.practices, BillingPractice


class ProviderRepository(TableRepository[RenderingProvider]):
    """Rendering providers as billing knows them from profiles' events."""

    table, model = orm.providers, RenderingProvider


class Rows:
    """A table's rows as plain dicts: the billing records are documents the service layer shapes."""

    def __init__(self, session: Session, table: Table):
        self.session = session
        self.table = table

    def get(self, **key) -> dict | None:
        row = self.session.execute(select(self.table).where(*self._where(key))).first()
        return dict(row._mapping) if row else None

    def find(self, *, order_by=None, limit: int | None = None, **key) -> list[dict]:
        query = select(self.table).where(*self._where(key))
        if order_by is not None:
            query = query.order_by(*order_by) if isinstance(order_by, (list, tuple)) else query.order_by(order_by)
        if limit is not None:
            query = query.limit(limit)
        return [dict(row._mapping) for row in self.session.execute(query)]

    def newest_first(self, limit: int, after: tuple[dt.datetime, str] | None = None, **key) -> list[dict]:
        """Keyset page by (created_at, id) descending, starting after `after`."""
        t = self.table
        query = select(t).where(*self._where(key))
        if after is not None:
            created, last_id = after
            query = query.where(or_(t.c.created_at < created, and_(t.c.created_at == created, t.c.id < last_id)))
        query = query.order_by(t.c.created_at.desc(), t.c.id.desc()).limit(limit)
        return [dict(row._mapping) for row in self.session.execute(query)]

    def add(self, **values) -> dict:
        self.session.execute(insert(self.table).values(**values))
        return values

    def change(self, key: dict, **values) -> None:
        self.session.execute(update(self.table).where(*self._where(key)).values(**values))

    def total(self, column: str, **key) -> int:
        query = select(func.coalesce(func.sum(self.table.c[column]), 0)).where(*self._where(key))
        return int(self.session.execute(query).scalar_one())

    def _where(self, key: dict):
        return [self.table.c[name] == value for name, value in key.items()]

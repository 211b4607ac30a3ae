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


def newest_first(query, at, row_id, limit: int, after: tuple[dt.datetime, str] | None):
    """`query` as one keyset page by (at, row_id) descending, starting after `after`."""
    if after is not None:
        when, last_id = after
        query = query.where(or_(at < when, and_(at == when, row_id < last_id)))
    return query.order_by(at.desc(), row_id.desc()).limit(limit)


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

    def find_in(self, column: str, values, **key) -> list[dict]:
        """Rows whose `column` is one of `values` (one query for what a loop would ask one by one)."""
        values = list(values)
        if not values:
            return []
        query = select(self.table).where(self.table.c[column].in_(values), *self._where(key))
        return [dict(row._mapping) for row in self.session.execute(query)]

    def newest_first(self, limit: int, after: tuple[dt.datetime, str] | None = None, **key) -> list[dict]:
        """Keyset page by (created_at, id) descending, starting after `after`."""
        t = self.table
        query = newest_first(select(t).where(*self._where(key)), t.c.created_at, t.c.id, limit, after)
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


class InsurerAnswers(Rows):
    """What insurers sent; posted adjudications are the payments they made."""

    def __init__(self, session: Session):
        super().__init__(session, orm.insurer_answers)

    def posted_adjudications(self, limit: int, after: tuple[dt.datetime, str] | None = None, *, practice_id: str,
                             client_id: str | None = None, claim_id: str | None = None) -> list[dict]:
        """Posted adjudications of the practice's claims, newest first by (received_at, id), with the
        claim's client, payer and payer claim number (an answer knows only its claim)."""
        a, c = self.table, orm.claims
        query = (select(a, c.c.client_id, c.c.practice_id, c.c.payer_ref, c.c.payer_claim_number)
                 .join(c, c.c.id == a.c.claim_id)
                 .where(a.c.kind == "adjudication", a.c.outcome == "posted", c.c.practice_id == practice_id))
        if client_id is not None:
            query = query.where(c.c.client_id == client_id)
        if claim_id is not None:
            query = query.where(a.c.claim_id == claim_id)
        query = newest_first(query, a.c.received_at, a.c.id, limit, after)
        return [dict(row._mapping) for row in self.session.execute(query)]

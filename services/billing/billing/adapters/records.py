"""Billing's reference data and append-only records, as plain rows (written once, never changed in place)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rapport_shared.db import rows_changed
from rapport_shared.errors import Conflict
from rapport_shared.keyset import keyset_query

from ..domain.payments import POSTED_FIRST
from . import orm


class Records:
    """A table's rows as dicts, looked up by equal columns and ordered by column names."""

    table: Table

    def __init__(self, session: Session):
        self.session = session

    def get(self, **key: Any) -> dict | None:
        row = self.session.execute(select(self.table).where(*self._where(key))).first()
        return dict(row._mapping) if row else None

    def find(self, *, order_by: tuple[str, ...] = (), descending: bool = False, limit: int | None = None,
             **key: Any) -> list[dict]:
        columns = [self.table.c[name] for name in order_by]
        query = select(self.table).where(*self._where(key)).order_by(
            *(column.desc() if descending else column for column in columns))
        if limit is not None:
            query = query.limit(limit)
        return [dict(row._mapping) for row in self.session.execute(query)]

    def find_in(self, column: str, values: Iterable[Any], **key: Any) -> list[dict]:
        """Rows whose `column` is one of `values` (one query for what a loop would ask one by one)."""
        values = list(values)
        if not values:
            return []
        query = select(self.table).where(self.table.c[column].in_(values), *self._where(key))
        return [dict(row._mapping) for row in self.session.execute(query)]

    def add(self, **values: Any) -> dict:
        self.session.execute(insert(self.table), values)  # parameters, not literals: one cached statement per table
        return values

    def _where(self, key: dict):
        return [self.table.c[name] == value for name, value in key.items()]


class Payers(Records):
    table = orm.payers

    def add(self, **values: Any) -> dict:
        try:
            return super().add(**values)
        except IntegrityError as exc:  # a payer id added meanwhile by another request
            raise Conflict("a payer with this payer id exists", slug="payer-exists") from exc


class Plans(Records):
    table = orm.plans


class EligibilityChecks(Records):
    table = orm.eligibility_checks


class Estimates(Records):
    table = orm.estimates


class ClaimInterchanges(Records):
    table = orm.claim_interchanges


class Remittances(Records):
    table = orm.remittances


class Diagnoses(Records):
    table = orm.diagnoses

    def codes(self, client_id: str) -> list[str]:
        """The client's diagnoses in pointer order (the first is primary)."""
        return [row["code"] for row in self.find(client_id=client_id, order_by=("position",))]

    def replace(self, client_id: str, practice_id: str, codes: list[str], now: dt.datetime) -> None:
        # The client's row is the lock: one replacement at a time (PostgreSQL; SQLite writers are serial anyway).
        self.session.execute(select(orm.clients.c.id).where(orm.clients.c.id == client_id).with_for_update())
        self.session.execute(delete(self.table).where(self.table.c.client_id == client_id))
        for position, code in enumerate(codes, start=1):
            self.add(client_id=client_id, position=position, practice_id=practice_id, code=code, updated_at=now)


class Ledger(Records):
    """The client's account: what they owe (+) and what they paid (-)."""

    table = orm.ledger

    def payments_page(self, practice_id: str, client_id: str | None, after: tuple | None, limit: int) -> list[dict]:
        """Clients' payments, newest first by (created_at, id), `limit + 1` after `after`."""
        t = self.table
        query = select(t).where(t.c.practice_id == practice_id, t.c.kind == "payment")
        if client_id is not None:
            query = query.where(t.c.client_id == client_id)
        query = keyset_query(query, POSTED_FIRST, {"posted_at": t.c.created_at, "id": t.c.id}, after, limit)
        return [dict(row._mapping) for row in self.session.execute(query)]


class InsurerAnswers(Records):
    """What insurers sent; posted adjudications are the payments they made."""

    table = orm.insurer_answers

    def posted_page(self, practice_id: str, client_id: str | None, claim_id: str | None, after: tuple | None,
                    limit: int) -> list[dict]:
        """Posted adjudications of the practice's claims, newest first by (received_at, id), `limit + 1`
        after `after`, with the claim's client, payer and payer claim number (an answer knows only its claim)."""
        a, c = self.table, orm.claims
        query = (select(a, c.c.client_id, c.c.practice_id, c.c.payer_ref, c.c.payer_claim_number)
                 .join(c, c.c.id == a.c.claim_id)
                 .where(a.c.kind == "adjudication", a.c.outcome == "posted", c.c.practice_id == practice_id))
        if client_id is not None:
            query = query.where(c.c.client_id == client_id)
        if claim_id is not None:
            query = query.where(a.c.claim_id == claim_id)
        query = keyset_query(query, POSTED_FIRST, {"posted_at": a.c.received_at, "id": a.c.id}, after, limit)
        return [dict(row._mapping) for row in self.session.execute(query)]


class IdempotentReplies:
    """The first answer given under each practice's Idempotency-Key, with a digest of the request it answered."""

    table = orm.idempotency_keys

    def __init__(self, session: Session):
        self.session = session

    def get(self, practice_id: str, key: str) -> dict | None:
        t = self.table.c
        row = self.session.execute(select(t.request_hash, t.status_code, t.response)
                                   .where(t.practice_id == practice_id, t.key == key)).first()
        return dict(row._mapping) if row else None

    def add(self, practice_id: str, key: str, request_hash: str, status_code: int, response: dict,
            now: dt.datetime) -> bool:
        """Store an answer; False if a concurrent request stored one under the key first."""
        try:
            with self.session.begin_nested():
                self.session.execute(insert(self.table).values(
                    practice_id=practice_id, key=key, request_hash=request_hash, status_code=status_code,
                    response=response, created_at=now))
            return True
        except IntegrityError:
            return False

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        return rows_changed(self.session, delete(self.table).where(self.table.c.created_at < cutoff))

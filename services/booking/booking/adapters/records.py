"""Small stores: idempotent replies, the PHI audit log, calendar feed tokens, availability summaries."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rapport_shared.db import rows_changed

from . import orm


@dataclass(frozen=True)
class StoredReply:
    """The answer first given under an Idempotency-Key, and a digest of the request it answered."""

    request_hash: str
    status_code: int
    response_sealed: str


@dataclass(frozen=True)
class StoredSummary:
    """The availability summary last published for a therapist."""

    digest: str
    computed_at: dt.datetime
    version: int


class IdempotencyStore:
    def __init__(self, session: Session):
        self.session = session

    def get(self, key: str) -> StoredReply | None:
        k = orm.idempotency_keys.c
        row = self.session.execute(select(k.request_hash, k.status_code, k.response_sealed).where(k.key == key)).first()
        return StoredReply(row.request_hash, row.status_code, row.response_sealed) if row else None

    def add(self, key: str, request_hash: str, status_code: int, response_sealed: str, now: dt.datetime) -> bool:
        """Store a reply; False if the key was stored meanwhile by a concurrent request."""
        try:
            with self.session.begin_nested():
                self.session.execute(insert(orm.idempotency_keys).values(
                    key=key, request_hash=request_hash, status_code=status_code, response_sealed=response_sealed,
                    created_at=now))
            return True
        except IntegrityError:
            return False

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        table = orm.idempotency_keys
        return rows_changed(self.session, delete(table).where(table.c.created_at < cutoff))


class AuditLog:
    """Who read or changed PHI, what, and when. Rows are only ever added."""

    def __init__(self, session: Session):
        self.session = session

    def record(self, *, actor: str, actor_role: str, action: str, resource: str, practice_id: str | None,
               request_id: str | None, now: dt.datetime) -> None:
        self.session.execute(insert(orm.audit_log).values(
            occurred_at=now, actor=actor, actor_role=actor_role, action=action, resource=resource,
            practice_id=practice_id, request_id=request_id))

    def for_resource_prefix(self, prefix: str, limit: int = 200) -> list[dict]:
        a = orm.audit_log.c
        rows = self.session.execute(select(orm.audit_log).where(a.resource.like(f"{prefix}%"))
                                    .order_by(a.id).limit(limit))
        return [dict(r._mapping) for r in rows]


class CalendarFeeds:
    def __init__(self, session: Session):
        self.session = session

    def rotate(self, therapist_id: str, token_hash: str, now: dt.datetime) -> None:
        """Replace the therapist's token in one statement: two staff issuing at once both succeed, the later
        token wins, and the earlier stops working (a delete then insert raced into a duplicate key)."""
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        values = {"token_hash": token_hash, "created_at": now}
        self.session.execute(dialect.insert(orm.calendar_feeds).values(therapist_id=therapist_id, **values)
                             .on_conflict_do_update(index_elements=["therapist_id"], set_=values))

    def therapist_for(self, token_hash: str) -> str | None:
        return self.session.scalar(select(orm.calendar_feeds.c.therapist_id)
                                   .where(orm.calendar_feeds.c.token_hash == token_hash))


class Summaries:
    def __init__(self, session: Session):
        self.session = session

    def get(self, therapist_id: str) -> StoredSummary | None:
        s = orm.availability_summaries.c
        query = select(s.digest, s.computed_at, s.version).where(s.therapist_id == therapist_id)
        row = self.session.execute(query).first()
        return StoredSummary(row.digest, row.computed_at, row.version) if row else None

    def put(self, therapist_id: str, next_slots: list[str], digest: str, now: dt.datetime, version: int) -> bool:
        """Store the summary at `version`; False if another writer stored that version first."""
        table = orm.availability_summaries
        values = {"next_slots": next_slots, "digest": digest, "computed_at": now, "version": version}
        if version == 1:
            try:
                with self.session.begin_nested():
                    self.session.execute(insert(table).values(therapist_id=therapist_id, **values))
                return True
            except IntegrityError:
                return False
        return rows_changed(self.session, update(table).where(table.c.therapist_id == therapist_id,
                                                              table.c.version == version - 1).values(**values)) == 1

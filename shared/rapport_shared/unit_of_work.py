"""The unit of work every service layer uses: one transaction, and its events in the outbox.

A use case writes inside `with uow:` and calls `uow.commit()` once at its end; leaving the block
without committing (an error, an early return) rolls everything back, events included. Blocks may
nest (a consumer wraps the handler's use case): only the outermost exit rolls back, so a use case
that ends without writing cannot undo what its caller recorded. A transaction the database ended to
break a deadlock, or could not serialize, lost a race like a failed version check: ChangedMeanwhile (409).
"""
from __future__ import annotations

from types import TracebackType

from sqlalchemy import Table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from .errors import ChangedMeanwhile
from .events import CloudEvent
from .outbox import PendingEvent, record

# PostgreSQL's SQLSTATEs for a transaction it chose to end: deadlock_detected, serialization_failure.
LOST_RACES = frozenset({"40P01", "40001"})
# SQLite's for a write lock still held by another writer once busy_timeout has passed.
BUSY = frozenset({"SQLITE_BUSY", "SQLITE_LOCKED"})


class UnitOfWork:
    """Subclasses add their repositories; `outbox` is the service's outbox table."""

    outbox: Table

    def __init__(self, session: Session, exchange: str):
        self.session = session
        self.exchange = exchange
        self._pending: list[PendingEvent] = []
        self._depth = 0

    def __enter__(self) -> UnitOfWork:
        self._depth += 1
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._depth -= 1
        if exc_type is not None or self._depth == 0:
            self.rollback()  # nothing pending after a commit: a no-op then
        if isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in LOST_RACES:
            raise ChangedMeanwhile("another request changed the same records at the same moment; "
                                   "read them again and retry") from exc
        if isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlite_errorname", None) in BUSY:
            raise ChangedMeanwhile("another request held the records for longer than this one could wait; "
                                   "read them again and retry") from exc

    def emit(self, event: CloudEvent) -> None:
        """Queue an event for the service's own exchange; written to the outbox at commit."""
        self._pending.append(PendingEvent(event, self.exchange))

    def emit_to(self, event: CloudEvent, exchange: str, routing_key: str) -> None:
        """Queue an event for another exchange with its own routing key (e.g. claims to insurers)."""
        self._pending.append(PendingEvent(event, exchange, routing_key))

    def commit(self) -> None:
        for pending in self._pending:
            record(self.session, self.outbox, pending)
        self._pending.clear()
        self.session.commit()

    def rollback(self) -> None:
        self._pending.clear()
        self.session.rollback()

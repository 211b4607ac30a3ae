"""The unit of work every service layer uses: one transaction, and its events in the outbox."""
from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.orm import Session

from .events import CloudEvent
from .outbox import PendingEvent, record


class UnitOfWork:
    """Subclasses add their repositories; `outbox` is the service's outbox table."""

    outbox: Table

    def __init__(self, session: Session, exchange: str):
        self.session = session
        self.exchange = exchange
        self._events: list[CloudEvent] = []

    def emit(self, event: CloudEvent) -> None:
        """Queue an event; it is written to the outbox in the same transaction at commit."""
        self._events.append(event)

    def commit(self) -> None:
        for event in self._events:
            record(self.session, self.outbox, PendingEvent(event, self.exchange))
        self._events.clear()
        self.session.commit()

    def rollback(self) -> None:
        self._events.clear()
        self.session.rollback()

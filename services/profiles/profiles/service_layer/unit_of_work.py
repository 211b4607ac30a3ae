"""One transaction: repositories plus the events to write to the outbox when it commits."""
from __future__ import annotations

from sqlalchemy.orm import Session

from rapport_shared.events import CloudEvent
from rapport_shared.outbox import PendingEvent, record

from ..adapters import orm
from ..adapters.repositories import AccountRepository, PracticeRepository, TherapistRepository


class UnitOfWork:
    def __init__(self, session: Session, exchange: str):
        self.session = session
        self.exchange = exchange
        self.practices = PracticeRepository(session)
        self.therapists = TherapistRepository(session)
        self.accounts = AccountRepository(session)
        self._events: list[CloudEvent] = []

    def emit(self, event: CloudEvent) -> None:
        self._events.append(event)

    def commit(self) -> None:
        for event in self._events:
            record(self.session, orm.outbox, PendingEvent(event, self.exchange))
        self._events.clear()
        self.session.commit()

    def rollback(self) -> None:
        self._events.clear()
        self.session.rollback()

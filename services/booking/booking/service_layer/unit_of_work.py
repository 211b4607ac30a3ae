"""Booking's unit of work on a SQL session: its repositories, each typed by the port it implements."""
from __future__ import annotations

from sqlalchemy.orm import Session

from rapport_shared.unit_of_work import UnitOfWork as BaseUnitOfWork

from ..adapters import orm
from ..adapters.records import AuditLog, CalendarFeeds, IdempotencyStore, Summaries
from ..adapters.reminder_store import ReminderStore
from ..adapters.repositories import (
    AppointmentRepository,
    AvailabilityRepository,
    ClientRepository,
    ConsultationRepository,
    PracticeRepository,
    TherapistRepository,
)
from ..adapters.reservations import ReservationRepository
from . import ports


class UnitOfWork(BaseUnitOfWork):
    outbox = orm.outbox

    def __init__(self, session: Session, exchange: str):
        super().__init__(session, exchange)
        self.therapists: ports.Therapists = TherapistRepository(session)
        self.practices: ports.Practices = PracticeRepository(session)
        self.availability: ports.AvailabilityStore = AvailabilityRepository(session)
        self.clients: ports.Clients = ClientRepository(session)
        self.consultations: ports.Consultations = ConsultationRepository(session)
        self.appointments: ports.Appointments = AppointmentRepository(session)
        self.reservations: ports.Reservations = ReservationRepository(session)
        self.idempotency: ports.IdempotentReplies = IdempotencyStore(session)
        self.audit: ports.AuditTrail = AuditLog(session)
        self.feeds: ports.Feeds = CalendarFeeds(session)
        self.summaries: ports.Summaries = Summaries(session)
        self.reminders: ports.Reminders = ReminderStore(session)

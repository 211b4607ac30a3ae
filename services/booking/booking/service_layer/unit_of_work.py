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
    TherapistRepository,
)
from ..adapters.reservations import ReservationRepository


class UnitOfWork(BaseUnitOfWork):
    outbox = orm.outbox

    def __init__(self, session: Session, exchange: str):
        super().__init__(session, exchange)
        self.therapists = TherapistRepository(session)
        self.availability = AvailabilityRepository(session)
        self.clients = ClientRepository(session)
        self.consultations = ConsultationRepository(session)
        self.appointments = AppointmentRepository(session)
        self.reservations = ReservationRepository(session)
        self.idempotency = IdempotencyStore(session)
        self.audit = AuditLog(session)
        self.feeds = CalendarFeeds(session)
        self.summaries = Summaries(session)
        self.reminders = ReminderStore(session)

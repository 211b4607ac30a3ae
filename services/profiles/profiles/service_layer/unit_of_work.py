from sqlalchemy.orm import Session

from rapport_shared.unit_of_work import UnitOfWork as BaseUnitOfWork

from ..adapters import orm
from ..adapters.directory import Directory
from ..adapters.repositories import (
    AccountRepository,
    AvailabilityRepository,
    LicenseRepository,
    PracticeRepository,
    ScreeningAnswerRepository,
    TherapistRepository,
)
from . import ports


class UnitOfWork(BaseUnitOfWork):
    outbox = orm.outbox

    def __init__(self, session: Session, exchange: str):
        super().__init__(session, exchange)
        therapists = TherapistRepository(session)
        self.practices: ports.PracticeRepository = PracticeRepository(session)
        self.therapists: ports.TherapistRepository = therapists
        self.licenses: ports.LicenseRepository = LicenseRepository(session)
        self.accounts: ports.AccountRepository = AccountRepository(session)
        self.directory: ports.Directory = Directory(session, therapists)
        self.availability: ports.AvailabilityRepository = AvailabilityRepository(session)
        self.screening_answers: ports.ScreeningAnswerRepository = ScreeningAnswerRepository(session)

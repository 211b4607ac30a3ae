from sqlalchemy.orm import Session

from rapport_shared.unit_of_work import UnitOfWork as BaseUnitOfWork

from ..adapters import orm
from ..adapters.directory import Directory
from ..adapters.repositories import (
    AccountRepository,
    AvailabilityRepository,
    LicenseRepository,
    PracticeRepository,
    TherapistRepository,
)


class UnitOfWork(BaseUnitOfWork):
    outbox = orm.outbox

    def __init__(self, session: Session, exchange: str):
        super().__init__(session, exchange)
        self.practices = PracticeRepository(session)
        self.therapists = TherapistRepository(session)
        self.licenses = LicenseRepository(session)
        self.accounts = AccountRepository(session)
        self.directory = Directory(session, self.therapists)
        self.availability = AvailabilityRepository(session)

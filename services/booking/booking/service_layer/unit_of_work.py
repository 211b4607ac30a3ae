from sqlalchemy.orm import Session

from rapport_shared.unit_of_work import UnitOfWork as BaseUnitOfWork

from ..adapters import orm
from ..adapters.repositories import TherapistRepository


class UnitOfWork(BaseUnitOfWork):
    outbox = orm.outbox

    def __init__(self, session: Session, exchange: str):
        super().__init__(session, exchange)
        self.therapists = TherapistRepository(session)

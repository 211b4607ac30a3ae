from sqlalchemy.orm import Session

from rapport_shared.events import CloudEvent
from rapport_shared.outbox import PendingEvent, record
from rapport_shared.unit_of_work import UnitOfWork as BaseUnitOfWork

from ..adapters import orm
from ..adapters.repositories import InsurerAnswers, PracticeRepository, ProviderRepository, Rows


class UnitOfWork(BaseUnitOfWork):
    outbox = orm.outbox

    def __init__(self, session: Session, exchange: str):
        super().__init__(session, exchange)
        self.practices = PracticeRepository(session)
        self.providers = ProviderRepository(session)
        self.clients = Rows(session, orm.clients)
        self.payers = Rows(session, orm.payers)
        self.plans = Rows(session, orm.plans)
        self.fee_schedules = Rows(session, orm.fee_schedules)
        self.coverages = Rows(session, orm.coverages)
        self.diagnoses = Rows(session, orm.diagnoses)
        self.eligibility_checks = Rows(session, orm.eligibility_checks)
        self.estimates = Rows(session, orm.estimates)
        self.charges = Rows(session, orm.charges)
        self.claims = Rows(session, orm.claims)
        self.answers = InsurerAnswers(session)
        self.ledger = Rows(session, orm.ledger)
        self._routed: list[PendingEvent] = []

    @property
    def namespace(self) -> str:
        # Billing's own exchange is `<namespace>.billing`; the insurers' one sits beside it.
        return self.exchange.rsplit(".", 1)[0]

    def emit_to(self, event: CloudEvent, exchange: str, routing_key: str) -> None:
        """Queue an event for another exchange with its own routing key (claims to insurers)."""
        self._routed.append(PendingEvent(event, exchange, routing_key))

    def commit(self) -> None:
        for pending in self._routed:
            record(self.session, self.outbox, pending)
        self._routed.clear()
        super().commit()

    def rollback(self) -> None:
        self._routed.clear()
        super().rollback()

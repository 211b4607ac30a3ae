"""Billing's unit of work: its stores on one session, and its events in the outbox at commit."""
from __future__ import annotations

from sqlalchemy.orm import Session

from rapport_shared.unit_of_work import UnitOfWork as BaseUnitOfWork

from ..adapters import orm, records
from ..adapters.repositories import (
    ChargeRepository,
    ClaimRepository,
    ClientRepository,
    CoverageRepository,
    FeeScheduleRepository,
    PracticeRepository,
    ProviderRepository,
)
from ..domain.clients import BillingClient
from ..domain.providers import BillingPractice, RenderingProvider
from . import ports


class UnitOfWork(BaseUnitOfWork):
    outbox = orm.outbox

    def __init__(self, session: Session, exchange: str):
        super().__init__(session, exchange)
        # Typed by their ports, so the real stores are checked against what the fakes implement too.
        self.practices: ports.Repository[BillingPractice] = PracticeRepository(session)
        self.providers: ports.Repository[RenderingProvider] = ProviderRepository(session)
        self.clients: ports.Repository[BillingClient] = ClientRepository(session)
        self.coverages: ports.Coverages = CoverageRepository(session)
        self.charges: ports.Charges = ChargeRepository(session)
        self.claims: ports.Claims = ClaimRepository(session)
        self.payers: ports.Records = records.Payers(session)
        self.plans: ports.Records = records.Plans(session)
        self.fee_schedules: ports.FeeSchedules = FeeScheduleRepository(session)
        self.diagnoses: ports.Diagnoses = records.Diagnoses(session)
        self.eligibility_checks: ports.Records = records.EligibilityChecks(session)
        self.estimates: ports.Records = records.Estimates(session)
        self.answers: ports.InsurerAnswers = records.InsurerAnswers(session)
        self.interchanges: ports.Records = records.ClaimInterchanges(session)
        self.remittances: ports.Records = records.Remittances(session)
        self.ledger: ports.Ledger = records.Ledger(session)
        self.idempotency: ports.IdempotentReplies = records.IdempotentReplies(session)

    @property
    def namespace(self) -> str:
        # Billing's own exchange is `<namespace>.billing`; the insurers' one sits beside it.
        return self.exchange.rsplit(".", 1)[0]

"""Load and save billing's aggregates (dataclasses); `save` writes only over the version loaded."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import TypeVar

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from rapport_shared.keyset import keyset_query
from rapport_shared.pagination import NEWEST_FIRST
from rapport_shared.repository import TableRepository

from ..domain.charges import Charge
from ..domain.claim_document import FREQUENCY_REPLACEMENT
from ..domain.claims import Claim
from ..domain.clients import BillingClient
from ..domain.coverages import Coverage
from ..domain.fee_schedules import FeeSchedule
from ..domain.providers import BillingPractice, RenderingProvider
from . import orm

T = TypeVar("T")

IN_CHUNK = 500  # values per IN list: well under SQLite's bound-variable limit (999 before 3.32)


class PracticeRepository(TableRepository[BillingPractice]):
    """Billing's copy of practices (a read model fed by profiles' events)."""

    table, model = orm.practices, BillingPractice


class ProviderRepository(TableRepository[RenderingProvider]):
    """Rendering providers as billing knows them from profiles' events."""

    table, model = orm.providers, RenderingProvider


class ClientRepository(TableRepository[BillingClient]):
    """Billing's copy of booking's clients."""

    table, model = orm.clients, BillingClient


class FeeScheduleRepository:
    """One schedule per (practice, payer_ref)."""

    table = orm.fee_schedules

    def __init__(self, session: Session):
        self.session = session

    def get(self, practice_id: str, payer_ref: str) -> FeeSchedule | None:
        t = self.table
        row = self.session.execute(select(t).where(t.c.practice_id == practice_id, t.c.payer_ref == payer_ref)).first()
        return FeeSchedule(**row._mapping) if row else None

    def put(self, schedule: FeeSchedule) -> None:
        """Insert or replace, in one statement, so two first PUTs racing cannot both insert."""
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        values = asdict(schedule)
        statement = dialect.insert(self.table).values(**values)
        self.session.execute(statement.on_conflict_do_update(index_elements=["practice_id", "payer_ref"],
                                                             set_=values))


class CoverageRepository(TableRepository[Coverage]):
    table, model = orm.coverages, Coverage

    def of_client(self, client_id: str) -> list[Coverage]:
        """Oldest first."""
        t = self.table
        rows = self.session.execute(select(t).where(t.c.client_id == client_id).order_by(t.c.created_at, t.c.id))
        return [self._from_row(row) for row in rows]


class ChargeRepository(TableRepository[Charge]):
    table, model = orm.charges, Charge

    def for_appointment(self, appointment_id: str) -> Charge | None:
        row = self.session.execute(select(self.table).where(self.table.c.appointment_id == appointment_id)).first()
        return self._from_row(row) if row else None

    def of_client(self, client_id: str) -> list[Charge]:
        """In order of service."""
        t = self.table
        rows = self.session.execute(select(t).where(t.c.client_id == client_id).order_by(t.c.service_date, t.c.id))
        return [self._from_row(row) for row in rows]

    def seen_by(self, client_id: str, therapist_id: str | None) -> bool:
        """Whether the therapist has a charge of this client (has seen them in session)."""
        t = self.table
        return bool(self.session.scalar(select(exists().where(t.c.client_id == client_id,
                                                               t.c.therapist_id == therapist_id))))

    def page(self, practice_id: str, client_id: str | None, after: tuple | None, limit: int) -> list[Charge]:
        """Newest first, `limit + 1` after `after`."""
        return _newest_first(self, after, limit, practice_id=practice_id, client_id=client_id)


class ClaimRepository(TableRepository[Claim]):
    table, model = orm.claims, Claim

    def with_control_numbers(self, patient_control_numbers: Iterable[str], practice_id: str | None) -> list[Claim]:
        """The practice's claims (None: any practice's) with any of these patient control numbers."""
        # By the unique index, then the practice: with the practice in the statement, SQLite (no statistics)
        # walks all of the practice's claims by its index instead, once per chunk.
        found = self._with_any(self.table.c.patient_control_number, patient_control_numbers)
        return [claim for claim in found if practice_id in (None, claim.practice_id)]

    def with_payer_claim_numbers(self, payer_claim_numbers: Iterable[str], practice_id: str | None) -> list[Claim]:
        """The practice's claims (None: any practice's) with any of these payer claim numbers, oldest (seq) first."""
        # By the number's index, then the practice, as above: with the practice in the statement, SQLite walks
        # the practice's claims instead.
        found = self._with_any(self.table.c.payer_claim_number, payer_claim_numbers)
        return sorted((claim for claim in found if practice_id in (None, claim.practice_id)),
                      key=lambda claim: claim.seq)

    def _with_any(self, column: ColumnElement, values: Iterable[str]) -> list[Claim]:
        # One statement per IN_CHUNK values, whatever a file holds: SQLite bounds a statement's variables.
        values = sorted(set(values))
        found: list[Claim] = []
        for start in range(0, len(values), IN_CHUNK):
            query = select(self.table).where(column.in_(values[start:start + IN_CHUNK]))
            found += [self._from_row(row) for row in self.session.execute(query)]
        return found

    def among(self, ids: Iterable[str]) -> list[Claim]:
        ids = list(ids)
        if not ids:
            return []
        return [self._from_row(row) for row in self.session.execute(select(self.table).where(self.table.c.id.in_(ids)))]

    def replacements_of(self, original_ids: Iterable[str]) -> list[Claim]:
        """The frequency-7 claims that replace any of these."""
        ids = list(original_ids)
        if not ids:
            return []
        t = self.table
        rows = self.session.execute(select(t).where(t.c.original_claim_id.in_(ids),
                                                    t.c.frequency == FREQUENCY_REPLACEMENT))
        return [self._from_row(row) for row in rows]

    def page(self, practice_id: str, status: str | None, after: tuple | None, limit: int) -> list[Claim]:
        """Newest first, `limit + 1` after `after`."""
        return _newest_first(self, after, limit, practice_id=practice_id, status=status)


def _newest_first(repository: TableRepository[T], after: tuple | None, limit: int, **equal: str | None) -> list[T]:
    """One keyset page of the rows whose columns equal the values given (None: any value)."""
    t = repository.table
    query = select(t).where(*(t.c[name] == value for name, value in equal.items() if value is not None))
    query = keyset_query(query, NEWEST_FIRST, {"created_at": t.c.created_at, "id": t.c.id}, after, limit)
    return [repository._from_row(row) for row in repository.session.execute(query)]

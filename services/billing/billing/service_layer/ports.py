"""What billing's use cases need of storage: the real repositories and the tests' fakes both fit these."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from rapport_shared.events import CloudEvent

from ..domain.charges import Charge
from ..domain.claims import Claim
from ..domain.clients import BillingClient
from ..domain.coverages import Coverage
from ..domain.fee_schedules import FeeSchedule
from ..domain.providers import BillingPractice, RenderingProvider

T = TypeVar("T")


class Repository(Protocol[T]):
    """An aggregate's store: `save` raises ChangedMeanwhile unless the stored version is `expected_version`."""

    def get(self, id_: str) -> T | None: ...

    def add(self, obj: T) -> None: ...

    def save(self, obj: T, expected_version: int) -> None: ...


class Coverages(Repository[Coverage], Protocol):
    def of_client(self, client_id: str) -> list[Coverage]: ...


class Charges(Repository[Charge], Protocol):
    def for_appointment(self, appointment_id: str) -> Charge | None: ...

    def of_client(self, client_id: str) -> list[Charge]: ...

    def seen_by(self, client_id: str, therapist_id: str | None) -> bool: ...

    def page(self, practice_id: str, client_id: str | None, after: tuple | None, limit: int) -> list[Charge]: ...


class Claims(Repository[Claim], Protocol):
    """`practice_id` None: of any practice."""

    def with_control_numbers(self, patient_control_numbers: Iterable[str], practice_id: str | None) -> list[Claim]: ...

    def with_payer_claim_numbers(self, payer_claim_numbers: Iterable[str], practice_id: str | None) -> list[Claim]: ...

    def among(self, ids: Iterable[str]) -> list[Claim]: ...

    def replacements_of(self, original_ids: Iterable[str]) -> list[Claim]: ...

    def page(self, practice_id: str, status: str | None, after: tuple | None, limit: int) -> list[Claim]: ...


class Records(Protocol):
    """Reference data and append-only records as dicts."""

    def get(self, **key: Any) -> dict | None: ...

    def find(self, *, order_by: tuple[str, ...] = (), descending: bool = False, limit: int | None = None,
             **key: Any) -> list[dict]: ...

    def find_in(self, column: str, values: Iterable[Any], **key: Any) -> list[dict]: ...

    def add(self, **values: Any) -> dict: ...


class FeeSchedules(Protocol):
    def get(self, practice_id: str, payer_ref: str) -> FeeSchedule | None: ...

    def put(self, schedule: FeeSchedule) -> None: ...


class Diagnoses(Records, Protocol):
    def codes(self, client_id: str) -> list[str]: ...

    def replace(self, client_id: str, practice_id: str, codes: list[str], now: dt.datetime) -> None: ...


class Ledger(Records, Protocol):
    def payments_page(self, practice_id: str, client_id: str | None, after: tuple | None,
                      limit: int) -> list[dict]: ...


class InsurerAnswers(Records, Protocol):
    def posted_page(self, practice_id: str, client_id: str | None, claim_id: str | None, after: tuple | None,
                    limit: int) -> list[dict]: ...


class IdempotentReplies(Protocol):
    """Answers stored under (practice, Idempotency-Key): `get` gives request_hash, status_code and response."""

    def get(self, practice_id: str, key: str) -> dict | None: ...

    def add(self, practice_id: str, key: str, request_hash: str, status_code: int, response: dict,
            now: dt.datetime) -> bool: ...

    def purge_older_than(self, cutoff: dt.datetime) -> int: ...


class BillingUnitOfWork(Protocol):
    """One transaction over every store; `with uow:` then `uow.commit()` once, events included."""

    practices: Repository[BillingPractice]
    providers: Repository[RenderingProvider]
    clients: Repository[BillingClient]
    coverages: Coverages
    charges: Charges
    claims: Claims
    payers: Records
    plans: Records
    fee_schedules: FeeSchedules
    diagnoses: Diagnoses
    eligibility_checks: Records
    estimates: Records
    answers: InsurerAnswers
    interchanges: Records  # claims' 837P as scrubbed and as sent
    remittances: Records  # 835 files as received
    ledger: Ledger
    idempotency: IdempotentReplies  # answers to requests sent with an Idempotency-Key

    @property
    def namespace(self) -> str: ...

    def __enter__(self) -> Any: ...

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None: ...

    def emit(self, event: CloudEvent) -> None: ...

    def emit_to(self, event: CloudEvent, exchange: str, routing_key: str) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

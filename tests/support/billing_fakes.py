"""In-memory stand-ins for billing's stores and unit of work, fitting the same ports as the real ones
(tests/unit/billing/test_fakes_fit_the_ports.py holds them to it), with the same version check."""
from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from billing.domain.claim_document import FREQUENCY_REPLACEMENT
from billing.domain.clients import BillingClient
from billing.domain.coverages import Coverage
from billing.domain.fee_schedules import FeeSchedule
from billing.domain.payments import POSTED_FIRST
from billing.domain.providers import BillingPractice, RenderingProvider
from rapport_shared.errors import ChangedMeanwhile
from rapport_shared.pagination import NEWEST_FIRST


class FakeRepository:
    """Aggregates by id; `save` refuses unless the stored version is the one the object was loaded with."""

    def __init__(self):
        self.rows: dict[str, Any] = {}

    def get(self, id_: str):
        return copy.deepcopy(self.rows.get(id_))

    def add(self, obj) -> None:
        if obj.id in self.rows:
            raise ValueError(f"duplicate id {obj.id}")
        self.rows[obj.id] = copy.deepcopy(obj)

    def save(self, obj, expected_version: int) -> None:
        stored = self.rows.get(obj.id)
        if stored is None or stored.version != expected_version:
            raise ChangedMeanwhile("someone else changed this record")
        self.rows[obj.id] = copy.deepcopy(obj)

    def _all(self) -> list:
        return [copy.deepcopy(row) for row in self.rows.values()]


class FakeCoverages(FakeRepository):
    def of_client(self, client_id: str) -> list[Coverage]:
        return sorted((c for c in self._all() if c.client_id == client_id), key=lambda c: (c.created_at, c.id))


class FakeCharges(FakeRepository):
    def for_appointment(self, appointment_id: str):
        return next((c for c in self._all() if c.appointment_id == appointment_id), None)

    def of_client(self, client_id: str) -> list:
        return sorted((c for c in self._all() if c.client_id == client_id), key=lambda c: (c.service_date, c.id))

    def seen_by(self, client_id: str, therapist_id: str | None) -> bool:
        return any(c.client_id == client_id and c.therapist_id == therapist_id for c in self.rows.values())

    def page(self, practice_id: str, client_id: str | None, after: tuple | None, limit: int) -> list:
        chosen = [c for c in self._all() if c.practice_id == practice_id and client_id in (None, c.client_id)]
        return NEWEST_FIRST.sorted(chosen, after, limit)


class FakeClaims(FakeRepository):
    def with_control_numbers(self, patient_control_numbers, practice_id: str | None) -> list:
        numbers = set(patient_control_numbers)
        return [c for c in self._all() if c.patient_control_number in numbers and practice_id in (None, c.practice_id)]

    def with_payer_claim_numbers(self, payer_claim_numbers, practice_id: str | None) -> list:
        numbers = set(payer_claim_numbers)
        return sorted((c for c in self._all() if c.payer_claim_number in numbers and practice_id in (None, c.practice_id)),
                      key=lambda c: c.seq)

    def among(self, ids) -> list:
        ids = set(ids)
        return [c for c in self._all() if c.id in ids]

    def replacements_of(self, original_ids) -> list:
        ids = set(original_ids)
        return [c for c in self._all() if c.original_claim_id in ids and c.frequency == FREQUENCY_REPLACEMENT]

    def page(self, practice_id: str, status: str | None, after: tuple | None, limit: int) -> list:
        chosen = [c for c in self._all() if c.practice_id == practice_id and status in (None, c.status)]
        return NEWEST_FIRST.sorted(chosen, after, limit)


class FakeRecords:
    """Rows as dicts, matched on equal columns."""

    def __init__(self):
        self.rows: list[dict] = []

    def get(self, **key: Any) -> dict | None:
        return next((copy.deepcopy(row) for row in self.rows if _matches(row, key)), None)

    def find(self, *, order_by: tuple[str, ...] = (), descending: bool = False, limit: int | None = None,
             **key: Any) -> list[dict]:
        found = [copy.deepcopy(row) for row in self.rows if _matches(row, key)]
        found.sort(key=lambda row: tuple(row[name] for name in order_by), reverse=descending)
        return found[:limit] if limit is not None else found

    def find_in(self, column: str, values, **key: Any) -> list[dict]:
        values = set(values)
        return [copy.deepcopy(row) for row in self.rows if row[column] in values and _matches(row, key)]

    def add(self, **values: Any) -> dict:
        self.rows.append(copy.deepcopy(values))
        return values


def _matches(row: dict, key: dict) -> bool:
    return all(row.get(name) == value for name, value in key.items())


class FakeFeeSchedules:
    def __init__(self):
        self.rows: dict[tuple[str, str], FeeSchedule] = {}

    def get(self, practice_id: str, payer_ref: str) -> FeeSchedule | None:
        return copy.deepcopy(self.rows.get((practice_id, payer_ref)))

    def put(self, schedule: FeeSchedule) -> None:
        self.rows[(schedule.practice_id, schedule.payer_ref)] = copy.deepcopy(schedule)


class FakeDiagnoses(FakeRecords):
    def codes(self, client_id: str) -> list[str]:
        return [row["code"] for row in self.find(client_id=client_id, order_by=("position",))]

    def replace(self, client_id: str, practice_id: str, codes: list[str], now: dt.datetime) -> None:
        self.rows = [row for row in self.rows if row["client_id"] != client_id]
        for position, code in enumerate(codes, start=1):
            self.add(client_id=client_id, position=position, practice_id=practice_id, code=code, updated_at=now)


def _posted_first(rows: list[dict], after: tuple | None, limit: int, at: str) -> list[dict]:
    keyed = [{**row, "posted_at": row[at]} for row in rows]
    return [{k: v for k, v in row.items() if k != "posted_at"} for row in POSTED_FIRST.sorted(keyed, after, limit)]


class FakeLedger(FakeRecords):
    def payments_page(self, practice_id: str, client_id: str | None, after: tuple | None, limit: int) -> list[dict]:
        rows = [row for row in self.find(practice_id=practice_id, kind="payment") if client_id in (None, row["client_id"])]
        return _posted_first(rows, after, limit, "created_at")


class FakeInsurerAnswers(FakeRecords):
    def __init__(self, claims: FakeClaims):
        super().__init__()
        self.claims = claims

    def posted_page(self, practice_id: str, client_id: str | None, claim_id: str | None, after: tuple | None,
                    limit: int) -> list[dict]:
        rows = []
        for answer in self.find(kind="adjudication", outcome="posted"):
            claim = self.claims.get(answer["claim_id"])
            if claim is None or claim.practice_id != practice_id or client_id not in (None, claim.client_id) \
                    or claim_id not in (None, claim.id):
                continue
            rows.append({**answer, "client_id": claim.client_id, "practice_id": claim.practice_id,
                         "payer_ref": claim.payer_ref, "payer_claim_number": claim.payer_claim_number})
        return _posted_first(rows, after, limit, "received_at")


class FakeIdempotentReplies:
    def __init__(self):
        self.rows: dict[tuple[str, str], dict] = {}

    def get(self, practice_id: str, key: str) -> dict | None:
        stored = self.rows.get((practice_id, key))
        return None if stored is None else {name: copy.deepcopy(stored[name])
                                            for name in ("request_hash", "status_code", "response")}

    def add(self, practice_id: str, key: str, request_hash: str, status_code: int, response: dict,
            now: dt.datetime) -> bool:
        if (practice_id, key) in self.rows:
            return False
        self.rows[(practice_id, key)] = {"request_hash": request_hash, "status_code": status_code,
                                         "response": copy.deepcopy(response), "created_at": now}
        return True

    def purge_older_than(self, cutoff: dt.datetime) -> int:
        old = [k for k, row in self.rows.items() if row["created_at"] < cutoff]
        for k in old:
            del self.rows[k]
        return len(old)


class FakeUnitOfWork:
    """Commits count; leaving the outermost `with` without committing puts every store back as it was."""

    def __init__(self, exchange: str = "rapport.billing"):
        self.exchange = exchange
        self.practices = FakeRepository()
        self.providers = FakeRepository()
        self.clients = FakeRepository()
        self.coverages = FakeCoverages()
        self.charges = FakeCharges()
        self.claims = FakeClaims()
        self.payers = FakeRecords()
        self.plans = FakeRecords()
        self.fee_schedules = FakeFeeSchedules()
        self.diagnoses = FakeDiagnoses()
        self.eligibility_checks = FakeRecords()
        self.estimates = FakeRecords()
        self.answers = FakeInsurerAnswers(self.claims)
        self.interchanges = FakeRecords()
        self.remittances = FakeRecords()
        self.ledger = FakeLedger()
        self.idempotency = FakeIdempotentReplies()
        self.pending: list[tuple] = []
        self.published: list[tuple] = []  # (event, exchange, routing key) committed to the outbox
        self.committed = 0
        self._depth = 0
        self._saved: dict[str, Any] = {}

    @property
    def namespace(self) -> str:
        return self.exchange.rsplit(".", 1)[0]

    def _stores(self) -> dict[str, Any]:
        return {name: store for name, store in vars(self).items() if hasattr(store, "rows")}

    def __enter__(self):
        if self._depth == 0:
            self._saved = {name: copy.deepcopy(store.rows) for name, store in self._stores().items()}
        self._depth += 1
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self._depth -= 1
        if exc_type is not None or self._depth == 0:
            self.rollback()

    def emit(self, event) -> None:
        self.pending.append((event, self.exchange, None))

    def emit_to(self, event, exchange: str, routing_key: str) -> None:
        self.pending.append((event, exchange, routing_key))

    def commit(self) -> None:
        self.published += self.pending
        self.pending = []
        self.committed += 1
        self._saved = {name: copy.deepcopy(store.rows) for name, store in self._stores().items()}

    def rollback(self) -> None:
        self.pending = []
        for name, rows in self._saved.items():
            self._stores()[name].rows = copy.deepcopy(rows)

    def events(self, event_type: str) -> list[tuple]:
        return [item for item in self.published if item[0].type == event_type]


# -- a practice ready to bill, as the events and the API would have set it up ----------------------
NOW = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.timezone.utc)
PRACTICE, THERAPIST, CLIENT, PAYER, PLAN = "practice-1", "therapist-1", "client-1", "payer-1", "plan-1"
ADDRESS = {"line1": "1200 N Example Ave", "city": "Chicago", "state": "IL", "zip": "60622"}


def ready_to_bill(uow: FakeUnitOfWork) -> FakeUnitOfWork:
    """One practice, therapist, insured client with a diagnosis, payer, plan and fee schedules."""
    uow.practices.add(BillingPractice(id=PRACTICE, name="Alder Counseling", group_npi="1999999984",
                                      tax_id="364198752", address=ADDRESS, version=1, updated_at=NOW,
                                      phone="+1 312 555 0100", time_zone="America/Chicago"))
    uow.providers.add(RenderingProvider(id=THERAPIST, practice_id=PRACTICE, first_name="Maren", last_name="Okafor",
                                        credentials="LMFT", npi="1234567893", listed=True, version=1, updated_at=NOW,
                                        taxonomy_code="106H00000X"))
    uow.clients.add(BillingClient(id=CLIENT, practice_id=PRACTICE, first_name="Robin", last_name="Vale",
                                  date_of_birth=dt.date(1988, 4, 2), sex="F", address=ADDRESS, version=1,
                                  updated_at=NOW))
    uow.payers.add(id=PAYER, name="Prairie Mutual Health", payer_id="RPM01", claim_filing_indicator="CI",
                   timely_filing_days=180, telehealth_pos="10", telehealth_modifier="95",
                   associates_bill_under_supervisor=False, created_at=NOW)
    uow.plans.add(id=PLAN, payer_ref=PAYER, name="PPO 500", in_network=True, deductible_cents=50000,
                  oop_max_cents=300000, coinsurance_bp=2000, copays={}, copay_waives_deductible=False,
                  covered_cpts=["90834", "90837"], excluded_primary_dx={}, prior_auth_cpts=[], created_at=NOW)
    uow.coverages.add(Coverage(id="coverage-1", practice_id=PRACTICE, client_id=CLIENT, payer_ref=PAYER,
                               plan_id=PLAN, member_id="PMH123456", group_number="GRP100", relationship="18",
                               subscriber=None, effective_from=dt.date(2026, 1, 1), effective_to=None,
                               accumulator_year=2026, deductible_met_cents=0, oop_met_cents=0, created_at=NOW))
    uow.fee_schedules.put(FeeSchedule(PRACTICE, "", amounts={"90834": 15000, "90837": 19000},
                                      self_pay={"90834": 12000}, billing_address={**ADDRESS, "zip": "606221234"},
                                      updated_at=NOW))
    uow.diagnoses.replace(CLIENT, PRACTICE, ["F41.1"], NOW)
    return uow

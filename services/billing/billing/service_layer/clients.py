"""Billing's view of clients: booking's record, plus coverage, diagnoses and eligibility."""
from __future__ import annotations

import datetime as dt
import uuid

from rapport_shared.access import visible
from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid, NotFound
from rapport_shared.principal import Principal

from ..domain.clients import BillingClient
from ..domain.codes import icd10_valid
from ..domain.coverages import Coverage
from ..domain.eligibility import EligibilityUnavailable, evaluate
from .ports import BillingUnitOfWork
from .read_models import keep_newest


def record_client(uow: BillingUnitOfWork, data: dict, occurred_at: dt.datetime) -> None:
    """Keep booking's latest version of a client (older or repeated versions change nothing)."""
    keep_newest(uow, uow.clients, BillingClient(
        id=data["client_id"], practice_id=data["practice_id"], first_name=data["first_name"],
        last_name=data["last_name"], date_of_birth=data.get("date_of_birth"), sex=data.get("sex"),
        address=data.get("address"), version=data["version"], updated_at=occurred_at,
    ))


def get_client(uow: BillingUnitOfWork, principal: Principal, client_id: str) -> BillingClient:
    """A client billing has heard of, in the caller's practice (404 otherwise).

    A therapist sees only clients they have seen in session (a charge of theirs exists).
    """
    client = uow.clients.get(client_id)
    seen = client is not None and principal.role == "therapist" and uow.charges.seen_by(client_id,
                                                                                        principal.therapist_id)
    return visible(principal, client, "client", therapist_id=principal.therapist_id if seen else None)


def add_coverage(uow: BillingUnitOfWork, principal: Principal, client_id: str, body: dict) -> Coverage:
    with uow:
        client = get_client(uow, principal, client_id)
        plan = uow.plans.get(id=body["plan_id"])
        if plan is None:
            raise Invalid("no such plan", errors=[{"in": "json", "field": "plan_id", "message": "unknown plan"}])
        if body.get("effective_to") and body["effective_to"] < body["effective_from"]:
            raise Invalid("coverage ends before it starts",
                          errors=[{"in": "json", "field": "effective_to", "message": "before effective_from"}])
        relationship = body.get("relationship", "18")
        if relationship != "18" and not body.get("subscriber"):
            raise Invalid("a dependant's coverage names its subscriber",
                          errors=[{"in": "json", "field": "subscriber", "message": "required unless self (18)"}])
        year = body.get("accumulator_year")
        coverage = Coverage(
            id=str(uuid.uuid4()), practice_id=client.practice_id, client_id=client_id, payer_ref=plan["payer_ref"],
            plan_id=plan["id"], member_id=body["member_id"], group_number=body.get("group_number"),
            relationship=relationship, subscriber=_jsonable(body.get("subscriber")),
            effective_from=body["effective_from"], effective_to=body.get("effective_to"),
            accumulator_year=body["effective_from"].year if year is None else year,
            deductible_met_cents=body.get("deductible_met_cents", 0), oop_met_cents=body.get("oop_met_cents", 0),
            created_at=utcnow(),
        )
        uow.coverages.add(coverage)
        uow.commit()
    return coverage


def _jsonable(subscriber: dict | None) -> dict | None:
    if not subscriber:
        return None
    out = dict(subscriber)
    if isinstance(out.get("date_of_birth"), dt.date):
        out["date_of_birth"] = out["date_of_birth"].isoformat()
    return out


def list_coverages(uow: BillingUnitOfWork, principal: Principal, client_id: str) -> list[Coverage]:
    get_client(uow, principal, client_id)
    return uow.coverages.of_client(client_id)


def get_coverage(uow: BillingUnitOfWork, principal: Principal, coverage_id: str) -> Coverage:
    return visible(principal, uow.coverages.get(coverage_id), "coverage")


def active_coverage(uow: BillingUnitOfWork, client_id: str, on: dt.date) -> Coverage | None:
    """The client's coverage in force on `on` (the latest added, if several)."""
    return next((c for c in reversed(uow.coverages.of_client(client_id)) if c.in_force(on)), None)


def set_diagnoses(uow: BillingUnitOfWork, principal: Principal, client_id: str, codes: list[str]) -> list[dict]:
    """Replace the client's ordered diagnoses (the first is primary; order = claim pointers)."""
    with uow:
        client = get_client(uow, principal, client_id)
        bad = [{"in": "json", "field": f"codes.{i}", "message": f"{c!r} is not an ICD-10-CM code (e.g. F41.1)"}
               for i, c in enumerate(codes) if not icd10_valid(c)]
        if len(set(codes)) != len(codes):
            bad.append({"in": "json", "field": "codes", "message": "a diagnosis is listed twice"})
        if bad:
            raise Invalid("diagnoses are not valid", errors=bad)
        uow.diagnoses.replace(client_id, client.practice_id, codes, utcnow())
        uow.commit()
    return list_diagnoses(uow, principal, client_id)


def list_diagnoses(uow: BillingUnitOfWork, principal: Principal, client_id: str) -> list[dict]:
    get_client(uow, principal, client_id)
    return uow.diagnoses.find(client_id=client_id, order_by=("position",))


def check_eligibility(uow: BillingUnitOfWork, principal: Principal, coverage_id: str, service_date: dt.date,
                      source=evaluate) -> dict:
    """Ask whether the coverage is in force and what it pays; store the answer with its time.

    When the answer cannot be had, the last stored answer comes back, marked stale with its age.
    """
    with uow:
        coverage = get_coverage(uow, principal, coverage_id)
        plan = uow.plans.get(id=coverage.plan_id)
        now = utcnow()
        try:
            result = source(coverage, plan, service_date)
        except EligibilityUnavailable as exc:
            last = uow.eligibility_checks.find(coverage_id=coverage_id, order_by=("checked_at",), descending=True,
                                               limit=1)
            if not last:
                raise NotFound(f"eligibility cannot be checked now ({exc}) and was never checked before",
                               slug="eligibility-unavailable") from exc
            check = last[0]
            return {**check, "stale": True, "age_seconds": int((now - check["checked_at"]).total_seconds())}
        check = uow.eligibility_checks.add(id=str(uuid.uuid4()), practice_id=coverage.practice_id,
                                           coverage_id=coverage_id, checked_at=now, result=result)
        uow.commit()
    return {**check, "stale": False, "age_seconds": 0}


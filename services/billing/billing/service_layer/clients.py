"""Billing's view of clients: booking's record, plus coverage, diagnoses and eligibility."""
from __future__ import annotations

import datetime as dt
import uuid

from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid, NotFound
from rapport_shared.principal import Principal

from ..domain.codes import icd10_valid
from ..domain.eligibility import EligibilityUnavailable, evaluate
from .access import visible
from .unit_of_work import UnitOfWork


def record_client(uow: UnitOfWork, data: dict, occurred_at: dt.datetime) -> None:
    """Keep booking's latest version of a client (older or repeated versions change nothing)."""
    current = uow.clients.get(id=data["client_id"])
    if current is not None and data["version"] <= current["version"]:
        return
    values = {"practice_id": data["practice_id"], "first_name": data["first_name"], "last_name": data["last_name"],
              "date_of_birth": data.get("date_of_birth"), "sex": data.get("sex"), "address": data.get("address"),
              "version": data["version"], "updated_at": occurred_at}
    if current is None:
        uow.clients.add(id=data["client_id"], **values)
    else:
        uow.clients.change({"id": data["client_id"]}, **values)
    uow.commit()


def get_client(uow: UnitOfWork, principal: Principal, client_id: str) -> dict:
    """A client billing has heard of, in the caller's practice (404 otherwise).

    A therapist sees only clients they have seen in session (a charge of theirs exists).
    """
    client = visible(principal, uow.clients.get(id=client_id), "client")
    if principal.role == "therapist" and not uow.charges.find(client_id=client_id, therapist_id=principal.therapist_id,
                                                              limit=1):
        raise NotFound("no such client")
    return client


def add_coverage(uow: UnitOfWork, principal: Principal, client_id: str, body: dict) -> dict:
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
    coverage = uow.coverages.add(
        id=str(uuid.uuid4()), practice_id=client["practice_id"], client_id=client_id, payer_ref=plan["payer_ref"],
        plan_id=plan["id"], member_id=body["member_id"], group_number=body.get("group_number"),
        relationship=relationship, subscriber=_jsonable(body.get("subscriber")),
        effective_from=body["effective_from"], effective_to=body.get("effective_to"),
        accumulator_year=body["effective_from"].year if body.get("accumulator_year") is None else body["accumulator_year"],
        deductible_met_cents=body.get("deductible_met_cents", 0), oop_met_cents=body.get("oop_met_cents", 0),
        created_at=utcnow(),
    )
    uow.commit()
    return coverage


def _jsonable(subscriber: dict | None) -> dict | None:
    if not subscriber:
        return None
    out = dict(subscriber)
    if isinstance(out.get("date_of_birth"), dt.date):
        out["date_of_birth"] = out["date_of_birth"].isoformat()
    return out


def list_coverages(uow: UnitOfWork, principal: Principal, client_id: str) -> list[dict]:
    get_client(uow, principal, client_id)
    return uow.coverages.find(client_id=client_id, order_by=uow.coverages.table.c.created_at)


def get_coverage(uow: UnitOfWork, principal: Principal, coverage_id: str) -> dict:
    return visible(principal, uow.coverages.get(id=coverage_id), "coverage")


def active_coverage(uow: UnitOfWork, client_id: str, on: dt.date) -> dict | None:
    """The client's coverage in force on `on` (the latest added, if several)."""
    for coverage in reversed(uow.coverages.find(client_id=client_id, order_by=uow.coverages.table.c.created_at)):
        if coverage["effective_from"] <= on and (coverage["effective_to"] is None or on <= coverage["effective_to"]):
            return coverage
    return None


def set_diagnoses(uow: UnitOfWork, principal: Principal, client_id: str, codes: list[str]) -> list[dict]:
    """Replace the client's ordered diagnoses (the first is primary; order = claim pointers)."""
    client = get_client(uow, principal, client_id)
    bad = [{"in": "json", "field": f"codes.{i}", "message": f"{c!r} is not an ICD-10-CM code (e.g. F41.1)"}
           for i, c in enumerate(codes) if not icd10_valid(c)]
    if len(set(codes)) != len(codes):
        bad.append({"in": "json", "field": "codes", "message": "a diagnosis is listed twice"})
    if bad:
        raise Invalid("diagnoses are not valid", errors=bad)
    uow.session.execute(uow.diagnoses.table.delete().where(uow.diagnoses.table.c.client_id == client_id))
    now = utcnow()
    for position, code in enumerate(codes, start=1):
        uow.diagnoses.add(client_id=client_id, position=position, practice_id=client["practice_id"], code=code,
                          updated_at=now)
    uow.commit()
    return list_diagnoses(uow, principal, client_id)


def list_diagnoses(uow: UnitOfWork, principal: Principal, client_id: str) -> list[dict]:
    get_client(uow, principal, client_id)
    return uow.diagnoses.find(client_id=client_id, order_by=uow.diagnoses.table.c.position)


def diagnosis_codes(uow: UnitOfWork, client_id: str) -> list[str]:
    return [row["code"] for row in uow.diagnoses.find(client_id=client_id, order_by=uow.diagnoses.table.c.position)]


def check_eligibility(uow: UnitOfWork, principal: Principal, coverage_id: str, service_date: dt.date,
                      source=evaluate) -> dict:
    """Ask whether the coverage is in force and what it pays; store the answer with its time.

    When the answer cannot be had, the last stored answer comes back, marked stale with its age.
    """
    coverage = get_coverage(uow, principal, coverage_id)
    plan = uow.plans.get(id=coverage["plan_id"])
    now = utcnow()
    try:
        result = source(coverage, plan, service_date)
    except EligibilityUnavailable as exc:
        last = uow.eligibility_checks.find(coverage_id=coverage_id,
                                           order_by=uow.eligibility_checks.table.c.checked_at.desc(), limit=1)
        if not last:
            raise NotFound(f"eligibility cannot be checked now ({exc}) and was never checked before",
                           slug="eligibility-unavailable") from exc
        check = last[0]
        return {**check, "stale": True, "age_seconds": int((now - check["checked_at"]).total_seconds())}
    check = uow.eligibility_checks.add(id=str(uuid.uuid4()), practice_id=coverage["practice_id"],
                                       coverage_id=coverage_id, checked_at=now, result=result)
    uow.commit()
    return {**check, "stale": False, "age_seconds": 0}

"""POST /v1/estimates: what a client will owe for planned services, and a GFE for self-pay."""
from __future__ import annotations

import datetime as dt
import uuid

from rapport_shared.access import visible
from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid
from rapport_shared.principal import Principal

from ..domain.clients import BillingClient
from ..domain.cost_share import Benefits
from ..domain.eligibility import evaluate
from ..domain.estimates import PlannedService, insured_estimate, self_pay_estimate, totals
from .clients import active_coverage, get_client
from .fee_schedules import fees
from .ports import BillingUnitOfWork


def create_estimate(uow: BillingUnitOfWork, principal: Principal, body: dict) -> dict:
    with uow:
        estimate = _estimate(uow, get_client(uow, principal, body["client_id"]), body)
        uow.estimates.add(id=estimate["id"], practice_id=estimate["practice_id"], client_id=estimate["client_id"],
                          body=estimate, created_at=utcnow())
        uow.commit()
    return estimate


def _estimate(uow: BillingUnitOfWork, client: BillingClient, body: dict) -> dict:
    service_date: dt.date = body["service_date"]
    coverage = active_coverage(uow, client.id, service_date) if not body.get("self_pay") else None
    own, allowed = fees(uow, client.practice_id, coverage.payer_ref if coverage else None)
    missing = [s["cpt"] for s in body["services"] if s["cpt"] not in own.amounts]
    if missing:
        raise Invalid("the practice's fee schedule has no charge for some services",
                      errors=[{"in": "json", "field": "services", "message": f"no charge for {cpt}"}
                              for cpt in missing])
    services = [PlannedService(cpt=s["cpt"], charge=own.amounts[s["cpt"]] * s.get("units", 1),
                               allowed=(allowed.amounts[s["cpt"]] * s.get("units", 1)
                                        if s["cpt"] in allowed.amounts else None),
                               self_pay=own.self_pay.get(s["cpt"]))
                for s in body["services"]]
    primary_dx = body.get("primary_diagnosis") or next(iter(uow.diagnoses.codes(client.id)), None)
    if coverage is not None:
        plan = uow.plans.get(id=coverage.plan_id) or {}
        answer = evaluate(coverage, plan, service_date)
        benefits = Benefits(deductible_remaining=answer["deductible_remaining_cents"],
                            oop_remaining=answer["oop_remaining_cents"], coinsurance_bp=plan["coinsurance_bp"],
                            in_network=plan["in_network"])
        lines = insured_estimate(services, plan, benefits, primary_dx) if answer["active"] else \
            self_pay_estimate(services)
        kind = "insured" if answer["active"] else "self_pay"
    else:
        tier = body.get("sliding_scale_tier")
        percent = 10000
        if tier:
            found = own.percent_for(tier)
            if found is None:
                raise Invalid("unknown sliding-scale tier",
                              errors=[{"in": "json", "field": "sliding_scale_tier", "message": "not on the schedule"}])
            percent = found
        lines = self_pay_estimate(services, percent)
        kind = "self_pay"
    estimate = {
        "id": str(uuid.uuid4()), "client_id": client.id, "practice_id": client.practice_id,
        "service_date": service_date.isoformat(), "kind": kind,
        "coverage_id": coverage.id if coverage else None, "primary_diagnosis": primary_dx,
        "lines": lines, "totals": totals(lines), "created_at": utcnow().isoformat(),
    }
    if kind == "self_pay":
        estimate["good_faith_estimate"] = good_faith_estimate(uow, client, estimate)
    return estimate


def good_faith_estimate(uow: BillingUnitOfWork, client: BillingClient, estimate: dict) -> dict:
    """The No Surprises Act notice for uninsured/self-pay clients."""
    practice = uow.practices.get(client.practice_id)
    return {
        "client_name": client.name,
        "provider": practice.name if practice else None,
        "provider_npi": practice.group_npi if practice else None,
        "provider_tax_id": practice.tax_id if practice else None,
        "service_date": estimate["service_date"],
        "items": [{"cpt": line["cpt"], "expected_charge_cents": line["patient_cents"]} for line in estimate["lines"]],
        "total_expected_cents": estimate["totals"]["patient_cents"],
        "dispute_threshold_cents": 40000,
        "notice": ("You have the right to receive a Good Faith Estimate of the total expected cost of care. "
                   "If you are billed at least $400 more than this estimate, you may dispute the bill."),
    }


def get_estimate(uow: BillingUnitOfWork, principal: Principal, estimate_id: str) -> dict:
    return visible(principal, uow.estimates.get(id=estimate_id), "estimate")["body"]

"""Estimates: a client's responsibility for planned services, line by line, before care."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from .cost_share import Benefits, LineShare, after, apply_rate, cost_share, not_covered


@dataclass(frozen=True)
class PlannedService:
    cpt: str
    charge: int  # the practice's charge
    allowed: int | None  # the payer's allowed amount; None when the schedule has none
    self_pay: int | None  # the practice's self-pay rate


def covered(plan: dict, cpt: str, primary_dx: str | None) -> tuple[bool, str | None]:
    """Whether the plan covers `cpt` with this primary diagnosis, and why not if it does not."""
    if cpt not in plan["covered_cpts"]:
        return False, "service not covered by the plan"
    if primary_dx and primary_dx in plan["excluded_primary_dx"].get(cpt, []):
        return False, f"{primary_dx} as primary diagnosis is not covered for {cpt}"
    return True, None


def insured_estimate(services: list[PlannedService], plan: dict, benefits: Benefits,
                     primary_dx: str | None) -> list[dict]:
    """Each line's split, applying lines in order so deductible and out-of-pocket carry over."""
    lines = []
    for service in services:
        ok, reason = covered(plan, service.cpt, primary_dx)
        if ok and service.allowed is None:
            ok, reason = False, "no allowed amount on the payer's fee schedule"
        if ok and service.allowed is not None:
            copay = plan["copays"].get(service.cpt)
            share = cost_share(service.charge, service.allowed,
                               Benefits(**{**asdict(benefits), "copay": copay,
                                           "copay_waives_deductible": plan["copay_waives_deductible"]}))
            benefits = after(benefits, share)
        else:
            share = not_covered(service.charge, service.self_pay)
        lines.append(_line(service.cpt, share, reason,
                           prior_auth=service.cpt in plan["prior_auth_cpts"] if ok else False))
    return lines


def self_pay_estimate(services: list[PlannedService], sliding_percent_bp: int = 10000) -> list[dict]:
    """Lines at the self-pay rate, reduced by a sliding-scale tier (10000 bp = full rate)."""
    lines = []
    for service in services:
        rate = service.self_pay if service.self_pay is not None else service.charge
        share = not_covered(service.charge, apply_rate(rate, sliding_percent_bp))
        lines.append(_line(service.cpt, share, "self-pay", prior_auth=False))
    return lines


def _line(cpt: str, share: LineShare, reason: str | None, prior_auth: bool) -> dict:
    return {
        "cpt": cpt, "covered": share.covered, "not_covered_reason": reason, "prior_auth_required": prior_auth,
        "charge_cents": share.charge, "allowed_cents": share.allowed, "write_off_cents": share.write_off,
        "deductible_cents": share.deductible, "coinsurance_cents": share.coinsurance, "copay_cents": share.copay,
        "oop_cap_reduction_cents": share.oop_reduction, "balance_bill_cents": share.balance_bill,
        "patient_cents": share.patient, "plan_cents": share.plan,
    }


def totals(lines: list[dict]) -> dict:
    keys = ("charge_cents", "write_off_cents", "patient_cents", "plan_cents")
    return {key: sum(line[key] for line in lines) for key in keys}

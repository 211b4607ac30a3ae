"""Eligibility by the plan's rules: is the coverage in force, and what is left to meet."""
from __future__ import annotations

import datetime as dt

from .coverages import Coverage


class EligibilityUnavailable(Exception):
    """The answer cannot be had now (payer unreachable, plan unknown): use the last one."""


def evaluate(coverage: Coverage, plan: dict | None, service_date: dt.date) -> dict:
    """The eligibility answer for `coverage` on `service_date`, from its plan's rules."""
    if plan is None:
        raise EligibilityUnavailable("the coverage's plan is unknown")
    same_year = coverage.accumulator_year == service_date.year
    deductible_met = coverage.deductible_met_cents if same_year else 0
    oop_met = coverage.oop_met_cents if same_year else 0
    return {
        "active": coverage.in_force(service_date),
        "service_date": service_date.isoformat(),
        "in_network": plan["in_network"],
        "deductible_remaining_cents": max(0, plan["deductible_cents"] - deductible_met),
        "oop_remaining_cents": max(0, plan["oop_max_cents"] - oop_met),
        "coinsurance_bp": plan["coinsurance_bp"],
        "copays": plan["copays"],
        "covered_cpts": plan["covered_cpts"],
        "prior_auth_cpts": plan["prior_auth_cpts"],
    }

"""A client's coverage under a plan, and what the client has met of it this benefit year."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class Coverage:
    id: str
    practice_id: str
    client_id: str
    payer_ref: str
    plan_id: str
    member_id: str
    group_number: str | None
    relationship: str  # X12: 18 self, 01 spouse, 19 child, G8 other
    subscriber: dict | None  # name, date_of_birth, sex, address when not the client
    effective_from: dt.date
    effective_to: dt.date | None
    accumulator_year: int
    deductible_met_cents: int
    oop_met_cents: int
    created_at: dt.datetime
    version: int = 1

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def accumulate(self, year: int, parts: dict[str, int]) -> None:
        """Add a patient's deductible and cost share (PR 1/2/3, negative to take back) to the benefit
        year the service fell in; a late claim of a past year leaves this year's totals alone."""
        if year < self.accumulator_year:
            return
        if year > self.accumulator_year:
            self.accumulator_year, self.deductible_met_cents, self.oop_met_cents = year, 0, 0
        self.deductible_met_cents += parts["deductible"]
        self.oop_met_cents += parts["deductible"] + parts["coinsurance"] + parts["copay"]
        self.version += 1

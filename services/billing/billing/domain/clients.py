"""Clients as claims need them: billing's copy of booking's record (never contact details)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class BillingClient:
    id: str
    practice_id: str
    first_name: str
    last_name: str
    date_of_birth: dt.date | None
    sex: str | None
    address: dict | None
    version: int  # booking's version: an older one never overwrites a newer
    updated_at: dt.datetime

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

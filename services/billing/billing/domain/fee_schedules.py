"""A practice's fee schedule: its own charges, self-pay rates and sliding scale, or what one payer allows."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PRACTICE_SCHEDULE = ""  # payer_ref of a practice's own charges and self-pay rates


@dataclass
class FeeSchedule:
    """Replaced whole by each PUT (the last one wins); no schedule at all reads as an empty one."""

    practice_id: str
    payer_ref: str
    amounts: dict[str, int] = field(default_factory=dict)  # {cpt: cents}
    self_pay: dict[str, int] = field(default_factory=dict)  # {cpt: cents}; the practice's own schedule only
    sliding_scale: list[dict] = field(default_factory=list)  # [{tier, percent_bp}]
    billing_address: dict | None = None  # where claims say the practice bills from (ZIP+4)
    updated_at: dt.datetime | None = None

    def percent_for(self, tier: str) -> int | None:
        """The sliding-scale tier's share of the self-pay rate, in basis points (None: no such tier)."""
        return next((t["percent_bp"] for t in self.sliding_scale if t["tier"] == tier), None)

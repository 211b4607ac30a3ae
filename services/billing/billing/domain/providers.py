"""Who bills and who renders care, as billing knows them from profiles' events."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class BillingPractice:
    id: str
    name: str
    group_npi: str | None
    tax_id: str | None
    address: dict
    version: int
    updated_at: dt.datetime
    phone: str | None = None
    time_zone: str | None = None


@dataclass
class RenderingProvider:
    id: str  # the therapist id
    practice_id: str
    first_name: str
    last_name: str
    credentials: str
    npi: str | None
    listed: bool
    version: int
    updated_at: dt.datetime
    taxonomy_code: str | None = None
    supervisor_id: str | None = None  # associates: whose license a payer may bill under


@dataclass(frozen=True)
class BillingReadiness:
    ready: bool
    missing: list[str] = field(default_factory=list)


def readiness(provider: RenderingProvider, practice: BillingPractice | None) -> BillingReadiness:
    """What still stops a claim for this provider from being built (checked again by the scrubber)."""
    missing = []
    if not provider.npi:
        missing.append("rendering provider NPI")
    if practice is None:
        missing.append("billing practice")
    else:
        if not practice.group_npi:
            missing.append("practice group NPI")
        if not practice.tax_id:
            missing.append("practice tax id")
        if not practice.address:
            missing.append("practice address")
    return BillingReadiness(ready=not missing, missing=missing)

"""A practice: the organisation that employs therapists and bills insurers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rapport_shared.errors import Invalid
from rapport_shared.zones import PLACE_ZONES


@dataclass
class Practice:
    id: str
    name: str
    time_zone: str
    created_at: dt.datetime
    updated_at: dt.datetime
    phone: str | None = None
    group_npi: str | None = None
    tax_id: str | None = None
    address: dict = field(default_factory=dict)
    version: int = 1


def check_time_zone(name: str) -> str:
    """One of the zones every service takes, so the practice's therapists can keep hours in it."""
    if name not in PLACE_ZONES:
        raise Invalid(f"unknown time zone {name!r}",
                      errors=[{"in": "json", "field": "time_zone", "message": "not an IANA time zone"}])
    return name

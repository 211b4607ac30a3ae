"""The document an 837P is rendered from: a claim with its parties, gathered."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The claim frequency code (CLM05-3): an original, a replacement of one, or a void of one.
FREQUENCY_ORIGINAL, FREQUENCY_REPLACEMENT, FREQUENCY_VOID = "1", "7", "8"


@dataclass(frozen=True)
class Party:
    """A person or organisation on a claim."""

    last_name: str  # or the organisation's name
    first_name: str = ""
    npi: str | None = None
    address: dict = field(default_factory=dict)
    tax_id: str | None = None
    taxonomy: str | None = None
    date_of_birth: dt.date | None = None
    sex: str | None = None
    member_id: str | None = None


@dataclass(frozen=True)
class ClaimLine:
    line_number: int
    cpt: str
    charge_cents: int
    service_date: dt.date
    pos: str
    modifiers: tuple[str, ...] = ()
    units: int = 1
    dx_pointers: tuple[int, ...] = (1,)
    charge_id: str | None = None


@dataclass(frozen=True)
class ClaimDocument:
    """Everything an 837P needs, gathered from the claim, coverage, practice and providers."""

    claim_id: str
    patient_control_number: str
    control_number: int
    frequency: str
    billing: Party
    rendering: Party
    subscriber: Party
    patient: Party | None  # None when the patient is the subscriber
    relationship: str  # X12 individual relationship code: 18 self, 01 spouse, 19 child, G8 other
    payer_name: str
    payer_id: str
    claim_filing_indicator: str
    group_number: str | None
    diagnoses: tuple[str, ...]
    lines: tuple[ClaimLine, ...]
    total_cents: int
    original_reference: str | None = None
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    billing_phone: str = "0000000000"
    receiver_name: str = ""

    @property
    def place_of_service(self) -> str:
        return self.lines[0].pos if self.lines else "11"

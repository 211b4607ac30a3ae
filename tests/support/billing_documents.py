"""Claim documents for tests: a clean one, and variants of it."""
from __future__ import annotations

import dataclasses
import datetime as dt

from billing.domain.claim_document import ClaimDocument, ClaimLine, Party

ADDRESS = {"line1": "1200 N Example Ave", "city": "Chicago", "state": "IL", "zip": "606221234"}
TODAY = dt.date(2026, 11, 20)


def clean_document(**changes) -> ClaimDocument:
    doc = ClaimDocument(
        claim_id="c1", patient_control_number="R0A1B2C3D4", control_number=42, frequency="1",
        billing=Party("Northside Relational Therapy", npi="1999999984", address=ADDRESS, tax_id="364198752"),
        rendering=Party("Okafor", "Maren", npi="1234567893", taxonomy="106H00000X"),
        subscriber=Party("Vale", "Robin", address={**ADDRESS, "zip": "60622"}, date_of_birth=dt.date(1988, 4, 2),
                         sex="F", member_id="PMH123456"),
        patient=None, relationship="18", payer_name="Prairie Mutual Health", payer_id="RPM01",
        claim_filing_indicator="CI", group_number="GRP100", diagnoses=("F41.1", "F33.1"),
        lines=(ClaimLine(1, "90834", 15000, dt.date(2026, 11, 2), "10", ("95",), 1, (1, 2)),),
        total_cents=15000, billing_phone="3125550100",
        created_at=dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.timezone.utc),
    )
    return dataclasses.replace(doc, **changes)


def line(number: int, cpt: str, cents: int = 15000, **changes) -> ClaimLine:
    return dataclasses.replace(ClaimLine(number, cpt, cents, dt.date(2026, 11, 2), "11", (), 1, (1,)), **changes)


def dependant_document() -> ClaimDocument:
    return clean_document(
        patient=Party("Vale", "Juniper", address=ADDRESS, date_of_birth=dt.date(2012, 6, 1), sex="M"),
        relationship="19",
    )

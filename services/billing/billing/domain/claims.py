"""A claim and its lifecycle: each move is a method that refuses what the lifecycle does not allow.

draft -> scrubbed -> submitted -> accepted | rejected -> paid | partially_paid | denied; then
corrected (replaced by a frequency-7 claim) or voided (cancelled by a frequency-8 claim); a rejected
claim goes back to draft to be fixed and sent again.
"""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from rapport_shared.errors import Conflict

from .claim_document import FREQUENCY_ORIGINAL

TRANSITIONS = {
    "draft": {"scrubbed", "draft"},
    "scrubbed": {"submitted", "draft", "scrubbed"},
    "submitted": {"accepted", "rejected", "paid", "partially_paid", "denied"},
    "accepted": {"paid", "partially_paid", "denied"},
    "rejected": {"draft", "corrected", "voided"},
    "paid": {"corrected", "voided"},
    "partially_paid": {"corrected", "voided"},
    "denied": {"corrected", "voided"},
    "corrected": set(),
    "voided": set(),
}
UNSENT = ("draft", "scrubbed")
ADJUDICATED = ("paid", "partially_paid", "denied")
PAYER_REJECTED = {"code": "payer.rejected", "field": "claim", "message": "rejected by the payer"}


def patient_control_number(claim_id: str) -> str:
    """CLM01: what the payer echoes back, unique per claim and short enough for X12."""
    return "R" + uuid.UUID(claim_id).hex[:19].upper()


@dataclass
class Claim:
    id: str
    seq: int  # the interchange control number
    practice_id: str
    client_id: str
    coverage_id: str
    payer_ref: str
    therapist_id: str
    status: str
    frequency: str
    original_claim_id: str | None
    original_reference: str | None  # the payer's number of the claim this one replaces or voids
    patient_control_number: str
    diagnoses: list[str]
    lines: list[dict]
    total_cents: int
    errors: list[dict]
    paid_cents: int
    patient_responsibility_cents: int
    payer_claim_number: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    submitted_at: dt.datetime | None
    version: int = 1

    @classmethod
    def draft(cls, *, id: str, seq: int, practice_id: str, client_id: str, coverage_id: str, payer_ref: str,
              therapist_id: str, lines: list[dict], now: dt.datetime, frequency: str = FREQUENCY_ORIGINAL,
              original: Claim | None = None) -> Claim:
        return cls(
            id=id, seq=seq, practice_id=practice_id, client_id=client_id, coverage_id=coverage_id,
            payer_ref=payer_ref, therapist_id=therapist_id, status="draft", frequency=frequency,
            original_claim_id=original.id if original else None,
            original_reference=original.payer_claim_number if original else None,
            patient_control_number=patient_control_number(id), diagnoses=[], lines=lines,
            total_cents=sum(line["charge_cents"] for line in lines), errors=[], paid_cents=0,
            patient_responsibility_cents=0, payer_claim_number=None, created_at=now, updated_at=now,
            submitted_at=None,
        )

    @property
    def sent(self) -> bool:
        return self.status not in UNSENT

    def _move(self, target: str, now: dt.datetime, doing: str) -> None:
        if target not in TRANSITIONS.get(self.status, set()):
            raise Conflict(f"a {self.status} claim cannot be {doing}", slug="claim-state")
        self.status = target
        self.updated_at = now
        self.version += 1

    def scrubbed(self, errors: list[dict], diagnoses: list[str], now: dt.datetime) -> None:
        """The scrubber's verdict: a clean unsent claim is `scrubbed`, a failing one a draft with its errors.
        A claim already sent keeps its status and only records what a scrub now finds."""
        if self.sent:
            self.updated_at, self.version = now, self.version + 1
        else:
            self._move("draft" if errors else "scrubbed", now, "scrubbed")
        self.errors, self.diagnoses = errors, diagnoses

    def reopen(self, now: dt.datetime) -> None:
        """A rejected claim, fixed since, goes round again from draft."""
        if self.status != "rejected":
            raise Conflict(f"a {self.status} claim cannot be reopened", slug="claim-state")
        self._move("draft", now, "reopened")

    def submit(self, now: dt.datetime) -> None:
        self._move("submitted", now, "submitted")
        self.submitted_at = now

    def accept(self, payer_claim_number: str | None, now: dt.datetime) -> None:
        self._move("accepted", now, "accepted")
        self.payer_claim_number = payer_claim_number or self.payer_claim_number

    def reject(self, payer_errors: list[dict], payer_claim_number: str | None, now: dt.datetime) -> None:
        self._move("rejected", now, "rejected")
        self.payer_claim_number = payer_claim_number or self.payer_claim_number
        self.errors = [{"code": "payer.rejected", "field": e.get("field", "claim"),
                        "message": e.get("message", "rejected by the payer")} for e in payer_errors] or [
            dict(PAYER_REJECTED)]

    def adjudicate(self, status: str, paid_cents: int, patient_cents: int, payer_claim_number: str | None,
                   now: dt.datetime) -> None:
        if status not in ADJUDICATED:
            raise Conflict(f"{status} is no adjudication", slug="claim-state")
        self._move(status, now, "adjudicated")
        self.paid_cents, self.patient_responsibility_cents = paid_cents, patient_cents
        self.payer_claim_number = payer_claim_number or self.payer_claim_number

    def mark_corrected(self, now: dt.datetime) -> None:
        self._move("corrected", now, "corrected")

    def mark_voided(self, now: dt.datetime) -> None:
        self._move("voided", now, "voided")

    def year_of_service(self) -> int:
        return min(int(line["service_date"][:4]) for line in self.lines)


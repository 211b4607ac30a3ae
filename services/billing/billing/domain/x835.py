"""Reading an X12 835 remittance's segments into what it says: per claim (CLP), per provider (PLB).

Lenient: a claim is read whenever its CLP can be, whatever else the file lacks; what cannot be read
is reported with its position, and a claim that cannot be read whole is still listed, never dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .x12_segments import Finding, NotX12, Segment

PAID = {"1": "processed as primary", "2": "processed as secondary", "3": "processed as tertiary",
        "19": "processed as primary, forwarded", "20": "processed as secondary, forwarded",
        "21": "processed as tertiary, forwarded"}
DENIED = {"4": "denied"}
PRIMARY = ("1", "19")  # CLP02 codes of a claim processed as primary
NOT_POSTED = {
    "22": "a reversal of an earlier payment (CLP02 22): reversals are not supported yet, post it by hand",
    "23": "the payer says it is not its claim and forwarded it (CLP02 23)",
    "25": "predetermination pricing only, no payment (CLP02 25)",
}


class BadAmount(ValueError):
    """An element that should hold an amount does not."""


MAX_AMOUNT_LENGTH = 18  # X12's R (decimal) element
MAX_AMOUNT_DIGITS = 13  # dollars before the point: ten trillion is more than any remittance holds


def cents(value: str) -> int:
    """Dollars as written in X12 ("150", "150.5", "-12.00") in integer cents."""
    try:
        amount = Decimal(value or "0")
    except InvalidOperation as exc:
        raise BadAmount(f"not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise BadAmount(f"not an amount: {value!r}")
    # X12 writes an amount in at most 18 characters; "1E+999998" is short but no payer's sum, and would
    # overflow the arithmetic (and a BIGINT column) rather than read as one.
    if len(value) > MAX_AMOUNT_LENGTH or (amount and amount.adjusted() >= MAX_AMOUNT_DIGITS):
        raise BadAmount(f"not an amount: {value[:20]!r}{'...' * (len(value) > 20)} is out of range")
    return int((amount * 100).to_integral_value())


@dataclass
class RemittanceClaim:
    """One CLP: what the payer decided about one of the provider's claims."""

    segment: int
    payer: str
    payee_npi: str | None
    patient_control_number: str
    status_code: str
    charge_cents: int = 0
    paid_cents: int = 0
    patient_cents: int = 0
    payer_claim_number: str = ""
    lines: list[dict] = field(default_factory=list)
    adjustments: list[dict] = field(default_factory=list)  # claim-level CAS
    problems: list[Finding] = field(default_factory=list)  # what makes it unusable

    @property
    def status(self) -> str | None:
        """paid, partially_paid or denied; None when this kind of CLP is not posted. A claim processed as primary
        that pays nothing and leaves nothing to the patient is denied: payers often send denials that way. A
        secondary payer paying nothing has mostly left the claim to the primary's payment (OA 23): processed."""
        if self.status_code in DENIED:
            return "denied"
        if self.status_code not in PAID:
            return None
        every_adjustment = self.adjustments + [a for line in self.lines for a in line["adjustments"]]
        if self.status_code in PRIMARY and _denied({"paid_cents": self.paid_cents, "adjustments": every_adjustment}):
            return "denied"
        return "partially_paid" if self.paid_cents > 0 and any(map(_denied, self.lines)) else "paid"

    @property
    def not_posted_because(self) -> str | None:
        """Why this claim cannot be posted whatever it matches, or None."""
        if self.problems:
            return "; ".join(f"{p.element or p.segment_id}: {p.message}" for p in self.problems)
        if self.status is None:
            return NOT_POSTED.get(self.status_code, f"claim status {self.status_code!r} (CLP02) is not one we post")
        return None

    def as_adjudication(self) -> dict:
        return {"status": self.status, "paid_cents": self.paid_cents, "payer_claim_number": self.payer_claim_number,
                "lines": self.lines}


def _denied(line: dict) -> bool:
    """A service line (or a whole claim) the payer paid nothing on and allowed nothing for: what it did not pay
    is adjusted away, none of it left to the patient. A line paid 0 because its whole allowed amount went to the
    deductible or a copay (PR) was processed, not denied."""
    adjustments = line["adjustments"]
    return line["paid_cents"] == 0 and any(a["group"] != "PR" for a in adjustments) \
        and not any(a["group"] == "PR" and a["amount_cents"] > 0 for a in adjustments)


@dataclass
class Remittance:
    claims: list[RemittanceClaim] = field(default_factory=list)
    provider_adjustments: list[dict] = field(default_factory=list)  # PLB: reported, not posted
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)


class _Reading:
    """The state of a pass over the segments: the payer, payee, claim and service line being read."""

    def __init__(self) -> None:
        self.found = Remittance()
        self.in_835 = False
        self.payer = ""
        self.payee_npi: str | None = None
        self.claim: RemittanceClaim | None = None
        self.line: dict | None = None
        self.payment: tuple[Segment, int] | None = None  # the set's BPR and the payment it states (BPR02)
        self.paid = self.provider_adjusted = 0  # the set's CLP04 and PLB amounts, summed
        self.unreadable = False  # an amount of the set could not be read: its sums are not checked

    def amount(self, seg: Segment, position: int, problems: list[Finding], required: bool = True) -> int:
        """The element's amount in cents; a missing required one is a problem, not 0.00 (a claim or line
        read as paid nothing would post as such)."""
        if required and not seg.value(position):
            problems.append(Finding(seg.index, seg.id, seg.element(position), "no amount"))
            return 0
        try:
            return cents(seg.value(position))
        except BadAmount as exc:
            problems.append(Finding(seg.index, seg.id, seg.element(position), str(exc)))
            return 0

    def read(self, seg: Segment) -> None:
        if seg.id == "ST":
            self.check_payment()  # a set left without its SE
            self.in_835 = seg.value(1) == "835"
            self.payer, self.payee_npi, self.claim, self.line = "", None, None, None
            if not self.in_835:
                self.found.warnings.append(Finding(seg.index, "ST", "ST01",
                                                   f"a {seg.value(1) or 'blank'} transaction set, not an 835: skipped"))
        elif not self.in_835:
            return
        elif seg.id == "BPR":
            self.bpr(seg)
        elif seg.id == "N1" and seg.value(1) == "PR":
            self.payer = seg.value(2)
        elif seg.id == "N1" and seg.value(1) == "PE":
            self.payee_npi = seg.value(4) if seg.value(3) == "XX" else None
        elif seg.id == "CLP":
            self.clp(seg)
        elif seg.id == "SVC":
            self.svc(seg)
        elif seg.id == "CAS":
            self.cas(seg)
        elif seg.id == "PLB":
            self.plb(seg)
        elif seg.id == "SE":
            self.check_payment()
            self.claim = self.line = None

    def bpr(self, seg: Segment) -> None:
        """The payment the set states (BPR02), a debit (BPR03 D) taken as negative; none when it cannot be
        read (the validator reports a BPR02 left out or malformed)."""
        try:
            stated = cents(seg.value(2)) if seg.value(2) else None
        except BadAmount:
            stated = None
        if stated is not None:
            self.payment = (seg, -stated if seg.value(3) == "D" else stated)

    def check_payment(self) -> None:
        """A set's payment is what its claims paid less its provider adjustments (BPR02 = sum of CLP04 - sum of
        PLB amounts). A payer's file that does not add up is read as sent, each claim posted on its own amounts:
        the difference is a warning at the BPR, for whoever reconciles the deposit."""
        if self.payment is not None and not self.unreadable:
            seg, stated = self.payment
            if stated != self.paid - self.provider_adjusted:
                self.found.warnings.append(Finding(seg.index, "BPR", "BPR02", (
                    f"payment {stated} != claims paid {self.paid} - provider adjustments {self.provider_adjusted}")))
        self.payment, self.paid, self.provider_adjusted, self.unreadable = None, 0, 0, False

    def clp(self, seg: Segment) -> None:
        claim = RemittanceClaim(segment=seg.index, payer=self.payer, payee_npi=self.payee_npi,
                                patient_control_number=seg.value(1), status_code=seg.value(2),
                                payer_claim_number=seg.value(7))
        for position, name in ((1, "patient control number"), (2, "claim status")):
            if not seg.value(position):
                claim.problems.append(Finding(seg.index, "CLP", seg.element(position), f"no {name}"))
        claim.charge_cents = self.amount(seg, 3, claim.problems)
        claim.paid_cents = self.amount(seg, 4, claim.problems)
        claim.patient_cents = self.amount(seg, 5, claim.problems, required=False)  # situational
        self.found.claims.append(claim)
        self.found.errors.extend(claim.problems)
        self.claim, self.line = claim, None
        self.paid += claim.paid_cents
        self.unreadable = self.unreadable or any(p.element == "CLP04" for p in claim.problems)

    def svc(self, seg: Segment) -> None:
        if self.claim is None:
            self.found.warnings.append(Finding(seg.index, "SVC", None, "a service line outside any claim: ignored"))
            return
        problems: list[Finding] = []
        self.line = {"line_number": len(self.claim.lines) + 1, "cpt": seg.value(1, 2),
                     "charge_cents": self.amount(seg, 2, problems), "paid_cents": self.amount(seg, 3, problems),
                     "adjustments": []}
        self.claim.lines.append(self.line)
        self.claim.problems.extend(problems)
        self.found.errors.extend(problems)

    def cas(self, seg: Segment) -> None:
        if self.claim is None:
            self.found.warnings.append(Finding(seg.index, "CAS", None, "an adjustment outside any claim: ignored"))
            return
        problems: list[Finding] = []
        target = self.line["adjustments"] if self.line is not None else self.claim.adjustments
        for position in range(2, 20, 3):  # up to six reason / amount / quantity triplets
            if seg.value(position):
                target.append({"group": seg.value(1), "reason": seg.value(position),
                               "amount_cents": self.amount(seg, position + 1, problems)})
        self.claim.problems.extend(problems)
        self.found.errors.extend(problems)

    def plb(self, seg: Segment) -> None:
        for position in range(3, 15, 2):  # up to six reason:reference / amount pairs
            if seg.value(position):
                problems: list[Finding] = []
                amount = self.amount(seg, position + 1, problems)
                self.found.errors.extend(problems)
                self.provider_adjusted += amount
                self.unreadable = self.unreadable or bool(problems)
                self.found.provider_adjustments.append({
                    "segment": seg.index, "provider_id": seg.value(1), "fiscal_period": seg.value(2),
                    "reason": seg.value(position, 1), "reference": seg.value(position, 2) or None,
                    "amount_cents": amount, "payer": self.payer})


def read_835(segments: list[Segment]) -> Remittance:
    """What the 835 transaction sets among these segments say; NotX12 when there is none."""
    if not any(seg.id == "ST" and seg.value(1) == "835" for seg in segments):
        first = next((seg for seg in segments if seg.id == "ST"), None)
        if first is not None:
            raise NotX12(Finding(first.index, "ST", "ST01", "no 835 transaction set in the interchange"))
        last = segments[-1] if segments else None  # where reading stopped, finding no ST at all
        raise NotX12(Finding(last.index if last else 1, last.id if last else None, None,
                             "no 835 transaction set in the interchange: it has no ST segment"))
    reading = _Reading()
    for seg in segments:
        reading.read(seg)
    reading.check_payment()  # the last set, if it had no SE
    for claim in reading.found.claims:
        reading.found.warnings.extend(balance_warnings(claim))
    return reading.found


def balance_warnings(claim: RemittanceClaim) -> list[Finding]:
    """Where the payer's own amounts do not add up: charge = paid + adjustments, per line and per claim."""
    warnings = []
    for line in claim.lines:
        adjusted = sum(a["amount_cents"] for a in line["adjustments"])
        if line["charge_cents"] != line["paid_cents"] + adjusted:
            warnings.append(Finding(claim.segment, "CLP", None, f"service line {line['line_number']}: charge "
                                    f"{line['charge_cents']} != paid {line['paid_cents']} + adjustments {adjusted}"))
    adjusted = sum(a["amount_cents"] for a in claim.adjustments) + sum(
        a["amount_cents"] for line in claim.lines for a in line["adjustments"])
    if claim.status_code not in NOT_POSTED and claim.charge_cents != claim.paid_cents + adjusted:
        warnings.append(Finding(claim.segment, "CLP", None, f"claim charge {claim.charge_cents} != paid "
                                f"{claim.paid_cents} + adjustments {adjusted}"))
    return warnings

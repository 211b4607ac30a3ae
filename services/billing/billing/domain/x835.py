"""Reading an X12 835 remittance into the adjudications it carries (one per CLP claim)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any


class Unreadable835(ValueError):
    """The text is not an 835 we can read."""


def cents(value: str) -> int:
    try:
        return int((Decimal(value or "0") * 100).to_integral_value())
    except InvalidOperation as exc:
        raise Unreadable835(f"not an amount: {value!r}") from exc


CLP_STATUS = {"1": "paid", "2": "paid", "3": "paid", "4": "denied"}


def parse_835(text: str) -> list[dict]:
    """Adjudications: {patient_control_number, payer_claim_number, status, paid_cents, lines}."""
    text = text.strip()
    if not text.startswith("ISA") or len(text) < 106:
        raise Unreadable835("an 835 starts with an ISA segment")
    element, component, terminator = text[3], text[104], text[105]
    segments = [s.strip().split(element) for s in text.split(terminator) if s.strip()]
    if not any(seg[0] == "ST" and len(seg) > 1 and seg[1] == "835" for seg in segments):
        raise Unreadable835("no 835 transaction set in the interchange")
    claims: list[dict[str, Any]] = []
    claim: dict[str, Any] | None = None
    line: dict[str, Any] | None = None
    for seg in segments:
        tag = seg[0]
        if tag == "CLP":
            if len(seg) < 8:
                raise Unreadable835("CLP segment too short")
            if seg[2] not in CLP_STATUS:
                raise Unreadable835(f"claim status {seg[2]} is not supported")
            claim = {"patient_control_number": seg[1], "clp_status": seg[2], "charge_cents": cents(seg[3]),
                     "paid_cents": cents(seg[4]), "payer_claim_number": seg[7], "lines": [], "adjustments": []}
            claims.append(claim)
            line = None
        elif tag == "SVC" and claim is not None:
            procedure = seg[1].split(component)
            line = {"line_number": len(claim["lines"]) + 1, "cpt": procedure[1] if len(procedure) > 1 else "",
                    "charge_cents": cents(seg[2]), "paid_cents": cents(seg[3]), "adjustments": []}
            claim["lines"].append(line)
        elif tag == "CAS" and claim is not None:
            target = line["adjustments"] if line is not None else claim["adjustments"]
            group = seg[1]
            for index in range(2, len(seg) - 1, 3):  # up to six reason/amount/quantity triplets
                if seg[index]:
                    target.append({"group": group, "reason": seg[index], "amount_cents": cents(seg[index + 1])})
    for claim in claims:
        denied_line = any(line["paid_cents"] == 0 and any(a["group"] != "PR" for a in line["adjustments"])
                          for line in claim["lines"])
        status = CLP_STATUS[claim["clp_status"]]
        if status == "paid" and denied_line and claim["paid_cents"] > 0:
            status = "partially_paid"
        claim["status"] = status
    return claims

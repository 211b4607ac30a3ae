"""Checking an insurer's adjudication before it is posted: the money must reconcile."""
from __future__ import annotations

PATIENT_GROUP = "PR"
DEDUCTIBLE, COINSURANCE, COPAY = "1", "2", "3"


def reconciliation_errors(claim_lines: list[dict], adjudication: dict) -> list[str]:
    """Why the adjudication cannot be posted against these claim lines (empty when it can)."""
    errors = []
    by_number = {line["line_number"]: line for line in claim_lines}
    seen = set()
    for line in adjudication["lines"]:
        number = line["line_number"]
        if number not in by_number:
            errors.append(f"line {number} is not on the claim")
            continue
        seen.add(number)
        if line["charge_cents"] != by_number[number]["charge_cents"]:
            errors.append(f"line {number}: charge {line['charge_cents']} is not the claim's")
        adjusted = sum(adj["amount_cents"] for adj in line["adjustments"])
        if line["charge_cents"] != line["paid_cents"] + adjusted:
            errors.append(f"line {number}: charge != paid + adjustments ({line['charge_cents']} != "
                          f"{line['paid_cents']} + {adjusted})")
        if line["paid_cents"] < 0:
            errors.append(f"line {number}: negative payment")
    if seen != set(by_number):
        errors.append("not every claim line was adjudicated")
    if adjudication["paid_cents"] != sum(line["paid_cents"] for line in adjudication["lines"]):
        errors.append("paid amount is not the sum of the lines' payments")
    return errors


def patient_parts(adjudication: dict) -> dict:
    """The patient's responsibility by kind (deductible, coinsurance, copay, other)."""
    parts = {"deductible": 0, "coinsurance": 0, "copay": 0, "other": 0}
    names = {DEDUCTIBLE: "deductible", COINSURANCE: "coinsurance", COPAY: "copay"}
    for line in adjudication["lines"]:
        for adj in line["adjustments"]:
            if adj["group"] == PATIENT_GROUP:
                parts[names.get(adj["reason"], "other")] += adj["amount_cents"]
    return parts


def line_patient_share(line: dict) -> int:
    """What the patient owes for one adjudicated line: all its PR adjustments (deductible, coinsurance,
    copay and any other PR reason), as posting puts the whole of them on the client's balance."""
    return sum(adj["amount_cents"] for adj in line["adjustments"] if adj["group"] == PATIENT_GROUP)


def adjustment_totals(adjudication: dict) -> list[dict]:
    """The adjudication's adjustments summed per group and reason over its lines, in the payer's order."""
    totals: dict[tuple[str, str], int] = {}
    for line in adjudication["lines"]:
        for adj in line["adjustments"]:
            key = (adj["group"], adj["reason"])
            totals[key] = totals.get(key, 0) + adj["amount_cents"]
    return [{"group": group, "reason": reason, "amount_cents": cents} for (group, reason), cents in totals.items()]


def line_decision(adjudication: dict, line_number: int) -> tuple[int, int] | None:
    """(paid, patient share) of one claim line, or None when the adjudication does not carry it."""
    for line in adjudication["lines"]:
        if line["line_number"] == line_number:
            return line["paid_cents"], line_patient_share(line)
    return None

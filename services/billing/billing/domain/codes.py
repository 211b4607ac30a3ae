"""Code rules: NPI check digits, ICD-10-CM format, psychotherapy CPT selection and add-on pairs."""
from __future__ import annotations

import re

# ICD-10-CM: a letter, a digit, an alphanumeric, then optionally a dot and 1-4 alphanumerics.
ICD10_PATTERN = re.compile(r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")

PSYCHOTHERAPY = ("90832", "90834", "90837")
FAMILY = ("90846", "90847")
INTERACTIVE_COMPLEXITY = "90785"
CRISIS = ("90839", "90840")
# Services this practice bills (billing.md, APA psychotherapy codes).
KNOWN_CPTS = frozenset({"90791", "90792", *PSYCHOTHERAPY, "90833", "90836", "90838", *FAMILY, "90853",
                        *CRISIS, INTERACTIVE_COMPLEXITY})
ADD_ONS = frozenset({INTERACTIVE_COMPLEXITY, "90840", "90833", "90836", "90838"})
INTERACTIVE_COMPLEXITY_WITH = frozenset({"90791", "90792", "90832", "90834", "90837", "90833", "90836",
                                         "90838", "90853"})
RELATIONSHIP_DISTRESS = "Z63.0"


def npi_valid(npi: str | None) -> bool:
    """Luhn check over the NPI with the 80840 prefix (CMS NPI check digit)."""
    if not npi or not re.fullmatch(r"[12][0-9]{9}", npi):
        return False
    digits = [int(d) for d in "80840" + npi]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def icd10_valid(code: str | None) -> bool:
    return code is not None and ICD10_PATTERN.match(code) is not None


def icd10_for_x12(code: str) -> str:
    """X12 carries ICD-10 codes without the decimal point."""
    return code.replace(".", "")


def psychotherapy_code(minutes: int) -> str | None:
    """90832 16-37 min, 90834 38-52, 90837 53+; under 16 minutes is not billable."""
    if minutes < 16:
        return None
    if minutes <= 37:
        return "90832"
    if minutes <= 52:
        return "90834"
    return "90837"


def billable_code(requested: str, minutes: int) -> str | None:
    """The CPT to bill for a completed session, or None when it is not billable."""
    if requested in PSYCHOTHERAPY:
        return psychotherapy_code(minutes)
    if requested in FAMILY:
        return requested if minutes >= 26 else None  # the "50 minute" codes need at least 26
    if requested in KNOWN_CPTS and requested not in ADD_ONS:
        return requested if minutes > 0 else None
    return None


def add_on_errors(codes: list[str]) -> list[tuple[str, str]]:
    """(code, message) for add-on pairs the CPT rules forbid on one claim."""
    errors = []
    present = set(codes)
    if INTERACTIVE_COMPLEXITY in present:
        primaries = present - {INTERACTIVE_COMPLEXITY}
        if not primaries & INTERACTIVE_COMPLEXITY_WITH:
            errors.append(("cpt.addon_without_primary", "90785 needs a primary service it may be added to"))
        for code in sorted(primaries & {"90846", "90847", "90839", "90840"}):
            errors.append(("cpt.addon_incompatible", f"90785 may not be billed with {code}"))
    if "90840" in present and "90839" not in present:
        errors.append(("cpt.addon_without_primary", "90840 needs 90839 on the same claim"))
    if "90839" in present and present & {"90791", *PSYCHOTHERAPY}:
        errors.append(("cpt.incompatible", "90839 may not be billed with 90791 or 90832-90837"))
    return errors

"""National Provider Identifier: 10 digits whose last is a Luhn check digit over the prefix 80840."""
from __future__ import annotations

from rapport_shared.errors import Invalid


def is_valid_npi(value: str) -> bool:
    if len(value) != 10 or not value.isdigit():
        return False
    digits = [int(c) for c in "80840" + value[:9]]
    total = 0
    # Luhn: double every second digit from the right of the payload (the check digit excluded).
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10 == int(value[9])


def check_npi(value: str | None, field: str = "npi") -> str | None:
    if value is not None and not is_valid_npi(value):
        raise Invalid(f"{value!r} is not a valid NPI (10 digits with a Luhn check digit)", slug="invalid-npi",
                      errors=[{"in": "json", "field": field, "message": "not a valid NPI"}])
    return value

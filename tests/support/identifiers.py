"""Made-up identifiers that pass the checks real ones must (NPI check digit)."""
from __future__ import annotations

import random


def npi() -> str:
    """A random 10-digit NPI whose last digit is the Luhn check over the 80840 prefix."""
    body = "1" + "".join(random.choice("0123456789") for _ in range(8))
    digits = [int(d) for d in "80840" + body]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 0:  # doubled: the check digit will sit to their right
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return body + str((10 - total % 10) % 10)

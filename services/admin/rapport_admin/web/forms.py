"""Reading form fields into API bodies: blanks left out, lists from commas, dollars to cents."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import request


def text(*names: str) -> dict:
    """The named fields that were filled in."""
    return {name: request.form[name].strip() for name in names if request.form.get(name, "").strip()}


def listed(*names: str) -> dict:
    """Comma-separated fields as lists; checkbox groups as the boxes ticked."""
    found = {}
    for name in names:
        values = request.form.getlist(name)
        items = [part.strip() for value in values for part in value.split(",") if part.strip()]
        if items:
            found[name] = items
    return found


def cents(name: str) -> int | None:
    """A dollar amount typed as 25, 25.00 or $1,025.50; None when it is not one."""
    try:
        value = Decimal(request.form.get(name, "").replace("$", "").replace(",", "").strip())
    except InvalidOperation:
        return None
    if value <= 0 or value != value.quantize(Decimal("0.01")):
        return None
    return int(value * 100)

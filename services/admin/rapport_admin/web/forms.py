"""Reading form fields into API bodies: blanks left out, lists from commas, dollars to cents.

A number, amount, date or name that cannot be used raises `Invalid` before anything is sent to the API. It is an
`ApiProblem` of the API's own 422 shape, so it is reported as the API's are: `perform` flashes it and goes back to
the form, and a page that cannot be shown answers the styled problem page naming the field. Never a 500.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urlsplit

from flask import request
from werkzeug.datastructures import MultiDict

from ..api import ApiProblem

FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)  # the dates the API takes
MAX_CENTS = 100_000_000  # $1,000,000.00, the API's largest payment
DOLLARS = re.compile(r"[0-9]{1,7}(\.[0-9]{0,2})?|\.[0-9]{1,2}", re.ASCII)  # then bounded by MAX_CENTS
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
CLOCK = re.compile(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?", re.ASCII)
PATH_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}", re.ASCII)  # no "/", no "..": one path segment
MAX_PATH = 2000


class Invalid(ApiProblem):
    """A field the console refuses before calling the API, as the API would refuse it: 422, naming the field."""

    def __init__(self, field: str, message: str):
        super().__init__(422, "Unprocessable Entity", "A value in the form cannot be used.",
                         [{"field": field, "message": message}])


def _raw(name: str, source: MultiDict | None) -> str:
    return (request.form if source is None else source).get(name, "").strip()


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


def whole(name: str, low: int, high: int, default: int | None = None, source: MultiDict | None = None) -> int:
    """A whole number from `low` to `high` (digits only); `default` when blank, required if there is none."""
    raw = _raw(name, source)
    if not raw and default is not None:
        return default
    # ASCII digits only, and no more of them than `high` has: int() would take "²" or "٣" (then fail) or spend
    # its time on thousands of digits.
    if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(high)) or not low <= int(raw) <= high:
        raise Invalid(name, f"Give a whole number from {low} to {high}.")
    return int(raw)


def date(name: str, default: dt.date | None = None, source: MultiDict | None = None) -> dt.date:
    """A date as YYYY-MM-DD, 1900 to 2100; `default` when blank, required if there is none."""
    raw = _raw(name, source)
    if not raw and default is not None:
        return default
    try:
        if ISO_DATE.fullmatch(raw) and FIRST_DATE <= (value := dt.date.fromisoformat(raw)) <= LAST_DATE:
            return value
    except ValueError:  # 2026-02-30
        pass
    raise Invalid(name, f"Give a date from {FIRST_DATE} to {LAST_DATE}, as YYYY-MM-DD.")


def clock(name: str) -> dt.time:
    """A time of day as HH:MM (required)."""
    raw = _raw(name, None)
    try:
        if CLOCK.fullmatch(raw):
            return dt.time.fromisoformat(raw)
    except ValueError:  # 25:00
        pass
    raise Invalid(name, "Give a time of day as HH:MM, e.g. 09:30.")


def cents(name: str) -> int:
    """A dollar amount typed as 25, 25.00 or $1,025.50, above zero, at most 2 decimals and $1,000,000.00."""
    raw = request.form.get(name, "").replace("$", "").replace(",", "").strip()
    # A plain decimal only: Decimal() would also take NaN, Infinity, 1e400 and thousands of digits.
    amount = int(Decimal(raw) * 100) if DOLLARS.fullmatch(raw) else 0
    if not 0 < amount <= MAX_CENTS:
        raise Invalid(name, f"Give the amount in dollars and cents, above zero and at most "
                            f"${MAX_CENTS // 100:,}.00, e.g. 30.00.")
    return amount


def path_name(name: str) -> str:
    """A name put into an API path as one segment (letters, digits, '.', '_', '-'): never '/', '..' or a query."""
    raw = _raw(name, None)
    if not PATH_NAME.fullmatch(raw):
        raise Invalid(name, "Not a name this page offers.")
    return raw


def local_path(name: str, default: str) -> str:
    """Where to go next, from a form field: a path on this site only ("/console/..."), else `default`. A full URL,
    "//host", "/\\host" or anything a browser could read as another site never becomes a redirect."""
    raw = request.form.get(name, "")
    # Browsers drop tabs and newlines ("/\t/evil" is "//evil") and read "\\" as "/": none of them is let through.
    if (not raw.startswith("/") or raw.startswith(("//", "/\\")) or len(raw) > MAX_PATH or not raw.isascii()
            or "\\" in raw or any(ch <= " " or ch == "\x7f" for ch in raw)):
        return default
    parts = urlsplit(raw)
    return raw if not parts.scheme and not parts.netloc else default

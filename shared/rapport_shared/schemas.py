"""The base of every request schema, and the shapes all services share (an address).

Every string a client sends is trimmed, and one carrying NUL, another control character (tab,
newline and carriage return aside) or a lone surrogate is refused with the field named: such text
cannot be stored faithfully (PostgreSQL refuses NUL, UTF-8 refuses surrogates) or shown safely.
A field whose exact bytes matter (a password) says so with `metadata={"trim": False}`.
"""
from __future__ import annotations

import re
from typing import Any

import marshmallow as ma
from marshmallow import validate

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _problems(value: Any, path: str) -> dict[str, list[str]]:
    if isinstance(value, str):
        match = _FORBIDDEN.search(value)
        if match is None:
            return {}
        what = "NUL characters" if match.group() == "\x00" else (
            "unpaired surrogates" if "\ud800" <= match.group() <= "\udfff" else "control characters")
        return {path or "_": [f"{what} are not allowed"]}
    if isinstance(value, dict):
        found: dict[str, list[str]] = {}
        for key, item in value.items():
            found.update(_problems(item, f"{path}.{key}" if path else str(key)))
        return found
    if isinstance(value, list):
        found = {}
        for index, item in enumerate(value):
            found.update(_problems(item, f"{path}.{index}" if path else str(index)))
        return found
    return {}


def _trimmed(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [_trimmed(item) for item in value]
    return value


class Input(ma.Schema):
    """Every request shape: unknown fields refused, strings trimmed, unsafe characters refused."""

    class Meta:
        unknown = ma.RAISE
        ordered = True

    @ma.pre_load
    def clean_text(self, data: Any, **_kwargs: Any) -> Any:
        if not isinstance(data, dict):
            return data  # marshmallow answers "Invalid input type" itself
        problems = _problems(data, "")
        if problems:
            raise ma.ValidationError(problems)
        cleaned = {}
        for key, value in data.items():
            declared = self.fields.get(key)
            keep = declared is not None and declared.metadata.get("trim") is False
            cleaned[key] = value if keep else _trimmed(value)
        return cleaned


US_STATE = validate.Regexp(r"^[A-Z]{2}$", error="a two-letter US state code, e.g. IL")
US_ZIP = validate.Regexp(r"^\d{5}(\d{4})?$", error="a US ZIP code: 5 or 9 digits, no hyphen")


class Address(Input):
    """A US postal address (lengths fit an X12 N3/N4 segment)."""

    line1 = ma.fields.String(required=True, validate=validate.Length(1, 55))
    line2 = ma.fields.String(allow_none=True, validate=validate.Length(max=55))
    city = ma.fields.String(required=True, validate=validate.Length(1, 30))
    state = ma.fields.String(required=True, validate=US_STATE)
    zip = ma.fields.String(required=True, validate=US_ZIP)

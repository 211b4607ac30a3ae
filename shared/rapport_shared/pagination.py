"""Opaque cursors for keyset pagination, and the page shape every list endpoint follows."""
from __future__ import annotations

import base64
import json
from typing import Any

import marshmallow as ma

MAX_LIMIT = 100
DEFAULT_LIMIT = 20


class InvalidCursor(ValueError):
    pass


def encode_cursor(position: dict[str, Any]) -> str:
    raw = json.dumps(position, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> dict[str, Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursor("cursor is not one this API issued") from exc
    if not isinstance(value, dict):
        raise InvalidCursor("cursor is not one this API issued")
    return value


class PageArgs(ma.Schema):
    """The query arguments every list endpoint takes; subclass it to add filters."""

    limit = ma.fields.Integer(load_default=DEFAULT_LIMIT, validate=ma.validate.Range(min=1, max=MAX_LIMIT))
    cursor = ma.fields.String(validate=ma.validate.Length(max=500))


def page_schema(name: str, item: type[ma.Schema]) -> type[ma.Schema]:
    """The one page shape: `{items: [item], next_cursor}` (null on the last page)."""
    return type(name, (ma.Schema,), {
        "items": ma.fields.List(ma.fields.Nested(item)),
        "next_cursor": ma.fields.String(allow_none=True),
    })

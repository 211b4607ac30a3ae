"""Opaque cursors for keyset pagination, and the page-size rule every list endpoint follows."""
from __future__ import annotations

import base64
import json
from typing import Any

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

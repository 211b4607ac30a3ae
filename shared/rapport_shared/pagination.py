"""Keyset pagination, the one way every list pages: opaque cursors, `limit + 1` fetched, one shape.

A cursor is the sort key of a page's last item, named by column, so one list's cursor is refused
by a list ordered otherwise. `Keyset` (in `keyset.py`) turns it into SQL; this module has no
SQLAlchemy so service layers and fakes can page too.
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import marshmallow as ma

from .errors import Invalid
from .schemas import storable

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
T = TypeVar("T")


class InvalidCursor(Invalid):
    def __init__(self, detail: str = "cursor is not one this API issued"):
        super().__init__(detail, slug="invalid-cursor")


def encode_cursor(position: dict[str, Any]) -> str:
    raw = json.dumps(position, separators=(",", ":"), sort_keys=True, default=_plain).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> dict[str, Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursor() from exc
    if not isinstance(value, dict) or not all(_storable(v) for v in value.values()):
        raise InvalidCursor()
    return value


def _storable(value: Any) -> bool:
    """A cursor is unsigned, so anyone can forge one: text no request may carry (NUL, which PostgreSQL cannot
    hold; a lone surrogate) names no position and must not reach a query as a 500."""
    return not isinstance(value, str) or storable(value)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be in a cursor")


@dataclass(frozen=True)
class SortKey:
    """One part of a list's order: the item attribute (and column) `name`, its direction, and how
    a cursor's JSON value turns back into a value of the column's type."""

    name: str
    descending: bool = False
    parse: Callable[[Any], Any] = str


def aware_datetime(value: Any) -> dt.datetime:
    when = dt.datetime.fromisoformat(str(value))
    if when.tzinfo is None:
        raise ValueError("a cursor's time is always aware")
    # In UTC, as the columns hold it: a forged year 1 at +14:00 or 9999 at -14:00 has no UTC time (OverflowError),
    # which would otherwise surface only when the value is bound to a query.
    return when.astimezone(dt.timezone.utc)


# What a cursor's numbers may be: what the INTEGER columns (and expressions) lists are sorted by hold, and finite.
# A cursor is unsigned, so a forged 2**31 or 10**30 would otherwise reach a query as a 500 (PostgreSQL casts it to
# the column's type and finds it out of range; SQLite cannot bind past 64 bits), and Infinity names no row we listed.
# A list sorted by a BIGINT column would need this wider.
_INTEGER = range(-(2**31), 2**31)


def _plausible(value: Any) -> bool:
    if isinstance(value, int):
        return value in _INTEGER
    return not isinstance(value, float) or math.isfinite(value)


@dataclass
class Page(Generic[T]):
    """The one page shape: `{items, next_cursor}` (null on the last page)."""

    items: list[T] = field(default_factory=list)
    next_cursor: str | None = None


class Order:
    """A list's sort order, e.g. `Order(SortKey("created_at", True, aware_datetime), SortKey("id", True))`."""

    def __init__(self, *keys: SortKey):
        self.keys = keys
        self.names = tuple(key.name for key in keys)

    def position(self, cursor: str | None) -> tuple | None:
        """The sort key a cursor names, typed again; None for the first page."""
        if not cursor:
            return None
        raw = decode_cursor(cursor)
        if sorted(raw) != sorted(self.names):
            raise InvalidCursor()
        try:
            position = tuple(key.parse(raw[key.name]) for key in self.keys)
        except (TypeError, ValueError, OverflowError) as exc:
            raise InvalidCursor() from exc
        if not all(_plausible(value) for value in position):
            raise InvalidCursor()
        return position

    def page(self, fetched: Sequence[T], limit: int) -> Page[T]:
        """A page from `limit + 1` fetched items: the extra one says a next page exists."""
        items = list(fetched[:limit])
        if len(fetched) <= limit or not items:
            return Page(items, None)
        last = items[-1]
        get = last.get if isinstance(last, dict) else lambda name: getattr(last, name)
        return Page(items, encode_cursor({name: get(name) for name in self.names}))

    def sorted(self, items: Sequence[T], after: tuple | None, limit: int) -> list[T]:
        """In-memory keyset paging (fakes, merged lists): what `Keyset.apply` does in SQL."""
        def key(item):
            get = item.get if isinstance(item, dict) else lambda name: getattr(item, name)
            return tuple(get(name) for name in self.names)

        def after_position(item) -> bool:
            for sort, mine, theirs in zip(self.keys, key(item), after or (), strict=False):
                if mine != theirs:
                    return mine < theirs if sort.descending else mine > theirs
            return False

        chosen = [item for item in items if after is None or after_position(item)]
        for index in reversed(range(len(self.keys))):  # stable sorts, least significant key first
            chosen.sort(key=functools.partial(_nth, key, index), reverse=self.keys[index].descending)
        return chosen[: limit + 1]


def _nth(key: Callable[[Any], tuple], index: int, item: Any) -> Any:
    return key(item)[index]


NEWEST_FIRST = Order(SortKey("created_at", True, aware_datetime), SortKey("id", True))


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

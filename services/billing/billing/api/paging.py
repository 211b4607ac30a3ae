"""Keyset pages by (a timestamp, id), newest first, behind opaque cursors.

The timestamp is `created_at` unless a list says otherwise (payments page on `posted_at`); a cursor
names its key, so one list's cursor is refused by another that pages on a different key.
"""
import datetime as dt

from rapport_shared.errors import Invalid
from rapport_shared.pagination import InvalidCursor, decode_cursor, encode_cursor


def page_after(args: dict, key: str = "created_at") -> tuple[dt.datetime, str] | None:
    if not args.get("cursor"):
        return None
    try:
        position = decode_cursor(args["cursor"])
        when = dt.datetime.fromisoformat(str(position[key]))
        if when.tzinfo is None:
            raise ValueError("a cursor's time is always aware")  # ours are; a naive one could not be bound
        return when, str(position["id"])
    except (InvalidCursor, KeyError, ValueError) as exc:
        raise Invalid("cursor is not one this API issued", slug="invalid-cursor") from exc


def page(items: list[dict], limit: int, key: str = "created_at") -> dict:
    """`items` fetched with limit + 1: the extra one says whether a next page exists."""
    more = len(items) > limit
    items = items[:limit]
    cursor = encode_cursor({key: items[-1][key].isoformat(), "id": items[-1]["id"]}) if more else None
    return {"items": items, "next_cursor": cursor}

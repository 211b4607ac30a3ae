"""Keyset pages by (created_at, id), newest first, behind opaque cursors."""
import datetime as dt

from rapport_shared.errors import Invalid
from rapport_shared.pagination import InvalidCursor, decode_cursor, encode_cursor


def page_after(args: dict) -> tuple[dt.datetime, str] | None:
    if not args.get("cursor"):
        return None
    try:
        position = decode_cursor(args["cursor"])
        return dt.datetime.fromisoformat(str(position["created_at"])), str(position["id"])
    except (InvalidCursor, KeyError, ValueError) as exc:
        raise Invalid("cursor is not one this API issued", slug="invalid-cursor") from exc


def page(items: list[dict], limit: int) -> dict:
    """`items` fetched with limit + 1: the extra one says whether a next page exists."""
    more = len(items) > limit
    items = items[:limit]
    cursor = encode_cursor({"created_at": items[-1]["created_at"].isoformat(), "id": items[-1]["id"]}) if more else None
    return {"items": items, "next_cursor": cursor}

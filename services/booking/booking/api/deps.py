"""What views need per request."""
from flask import current_app, g, request

from rapport_shared.app import request_unit_of_work
from rapport_shared.errors import Invalid
from rapport_shared.pagination import InvalidCursor, decode_cursor, encode_cursor

from ..adapters.sealing import Sealer
from ..service_layer.unit_of_work import UnitOfWork


def unit_of_work() -> UnitOfWork:
    return request_unit_of_work(UnitOfWork)


def sealer() -> Sealer:
    return current_app.extensions["booking.sealer"]


def request_id() -> str | None:
    return request.headers.get("X-Request-ID") or g.get("request_id")


def after_cursor(args: dict, *names: str):
    """The keyset position a `cursor` query argument encodes, or None."""
    if not args.get("cursor"):
        return None
    try:
        position = decode_cursor(args["cursor"])
        return tuple(str(position[n]) for n in names)
    except (InvalidCursor, KeyError) as exc:
        raise Invalid("cursor is not one this API issued", slug="invalid-cursor") from exc


def page(items: list, limit: int, position) -> dict:
    """{items, next_cursor} from `limit + 1` fetched items."""
    more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next_cursor": encode_cursor(position(items[-1])) if more else None}

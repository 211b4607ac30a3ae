"""Short ids: tables show an id's first characters, and every command takes any unique prefix.

A prefix is resolved by listing what it could name (the practice's clients, claims, ...), so a
typo or a prefix shared by two records is a clear error rather than a wrong record.
"""
from __future__ import annotations

import re

import typer

from .api import Api

SHORT = 8  # characters of a UUID shown in tables: unique in any one practice's lists in practice
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
PAGES = 20  # a prefix is looked for among at most this many pages of 100
LISTS = {
    "client": "/v1/clients",
    "claim": "/v1/claims",
    "therapist": "/v1/therapists",
    "consultation": "/v1/consultations",
    "appointment": "/v1/appointments",
    "charge": "/v1/charges",
    "plan": "/v1/plans",
}
UNPAGED = frozenset({"/v1/plans"})  # answered whole, and a list that reads no query refuses `limit` (422)


def short(value: object) -> object:
    return value[:SHORT] if isinstance(value, str) and UUID.match(value) else value


def _ids(api: Api, path: str) -> list[str]:
    params: dict = {} if path in UNPAGED else {"limit": 100}
    found: list[str] = []
    for _ in range(PAGES):
        page = api.get(path, params=params)
        items = page if isinstance(page, list) else page["items"]
        found += [item["id"] for item in items]
        cursor = page.get("next_cursor") if isinstance(page, dict) else None
        if not cursor:
            break
        params["cursor"] = cursor
    return found


def resolve(api: Api, kind: str, value: str, path: str | None = None) -> str:
    """The whole id `value` starts with, among the `kind`s listed at `path` (by default, LISTS[kind])."""
    if UUID.match(value):
        return value
    matches = sorted({i for i in _ids(api, path or LISTS[kind]) if i.lower().startswith(value.lower())})
    if not matches:
        raise typer.BadParameter(f"no {kind} id starts with {value!r} (that you may see)")
    if len(matches) > 1:
        raise typer.BadParameter(f"{value!r} is ambiguous: {len(matches)} {kind} ids start with it "
                                 f"({', '.join(m[:SHORT + 4] for m in matches[:3])}...); give more characters")
    return matches[0]

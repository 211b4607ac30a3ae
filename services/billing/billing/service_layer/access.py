"""Who may see and change billing records: staff and admins of the record's practice."""
from __future__ import annotations

from rapport_shared.errors import Forbidden, NotFound
from rapport_shared.principal import Principal


def visible(principal: Principal, row: dict | None, what: str) -> dict:
    """`row` if the caller's practice owns it; otherwise 404, so other practices learn nothing."""
    if row is None or not principal.in_practice(row["practice_id"]):
        raise NotFound(f"no such {what}")
    return row


def caller_practice(principal: Principal, practice_id: str | None = None) -> str:
    """The practice a staff member acts for (admins name one)."""
    chosen = practice_id or principal.practice_id
    if chosen is None:
        raise Forbidden("name the practice (practice_id) to act for", slug="practice-required")
    if not principal.in_practice(chosen):
        raise NotFound("no such practice")
    return chosen


def require_admin(principal: Principal) -> None:
    if not principal.is_admin:
        raise Forbidden("only administrators manage payers and plans")

"""Who may see or change a practice's records: the one check every service layer uses."""
from __future__ import annotations

from typing import Any, TypeVar, cast

from .errors import Forbidden, NotFound
from .principal import Principal

T = TypeVar("T")


def may_manage(principal: Principal | None, practice_id: str | None) -> bool:
    """Admins, and staff of that practice."""
    return principal is not None and principal.role in ("admin", "staff") and principal.in_practice(practice_id)


def may_see(principal: Principal | None, practice_id: str | None, therapist_id: str | None = None) -> bool:
    """Those who may manage the practice's records, and the therapist a record belongs to."""
    return may_manage(principal, practice_id) or (principal is not None and principal.is_therapist(therapist_id))


def visible(principal: Principal | None, record: T | None, what: str, *, therapist_id: str | None = None,
            manage: bool = False) -> T:
    """`record` if the caller may see it (or manage it, with `manage`); otherwise 404, so another
    practice learns nothing, not even that the id exists. `record` has a `practice_id`."""
    if record is None:
        raise NotFound(f"no such {what}")
    practice_id = record["practice_id"] if isinstance(record, dict) else cast(Any, record).practice_id
    allowed = may_manage(principal, practice_id) if manage else may_see(principal, practice_id, therapist_id)
    if not allowed:
        raise NotFound(f"no such {what}")
    return record


def acting_practice(principal: Principal, practice_id: str | None = None) -> str:
    """The practice a staff member acts for; admins, who belong to none, name one."""
    chosen = practice_id or principal.practice_id
    if chosen is None:
        raise Forbidden("name the practice (practice_id) to act for", slug="practice-required")
    if not may_manage(principal, chosen):
        raise NotFound("no such practice")
    return chosen

"""How values read on a page: dollars, times in the practice's zone with the zone shown, words."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import session

from ..output import money

# Claim Adjustment Reason Codes seen from the reference insurers and common 835s, in words.
CARC = {
    "1": "deductible",
    "2": "coinsurance",
    "3": "copay",
    "16": "missing or invalid information on the claim",
    "18": "duplicate claim",
    "22": "another payer may be primary",
    "27": "coverage ended before the service",
    "29": "filed too late",
    "45": "charge above the contracted fee",
    "50": "not medically necessary",
    "96": "not covered",
    "97": "included in another service",
    "109": "not covered by this payer",
    "197": "authorization missing",
    "204": "not covered under the plan",
    "242": "services not provided by network providers",
}
GROUPS = {"CO": "contractual", "PR": "patient responsibility", "OA": "other", "PI": "payer initiated"}


def zone() -> ZoneInfo:
    return ZoneInfo(session.get("who", {}).get("zone") or "UTC")


def local(value: str | dt.datetime | None) -> dt.datetime | None:
    if not value:
        return None
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(zone())


def when(value: str | dt.datetime | None) -> str:
    """E.g. "Sat 28 Nov, 9:05 AM CST": the practice's zone, named."""
    moment = local(value)
    return moment.strftime("%a %d %b, %-I:%M %p %Z") if moment else ""


def clock(value: str | dt.datetime | None) -> str:
    moment = local(value)
    return moment.strftime("%-I:%M %p %Z") if moment else ""


def day(value: str | dt.date | None) -> str:
    if not value:
        return ""
    date = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return date.strftime("%a %d %b %Y")


def words(value: str | None) -> str:
    return (value or "").replace("_", " ").replace("-", " ")


def adjustment(item: dict) -> str:
    reason = CARC.get(str(item.get("reason")), f"reason {item.get('reason')}")
    return f"{money(item.get('amount_cents'))} {reason} ({GROUPS.get(item.get('group') or '', item.get('group'))})"


FILTERS = {"money": money, "when": when, "clock": clock, "day": day, "words": words, "adjustment": adjustment}

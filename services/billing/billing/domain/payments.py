"""Payments posted (insurers' adjudications and clients' payments): their one order, and how a
client's payment method is kept."""
from __future__ import annotations

import re

from rapport_shared.pagination import Order, SortKey, aware_datetime

# Both sources page together on the same key, so one cursor serves the merged list.
POSTED_FIRST = Order(SortKey("posted_at", True, aware_datetime), SortKey("id", True))

_MEMO = re.compile(r"^payment \((?P<method>[a-z]+)\)$")


def payment_memo(method: str) -> str:
    """The ledger memo of a client's payment; `payment_method` reads the method back from it."""
    return f"payment ({method})"


def payment_method(memo: str | None) -> str | None:
    # The ledger has no method column: the memo, written only by payment_memo, is where it is kept.
    match = _MEMO.match(memo or "")
    return match["method"] if match else None

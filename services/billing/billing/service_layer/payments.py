"""Payments posted: what insurers paid (their posted adjudications) and what clients paid (the ledger)."""
from __future__ import annotations

import datetime as dt
import re

from rapport_shared.principal import Principal

from ..domain.remittance import adjustment_totals, line_patient_share
from .unit_of_work import UnitOfWork

_MEMO = re.compile(r"^payment \((?P<method>[a-z]+)\)$")


def payment_memo(method: str) -> str:
    """The ledger memo of a client's payment; `payment_method` reads the method back from it."""
    return f"payment ({method})"


def payment_method(memo: str | None) -> str | None:
    # The ledger has no method column: the memo, written only by payment_memo, is where it is kept.
    match = _MEMO.match(memo or "")
    return match["method"] if match else None


def list_payments(uow: UnitOfWork, principal: Principal, limit: int, after: tuple[dt.datetime, str] | None = None,
                  *, client_id: str | None = None, claim_id: str | None = None,
                  source: str | None = None) -> list[dict]:
    """The caller's practice's payments, newest first by (posted_at, id) (admins: name no practice, see none).

    Two sources make one page: each gives its own first `limit` rows after the cursor, and the page is
    the first `limit` of their merge. That is exact for keyset paging: a row among the merged first
    `limit` is among the first `limit` of its own source, since both order and cut on the same key.
    """
    if principal.practice_id is None:
        return []
    items: list[dict] = []
    if source in (None, "insurer"):
        rows = uow.answers.posted_adjudications(limit, after, practice_id=principal.practice_id,
                                                client_id=client_id, claim_id=claim_id)
        items += [_insurer_payment(row) for row in rows]
    if source in (None, "client") and claim_id is None:  # a client pays their balance, never a claim
        key = {"client_id": client_id} if client_id else {}
        rows = uow.ledger.newest_first(limit, after, practice_id=principal.practice_id, kind="payment", **key)
        items += [_client_payment(row) for row in rows]
    items.sort(key=lambda item: (item["posted_at"], item["id"]), reverse=True)
    return items[:limit]


def _insurer_payment(row: dict) -> dict:
    body = row["body"]
    return {
        "id": row["id"], "source": "insurer", "client_id": row["client_id"], "claim_id": row["claim_id"],
        "payer_ref": row["payer_ref"],
        "payer_claim_number": body.get("payer_claim_number") or row["payer_claim_number"],
        "amount_cents": body["paid_cents"], "adjustments": adjustment_totals(body),
        "patient_responsibility_cents": sum(line_patient_share(line) for line in body["lines"]),
        "method": None, "posted_at": row["received_at"],
    }


def _client_payment(row: dict) -> dict:
    return {
        "id": row["id"], "source": "client", "client_id": row["client_id"], "claim_id": None, "payer_ref": None,
        "payer_claim_number": None, "amount_cents": -row["amount_cents"],  # the ledger keeps payments negative
        "adjustments": [], "patient_responsibility_cents": None, "method": payment_method(row["memo"]),
        "posted_at": row["created_at"],
    }

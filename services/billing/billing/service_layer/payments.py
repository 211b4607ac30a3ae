"""Payments posted: what insurers paid (their posted adjudications) and what clients paid (the ledger)."""
from __future__ import annotations

import uuid
from collections.abc import Callable

from rapport_shared.db import utcnow
from rapport_shared.idempotency import IdempotentRequest, Reply
from rapport_shared.pagination import Page
from rapport_shared.principal import Principal

from ..domain.payments import POSTED_FIRST, payment_memo, payment_method
from ..domain.remittance import adjustment_totals, line_patient_share
from .clients import get_client
from .idempotency import answer_once
from .ports import BillingUnitOfWork


def record_payment(uow: BillingUnitOfWork, principal: Principal, body: dict, present: Callable[[dict], dict],
                   request: IdempotentRequest | None = None) -> Reply:
    """A client's payment against their balance (kept negative in the ledger): (201, `present(entry)`).
    Under an Idempotency-Key the first answer is replayed; keys are the caller's practice's own."""
    return answer_once(uow, principal.practice_id or "", request,
                       lambda: (201, present(_add_payment(uow, principal, body))))


def _add_payment(uow: BillingUnitOfWork, principal: Principal, body: dict) -> dict:
    client = get_client(uow, principal, body["client_id"])
    return uow.ledger.add(id=str(uuid.uuid4()), practice_id=client.practice_id, client_id=client.id,
                          kind="payment", amount_cents=-body["amount_cents"], claim_id=None, charge_id=None,
                          memo=payment_memo(body["method"]), created_at=utcnow())


def list_payments(uow: BillingUnitOfWork, principal: Principal, cursor: str | None, limit: int, *,
                  client_id: str | None = None, claim_id: str | None = None,
                  source: str | None = None) -> Page[dict]:
    """The caller's practice's payments, newest first by (posted_at, id) (admins: name no practice, see none).

    Two sources make one page: each gives its own first `limit + 1` rows after the cursor, and the page
    is the first of their merge. That is exact for keyset paging: a row among the merged first is
    among the first of its own source, since both order and cut on the same key.
    """
    after = POSTED_FIRST.position(cursor)
    if principal.practice_id is None:
        return Page()
    items: list[dict] = []
    if source in (None, "insurer"):
        rows = uow.answers.posted_page(principal.practice_id, client_id, claim_id, after, limit)
        items += [_insurer_payment(row) for row in rows]
    if source in (None, "client") and claim_id is None:  # a client pays their balance, never a claim
        items += [_client_payment(row) for row in uow.ledger.payments_page(principal.practice_id, client_id, after,
                                                                            limit)]
    return POSTED_FIRST.page(POSTED_FIRST.sorted(items, None, limit), limit)


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

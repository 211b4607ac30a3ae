"""Client balances, payments, statements and superbills."""
from __future__ import annotations

import datetime as dt
from typing import Any

from rapport_shared.principal import Principal

from ..domain.charges import Charge
from ..domain.claims import ADJUDICATED, Claim
from ..domain.remittance import line_decision
from .clients import get_client
from .ports import BillingUnitOfWork


def _entries(uow: BillingUnitOfWork, client_id: str) -> list[dict]:
    return uow.ledger.find(client_id=client_id, order_by=("created_at",))


def balance(uow: BillingUnitOfWork, principal: Principal, client_id: str) -> dict:
    get_client(uow, principal, client_id)
    entries = _entries(uow, client_id)
    return {"client_id": client_id, "balance_cents": sum(e["amount_cents"] for e in entries), "entries": entries}


def _practice(uow: BillingUnitOfWork, practice_id: str) -> dict:
    practice = uow.practices.get(practice_id)
    if practice is None:
        return {"name": "", "npi": None, "tax_id": None, "address": {}, "phone": None}
    return {"name": practice.name, "npi": practice.group_npi, "tax_id": practice.tax_id,
            "address": practice.address, "phone": practice.phone}


def statement(uow: BillingUnitOfWork, principal: Principal, client_id: str, today: dt.date) -> dict:
    """What the client owes and why, for printing or sending."""
    client = get_client(uow, principal, client_id)
    entries = _entries(uow, client_id)
    return {
        "kind": "statement", "date": today.isoformat(), "practice": _practice(uow, client.practice_id),
        "client": {"id": client.id, "name": client.name, "address": client.address},
        "entries": [{"date": e["created_at"].date().isoformat(), "description": e["memo"],
                     "amount_cents": e["amount_cents"]} for e in entries],
        "balance_cents": sum(e["amount_cents"] for e in entries),
    }


# A line whose claim has no answer yet: insurance has decided nothing.
UNDECIDED: dict[str, Any] = {"claim_status": None, "insurance_paid_cents": None, "patient_share_cents": None}


def superbill(uow: BillingUnitOfWork, principal: Principal, client_id: str, today: dt.date) -> dict:
    """Everything an out-of-network client needs to claim from their insurer themselves, and, line by
    line, what insurance paid and what is the client's share (null until the line's claim is adjudicated)."""
    client = get_client(uow, principal, client_id)
    charges = uow.charges.of_client(client_id)
    providers = {c.therapist_id: uow.providers.get(c.therapist_id) for c in charges}
    entries = _entries(uow, client_id)
    paid = -sum(e["amount_cents"] for e in entries if e["kind"] == "payment")
    self_pay = {e["charge_id"]: e["amount_cents"] for e in entries if e["kind"] == "self_pay_charge"}
    decisions = _insurance_decisions(uow, charges)
    services = []
    for c in charges:
        provider = providers[c.therapist_id]
        if c.status == "self_pay":
            # No claim: insurance pays nothing and the client owes what they were charged (the self-pay rate).
            decision = {"claim_status": None, "insurance_paid_cents": 0,
                        "patient_share_cents": self_pay.get(c.id, c.charge_cents)}
        else:
            decision = decisions.get(c.id, UNDECIDED)
        services.append({
            "date": c.service_date.isoformat(), "cpt": c.cpt, "modifiers": c.modifiers, "pos": c.pos,
            "units": c.units, "charge_cents": c.charge_cents,
            "rendering_provider": f"{provider.first_name} {provider.last_name}, {provider.credentials}"
            if provider else None,
            "rendering_npi": provider.npi if provider else None,
            **decision,
        })
    return {
        "kind": "superbill", "date": today.isoformat(), "practice": _practice(uow, client.practice_id),
        "client": {"id": client.id, "name": client.name,
                   "date_of_birth": client.date_of_birth.isoformat() if client.date_of_birth else None,
                   "address": client.address},
        "diagnoses": uow.diagnoses.codes(client_id),
        "services": services,
        "total_charged_cents": sum(c.charge_cents for c in charges),
        # Totals of what is known so far: lines still waiting for their claim's answer add nothing.
        "total_insurance_paid_cents": sum(s["insurance_paid_cents"] or 0 for s in services),
        "total_patient_share_cents": sum(s["patient_share_cents"] or 0 for s in services),
        "total_paid_cents": paid,
    }


def _insurance_decisions(uow: BillingUnitOfWork, charges: list[Charge]) -> dict[str, dict]:
    """{charge id: claim status, and the paid amount and patient share of its line once adjudicated}."""
    claims = {claim.id: claim for claim in uow.claims.among({c.claim_id for c in charges if c.claim_id})}
    current = _latest_claims(uow, claims)
    claim_ids = {claim.id for claim in current.values()}
    # Posting takes one adjudication per claim (a later one finds the claim no longer open).
    answers = {a["claim_id"]: a for a in uow.answers.find_in("claim_id", claim_ids, kind="adjudication",
                                                              outcome="posted")}
    decisions: dict[str, dict[str, Any]] = {}
    for charge in charges:
        claim = current.get(charge.claim_id or "")
        if claim is None:
            continue
        decision = {**UNDECIDED, "claim_status": claim.status}
        answer = answers.get(claim.id) if claim.status in ADJUDICATED else None
        line = _line_of(claim, charge.id)
        found = line_decision(answer["body"], line["line_number"]) if answer and line else None
        if found is not None:
            decision["insurance_paid_cents"], decision["patient_share_cents"] = found
        decisions[charge.id] = decision
    return decisions


def _latest_claims(uow: BillingUnitOfWork, claims: dict[str, Claim]) -> dict[str, Claim]:
    """{claim id: the claim that now stands for it}: a corrected claim is replaced by its frequency-7
    claim (perhaps corrected in turn), whose adjudication is the one that counts."""
    current = dict(claims)
    while True:
        corrected = {claim.id: original for original, claim in current.items() if claim.status == "corrected"}
        replacements = uow.claims.replacements_of(corrected)
        if not replacements:
            return current
        for replacement in replacements:
            current[corrected[replacement.original_claim_id or ""]] = replacement


def _line_of(claim: Claim, charge_id: str) -> dict | None:
    return next((line for line in claim.lines if line.get("charge_id") == charge_id), None)

"""Client balances, payments, statements and superbills."""
from __future__ import annotations

import datetime as dt
import uuid

from rapport_shared.db import utcnow
from rapport_shared.principal import Principal

from .clients import diagnosis_codes, get_client
from .unit_of_work import UnitOfWork


def _entries(uow: UnitOfWork, client_id: str) -> list[dict]:
    return uow.ledger.find(client_id=client_id, order_by=uow.ledger.table.c.created_at)


def balance(uow: UnitOfWork, principal: Principal, client_id: str) -> dict:
    get_client(uow, principal, client_id)
    entries = _entries(uow, client_id)
    return {"client_id": client_id, "balance_cents": sum(e["amount_cents"] for e in entries), "entries": entries}


def record_payment(uow: UnitOfWork, principal: Principal, body: dict) -> dict:
    client = get_client(uow, principal, body["client_id"])
    entry = uow.ledger.add(id=str(uuid.uuid4()), practice_id=client["practice_id"], client_id=client["id"],
                           kind="payment", amount_cents=-body["amount_cents"], claim_id=None, charge_id=None,
                           memo=f"payment ({body['method']})", created_at=utcnow())
    uow.commit()
    return entry


def _practice(uow: UnitOfWork, practice_id: str) -> dict:
    practice = uow.practices.get(practice_id)
    if practice is None:
        return {"name": "", "npi": None, "tax_id": None, "address": {}, "phone": None}
    return {"name": practice.name, "npi": practice.group_npi, "tax_id": practice.tax_id,
            "address": practice.address, "phone": practice.phone}


def statement(uow: UnitOfWork, principal: Principal, client_id: str, today: dt.date) -> dict:
    """What the client owes and why, for printing or sending."""
    client = get_client(uow, principal, client_id)
    entries = _entries(uow, client_id)
    return {
        "kind": "statement", "date": today.isoformat(), "practice": _practice(uow, client["practice_id"]),
        "client": {"id": client["id"], "name": f"{client['first_name']} {client['last_name']}",
                   "address": client["address"]},
        "entries": [{"date": e["created_at"].date().isoformat(), "description": e["memo"],
                     "amount_cents": e["amount_cents"]} for e in entries],
        "balance_cents": sum(e["amount_cents"] for e in entries),
    }


def superbill(uow: UnitOfWork, principal: Principal, client_id: str, today: dt.date) -> dict:
    """Everything an out-of-network client needs to claim from their insurer themselves."""
    client = get_client(uow, principal, client_id)
    charges = uow.charges.find(client_id=client_id, order_by=uow.charges.table.c.service_date)
    providers = {c["therapist_id"]: uow.providers.get(c["therapist_id"]) for c in charges}
    paid = -sum(e["amount_cents"] for e in _entries(uow, client_id) if e["kind"] == "payment")
    return {
        "kind": "superbill", "date": today.isoformat(), "practice": _practice(uow, client["practice_id"]),
        "client": {"id": client["id"], "name": f"{client['first_name']} {client['last_name']}",
                   "date_of_birth": client["date_of_birth"].isoformat() if client["date_of_birth"] else None,
                   "address": client["address"]},
        "diagnoses": diagnosis_codes(uow, client_id),
        "services": [{
            "date": c["service_date"].isoformat(), "cpt": c["cpt"], "modifiers": c["modifiers"], "pos": c["pos"],
            "units": c["units"], "charge_cents": c["charge_cents"],
            "rendering_provider": (f"{providers[c['therapist_id']].first_name} {providers[c['therapist_id']].last_name}, "
                                   f"{providers[c['therapist_id']].credentials}") if providers[c["therapist_id"]] else None,
            "rendering_npi": providers[c["therapist_id"]].npi if providers[c["therapist_id"]] else None,
        } for c in charges],
        "total_charged_cents": sum(c["charge_cents"] for c in charges),
        "total_paid_cents": paid,
    }

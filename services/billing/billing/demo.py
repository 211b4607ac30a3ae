"""The demo payers, plans and fee schedules `make run` seeds (made-up insurers and amounts).

Payers and plans mirror the insurers list (billing/data/insurers.json), so the reference insurer
adjudicates demo claims by the same rules billing estimates with.
"""
from __future__ import annotations

import uuid

from rapport_shared.db import Database
from rapport_shared.principal import Principal
from rapport_shared.topology import producer_exchange

from .config import BillingSettings
from .domain.fee_schedules import PRACTICE_SCHEDULE
from .operations.insurer_list import load_insurers_with_rules
from .service_layer import fee_schedules, payers
from .service_layer.unit_of_work import UnitOfWork


def demo_id(name: str) -> str:
    """The same stable ids profiles' demo uses (uuid5 of a readable name)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://rapport.example/demo/{name}"))


DEMO_PRACTICE_ID = demo_id("practice/northside")
PRACTICE_FEES = {
    "amounts": {"90791": 20000, "90832": 10000, "90834": 15000, "90837": 19000, "90846": 16000, "90847": 17000,
                "90785": 2500},
    "self_pay": {"90791": 16000, "90832": 8000, "90834": 12000, "90837": 15000, "90846": 13000, "90847": 14000,
                 "90785": 0},
    "sliding_scale": [{"tier": "A", "percent_bp": 10000}, {"tier": "B", "percent_bp": 7500},
                      {"tier": "C", "percent_bp": 5000}],
    # Claims need the billing provider's ZIP+4; the practice record has only the 5-digit ZIP.
    "billing_address": {"line1": "1200 N Example Ave", "city": "Chicago", "state": "IL", "zip": "606221234"},
}


def seed_demo(settings: BillingSettings) -> bool:
    """Payers and plans from the insurer config, and the demo practice's fee schedules."""
    database = Database(settings.database_url)
    admin = Principal(subject="demo-seed", role="admin", practice_id=None)
    try:
        with database.writer() as session:
            uow = UnitOfWork(session, producer_exchange(settings.amqp_namespace, "billing"))
            if payers.list_payers(uow):
                return False
            for insurer, rules in load_insurers_with_rules(settings.insurers_file):
                payer_ref = demo_id(f"payer/{insurer.payer_id}")
                payers.create_payer(uow, admin, {"name": insurer.name, "payer_id": insurer.payer_id}, payer_ref)
                payers.create_plan(uow, admin, {
                    "payer_ref": payer_ref, "name": f"{insurer.name} PPO", "in_network": True,
                    "deductible_cents": rules["deductible_cents"], "oop_max_cents": rules["oop_max_cents"],
                    "coinsurance_bp": rules["coinsurance_bp"], "copays": rules["copays"],
                    "copay_waives_deductible": rules["copay_waives_deductible"],
                    "covered_cpts": rules["covered_cpts"], "excluded_primary_dx": rules["excluded_primary_dx"],
                    "prior_auth_cpts": [],
                }, demo_id(f"plan/{insurer.payer_id}"))
                fee_schedules.put_fee_schedule(uow, admin, payer_ref,
                                               {"practice_id": DEMO_PRACTICE_ID, "amounts": rules["allowed"]})
            fee_schedules.put_fee_schedule(uow, admin, PRACTICE_SCHEDULE,
                                           {"practice_id": DEMO_PRACTICE_ID, **PRACTICE_FEES})
        return True
    finally:
        database.dispose()

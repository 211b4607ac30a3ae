"""Many staff pressing one claim's button at once: one request acts, every other answers 409, and the
effect (the claim sent to the payer, the replacement or void claim) happens exactly once; answers racing
on one coverage all count. Both databases."""
import json
import threading

import pytest
from sqlalchemy import select
from support.concurrency import concurrently

from billing.adapters import orm
from billing.messaging import consumed
from rapport_shared.errors import Conflict

RACERS = 20
SUBMITTED = "rapport.billing.claim.submitted.v1"


def race(world, path: str) -> list:
    """POST `path` from RACERS threads released together (each with its own client and session)."""
    return concurrently(RACERS, lambda i: world.app.test_client().post(path, headers=world.staff_a))


def outcome(responses) -> tuple[int, int]:
    """(how many succeeded, how many lost with 409 claim-state); nothing else may happen."""
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {200, 409}, [r.get_data(as_text=True)[:300] for r in responses if r.status_code >= 500]
    for lost in (r for r in responses if r.status_code == 409):
        assert lost.get_json()["type"].endswith("claim-state")
    return statuses.count(200), statuses.count(409)


def test_one_claim_submitted_twenty_times_at_once_is_sent_once(world):
    client_id = world.add_client()
    world.complete_appointment(client_id)
    claim_id = world.charges(client_id)[0]["claim_id"]

    assert outcome(race(world, f"/v1/claims/{claim_id}/submit")) == (1, RACERS - 1)

    sent = [json.loads(row["body"])["data"] for row in world.outbox_rows(SUBMITTED)]
    assert [data["claim_id"] for data in sent] == [claim_id]
    claim = world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))
    assert claim["status"] == "submitted" and claim["version"] == sent[0]["version"]


@pytest.mark.parametrize("action,frequency", [("correct", "7"), ("void", "8")])
def test_one_paid_claim_corrected_or_voided_twenty_times_at_once_has_one_follow_up(world, action, frequency):
    client_id = world.add_client()
    claim_id = world.submit_session(client_id)
    world.adjudicate(claim_id, 4800, [("CO", "45", 4000), ("PR", "1", 6200)])

    responses = race(world, f"/v1/claims/{claim_id}/{action}")
    assert outcome(responses) == (1, RACERS - 1)

    with world.database.reader() as session:
        follow_ups = session.execute(select(orm.claims).where(orm.claims.c.original_claim_id == claim_id)).all()
    (winner,) = [r.get_json() for r in responses if r.status_code == 200]
    assert [(row.id, row.frequency) for row in follow_ups] == [(winner["id"], frequency)]
    original = world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))
    assert original["status"] == {"correct": "corrected", "void": "voided"}[action]


def test_two_claims_of_one_coverage_adjudicated_at_once_both_count_towards_it(world):
    client_id = world.add_client()
    claim_ids = [world.submit_session(client_id), world.submit_session(client_id)]
    answers = [{"claim_id": claim_id, "adjudication_id": f"PMH-{n}", "payer_claim_number": f"PMH-{n}",
                "status": "paid", "paid_cents": 4800,
                "lines": [{"line_number": 1, "charge_cents": 15000, "paid_cents": 4800,
                           "adjustments": [{"group": "CO", "reason": "45", "amount_cents": 4000},
                                           {"group": "PR", "reason": "1", "amount_cents": 6200}]}]}
               for n, claim_id in enumerate(claim_ids)]
    barrier = threading.Barrier(len(answers))
    lost = []

    def post(data):
        barrier.wait()
        try:
            world.insurer_says(consumed.CLAIM_ADJUDICATED, data)
        except Conflict:
            lost.append(data)  # the consumer retries a lost race

    threads = [threading.Thread(target=post, args=(data,)) for data in answers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for data in lost:
        world.insurer_says(consumed.CLAIM_ADJUDICATED, data)

    coverage = world.ok(world.client.get(f"/v1/clients/{client_id}/coverages", headers=world.staff_a))["items"][0]
    assert (coverage["deductible_met_cents"], coverage["oop_met_cents"]) == (12400, 12400)
    balance = world.ok(world.client.get(f"/v1/clients/{client_id}/balance", headers=world.staff_a))
    assert balance["balance_cents"] == 12400

"""Insurers' answers posted once, only from the claim's payer, reconciled; 835 uploads the same way."""

import pytest
from support.billing_835 import remittance_835

from billing.messaging import consumed
from billing.messaging.insurers import insurer_username


@pytest.fixture
def submitted(world):
    client_id = world.add_client(diagnoses=("F41.1",))
    world.complete_appointment(client_id)
    claim_id = world.charges(client_id)[0]["claim_id"]
    world.ok(world.client.post(f"/v1/claims/{claim_id}/submit", headers=world.staff_a))
    return client_id, claim_id


def adjudication(claim_id, adjudication_id="PMH-1", paid=4800, adjustments=None):
    adjustments = adjustments or [{"group": "CO", "reason": "45", "amount_cents": 4000},
                                  {"group": "PR", "reason": "1", "amount_cents": 5000},
                                  {"group": "PR", "reason": "2", "amount_cents": 1200}]
    return {"claim_id": claim_id, "adjudication_id": adjudication_id, "payer_claim_number": adjudication_id,
            "status": "paid", "paid_cents": paid,
            "lines": [{"line_number": 1, "charge_cents": 15000, "paid_cents": paid, "adjustments": adjustments}]}


def claim(world, claim_id):
    return world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))


def test_acknowledged_then_adjudicated_updates_claim_accumulators_and_balance(world, submitted):
    client_id, claim_id = submitted
    world.insurer_says(consumed.CLAIM_ACKNOWLEDGED, {"claim_id": claim_id, "status": "accepted",
                                                "payer_claim_number": "PMH-1"})
    assert claim(world, claim_id)["status"] == "accepted"
    world.insurer_says(consumed.CLAIM_ADJUDICATED, adjudication(claim_id))
    posted = claim(world, claim_id)
    assert (posted["status"], posted["paid_cents"], posted["patient_responsibility_cents"]) == ("paid", 4800, 6200)
    coverage = world.ok(world.client.get(f"/v1/clients/{client_id}/coverages", headers=world.staff_a))["items"][0]
    assert (coverage["deductible_met_cents"], coverage["oop_met_cents"]) == (5000, 6200)
    balance = world.ok(world.client.get(f"/v1/clients/{client_id}/balance", headers=world.staff_a))
    assert balance["balance_cents"] == 6200
    world.ok(world.client.post("/v1/payments", headers=world.staff_a,
                               json={"client_id": client_id, "amount_cents": 2000, "method": "card"}), 201)
    assert world.ok(world.client.get(f"/v1/clients/{client_id}/balance", headers=world.staff_a))["balance_cents"] == 4200


def test_an_adjudication_delivered_twice_is_posted_once(world, submitted):
    client_id, claim_id = submitted
    world.insurer_says(consumed.CLAIM_ADJUDICATED, adjudication(claim_id))
    world.insurer_says(consumed.CLAIM_ADJUDICATED, adjudication(claim_id))  # a new message id
    assert world.ok(world.client.get(f"/v1/clients/{client_id}/balance", headers=world.staff_a))["balance_cents"] == 6200
    coverage = world.ok(world.client.get(f"/v1/clients/{client_id}/coverages", headers=world.staff_a))["items"][0]
    assert coverage["deductible_met_cents"] == 5000


def test_an_answer_from_another_insurer_is_refused(world, submitted):
    client_id, claim_id = submitted
    impostor = insurer_username(world.settings.amqp_namespace, "OTHER1")
    world.insurer_says(consumed.CLAIM_ADJUDICATED, {**adjudication(claim_id), "paid_cents": 4800}, impostor)
    world.insurer_says(consumed.CLAIM_ACKNOWLEDGED, {"claim_id": claim_id, "status": "rejected"}, None)
    assert claim(world, claim_id)["status"] == "submitted"
    assert world.ok(world.client.get(f"/v1/clients/{client_id}/balance", headers=world.staff_a))["balance_cents"] == 0
    from billing.adapters import orm
    with world.database.reader() as session:
        outcomes = [r.outcome for r in session.execute(orm.insurer_answers.select())]
    assert outcomes == ["refused", "refused"]


def test_an_adjudication_that_does_not_reconcile_is_refused(world, submitted):
    _client_id, claim_id = submitted
    short = adjudication(claim_id, adjustments=[{"group": "CO", "reason": "45", "amount_cents": 4000}])
    world.insurer_says(consumed.CLAIM_ADJUDICATED, short)
    assert claim(world, claim_id)["status"] == "submitted"


def test_a_rejected_claim_keeps_the_payers_reasons(world, submitted):
    _client_id, claim_id = submitted
    world.insurer_says(consumed.CLAIM_ACKNOWLEDGED, {"claim_id": claim_id, "status": "rejected",
                                                "errors": [{"field": "member_id", "message": "unknown member"}]})
    rejected = claim(world, claim_id)
    assert rejected["status"] == "rejected" and rejected["errors"][0]["code"] == "payer.rejected"


def test_an_835_posts_like_the_adjudication_and_only_once(world, submitted):
    client_id, claim_id = submitted
    pcn = claim(world, claim_id)["patient_control_number"]
    text = remittance_835([{"pcn": pcn, "status": "1", "charge": 15000, "paid": 4800, "patient": 6200,
                            "payer_claim_number": "PMH-1", "member_id": "PMH123456",
                            "lines": [{"cpt": "90834", "charge": 15000, "paid": 4800, "service_date": "2026-11-02",
                                       "adjustments": [("CO", "45", 4000), ("PR", "1", 5000), ("PR", "2", 1200)]}]}])
    result = world.ok(world.client.post("/v1/remittances", headers={**world.staff_a, "Content-Type": "text/plain"},
                                        data=text))
    assert [(c["patient_control_number"], c["claim_id"], c["outcome"]) for c in result["claims"]] == \
        [(pcn, claim_id, "posted")]
    again = world.ok(world.client.post("/v1/remittances", headers=world.staff_a, json={"835": text}))
    assert again["claims"][0]["outcome"] == "duplicate"
    # The insurer's event for the same adjudication changes nothing either.
    world.insurer_says(consumed.CLAIM_ADJUDICATED, adjudication(claim_id))
    assert world.ok(world.client.get(f"/v1/clients/{client_id}/balance", headers=world.staff_a))["balance_cents"] == 6200
    # Another practice's staff cannot post to this claim.
    other = world.ok(world.client.post("/v1/remittances", headers={**world.staff_b, "Content-Type": "text/plain"},
                                       data=text))
    assert (other["claims"][0]["outcome"], other["claims"][0]["claim_id"]) == ("unmatched", None)


def test_a_broken_835_is_a_problem(world):
    response = world.client.post("/v1/remittances", headers={**world.staff_a, "Content-Type": "text/plain"},
                                 data="ISA*nonsense")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"


def test_corrected_and_void_claims_cite_the_original(world, submitted):
    _client_id, claim_id = submitted
    world.insurer_says(consumed.CLAIM_ADJUDICATED, adjudication(claim_id))
    replacement = world.ok(world.client.post(f"/v1/claims/{claim_id}/correct", headers=world.staff_a))
    assert (replacement["frequency"], replacement["original_reference"]) == ("7", "PMH-1")
    assert claim(world, claim_id)["status"] == "corrected"
    world.ok(world.client.post(f"/v1/claims/{replacement['id']}/submit", headers=world.staff_a))
    x12 = world.client.get(f"/v1/claims/{replacement['id']}/x12", headers=world.staff_a).get_data(as_text=True)
    assert ":B:7*" in x12 and "REF*F8*PMH-1~" in x12
    assert world.client.post(f"/v1/claims/{claim_id}/void", headers=world.staff_a).status_code == 409


def test_a_rejected_claim_can_be_fixed_and_sent_again(world, submitted):
    _client_id, claim_id = submitted
    world.insurer_says(consumed.CLAIM_ACKNOWLEDGED, {"claim_id": claim_id, "status": "rejected"})
    again = world.ok(world.client.post(f"/v1/claims/{claim_id}/submit", headers=world.staff_a))
    assert again["status"] == "submitted" and again["errors"] == []


def test_accumulators_follow_the_benefit_year(world, submitted):
    client_id, claim_id = submitted
    from billing.adapters import orm
    with world.database.writer() as session:  # the coverage's counters are still last year's
        session.execute(orm.coverages.update().values(accumulator_year=2025, deductible_met_cents=40000,
                                                      oop_met_cents=90000))
        session.commit()
    world.insurer_says(consumed.CLAIM_ADJUDICATED, adjudication(claim_id))
    coverage = world.ok(world.client.get(f"/v1/clients/{client_id}/coverages", headers=world.staff_a))["items"][0]
    assert (coverage["accumulator_year"], coverage["deductible_met_cents"], coverage["oop_met_cents"]) == \
        (int(claim(world, claim_id)["lines"][0]["service_date"][:4]), 5000, 6200)


def test_a_replacement_decision_supersedes_the_original_on_the_balance_and_accumulators(world, submitted):
    client_id, claim_id = submitted
    world.insurer_says(consumed.CLAIM_ADJUDICATED, adjudication(claim_id))
    balance = f"/v1/clients/{client_id}/balance"
    assert world.ok(world.client.get(balance, headers=world.staff_a))["balance_cents"] == 6200
    replacement = world.ok(world.client.post(f"/v1/claims/{claim_id}/correct", headers=world.staff_a))
    world.ok(world.client.post(f"/v1/claims/{replacement['id']}/submit", headers=world.staff_a))
    corrected = adjudication(replacement["id"], "PMH-2", paid=8000, adjustments=[
        {"group": "CO", "reason": "45", "amount_cents": 4000}, {"group": "PR", "reason": "2", "amount_cents": 3000}])
    world.insurer_says(consumed.CLAIM_ADJUDICATED, corrected)
    world.insurer_says(consumed.CLAIM_ADJUDICATED, corrected)  # redelivered: posted once

    after = world.ok(world.client.get(balance, headers=world.staff_a))
    assert after["balance_cents"] == 3000  # only the newest decision stands, not 6200 + 3000
    assert sorted(e["kind"] for e in after["entries"]) == ["patient_responsibility", "patient_responsibility",
                                                         "superseded"]
    coverage = world.ok(world.client.get(f"/v1/clients/{client_id}/coverages", headers=world.staff_a))["items"][0]
    # 50.00 deductible of the original was taken back; the replacement put none towards it.
    assert (coverage["deductible_met_cents"], coverage["oop_met_cents"]) == (0, 3000)

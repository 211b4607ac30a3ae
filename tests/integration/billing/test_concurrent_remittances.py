"""One 835 posted by several staff at once: every request answers what it would a moment later (the
claims posted by one, `duplicate` in the others), and nothing is posted twice. Both databases."""
from support.billing import token
from support.billing_835 import remittance_835, session_clp
from support.concurrency import concurrently

from billing.service_layer.remittances import ATTEMPTS

RACERS = 10
ADJUSTMENTS = [("CO", "45", 4000), ("PR", "1", 5000), ("PR", "2", 1200)]


def post_835(world, staff: dict, text: str):
    return world.app.test_client().post("/v1/remittances", headers={**staff, "Content-Type": "text/plain"},
                                        data=text)


def answers(responses) -> list[dict]:
    assert [r.status_code for r in responses] == [200] * len(responses), \
        [r.get_data(as_text=True)[:300] for r in responses if r.status_code != 200]
    return [r.get_json() for r in responses]


def pcn(world, claim_id: str) -> str:
    return world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))["patient_control_number"]


def balance(world, client_id: str) -> int:
    return world.ok(world.client.get(f"/v1/clients/{client_id}/balance", headers=world.staff_a))["balance_cents"]


def test_one_835_posted_by_ten_staff_at_once_posts_once_and_the_others_answer_duplicate(world):
    client_id = world.add_client()
    claim_id = world.submit_session(client_id)
    text = remittance_835([session_clp(pcn(world, claim_id), "PMH-835-1", 4800, ADJUSTMENTS)])
    staff = [token("staff", world.practice_a) for _ in range(RACERS)]

    replies = answers(concurrently(RACERS, lambda i: post_835(world, staff[i], text)))

    outcomes = sorted(reply["claims"][0]["outcome"] for reply in replies)
    assert outcomes == ["duplicate"] * (RACERS - 1) + ["posted"]
    assert {reply["claims"][0]["claim_id"] for reply in replies} == {claim_id}
    assert balance(world, client_id) == 6200  # the patient's share, once
    claim = world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))
    assert (claim["status"], claim["paid_cents"]) == ("paid", 4800)
    (payment,) = world.ok(world.client.get(f"/v1/payments?claim_id={claim_id}", headers=world.staff_a))["items"]
    assert payment["amount_cents"] == 4800


def test_835s_of_claims_of_one_coverage_posted_at_once_all_count_towards_it(world):
    racers = ATTEMPTS  # the most that are sure to get through: each lost race is another's commit
    client_id = world.add_client()
    claim_ids = [world.submit_session(client_id) for _ in range(racers)]
    texts = [remittance_835([session_clp(pcn(world, claim_id), f"PMH-835-{n}", 4800, ADJUSTMENTS)], control=100 + n)
             for n, claim_id in enumerate(claim_ids)]

    replies = answers(concurrently(racers, lambda i: post_835(world, world.staff_a, texts[i])))

    assert [reply["claims"][0]["outcome"] for reply in replies] == ["posted"] * racers
    coverage = world.ok(world.client.get(f"/v1/clients/{client_id}/coverages", headers=world.staff_a))["items"][0]
    assert (coverage["deductible_met_cents"], coverage["oop_met_cents"]) == (5000 * racers, 6200 * racers)
    assert balance(world, client_id) == 6200 * racers


def test_835s_listing_the_same_claims_in_opposite_orders_posted_at_once_post_each_claim_once(world):
    # Taken in file order, each file would hold the row lock of a claim the other waits on: a deadlock.
    claim_ids = [world.submit_session(world.add_client()) for _ in range(6)]
    clps = [session_clp(pcn(world, claim_id), f"PMH-835-X{n}", 4800, ADJUSTMENTS) for n, claim_id in enumerate(claim_ids)]
    texts = [remittance_835(clps if n % 2 == 0 else clps[::-1], control=200 + n) for n in range(4)]

    replies = answers(concurrently(4, lambda i: post_835(world, world.staff_a, texts[i])))

    for n, reply in enumerate(replies):  # each answer lists the claims in its own file's order
        assert [c["claim_id"] for c in reply["claims"]] == (claim_ids if n % 2 == 0 else claim_ids[::-1])
    for claim_id in claim_ids:
        outcomes = sorted(c["outcome"] for reply in replies for c in reply["claims"] if c["claim_id"] == claim_id)
        assert outcomes == ["duplicate"] * 3 + ["posted"]
        claim = world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))
        assert (claim["status"], claim["paid_cents"]) == ("paid", 4800)

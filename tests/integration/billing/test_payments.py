"""GET /v1/payments: insurers' posted adjudications (AMQP or 835) and clients' payments, one keyset list."""
import base64
import json

import pytest
from sqlalchemy import update
from support.billing import token
from support.billing_835 import remittance_835

from billing.adapters import orm
from billing.messaging import consumed
from billing.messaging.insurers import insurer_username
from rapport_shared.db import utcnow

# 150.00 charged; the payer splits its contractual write-off in two and the client owes deductible + coinsurance.
ADJUSTMENTS = [("CO", "45", 2500), ("PR", "1", 3000), ("CO", "45", 1500), ("PR", "2", 1900)]


def payments(world, query: str = "", headers=None) -> dict:
    return world.ok(world.client.get(f"/v1/payments{query}", headers=headers or world.staff_a))


@pytest.fixture
def posted(world):
    """Client 1: a claim adjudicated over AMQP, then a card payment; client 2: a claim paid by an 835."""
    first = world.add_client()
    first_claim = world.submit_session(first)
    world.adjudicate(first_claim, 6100, ADJUSTMENTS)
    world.ok(world.client.post("/v1/payments", headers=world.staff_a,
                               json={"client_id": first, "amount_cents": 1900, "method": "card"}), 201)
    second = world.add_client()
    second_claim = world.submit_session(second)
    pcn = world.ok(world.client.get(f"/v1/claims/{second_claim}", headers=world.staff_a))["patient_control_number"]
    text = remittance_835([{"pcn": pcn, "status": "1", "charge": 15000, "paid": 8800, "patient": 2200,
                            "payer_claim_number": "PMH-835-7", "member_id": "PMH123456",
                            "lines": [{"cpt": "90834", "charge": 15000, "paid": 8800, "service_date": "2026-11-02",
                                       "adjustments": [("CO", "45", 4000), ("PR", "2", 2200)]}]}])
    result = world.ok(world.client.post("/v1/remittances", headers={**world.staff_a, "Content-Type": "text/plain"},
                                        data=text))
    assert result["claims"][0]["outcome"] == "posted"
    return {"first": first, "first_claim": first_claim, "second": second, "second_claim": second_claim}


def test_an_adjudication_and_a_client_payment_are_listed_newest_first(world, posted):
    page = payments(world, f"?client_id={posted['first']}")
    assert page["next_cursor"] is None
    client_payment, insurer_payment = page["items"]
    assert insurer_payment == {
        "id": insurer_payment["id"], "source": "insurer", "client_id": posted["first"],
        "claim_id": posted["first_claim"], "payer_ref": world.payer["id"],
        "payer_claim_number": insurer_payment["payer_claim_number"], "amount_cents": 6100,
        "adjustments": [{"group": "CO", "reason": "45", "amount_cents": 4000},
                        {"group": "PR", "reason": "1", "amount_cents": 3000},
                        {"group": "PR", "reason": "2", "amount_cents": 1900}],
        "patient_responsibility_cents": 4900, "method": None, "posted_at": insurer_payment["posted_at"]}
    charge = world.charges(posted["first"])[0]["charge_cents"]
    assert insurer_payment["amount_cents"] + sum(a["amount_cents"] for a in insurer_payment["adjustments"]) == charge
    claim = world.ok(world.client.get(f"/v1/claims/{posted['first_claim']}", headers=world.staff_a))
    assert insurer_payment["payer_claim_number"] == claim["payer_claim_number"]
    assert insurer_payment["patient_responsibility_cents"] == claim["patient_responsibility_cents"]
    assert client_payment == {
        "id": client_payment["id"], "source": "client", "client_id": posted["first"], "claim_id": None,
        "payer_ref": None, "payer_claim_number": None, "amount_cents": 1900, "adjustments": [],
        "patient_responsibility_cents": None, "method": "card", "posted_at": client_payment["posted_at"]}
    assert client_payment["posted_at"] > insurer_payment["posted_at"]


def test_an_835_payment_and_the_filters(world, posted):
    everything = payments(world)["items"]
    assert [p["source"] for p in everything] == ["insurer", "client", "insurer"]
    (by_835,) = payments(world, f"?claim_id={posted['second_claim']}")["items"]
    assert (by_835["client_id"], by_835["amount_cents"], by_835["payer_claim_number"]) == \
        (posted["second"], 8800, "PMH-835-7")
    assert by_835["adjustments"] == [{"group": "CO", "reason": "45", "amount_cents": 4000},
                                     {"group": "PR", "reason": "2", "amount_cents": 2200}]
    assert payments(world, f"?client_id={posted['second']}")["items"] == [by_835]
    assert [p["source"] for p in payments(world, "?source=insurer")["items"]] == ["insurer", "insurer"]
    (card,) = payments(world, "?source=client")["items"]
    assert card["client_id"] == posted["first"]
    # A client's payment is never against a claim; filters combine.
    assert [p["source"] for p in payments(world, f"?claim_id={posted['first_claim']}")["items"]] == ["insurer"]
    assert payments(world, f"?claim_id={posted['first_claim']}&source=client")["items"] == []
    assert payments(world, f"?client_id={posted['second']}&source=client")["items"] == []


def test_refused_answers_and_unanswered_claims_are_no_payments(world):
    client_id = world.add_client()
    claim_id = world.submit_session(client_id)
    impostor = insurer_username(world.settings.amqp_namespace, "OTHER1")
    world.insurer_says(consumed.CLAIM_ADJUDICATED, {
        "claim_id": claim_id, "adjudication_id": "X-1", "status": "paid", "paid_cents": 15000,
        "lines": [{"line_number": 1, "charge_cents": 15000, "paid_cents": 15000, "adjustments": []}]}, impostor)
    world.insurer_says(consumed.CLAIM_ACKNOWLEDGED, {"claim_id": claim_id, "status": "accepted"})
    assert payments(world)["items"] == []


def walk(world, query: str) -> list[dict]:
    seen, cursor = [], None
    while True:
        page = payments(world, query + (f"&cursor={cursor}" if cursor else ""))
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen


def test_paging_walks_every_payment_once_in_order(world, posted):
    for cents in (500, 700):
        world.ok(world.client.post("/v1/payments", headers=world.staff_a,
                                   json={"client_id": posted["second"], "amount_cents": cents, "method": "cash"}), 201)
    everything = payments(world)["items"]
    assert len(everything) == 5
    keys = [(p["posted_at"], p["id"]) for p in everything]
    assert keys == sorted(keys, reverse=True)
    for limit in (1, 2):
        assert walk(world, f"?limit={limit}") == everything
    assert walk(world, "?limit=1&source=insurer") == [p for p in everything if p["source"] == "insurer"]
    # Every payment at one instant: the id alone orders them, across both sources.
    now = utcnow()
    with world.database.writer() as session:
        session.execute(update(orm.ledger).values(created_at=now))
        session.execute(update(orm.insurer_answers).values(received_at=now))
        session.commit()
    tied = payments(world)["items"]
    assert [p["id"] for p in tied] == sorted((p["id"] for p in everything), reverse=True)
    assert walk(world, "?limit=1") == tied


def test_other_practices_see_none_of_the_payments(world, posted):
    assert payments(world, headers=world.staff_b)["items"] == []
    for query in (f"?client_id={posted['first']}", f"?claim_id={posted['first_claim']}", "?source=insurer"):
        assert payments(world, query, headers=world.staff_b)["items"] == []
    assert payments(world, headers=world.admin)["items"] == []  # an admin names no practice: none, as with claims
    assert len(payments(world, headers=token("admin", world.practice_a))["items"]) == 3


def test_bad_queries_and_callers(world, posted):
    for query in ("?source=insurers", "?cursor=garbage", "?limit=0", "?limit=101"):
        response = world.client.get(f"/v1/payments{query}", headers=world.staff_a)
        assert response.status_code == 422 and response.mimetype == "application/problem+json", query
    # A cursor of another list (keyed on created_at), or one with a naive time, is not a payments cursor.
    charges_cursor = world.ok(world.client.get("/v1/charges?limit=1", headers=world.staff_a))["next_cursor"]
    assert charges_cursor
    naive = base64.urlsafe_b64encode(json.dumps({"posted_at": "2026-11-01T00:00:00", "id": "x"}).encode()).decode()
    for cursor in (charges_cursor, naive):
        assert world.client.get(f"/v1/payments?cursor={cursor}", headers=world.staff_a).status_code == 422
    assert world.client.get("/v1/payments").status_code == 401
    therapist = token("therapist", world.practice_a, world.therapist_a)
    assert world.client.get("/v1/payments", headers=therapist).status_code == 403

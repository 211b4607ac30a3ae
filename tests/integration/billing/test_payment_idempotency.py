"""POST /v1/payments with an Idempotency-Key: a retry gets the first answer and records nothing more, the
key's body cannot change, each practice's keys are its own, and twins sent at once make one payment.
Both databases."""
import datetime as dt

from support.billing import token
from support.concurrency import concurrently

from billing.entrypoints.worker import purge_idempotency_keys
from billing.service_layer.idempotency import forget_old_answers
from billing.service_layer.unit_of_work import UnitOfWork
from rapport_shared.db import utcnow

RACERS = 10


def pay(world, client_id: str, key: str | None, *, cents: int = 1900, staff: dict | None = None, http=None):
    headers = {**(staff or world.staff_a), **({"Idempotency-Key": key} if key is not None else {})}
    return (http or world.client).post("/v1/payments", headers=headers,
                                       json={"client_id": client_id, "amount_cents": cents, "method": "card"})


def client_payments(world, client_id: str, staff: dict | None = None) -> list[dict]:
    return world.ok(world.client.get(f"/v1/payments?client_id={client_id}&source=client",
                                     headers=staff or world.staff_a))["items"]


def balance(world, client_id: str, staff: dict | None = None) -> int:
    return world.ok(world.client.get(f"/v1/clients/{client_id}/balance",
                                     headers=staff or world.staff_a))["balance_cents"]


def problem(response, status: int, slug: str) -> None:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.get_json()["type"] == f"urn:rapport:problem:{slug}"


def test_a_retried_payment_gets_the_first_answer_and_is_recorded_once(world):
    client_id = world.add_client()

    first = pay(world, client_id, "front-desk-1")
    again = pay(world, client_id, "front-desk-1", staff=token("staff", world.practice_a))  # a colleague's retry

    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert [p["id"] for p in client_payments(world, client_id)] == [first.get_json()["id"]]
    assert balance(world, client_id) == -1900
    # Without a key, the same body is another payment.
    assert pay(world, client_id, None).status_code == 201
    assert balance(world, client_id) == -3800


def test_a_key_sent_again_with_another_body_is_refused(world):
    client_id = world.add_client()
    first = world.ok(pay(world, client_id, "front-desk-2"), 201)

    problem(pay(world, client_id, "front-desk-2", cents=2500), 422, "idempotency-key-reused")

    assert [p["id"] for p in client_payments(world, client_id)] == [first["id"]]
    assert balance(world, client_id) == -1900


def test_each_practice_has_its_own_keys(world):
    client_a, client_b = world.add_client(), world.add_client(world.practice_b)
    in_a = world.ok(pay(world, client_a, "same-key"), 201)

    # Practice B's staff sending A's very body under A's key get B's answer (no such client), not A's.
    problem(pay(world, client_a, "same-key", staff=world.staff_b), 404, "not-found")
    in_b = world.ok(pay(world, client_b, "same-key", staff=world.staff_b), 201)

    assert in_b["id"] != in_a["id"]
    assert [p["id"] for p in client_payments(world, client_a)] == [in_a["id"]]
    assert [p["id"] for p in client_payments(world, client_b, world.staff_b)] == [in_b["id"]]
    assert balance(world, client_b, world.staff_b) == -1900


def test_ten_identical_requests_at_once_make_one_payment_and_get_one_answer(world):
    client_id = world.add_client()
    staff = [token("staff", world.practice_a) for _ in range(RACERS)]

    responses = concurrently(RACERS, lambda i: pay(world, client_id, "double-click", staff=staff[i],
                                                   http=world.app.test_client()))

    assert [r.status_code for r in responses] == [201] * RACERS, [r.get_data(as_text=True) for r in responses]
    answers = {r.get_data(as_text=True) for r in responses}
    assert len(answers) == 1, answers
    assert [p["id"] for p in client_payments(world, client_id)] == [responses[0].get_json()["id"]]
    assert balance(world, client_id) == -1900


def test_a_key_is_one_to_two_hundred_characters(world):
    client_id = world.add_client()
    problem(pay(world, client_id, ""), 422, "invalid-idempotency-key")
    problem(pay(world, client_id, "k" * 201), 422, "invalid-idempotency-key")
    assert client_payments(world, client_id) == []
    assert pay(world, client_id, "k" * 200).status_code == 201


def test_answers_are_forgotten_after_a_day(world):
    client_id = world.add_client()
    first = world.ok(pay(world, client_id, "yesterday"), 201)
    assert purge_idempotency_keys(world.database, world.exchange) == 0  # the worker's job keeps today's

    with world.database.writer() as session:
        purged = forget_old_answers(UnitOfWork(session, world.exchange), utcnow() + dt.timedelta(days=1, minutes=1))
    assert purged == 1

    later = world.ok(pay(world, client_id, "yesterday"), 201)  # the key means nothing any more
    assert later["id"] != first["id"]
    assert balance(world, client_id) == -3800

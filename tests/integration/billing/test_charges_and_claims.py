"""Completed appointments become charges and claims; claims are scrubbed, rendered and submitted."""
import json
import threading

from sqlalchemy import select

from billing.adapters import orm
from billing.adapters.x12_validation import validate_x12
from billing.messaging.insurers import insurer_exchange


def test_a_completed_video_session_becomes_a_charge_and_a_draft_claim(world):
    client_id = world.add_client(diagnoses=("F41.1", "F33.1"))
    appointment_id = world.complete_appointment(client_id, duration=50, fmt="video")
    (charge,) = world.charges(client_id)
    assert (charge["appointment_id"], charge["cpt"], charge["pos"], charge["modifiers"]) == \
        (appointment_id, "90834", "10", ["95"])
    assert charge["charge_cents"] == 15000 and charge["status"] == "insurance"
    claim = world.ok(world.client.get(f"/v1/claims/{charge['claim_id']}", headers=world.staff_a))
    assert claim["status"] == "draft" and claim["total_cents"] == 15000
    assert claim["lines"][0]["dx_pointers"] == [1, 2] and claim["diagnoses"] == ["F41.1", "F33.1"]
    assert world.outbox_rows("rapport.billing.charge.created.v1")


def test_duration_picks_the_code_and_short_sessions_are_not_billed(world):
    client_id = world.add_client()
    world.complete_appointment(client_id, duration=30, fmt="in_person")
    world.complete_appointment(client_id, duration=10)
    world.complete_appointment(client_id, service_code="90847", duration=20)
    (charge,) = world.charges(client_id)
    assert (charge["cpt"], charge["pos"], charge["modifiers"]) == ("90832", "11", [])


def test_the_same_appointment_twice_is_charged_once(world):
    client_id = world.add_client()
    appointment_id = world.complete_appointment(client_id)
    world.complete_appointment(client_id, appointment_id=appointment_id)  # redelivered under another id
    assert len(world.charges(client_id)) == 1
    with world.database.reader() as session:
        assert len(session.execute(select(orm.claims)).all()) == 1


def test_two_workers_racing_on_one_appointment_make_one_charge(world):
    client_id = world.add_client()
    appointment_id = "appt-race-1"
    errors = []

    def deliver():
        try:
            world.complete_appointment(client_id, appointment_id=appointment_id)
        except Exception as exc:  # noqa: BLE001 - the loser's unique violation: the consumer would retry it
            errors.append(exc)

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    world.complete_appointment(client_id, appointment_id=appointment_id)  # a retry after a loss is a no-op
    assert len(world.charges(client_id)) == 1


def test_a_self_pay_session_is_owed_at_the_self_pay_rate(world):
    client_id = world.add_client(coverage=False)
    world.complete_appointment(client_id, duration=55, fmt="phone")
    (charge,) = world.charges(client_id)
    assert charge["status"] == "self_pay" and charge["claim_id"] is None and charge["modifiers"] == ["93"]
    balance = world.ok(world.client.get(f"/v1/clients/{client_id}/balance", headers=world.staff_a))
    assert balance["balance_cents"] == 15000


def test_submit_scrubs_renders_valid_837p_and_routes_to_the_payer(world):
    client_id = world.add_client(diagnoses=("F41.1", "F33.1"))
    world.complete_appointment(client_id)
    claim_id = world.charges(client_id)[0]["claim_id"]
    claim = world.ok(world.client.post(f"/v1/claims/{claim_id}/submit", headers=world.staff_a))
    assert claim["status"] == "submitted" and claim["errors"] == []
    x12 = world.client.get(f"/v1/claims/{claim_id}/x12", headers=world.staff_a)
    assert x12.status_code == 200 and x12.mimetype == "text/plain"
    assert validate_x12(x12.get_data(as_text=True)) == (True, [])
    (row,) = world.outbox_rows("rapport.billing.claim.submitted.v1")
    assert row["exchange"] == insurer_exchange(world.settings.amqp_namespace)
    assert row["routing_key"] == world.payer_id
    data = json.loads(row["body"])["data"]
    assert data["claim_id"] == claim_id and data["x12"] == x12.get_data(as_text=True)
    again = world.client.post(f"/v1/claims/{claim_id}/submit", headers=world.staff_a)
    assert again.status_code == 409


def test_a_claim_the_scrubber_stops_is_never_sent(world):
    client_id = world.add_client(dob=None, diagnoses=())
    world.complete_appointment(client_id)
    claim_id = world.charges(client_id)[0]["claim_id"]
    response = world.client.post(f"/v1/claims/{claim_id}/submit", headers=world.staff_a)
    assert response.status_code == 422
    codes = {e["code"] for e in response.get_json()["errors"]}
    assert {"dob.missing", "dx.missing"} <= codes
    assert world.outbox_rows("rapport.billing.claim.submitted.v1") == []
    claim = world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))
    assert claim["status"] == "draft" and {e["code"] for e in claim["errors"]} == codes


def test_couples_work_with_relationship_distress_is_stopped(world):
    client_id = world.add_client(diagnoses=("Z63.0",))
    world.complete_appointment(client_id, service_code="90847", duration=50)
    claim_id = world.charges(client_id)[0]["claim_id"]
    claim = world.ok(world.client.post(f"/v1/claims/{claim_id}/scrub", headers=world.staff_a))
    assert claim["status"] == "draft" and "dx.not_covered" in {e["code"] for e in claim["errors"]}


def test_claims_of_another_practice_are_not_found(world):
    client_id = world.add_client()
    world.complete_appointment(client_id)
    claim_id = world.charges(client_id)[0]["claim_id"]
    for path in (f"/v1/claims/{claim_id}", f"/v1/claims/{claim_id}/x12", f"/v1/claims/{claim_id}/fhir",
                 f"/v1/charges/{world.charges(client_id)[0]['id']}"):
        assert world.client.get(path, headers=world.staff_b).status_code == 404
    assert world.client.post(f"/v1/claims/{claim_id}/submit", headers=world.staff_b).status_code == 404
    assert world.ok(world.client.get("/v1/claims", headers=world.staff_b))["items"] == []
    assert len(world.ok(world.client.get("/v1/claims", headers=world.staff_a))["items"]) == 1


def test_a_worker_dying_mid_way_leaves_nothing_and_the_retry_charges_once(world, monkeypatch):
    from billing.service_layer import charges as charge_service

    client_id = world.add_client()
    appointment_id = "appt-crash-1"
    real_draft_claim = charge_service.draft_claim

    def crash(*args, **kwargs):
        raise RuntimeError("worker killed between the charge and its claim")

    monkeypatch.setattr(charge_service, "draft_claim", crash)
    try:
        world.complete_appointment(client_id, appointment_id=appointment_id, event_id="evt-1")
    except RuntimeError:
        pass
    assert world.charges(client_id) == []  # the charge was not committed without its claim
    monkeypatch.setattr(charge_service, "draft_claim", real_draft_claim)
    world.complete_appointment(client_id, appointment_id=appointment_id, event_id="evt-1")  # redelivered
    world.complete_appointment(client_id, appointment_id=appointment_id, event_id="evt-1")
    (charge,) = world.charges(client_id)
    assert charge["claim_id"] is not None


def test_an_associate_is_billed_under_the_supervisor_when_the_payer_allows(world):
    from billing.messaging import consumed

    supervisor_id, associate_id = world.therapist_a, "associate-1"
    world.deliver(consumed.THERAPIST_PUBLISHED, {
        "therapist_id": associate_id, "practice_id": world.practice_a, "first_name": "Ari", "last_name": "Lind",
        "credentials": "LPC-A", "npi": "1000000004", "status": "published", "version": 1,
        "supervisor_id": supervisor_id})
    client_id = world.add_client()
    world.therapist_a = associate_id
    world.complete_appointment(client_id)
    world.therapist_a = supervisor_id
    claim_id = world.charges(client_id)[0]["claim_id"]
    claim = world.ok(world.client.post(f"/v1/claims/{claim_id}/scrub", headers=world.staff_a))
    assert "provider.associate" in {e["code"] for e in claim["errors"]}
    from billing.adapters import orm
    with world.database.writer() as session:
        session.execute(orm.payers.update().values(associates_bill_under_supervisor=True))
        session.commit()
    claim = world.ok(world.client.post(f"/v1/claims/{claim_id}/scrub", headers=world.staff_a))
    assert claim["status"] == "scrubbed"
    x12 = world.client.get(f"/v1/claims/{claim_id}/x12", headers=world.staff_a).get_data(as_text=True)
    assert "NM1*82*1*OKAFOR*MAREN****XX*1234567893~" in x12


def test_charges_and_claims_are_paged_newest_first(world):
    client_id = world.add_client()
    for _ in range(5):
        world.complete_appointment(client_id)
    seen, cursor = [], None
    while True:
        query = f"/v1/charges?client_id={client_id}&limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = world.ok(world.client.get(query, headers=world.staff_a))
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 5 and len({c["id"] for c in seen}) == 5
    assert [c["created_at"] for c in seen] == sorted((c["created_at"] for c in seen), reverse=True)
    claims = world.ok(world.client.get("/v1/claims?status=draft&limit=3", headers=world.staff_a))
    assert len(claims["items"]) == 3 and claims["next_cursor"]
    assert world.client.get("/v1/claims?cursor=garbage", headers=world.staff_a).status_code == 422


def test_the_worker_submits_clean_claims_and_holds_the_rest(world):
    from billing.entrypoints.consumers import all_handlers

    world.handlers = all_handlers(auto_submit=True)
    clean = world.add_client()
    world.complete_appointment(clean)
    incomplete = world.add_client(dob=None)
    world.complete_appointment(incomplete)
    submitted = world.ok(world.client.get(f"/v1/claims/{world.charges(clean)[0]['claim_id']}", headers=world.staff_a))
    held = world.ok(world.client.get(f"/v1/claims/{world.charges(incomplete)[0]['claim_id']}", headers=world.staff_a))
    assert submitted["status"] == "submitted"
    assert held["status"] == "draft" and "dob.missing" in {e["code"] for e in held["errors"]}
    (sent,) = [json.loads(r["body"])["data"] for r in world.outbox_rows("rapport.billing.claim.submitted.v1")]
    assert sent["claim_id"] == submitted["id"] and sent["version"] == submitted["version"]
    shown = world.client.get(f"/v1/claims/{submitted['id']}/x12", headers=world.staff_a).get_data(as_text=True)
    assert sent["x12"] == shown and validate_x12(shown) == (True, [])

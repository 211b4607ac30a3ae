"""POST /v1/estimates through the API, on both databases."""
import uuid


def test_insured_estimate_line_by_line(world):
    client_id = world.add_client()
    estimate = world.ok(world.client.post("/v1/estimates", headers=world.staff_a, json={
        "client_id": client_id, "service_date": "2026-11-30", "services": [{"cpt": "90834"}, {"cpt": "90834"}]}), 201)
    first, second = estimate["lines"]
    # The practice charges 150.00, the payer allows 110.00; deductible 500.00 unmet, 20% coinsurance.
    assert (first["write_off_cents"], first["deductible_cents"], first["patient_cents"], first["plan_cents"]) == \
        (4000, 11000, 11000, 0)
    assert (second["deductible_cents"], second["patient_cents"], second["plan_cents"]) == (11000, 11000, 0)
    assert estimate["totals"] == {"charge_cents": 30000, "write_off_cents": 8000, "patient_cents": 22000,
                                  "plan_cents": 0}
    assert "good_faith_estimate" not in estimate
    again = world.ok(world.client.get(f"/v1/estimates/{estimate['id']}", headers=world.staff_a))
    assert again["lines"] == estimate["lines"]


def test_couples_work_for_relationship_distress_is_self_pay(world):
    client_id = world.add_client(diagnoses=("Z63.0",))
    estimate = world.ok(world.client.post("/v1/estimates", headers=world.staff_a, json={
        "client_id": client_id, "service_date": "2026-11-30", "services": [{"cpt": "90847"}]}), 201)
    (line,) = estimate["lines"]
    assert line["covered"] is False and "Z63.0" in line["not_covered_reason"]
    assert (line["patient_cents"], line["plan_cents"], line["write_off_cents"]) == (14000, 0, 3000)


def test_self_pay_client_gets_a_good_faith_estimate_with_sliding_scale(world):
    client_id = world.add_client(coverage=False)
    estimate = world.ok(world.client.post("/v1/estimates", headers=world.staff_a, json={
        "client_id": client_id, "service_date": "2026-11-30", "services": [{"cpt": "90837"}],
        "sliding_scale_tier": "B"}), 201)
    assert estimate["kind"] == "self_pay"
    assert estimate["lines"][0]["patient_cents"] == 11250  # 75% of the 150.00 self-pay rate
    gfe = estimate["good_faith_estimate"]
    assert gfe["total_expected_cents"] == 11250 and gfe["provider_npi"] == "1999999984"
    pdf = world.client.get(f"/v1/estimates/{estimate['id']}?format=pdf", headers=world.staff_a)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")


def test_bad_estimate_requests_are_problems_and_store_nothing(world):
    client_id = world.add_client()
    for body in ({"client_id": client_id, "service_date": "2026-11-30", "services": []},
                 {"client_id": client_id, "service_date": "2026-11-30", "services": [{"cpt": "abc"}]},
                 {"client_id": client_id, "service_date": "2026-11-30", "services": [{"cpt": "90834"}], "x": 1},
                 {"client_id": client_id, "service_date": "2026-11-30", "services": [{"cpt": "90853"}]}):
        response = world.client.post("/v1/estimates", headers=world.staff_a, json=body)
        assert response.status_code in (400, 422) and response.mimetype == "application/problem+json"
    from billing.adapters import orm
    with world.database.reader() as session:
        assert session.execute(orm.estimates.select()).first() is None


def test_other_practices_cannot_see_estimates_coverage_or_clients(world):
    client_id = world.add_client()
    estimate = world.ok(world.client.post("/v1/estimates", headers=world.staff_a, json={
        "client_id": client_id, "service_date": "2026-11-30", "services": [{"cpt": "90834"}]}), 201)
    assert world.client.get(f"/v1/estimates/{estimate['id']}", headers=world.staff_b).status_code == 404
    assert world.client.get(f"/v1/clients/{client_id}/coverages", headers=world.staff_b).status_code == 404
    assert world.client.post("/v1/estimates", headers=world.staff_b, json={
        "client_id": client_id, "service_date": "2026-11-30", "services": [{"cpt": "90834"}]}).status_code == 404
    assert world.client.get(f"/v1/clients/{client_id}/coverages").status_code == 401


def test_a_therapist_sees_diagnoses_only_of_clients_they_have_seen(world):
    from support.billing import token

    client_id = world.add_client()
    own = token("therapist", world.practice_a, world.therapist_a)
    other = token("therapist", world.practice_a, "another-therapist")
    assert world.client.get(f"/v1/clients/{client_id}/diagnoses", headers=own).status_code == 404
    world.complete_appointment(client_id)
    assert world.client.get(f"/v1/clients/{client_id}/diagnoses", headers=own).status_code == 200
    assert world.client.get(f"/v1/clients/{client_id}/diagnoses", headers=other).status_code == 404
    assert world.client.get(f"/v1/clients/{client_id}/coverages", headers=own).status_code == 403


def test_unknown_client_is_404(world):
    response = world.client.post("/v1/estimates", headers=world.staff_a, json={
        "client_id": str(uuid.uuid4()), "service_date": "2026-11-30", "services": [{"cpt": "90834"}]})
    assert response.status_code == 404
    not_an_id = world.client.post("/v1/estimates", headers=world.staff_a, json={
        "client_id": "nobody", "service_date": "2026-11-30", "services": [{"cpt": "90834"}]})
    assert not_an_id.status_code == 422 and not_an_id.get_json()["errors"][0]["field"] == "client_id"

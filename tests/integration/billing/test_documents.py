"""Statements and superbills (JSON and PDF), FHIR R4 views, and eligibility checks."""
import datetime as dt

import pytest
from fhir.resources.R4B.claim import Claim
from fhir.resources.R4B.coverage import Coverage

from billing.domain.eligibility import EligibilityUnavailable
from billing.service_layer import clients as client_service
from billing.service_layer.unit_of_work import UnitOfWork
from rapport_shared.principal import Principal


def test_statement_and_superbill_as_json_and_pdf(world):
    client_id = world.add_client(coverage=False, diagnoses=("F41.1",))
    world.complete_appointment(client_id, duration=55)
    statement = world.ok(world.client.get(f"/v1/clients/{client_id}/statements", headers=world.staff_a))
    assert statement["balance_cents"] == 15000 and statement["entries"][0]["amount_cents"] == 15000
    superbill = world.ok(world.client.get(f"/v1/clients/{client_id}/superbills", headers=world.staff_a))
    (service,) = superbill["services"]
    assert (service["cpt"], service["rendering_npi"], superbill["diagnoses"]) == ("90837", "1234567893", ["F41.1"])
    assert superbill["practice"]["tax_id"] == "364198752"
    # Self-pay: no claim, insurance pays nothing, the client's share is what they were charged (self-pay rate).
    assert (service["claim_status"], service["insurance_paid_cents"], service["patient_share_cents"]) == \
        (None, 0, 15000)
    assert (superbill["total_insurance_paid_cents"], superbill["total_patient_share_cents"]) == (0, 15000)
    for path in ("statements", "superbills"):
        pdf = world.client.get(f"/v1/clients/{client_id}/{path}?format=pdf", headers=world.staff_a)
        assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
        assert world.client.get(f"/v1/clients/{client_id}/{path}", headers=world.staff_b).status_code == 404


def test_the_superbill_shows_what_insurance_paid_and_the_clients_share(world):
    client_id = world.add_client()
    now = dt.datetime.now(dt.timezone.utc)
    paid_claim = world.submit_session(client_id, start=now - dt.timedelta(days=3))
    answer = world.adjudicate(paid_claim, 7300, [("CO", "45", 4000), ("PR", "2", 2200), ("PR", "3", 1500)])
    world.submit_session(client_id, start=now - dt.timedelta(days=2))  # no answer yet
    corrected = world.submit_session(client_id, start=now - dt.timedelta(days=1))
    world.adjudicate(corrected, 15000, [])
    world.ok(world.client.post(f"/v1/claims/{corrected}/correct", headers=world.staff_a))
    superbill = world.ok(world.client.get(f"/v1/clients/{client_id}/superbills", headers=world.staff_a))
    decided = [(s["claim_status"], s["insurance_paid_cents"], s["patient_share_cents"]) for s in superbill["services"]]
    (line,) = answer["lines"]
    share = sum(a["amount_cents"] for a in line["adjustments"] if a["group"] == "PR")
    # The corrected claim's payment no longer stands: its replacement (a draft) has not been answered.
    assert decided == [("paid", line["paid_cents"], share), ("submitted", None, None), ("draft", None, None)]
    assert (superbill["total_insurance_paid_cents"], superbill["total_patient_share_cents"]) == (7300, 3700)
    claim = world.ok(world.client.get(f"/v1/claims/{paid_claim}", headers=world.staff_a))
    assert (claim["paid_cents"], claim["patient_responsibility_cents"]) == (7300, 3700)
    pdf = world.client.get(f"/v1/clients/{client_id}/superbills?format=pdf", headers=world.staff_a)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_fhir_claim_and_coverage_are_valid_r4(world):
    client_id = world.add_client(diagnoses=("F41.1", "F33.1"))
    world.complete_appointment(client_id)
    claim_id = world.charges(client_id)[0]["claim_id"]
    claim = Claim.model_validate(world.ok(world.client.get(f"/v1/claims/{claim_id}/fhir", headers=world.staff_a)))
    assert claim.total.value == 150 and claim.item[0].productOrService.coding[0].code == "90834"
    assert [d.diagnosisCodeableConcept.coding[0].code for d in claim.diagnosis] == ["F41.1", "F33.1"]
    coverage_id = world.coverage["id"]
    coverage = Coverage.model_validate(world.ok(world.client.get(
        f"/v1/clients/{client_id}/coverages/{coverage_id}/fhir", headers=world.staff_a)))
    assert coverage.subscriberId == "PMH123456" and coverage.relationship.coding[0].code == "self"
    assert world.client.get(f"/v1/clients/{client_id}/coverages/{coverage_id}/fhir",
                            headers=world.staff_b).status_code == 404


def test_eligibility_is_stored_and_falls_back_to_the_last_answer(world):
    world.add_client()
    coverage_id = world.coverage["id"]
    check = world.ok(world.client.post("/v1/eligibility-checks", headers=world.staff_a,
                                       json={"coverage_id": coverage_id, "service_date": "2026-11-30"}), 201)
    assert check["result"]["active"] is True and check["result"]["deductible_remaining_cents"] == 50000
    assert check["stale"] is False
    outside = world.ok(world.client.post("/v1/eligibility-checks", headers=world.staff_a,
                                         json={"coverage_id": coverage_id, "service_date": "2025-06-01"}), 201)
    assert outside["result"]["active"] is False
    assert world.client.post("/v1/eligibility-checks", headers=world.staff_b,
                             json={"coverage_id": coverage_id}).status_code == 404

    def unreachable(*_args):
        raise EligibilityUnavailable("payer unreachable")

    with world.database.writer() as session:
        answer = client_service.check_eligibility(
            UnitOfWork(session, world.exchange), Principal("s", "staff", world.practice_a), coverage_id,
            dt.date(2026, 11, 30), source=unreachable)
    assert answer["stale"] is True and answer["age_seconds"] >= 0 and answer["id"] == outside["id"]


def test_coverage_and_diagnoses_refuse_bad_input(world):
    client_id = world.add_client(coverage=False, diagnoses=())
    bad = world.client.put(f"/v1/clients/{client_id}/diagnoses", headers=world.staff_a,
                           json={"codes": ["F41.1", "41.1"]})
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["field"] == "codes.1"
    assert world.ok(world.client.get(f"/v1/clients/{client_id}/diagnoses", headers=world.staff_a))["items"] == []
    for body in ({"plan_id": "nope", "member_id": "M1", "effective_from": "2026-01-01"},
                 {"plan_id": world.plan["id"], "member_id": "M1", "effective_from": "2026-01-01",
                  "effective_to": "2025-01-01"},
                 {"plan_id": world.plan["id"], "member_id": "M1", "effective_from": "2026-01-01",
                  "relationship": "19"}):
        assert world.client.post(f"/v1/clients/{client_id}/coverages", headers=world.staff_a,
                                 json=body).status_code == 422
    assert world.ok(world.client.get(f"/v1/clients/{client_id}/coverages", headers=world.staff_a))["items"] == []


@pytest.mark.parametrize("path", ["/v1/payers", "/v1/plans"])
def test_only_admins_add_payers_and_plans(world, path):
    response = world.client.post(path, headers=world.staff_a, json={"name": "X", "payer_id": "XX1"})
    assert response.status_code == 403 and response.mimetype == "application/problem+json"
    assert world.client.get(path, headers=world.staff_a).status_code == 200

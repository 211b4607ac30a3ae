"""Through the whole system: a completed appointment becomes a claim the reference insurer receives
on its own queue, adjudicates and answers; billing posts it. Diagnoses, coverage and reads go
through the gateway; booking's events are published as booking publishes them."""
from __future__ import annotations

import uuid

import pytest
from support.billing_events import BookingPublisher, appointment_completed, client_registered
from support.http import DEMO_STAFF, Gateway
from support.settings import AMQP_URL

pytestmark = pytest.mark.e2e
DEMO_PRACTICE_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://rapport.example/demo/practice/northside"))
DEMO_THERAPIST_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://rapport.example/demo/therapist/maren-okafor"))
DEMO_PLAN_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://rapport.example/demo/plan/RPM01"))


def test_completed_appointment_is_claimed_adjudicated_and_posted(system):
    gw = Gateway(system.url)
    staff = gw.login(*DEMO_STAFF)
    gw.eventually(f"/v1/billing-providers/{DEMO_THERAPIST_ID}", staff)  # billing heard of the therapist
    booking = BookingPublisher(AMQP_URL, system.env["AMQP_NAMESPACE"])
    client_id = str(uuid.uuid4())
    booking.publish(client_registered(client_id, DEMO_PRACTICE_ID))
    gw.eventually(f"/v1/clients/{client_id}/coverages", staff)

    put = gw.request("PUT", f"/v1/clients/{client_id}/diagnoses", staff, json={"codes": ["F41.1"]})
    assert put.status_code == 200, put.text
    coverage = gw.post(f"/v1/clients/{client_id}/coverages", staff, json={
        "plan_id": DEMO_PLAN_ID, "member_id": "PMH778899", "group_number": "GRP100", "effective_from": "2026-01-01"})
    assert coverage.status_code == 201, coverage.text
    estimate = gw.post("/v1/estimates", staff, json={"client_id": client_id, "service_date": "2026-11-30",
                                                     "services": [{"cpt": "90834"}]})
    assert estimate.status_code == 201 and estimate.json()["lines"][0]["patient_cents"] == 11000

    appointment_id = str(uuid.uuid4())
    completed = appointment_completed(appointment_id, client_id, DEMO_PRACTICE_ID, DEMO_THERAPIST_ID)
    booking.publish(completed)
    booking.publish(completed)  # delivered twice: still one charge, one claim
    booking.close()

    charges = gw.eventually(f"/v1/charges?client_id={client_id}", staff,
                            until=lambda r: r.status_code == 200 and r.json()["items"]).json()["items"]
    assert len(charges) == 1 and charges[0]["cpt"] == "90834" and charges[0]["modifiers"] == ["95"]
    claim_id = charges[0]["claim_id"]
    claim = gw.eventually(f"/v1/claims/{claim_id}", staff, timeout=30,
                          until=lambda r: r.status_code == 200 and r.json()["status"] == "paid").json()
    # Allowed 110.00 all to the deductible: the plan pays nothing yet, the client owes 110.00.
    assert (claim["paid_cents"], claim["patient_responsibility_cents"]) == (0, 11000)
    assert gw.get(f"/v1/clients/{client_id}/balance", staff).json()["balance_cents"] == 11000
    x12 = gw.get(f"/v1/claims/{claim_id}/x12", staff)
    assert x12.status_code == 200 and x12.text.startswith("ISA*") and "SV1*HC:90834:95*150.00" in x12.text
    statement = gw.get(f"/v1/clients/{client_id}/statements?format=pdf", staff)
    assert statement.status_code == 200 and statement.content.startswith(b"%PDF")
    assert len(gw.get(f"/v1/charges?client_id={client_id}", staff).json()["items"]) == 1

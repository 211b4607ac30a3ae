"""A therapist created and published in profiles reaches booking and billing, all through the gateway."""
from __future__ import annotations

import uuid

import pytest
from support.http import DEMO_ADMIN, DEMO_STAFF, Gateway
from support.profiles_directory import verified_license_through

pytestmark = pytest.mark.e2e


def test_published_therapist_reaches_booking_and_billing(system):
    gw = Gateway(system.url)
    staff = gw.login(*DEMO_STAFF)
    request_id = f"skeleton-{uuid.uuid4().hex}"

    created = gw.post("/v1/therapists", staff, headers={"X-Request-ID": request_id},
                      json={"first_name": "Ines", "last_name": "Marlowe", "credentials": "LPC", "npi": "1234567893"})
    assert created.status_code == 201, created.text
    assert created.headers["X-Request-ID"] == request_id
    therapist_id = created.json()["id"]

    # A draft is nobody's business but its practice's: booking and billing have not heard of it.
    assert gw.get(f"/v1/therapists/{therapist_id}/availability", staff).status_code == 404
    assert gw.get(f"/v1/billing-providers/{therapist_id}", staff).status_code == 404

    verified_license_through(gw, staff, therapist_id)  # publishing needs a verified license
    assert gw.post(f"/v1/therapists/{therapist_id}/publish", staff).status_code == 200

    booking_view = gw.eventually(f"/v1/therapists/{therapist_id}/availability", staff).json()
    assert booking_view["display_name"] == "Ines Marlowe, LPC"
    assert booking_view["timezone"] == "America/Chicago" and booking_view["listed"] is True

    billing_view = gw.eventually(f"/v1/billing-providers/{therapist_id}", staff).json()
    assert billing_view["npi"] == "1234567893"
    assert billing_view["practice_name"] == "Northside Relational Therapy"
    assert billing_view["ready_to_bill"] is True, billing_view["missing"]

    assert gw.post(f"/v1/therapists/{therapist_id}/unpublish", staff, json={"reason": "on leave"}).status_code == 200
    gw.eventually(f"/v1/therapists/{therapist_id}/availability", staff, until=lambda r: r.json()["listed"] is False)

    # The gateway's request id reached the service's own log line for that request.
    assert request_id in system.log("profiles")


def test_every_service_is_ready_and_documented(system):
    gw = Gateway(system.url)
    for service in ("profiles", "booking", "billing"):
        ready = gw.get(f"/readyz/{service}").json()
        assert ready["checks"]["database"]["ok"] and ready["checks"]["broker"]["ok"]
        spec = gw.get(f"/openapi/{service}.json")
        assert spec.status_code == 200 and spec.json()["openapi"].startswith("3.")
    assert "swagger" in gw.get("/docs").text.lower()


def test_errors_through_the_gateway_are_problem_json(system):
    gw = Gateway(system.url)
    for response in (gw.get("/v1/therapists/does-not-exist"), gw.post("/v1/therapists", json={}),
                     gw.get("/v1/nothing-here"), gw.post("/v1/auth/token", json={"email": "x"})):
        assert response.headers["Content-Type"].startswith("application/problem+json"), response.text
        assert response.json()["status"] == response.status_code


def test_another_practice_cannot_see_the_read_models(system):
    gw = Gateway(system.url)
    admin = gw.login(*DEMO_ADMIN)
    other = gw.post("/v1/practices", admin, json={"name": "Lakeside Counseling", "time_zone": "America/Denver"})
    assert other.status_code == 201, other.text
    email = f"staff-{uuid.uuid4().hex[:8]}@lakeside.example"
    member = gw.post(f"/v1/practices/{other.json()['id']}/members", admin,
                     json={"email": email, "password": "lakeside-staff-pass", "role": "staff"})
    assert member.status_code == 201, member.text
    outsider = gw.login(email, "lakeside-staff-pass")

    # One of the demo practice's own therapists (the demo directory has many practices).
    demo_therapist = gw.get("/v1/therapists?q=Okafor").json()["items"][0]["id"]
    staff = gw.login(*DEMO_STAFF)
    gw.eventually(f"/v1/billing-providers/{demo_therapist}", staff)  # the demo's own staff can
    for path in (f"/v1/therapists/{demo_therapist}/availability", f"/v1/billing-providers/{demo_therapist}"):
        response = gw.get(path, outsider)
        assert response.status_code == 404, path
        assert response.headers["Content-Type"].startswith("application/problem+json")

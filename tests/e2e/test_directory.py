"""The directory through the gateway: search the demo practice, license-gated publishing, matching."""
from __future__ import annotations

import pytest
from support.http import DEMO_STAFF, Gateway
from support.profiles_directory import verified_license_through

pytestmark = pytest.mark.e2e


def test_search_and_match_the_demo_directory(system):
    gw = Gateway(system.url)
    taxonomy = gw.get("/v1/taxonomy").json()
    assert "couples-therapy" in {t["slug"] for t in taxonomy["specialties"]}

    found = gw.get("/v1/therapists?specialty=couples-therapy&insurance=60054&format=video&near=60622&radius_km=20")
    assert found.status_code == 200, found.text
    names = [t["display_name"] for t in found.json()["items"]]
    assert names == ["Maren Okafor, LMFT"]
    assert gw.get("/v1/therapists?q=emdr&state=IL").json()["items"][0]["last_name"] == "Lindqvist"
    bad = gw.get("/v1/therapists?specialty=astrology")
    assert bad.status_code == 422 and bad.headers["Content-Type"].startswith("application/problem+json")

    matches = gw.post("/v1/matches", json={"concerns": "my partner and I keep fighting", "format": "video",
                                           "payer_id": "60054", "state": "IL"})
    assert matches.status_code == 200, matches.text
    best = matches.json()["matches"][0]
    assert best["display_name"] == "Maren Okafor, LMFT" and "in network with Aetna" in best["reasons"]

    # Written in Spanish, heard in Spanish: one in five of the demo's generated therapists speaks it.
    spanish = gw.post("/v1/matches", json={"concerns": "me siento muy ansiosa y no puedo dormir", "limit": 5}).json()
    assert {"language:es", "issue:anxiety"} <= set(spanish["interpreted_terms"])
    assert all("speaks Spanish" in m["reasons"] for m in spanish["matches"]) and len(spanish["matches"]) == 5

    page = gw.get("/v1/specialties/couples-therapy?limit=100").json()
    # A specialty page features therapists who wrote about that work (the demo directory has many; one page
    # of them rotates fairly, so a given therapist is listed only when all of them fit).
    assert page["specialists"] and all(s["statement"] for s in page["specialists"])
    if len(page["specialists"]) < 100:
        assert "Maren Okafor, LMFT" in [s["display_name"] for s in page["specialists"]]
    fhir = gw.get(f"/v1/therapists/{best['therapist_id']}/fhir")
    assert fhir.status_code == 200 and fhir.json()["resourceType"] == "Bundle"


def test_publishing_needs_a_verified_license_and_edits_reach_booking(system):
    gw = Gateway(system.url)
    staff = gw.login(*DEMO_STAFF)
    created = gw.post("/v1/therapists", staff, json={
        "first_name": "Wren", "last_name": "Halloway", "credentials": "LPC", "npi": "1999999984",
        "specialties": ["trauma"], "formats": ["video"], "payer_ids": ["62308"], "teletherapy_states": ["IL"]})
    assert created.status_code == 201, created.text
    therapist_id = created.json()["id"]
    refused = gw.post(f"/v1/therapists/{therapist_id}/publish", staff)
    assert refused.status_code == 409 and refused.json()["type"] == "urn:rapport:problem:no-valid-license"

    verified_license_through(gw, staff, therapist_id)
    assert gw.post(f"/v1/therapists/{therapist_id}/publish", staff).status_code == 200
    assert therapist_id in [t["id"] for t in gw.get("/v1/therapists?specialty=trauma&insurance=62308&format=video"
                                                     "&limit=100").json()["items"]]

    booking_view = gw.eventually(f"/v1/therapists/{therapist_id}/availability", staff).json()
    assert booking_view["display_name"] == "Wren Halloway, LPC"

    current = gw.get(f"/v1/therapists/{therapist_id}", staff)
    edited = gw.request("PATCH", f"/v1/therapists/{therapist_id}", staff, headers={"If-Match": current.headers["ETag"]},
                        json={"first_name": "Wrenna"})
    assert edited.status_code == 200, edited.text
    stale = gw.request("PATCH", f"/v1/therapists/{therapist_id}", staff, headers={"If-Match": current.headers["ETag"]},
                       json={"first_name": "Wendy"})
    assert stale.status_code == 412
    gw.eventually(f"/v1/therapists/{therapist_id}/availability", staff,
                  until=lambda r: r.json().get("display_name") == "Wrenna Halloway, LPC")

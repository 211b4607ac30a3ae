"""Listed therapists with full profiles, for directory, search and matching tests."""
from __future__ import annotations

from support.profiles import add_verified_license, bearer

PROFILE = {
    "credentials": "LCSW",
    "specialties": ["relational-therapy"],
    "issues": ["relationship-distress"],
    "modalities": ["relational"],
    "populations": ["individuals"],
    "formats": ["video"],
    "languages": ["en"],
    "payer_ids": ["60054"],
    "accepting_new_clients": True,
    "approach_statement": "I work relationally.",
}


def listed_therapist(client, staff_token: str, first_name: str, last_name: str, *, license_state: str = "IL",
                     publish: bool = True, **fields) -> dict:
    """Create a therapist with PROFILE overridden by `fields`, verify a license, publish."""
    body = {**PROFILE, "first_name": first_name, "last_name": last_name, **fields}
    response = client.post("/v1/therapists", headers=bearer(staff_token), json=body)
    assert response.status_code == 201, response.get_json()
    therapist = response.get_json()
    add_verified_license(client, staff_token, therapist["id"], state=license_state)
    if publish:
        response = client.post(f"/v1/therapists/{therapist['id']}/publish", headers=bearer(staff_token))
        assert response.status_code == 200, response.get_json()
        therapist = response.get_json()
    return therapist


def search_ids(client, query: str = "") -> list[str]:
    """Every id a search returns, walking all its pages."""
    ids, cursor = [], None
    while True:
        url = f"/v1/therapists?{query}" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(url)
        assert response.status_code == 200, response.get_json()
        page = response.get_json()
        ids += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            return ids


def verified_license_through(gateway, token: str, therapist_id: str, *, type_: str = "lpc", state: str = "IL") -> dict:
    """Record and verify a license through the gateway (what publishing needs), as staff."""
    import datetime as dt
    import uuid

    expires_on = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    added = gateway.post(f"/v1/therapists/{therapist_id}/licenses", token,
                         json={"type": type_, "number": f"{state}-{uuid.uuid4().hex[:8]}", "state": state,
                               "expires_on": expires_on})
    assert added.status_code == 201, added.text
    verified = gateway.post(f"/v1/therapists/{therapist_id}/licenses/{added.json()['id']}/verify", token)
    assert verified.status_code == 200, verified.text
    return verified.json()


def record_free_slots(profiles_app, therapist_id: str, *starts) -> None:
    """Hold booking's availability summary for a therapist: these free screening slot starts (aware)."""
    from profiles.service_layer.availability import record_availability
    from profiles.service_layer.unit_of_work import UnitOfWork

    with profiles_app.extensions["rapport.db"].writer() as session:
        record_availability(UnitOfWork(session, "x"), {"therapist_id": therapist_id, "next_slots": list(starts),
                                                       "timezone": "America/Chicago", "version": 1})

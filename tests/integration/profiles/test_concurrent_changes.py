"""Staff acting on one profile, practice, license or address at once: one request wins, every other gets the
answer it would get a moment later (412 for an If-Match another write made stale, 409 for a taken email or a
license already verified), never a 500, and the winner's change is the one stored. Both databases."""
from __future__ import annotations

import uuid

import pytest
from support.concurrency import concurrently
from support.profiles import PASSWORD, bearer

RACERS = 10


def statuses(responses) -> list[int]:
    for response in responses:
        assert response.status_code < 500, response.get_data(as_text=True)[:300]
        if response.status_code >= 400:
            assert response.content_type == "application/problem+json"
    return sorted(r.status_code for r in responses)


@pytest.mark.parametrize(("what", "field"), [("therapist", "pronouns"), ("practice", "name")])
def test_ten_edits_under_one_if_match_make_one_version_and_nine_412s(profiles, client, practice_a, what, field):
    url = f"/v1/therapists/{practice_a.therapist_id}" if what == "therapist" else f"/v1/practices/{practice_a.id}"
    staff = bearer(practice_a.staff_token)
    etag = client.get(url, headers=staff).headers["ETag"]
    responses = concurrently(RACERS, lambda i: profiles.test_client().patch(
        url, headers={**staff, "If-Match": etag}, json={field: f"{field} {i}"}))
    assert statuses(responses) == [200] + [412] * (RACERS - 1)
    [won] = [r.get_json() for r in responses if r.status_code == 200]
    stored = client.get(url, headers=staff)
    assert stored.headers["ETag"] == '"v2"' and stored.get_json()[field] == won[field]


def test_one_email_added_ten_times_at_once_makes_one_account(profiles, client, practice_a):
    email = f"front-desk-{uuid.uuid4().hex[:6]}@test.example"
    responses = concurrently(RACERS, lambda i: profiles.test_client().post(
        f"/v1/practices/{practice_a.id}/members", headers=bearer(practice_a.staff_token),
        json={"email": email, "password": PASSWORD, "role": "staff"}))
    assert statuses(responses) == [201] + [409] * (RACERS - 1)
    assert {r.get_json()["type"] for r in responses if r.status_code == 409} == {"urn:rapport:problem:email-taken"}
    signed_in = client.post("/v1/auth/token", json={"email": email, "password": PASSWORD})
    assert signed_in.status_code == 200


def test_one_license_verified_by_ten_staff_at_once_is_verified_once(profiles, client, practice_a):
    url = f"/v1/therapists/{practice_a.therapist_id}/licenses"
    staff = bearer(practice_a.staff_token)
    license_id = client.post(url, headers=staff, json={"type": "lcsw", "number": f"IL-{uuid.uuid4().hex[:8]}",
                                                        "state": "IL", "expires_on": "2031-01-31"}).get_json()["id"]
    responses = concurrently(RACERS, lambda i: profiles.test_client().post(f"{url}/{license_id}/verify",
                                                                           headers=staff))
    assert statuses(responses) == [200] + [409] * (RACERS - 1)
    [won] = [r.get_json() for r in responses if r.status_code == 200]
    [stored] = [lic for lic in client.get(url, headers=staff).get_json()["items"] if lic["id"] == license_id]
    assert stored["verified_at"] == won["verified_at"]

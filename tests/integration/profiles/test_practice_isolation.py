"""One practice's staff and therapists cannot see or touch another practice's objects."""
from __future__ import annotations

from support.profiles import PASSWORD, add_verified_license, bearer


def test_staff_cannot_reach_another_practice(client, practice_a, practice_b):
    as_a = bearer(practice_a.staff_token)
    b_draft = practice_b.therapist_id

    assert client.get(f"/v1/practices/{practice_b.id}", headers=as_a).status_code == 404
    assert client.get(f"/v1/therapists/{b_draft}", headers=as_a).status_code == 404
    assert client.post(f"/v1/therapists/{b_draft}/publish", headers=as_a).status_code == 404
    response = client.post(f"/v1/practices/{practice_b.id}/members", headers=as_a,
                           json={"email": "intruder@test.example", "password": PASSWORD, "role": "staff"})
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    # practice_id is an administrator's field: staff naming another practice are refused.
    response = client.post("/v1/therapists", headers=as_a,
                           json={"first_name": "X", "last_name": "Y", "practice_id": practice_b.id})
    assert response.status_code == 403

    # Nothing changed in practice B.
    b_view = client.get(f"/v1/therapists/{b_draft}", headers=bearer(practice_b.staff_token)).get_json()
    assert b_view["status"] == "draft"
    login = client.post("/v1/auth/token", json={"email": "intruder@test.example", "password": PASSWORD})
    assert login.status_code == 401


def test_own_practice_works_for_staff(client, practice_a):
    as_a = bearer(practice_a.staff_token)
    assert client.get(f"/v1/practices/{practice_a.id}", headers=as_a).status_code == 200
    assert client.get(f"/v1/therapists/{practice_a.therapist_id}", headers=as_a).status_code == 200
    add_verified_license(client, practice_a.staff_token, practice_a.therapist_id)
    published = client.post(f"/v1/therapists/{practice_a.therapist_id}/publish", headers=as_a)
    assert published.status_code == 200 and published.get_json()["status"] == "published"
    # Once published, the profile is public; still only A's staff may unpublish it.
    assert client.get(f"/v1/therapists/{practice_a.therapist_id}").status_code == 200


def test_published_profile_of_another_practice_is_visible_but_not_manageable(client, practice_a, practice_b):
    add_verified_license(client, practice_b.staff_token, practice_b.therapist_id)
    client.post(f"/v1/therapists/{practice_b.therapist_id}/publish", headers=bearer(practice_b.staff_token))
    as_a = bearer(practice_a.staff_token)
    assert client.get(f"/v1/therapists/{practice_b.therapist_id}", headers=as_a).status_code == 200
    assert client.post(f"/v1/therapists/{practice_b.therapist_id}/unpublish", headers=as_a,
                       json={"reason": "not yours"}).status_code == 403


def test_therapist_sees_own_draft_but_cannot_publish_it(client, practice_a, practice_b):
    as_therapist = bearer(practice_a.therapist_token)
    assert client.get(f"/v1/therapists/{practice_a.therapist_id}", headers=as_therapist).status_code == 200
    assert client.post(f"/v1/therapists/{practice_a.therapist_id}/publish", headers=as_therapist).status_code == 403
    assert client.get(f"/v1/therapists/{practice_b.therapist_id}", headers=as_therapist).status_code == 404


def test_server_owned_fields_cannot_be_set(client, practice_a):
    response = client.post("/v1/therapists", headers=bearer(practice_a.staff_token),
                           json={"first_name": "M", "last_name": "A", "status": "published", "verified": True})
    assert response.status_code == 422
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert fields == {"status", "verified"}


def test_public_list_shows_published_only(client, practice_a, practice_b):
    add_verified_license(client, practice_a.staff_token, practice_a.therapist_id)
    client.post(f"/v1/therapists/{practice_a.therapist_id}/publish", headers=bearer(practice_a.staff_token))
    listed = client.get("/v1/therapists").get_json()["items"]
    assert [t["id"] for t in listed] == [practice_a.therapist_id]
    assert "npi" not in listed[0] and "status" not in listed[0]


def test_pagination_is_bounded_and_cursor_checked(client):
    assert client.get("/v1/therapists?limit=1000").status_code == 422
    response = client.get("/v1/therapists?cursor=garbage")
    assert response.status_code == 422
    assert response.get_json()["type"] == "urn:rapport:problem:invalid-cursor"

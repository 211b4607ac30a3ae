"""Editing profiles: ETags, vocabulary, mass assignment, who may edit, license verification."""
from __future__ import annotations

import datetime as dt

from support.profiles import add_verified_license, bearer, edit


def test_patch_needs_if_match_and_refuses_a_stale_one(client, practice_a):
    url = f"/v1/therapists/{practice_a.therapist_id}"
    staff = bearer(practice_a.staff_token)
    first = client.get(url, headers=staff)
    assert first.headers["ETag"] == '"v1"'
    assert client.patch(url, headers=staff, json={"pronouns": "they/them"}).status_code == 428
    ok = client.patch(url, headers={**staff, "If-Match": first.headers["ETag"]}, json={"pronouns": "they/them"})
    assert ok.status_code == 200 and ok.headers["ETag"] == '"v2"' and ok.get_json()["pronouns"] == "they/them"
    stale = client.patch(url, headers={**staff, "If-Match": first.headers["ETag"]}, json={"pronouns": "she/her"})
    assert stale.status_code == 412 and stale.content_type == "application/problem+json"
    assert client.get(url, headers=staff).get_json()["pronouns"] == "they/them"


def test_if_match_takes_a_list_of_tags_and_a_star_as_rfc_9110_reads_them(client, practice_a):
    url = f"/v1/therapists/{practice_a.therapist_id}"
    staff = bearer(practice_a.staff_token)
    current = client.get(url, headers=staff).headers["ETag"]  # "v1"
    listed = client.patch(url, headers={**staff, "If-Match": f'"v0", {current}'}, json={"pronouns": "they/them"})
    assert listed.status_code == 200 and listed.headers["ETag"] == '"v2"'  # any listed tag that is current
    assert client.patch(url, headers={**staff, "If-Match": '"v0", "v1"'}, json={"pronouns": "he/him"}).status_code == 412
    starred = client.patch(url, headers={**staff, "If-Match": "*"}, json={"pronouns": "she/her"})
    assert starred.status_code == 200 and starred.headers["ETag"] == '"v3"'  # whatever is current
    assert client.patch(url, headers={**staff, "If-Match": '"not-ours"'}, json={"pronouns": "x"}).status_code == 412
    assert client.get(url, headers=staff).get_json()["pronouns"] == "she/her"


def test_profile_fields_are_validated_against_the_taxonomy(client, practice_a):
    response = edit(client, practice_a.staff_token, practice_a.therapist_id,
                    {"specialties": ["couples-therapy", "astrology"]})
    assert response.status_code == 422
    assert response.get_json()["errors"] == [{"in": "json", "field": "specialties", "message": "unknown term 'astrology'"}]
    for changes, field in (({"npi": "1234567890"}, "npi"), ({"formats": ["fax"]}, "formats"),
                           ({"approach_statement": "x" * 641}, "approach_statement"),
                           ({"locations": [{"line1": "1 A St", "city": "X", "state": "IL", "zip": "00000"}]},
                            "locations.0.zip"),
                           ({"specialty_statements": {"trauma": "I do trauma work"}}, "specialty_statements.trauma")):
        response = edit(client, practice_a.staff_token, practice_a.therapist_id, changes)
        assert response.status_code == 422, changes
        assert field in {e["field"] for e in response.get_json()["errors"]}, response.get_json()
    response = edit(client, practice_a.staff_token, practice_a.therapist_id, {
        "npi": "1234567893", "specialties": ["trauma"], "specialty_statements": {"trauma": "Paced, steady work."},
        "locations": [{"line1": "1 W Division St", "city": "Chicago", "state": "IL", "zip": "60622"}]})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["locations"][0]["lat"] == 41.9019 and body["npi"] == "1234567893"
    assert body["version"] == 2  # the four refused edits changed nothing


def test_mass_assignment_is_refused(client, practice_a, practice_b):
    for changes in ({"verified": True}, {"status": "published"}, {"practice_id": practice_b.id}, {"version": 9},
                    {"shuffle": 0}, {"published_at": "2026-01-01T00:00:00Z"}):
        for token in (practice_a.therapist_token, practice_a.staff_token):
            response = edit(client, token, practice_a.therapist_id, changes)
            assert response.status_code == 422, (changes, response.get_json())
            assert set(changes) <= {e["field"] for e in response.get_json()["errors"]}
    # A therapist cannot set the identity billed on claims either.
    response = edit(client, practice_a.therapist_token, practice_a.therapist_id, {"npi": "1234567893"})
    assert response.status_code == 403
    view = client.get(f"/v1/therapists/{practice_a.therapist_id}", headers=bearer(practice_a.staff_token)).get_json()
    assert view["status"] == "draft" and view["practice_id"] == practice_a.id and view["npi"] is None


def test_who_may_edit(client, practice_a, practice_b):
    mine = practice_a.therapist_id
    assert edit(client, practice_a.therapist_token, mine, {"approach_statement": "Mine."}).status_code == 200
    # Another practice's staff and therapists do not see A's draft at all.
    for token in (practice_b.staff_token, practice_b.therapist_token):
        response = client.patch(f"/v1/therapists/{mine}", headers={**bearer(token), "If-Match": '"v2"'},
                                json={"approach_statement": "Theirs."})
        assert response.status_code == 404
    # Once published, B's staff see it but may not change it; a colleague therapist may not either.
    add_verified_license(client, practice_a.staff_token, mine)
    assert client.post(f"/v1/therapists/{mine}/publish", headers=bearer(practice_a.staff_token)).status_code == 200
    etag = client.get(f"/v1/therapists/{mine}").headers["ETag"]
    for token in (practice_b.staff_token, practice_b.therapist_token):
        response = client.patch(f"/v1/therapists/{mine}", headers={**bearer(token), "If-Match": etag},
                                json={"approach_statement": "Theirs."})
        assert response.status_code == 403
    assert client.patch(f"/v1/therapists/{mine}", headers={"If-Match": etag}, json={}).status_code == 401
    assert client.get(f"/v1/therapists/{mine}").get_json()["approach_statement"] == "Mine."


def test_publishing_needs_a_verified_unexpired_license(client, practice_a, practice_b):
    therapist = practice_a.therapist_id
    staff = bearer(practice_a.staff_token)
    response = client.post(f"/v1/therapists/{therapist}/publish", headers=staff)
    assert response.status_code == 409 and response.get_json()["type"] == "urn:rapport:problem:no-valid-license"
    soon = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    # The therapist may record their own license but not verify it.
    added = client.post(f"/v1/therapists/{therapist}/licenses", headers=bearer(practice_a.therapist_token),
                        json={"type": "lcsw", "number": "149.012345", "state": "IL", "expires_on": soon})
    assert added.status_code == 201 and added.get_json()["verified"] is False
    license_id = added.get_json()["id"]
    verify = f"/v1/therapists/{therapist}/licenses/{license_id}/verify"
    assert client.post(verify, headers=bearer(practice_a.therapist_token)).status_code == 403
    assert client.post(verify, headers=bearer(practice_b.staff_token)).status_code == 404
    assert client.post(f"/v1/therapists/{therapist}/publish", headers=staff).status_code == 409
    verified = client.post(verify, headers=staff)
    assert verified.status_code == 200
    assert verified.get_json()["verified_at"] and verified.get_json()["verified_by"]
    assert client.post(verify, headers=staff).status_code == 409
    assert client.post(f"/v1/therapists/{therapist}/publish", headers=staff).status_code == 200


def test_license_input_is_checked(client, practice_a):
    url = f"/v1/therapists/{practice_a.therapist_id}/licenses"
    staff = bearer(practice_a.staff_token)
    past = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    future = (dt.date.today() + dt.timedelta(days=100)).isoformat()
    for body, field in (({"type": "shaman", "number": "1", "state": "IL", "expires_on": future}, "type"),
                        ({"type": "lcsw", "number": "1", "state": "ZZ", "expires_on": future}, "state"),
                        ({"type": "lcsw", "number": "1", "state": "IL", "expires_on": past}, "expires_on"),
                        ({"type": "lcsw", "number": "1", "state": "IL", "expires_on": future, "verified": True},
                         "verified")):
        response = client.post(url, headers=staff, json=body)
        assert response.status_code == 422, body
        assert field in {e["field"] for e in response.get_json()["errors"]}
    assert client.get(url, headers=staff).get_json()["items"] == []


def test_associates_are_listed_only_with_a_supervisor(client, practice_a):
    staff = bearer(practice_a.staff_token)
    associate = client.post("/v1/therapists", headers=staff,
                            json={"first_name": "Ari", "last_name": "Associate", "credentials": "AMFT"}).get_json()
    add_verified_license(client, practice_a.staff_token, associate["id"], type_="amft")
    response = client.post(f"/v1/therapists/{associate['id']}/publish", headers=staff)
    assert response.status_code == 409 and response.get_json()["type"] == "urn:rapport:problem:supervisor-required"
    assert edit(client, practice_a.staff_token, associate["id"], {"supervisor_id": "nobody"}).status_code == 422
    assert edit(client, practice_a.staff_token, associate["id"],
                {"supervisor_id": practice_a.therapist_id}).status_code == 200
    assert client.post(f"/v1/therapists/{associate['id']}/publish", headers=staff).status_code == 200


def test_practice_patch_with_etag(client, practice_a, practice_b):
    url = f"/v1/practices/{practice_a.id}"
    staff = bearer(practice_a.staff_token)
    etag = client.get(url, headers=staff).headers["ETag"]
    assert client.patch(url, headers=staff, json={"phone": "+1 312 555 0199"}).status_code == 428
    assert client.patch(url, headers={**staff, "If-Match": etag}, json={"group_npi": "1234567890"}).status_code == 422
    assert client.patch(url, headers={**staff, "If-Match": etag}, json={"time_zone": "Mars/Base"}).status_code == 422
    ok = client.patch(url, headers={**staff, "If-Match": etag}, json={"phone": "+1 312 555 0199"})
    assert ok.status_code == 200 and ok.get_json()["phone"] == "+1 312 555 0199" and ok.headers["ETag"] == '"v2"'
    assert client.patch(url, headers={**staff, "If-Match": etag}, json={"name": "X"}).status_code == 412
    other = bearer(practice_b.staff_token)
    assert client.patch(url, headers={**other, "If-Match": '"v2"'}, json={"name": "X"}).status_code == 404
    therapist = bearer(practice_a.therapist_token)
    assert client.patch(url, headers={**therapist, "If-Match": '"v2"'}, json={"name": "X"}).status_code == 403

"""Taxonomy, specialty pages and the FHIR view of a therapist."""
from __future__ import annotations

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole
from support.profiles import bearer
from support.profiles_directory import listed_therapist


def test_taxonomy_lists_the_vocabulary(client):
    body = client.get("/v1/taxonomy").get_json()
    assert body["version"]
    assert {"couples-therapy", "trauma"} <= {t["slug"] for t in body["specialties"]}
    assert {"relational-trauma", "complex-ptsd", "enmeshment"} <= {t["slug"] for t in body["issues"]}
    assert {t["slug"] for t in body["formats"]} == {"in_person", "video", "phone"}
    lmft = next(t for t in body["license_types"] if t["slug"] == "lmft")
    assert lmft["taxonomy_code"] == "106H00000X" and lmft["supervised"] is False
    assert next(t for t in body["license_types"] if t["slug"] == "amft")["supervised"] is True


def test_specialty_page_meets_the_specialists(client, practice_a):
    staff = practice_a.staff_token
    maren = listed_therapist(client, staff, "Maren", "Okafor", specialties=["couples-therapy"],
                             specialty_statements={"couples-therapy": "Couples come to me stuck in one fight."})
    listed_therapist(client, staff, "Tobias", "Lindqvist", specialties=["trauma"])
    listed_therapist(client, staff, "Dana", "Draft", specialties=["couples-therapy"], publish=False)
    page = client.get("/v1/specialties/couples-therapy").get_json()
    assert page["label"] == "Couples therapy" and page["description"]
    assert [s["therapist_id"] for s in page["specialists"]] == [maren["id"]]
    assert page["specialists"][0]["statement"] == "Couples come to me stuck in one fight."
    missing = client.get("/v1/specialties/astrology")
    assert missing.status_code == 404 and missing.content_type == "application/problem+json"


def test_fhir_view_is_valid_r4(client, practice_a, practice_b):
    therapist = listed_therapist(client, practice_a.staff_token, "Maren", "Okafor", credentials="LMFT",
                                 npi="1234567893", specialties=["couples-therapy"], languages=["en", "es"],
                                 photo_url="https://photos.example/maren.jpg")
    response = client.get(f"/v1/therapists/{therapist['id']}/fhir")
    assert response.status_code == 200 and response.mimetype == "application/fhir+json"
    bundle = Bundle.model_validate(response.get_json())
    practitioner, role = (entry.resource for entry in bundle.entry)
    assert isinstance(practitioner, Practitioner) and isinstance(role, PractitionerRole)
    assert practitioner.identifier[0].system == "http://hl7.org/fhir/sid/us-npi"
    assert practitioner.identifier[0].value == "1234567893"
    assert practitioner.name[0].family == "Okafor"
    assert practitioner.qualification[0].code.coding[0].code == "1041C0700X"  # the verified LCSW license
    assert role.practitioner.reference == f"Practitioner/{therapist['id']}"
    assert role.specialty[0].coding[0].code == "couples-therapy"
    # A draft's FHIR view is as private as the draft.
    draft = practice_a.therapist_id
    assert client.get(f"/v1/therapists/{draft}/fhir").status_code == 404
    assert client.get(f"/v1/therapists/{draft}/fhir", headers=bearer(practice_b.staff_token)).status_code == 404
    assert client.get(f"/v1/therapists/{draft}/fhir", headers=bearer(practice_a.staff_token)).status_code == 200


def test_only_anonymous_directory_reads_may_be_shared_by_a_cache(client, practice_a):
    staff = practice_a.staff_token
    listed = listed_therapist(client, staff, "Maren", "Okafor", specialties=["couples-therapy"])
    draft = practice_a.therapist_id
    for path in ("/v1/therapists?specialty=couples-therapy", f"/v1/therapists/{listed['id']}",
                 "/v1/specialties/couples-therapy"):
        anonymous = client.get(path)
        assert anonymous.status_code == 200 and anonymous.headers["Cache-Control"] == "public, max-age=30"
        with_token = client.get(path, headers=bearer(staff))
        assert with_token.status_code == 200 and with_token.headers["Cache-Control"] == "private, no-cache"
    # What only a token may see is never marked public: a draft, a practice's own list.
    assert client.get(f"/v1/therapists/{draft}", headers=bearer(staff)).headers["Cache-Control"] == "private, no-cache"
    assert "public" not in client.get(f"/v1/therapists/{draft}").headers.get("Cache-Control", "")
    practice_list = client.get(f"/v1/practices/{practice_a.id}/therapists", headers=bearer(staff))
    assert practice_list.status_code == 200 and "public" not in practice_list.headers.get("Cache-Control", "")

"""POST /v1/therapists/import: a practice's roster in one transaction, every row checked, all or nothing."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from support.profiles import bearer, make_npi

from profiles.adapters import orm
from profiles.messaging import published

URL = "/v1/therapists/import"
NEXT_YEAR = (dt.date.today() + dt.timedelta(days=365)).isoformat()


def row(serial: int, license_type: str | None = "lmft", **overrides) -> dict:
    body = {"first_name": "Row", "last_name": f"Number{serial}", "credentials": "LMFT", "pronouns": "she/her",
            "npi": make_npi(serial), "specialties": ["trauma"], "formats": ["video"]}
    if license_type:
        body["license"] = {"type": license_type, "number": f"LMFT-{serial}", "state": "IL", "expires_on": NEXT_YEAR}
    return {**body, **overrides}


def counts(app) -> dict[str, int]:
    with app.extensions["rapport.db"].reader() as session:
        return {name: session.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (("therapists", orm.therapists), ("licenses", orm.licenses),
                                    ("outbox", orm.outbox))}


def outbox_types(app) -> list[str]:
    with app.extensions["rapport.db"].reader() as session:
        return [r.event_type for r in session.execute(select(orm.outbox.c.event_type).order_by(orm.outbox.c.seq)).all()]


def problems(response) -> set[tuple[int, str]]:
    return {(e["row"], e["field"]) for e in response.get_json()["errors"]}


def mixed_file() -> list[dict]:
    """Rows 0 and 5 are good; 1-4 and 6 each break one rule."""
    return [
        row(1),
        row(2, npi="1234567890"),  # bad check digit
        row(3, license_type="psychic"),  # not a license type
        row(4, npi=make_npi(1)),  # row 0's NPI
        row(5, status="published"),  # server-owned: refused like the single create's mass assignment
        row(6),
        row(7, license={"type": "lmft", "number": " lmft-1 ", "state": "IL", "expires_on": NEXT_YEAR}),  # row 0's
    ]


MIXED_PROBLEMS = {(1, "npi"), (2, "license.type"), (3, "npi"), (4, "status"), (6, "license.number")}


def test_a_valid_file_creates_drafts_and_unverified_licenses(profiles, client, practice_a):
    staff = bearer(practice_a.staff_token)
    # What the single endpoints write to the outbox for one new therapist and license.
    before_single = counts(profiles)["outbox"]
    single = client.post("/v1/therapists", headers=staff, json=row(900, license_type=None)).get_json()
    assert client.post(f"/v1/therapists/{single['id']}/licenses", headers=staff,
                       json=row(900)["license"]).status_code == 201
    single_events = counts(profiles)["outbox"] - before_single
    before = counts(profiles)

    response = client.post(URL, headers=staff, json={"rows": [row(1), row(2, license_type=None), row(3)]})

    assert response.status_code == 201, response.get_json()
    report = response.get_json()
    assert report["dry_run"] is False and report["errors"] == [] and report["valid_rows"] == 3
    assert [c["row"] for c in report["created"]] == [0, 1, 2]
    assert report["created"][1]["license_id"] is None
    after = counts(profiles)
    assert after["therapists"] - before["therapists"] == 3 and after["licenses"] - before["licenses"] == 2
    # The same outbox events as the single endpoints: none, as drafts and unverified licenses are not announced.
    assert single_events == 0 and after["outbox"] == before["outbox"]

    for created, sent in zip(report["created"], [row(1), row(2, license_type=None), row(3)], strict=True):
        view = client.get(f"/v1/therapists/{created['id']}", headers=staff).get_json()
        assert view["status"] == "draft" and view["practice_id"] == practice_a.id
        assert view["npi"] == sent["npi"] and view["display_name"] == f"Row {sent['last_name']}, LMFT"
        assert view["specialties"] == ["trauma"] and view["pronouns"] == "she/her"
        licenses = client.get(f"/v1/therapists/{created['id']}/licenses", headers=staff).get_json()["items"]
        if created["license_id"]:
            assert [(lic["id"], lic["verified"], lic["number"]) for lic in licenses] == [
                (created["license_id"], False, sent["license"]["number"])]
        else:
            assert licenses == []

    # From here on an imported therapist is like any other: verified and published, booking and billing hear.
    first = report["created"][0]
    verified = client.post(f"/v1/therapists/{first['id']}/licenses/{first['license_id']}/verify", headers=staff)
    assert verified.status_code == 200
    assert client.post(f"/v1/therapists/{first['id']}/publish", headers=staff).status_code == 200
    assert outbox_types(profiles)[-1] == published.THERAPIST_PUBLISHED


def test_one_bad_row_refuses_the_whole_file_and_writes_nothing(profiles, client, practice_a):
    before = counts(profiles)
    response = client.post(URL, headers=bearer(practice_a.staff_token), json={"rows": mixed_file()})

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    body = response.get_json()
    assert body["type"] == "urn:rapport:problem:import-rejected"
    assert problems(response) == MIXED_PROBLEMS
    assert all(e["in"] == "json" and e["message"] for e in body["errors"])
    duplicate = next(e for e in body["errors"] if e["row"] == 3)
    assert "row 0" in duplicate["message"]
    assert counts(profiles) == before


def test_every_problem_of_a_row_is_reported(client, practice_a):
    bad = row(1, npi="1234567890", specialties=["astrology"],
              license={"type": "psychic", "number": "X-1", "state": "IL", "expires_on": "2001-01-01"})
    response = client.post(URL, headers=bearer(practice_a.staff_token), json={"rows": [bad, {"first_name": "A"}]})
    assert response.status_code == 422
    assert problems(response) == {(0, "npi"), (0, "specialties"), (0, "license.type"), (0, "license.expires_on"),
                                  (1, "last_name")}


def test_allow_partial_creates_the_good_rows_and_reports_the_rest(profiles, client, practice_a):
    staff = bearer(practice_a.staff_token)
    before = counts(profiles)
    response = client.post(URL, headers=staff, json={"allow_partial": True, "rows": mixed_file()})

    assert response.status_code == 200, response.get_json()
    report = response.get_json()
    assert [c["row"] for c in report["created"]] == [0, 5] and report["valid_rows"] == 2
    assert {(e["row"], e["field"]) for e in report["errors"]} == MIXED_PROBLEMS
    after = counts(profiles)
    assert after["therapists"] - before["therapists"] == 2 and after["licenses"] - before["licenses"] == 2
    assert after["outbox"] == before["outbox"]
    for created in report["created"]:
        assert client.get(f"/v1/therapists/{created['id']}", headers=staff).get_json()["status"] == "draft"


def test_a_dry_run_reports_and_writes_nothing(profiles, client, practice_a):
    staff = bearer(practice_a.staff_token)
    before = counts(profiles)
    response = client.post(URL, headers=staff, json={"dry_run": True, "rows": mixed_file()})
    assert response.status_code == 200
    report = response.get_json()
    assert report == {"dry_run": True, "created": [], "errors": report["errors"], "valid_rows": 2}
    assert {(e["row"], e["field"]) for e in report["errors"]} == MIXED_PROBLEMS

    clean = client.post(URL, headers=staff, json={"dry_run": True, "rows": [row(1), row(2)]})
    assert clean.status_code == 200
    assert clean.get_json() == {"dry_run": True, "created": [], "errors": [], "valid_rows": 2}
    assert counts(profiles) == before


def test_malformed_rows_are_their_own_problem(profiles, client, practice_a):
    before = counts(profiles)
    rows = [row(1), "not an object", row(2, first_name="Nul\x00"), row(3, license={"type": "lmft"})]
    response = client.post(URL, headers=bearer(practice_a.staff_token), json={"allow_partial": True, "rows": rows})
    assert response.status_code == 200, response.get_json()
    report = response.get_json()
    assert [c["row"] for c in report["created"]] == [0]
    assert {e["row"] for e in report["errors"]} == {1, 2, 3}
    assert {(3, "license.number"), (3, "license.state"), (3, "license.expires_on"), (2, "first_name")} <= {
        (e["row"], e["field"]) for e in report["errors"]}
    assert counts(profiles)["therapists"] == before["therapists"] + 1


def test_the_same_rules_as_creating_one_therapist(profiles, client, admin_token, practice_a, practice_b):
    body = {"rows": [row(1)]}
    as_b = bearer(practice_b.staff_token)
    before = counts(profiles)

    assert client.post(URL, headers=as_b, json={**body, "practice_id": practice_a.id}).status_code == 403
    anonymous = client.post(URL, json=body)
    assert anonymous.status_code == 401 and anonymous.content_type == "application/problem+json"
    assert client.post(URL, headers=bearer(practice_a.therapist_token), json=body).status_code == 403
    no_practice = client.post(URL, headers=bearer(admin_token), json=body)
    assert no_practice.status_code == 422
    assert [e["field"] for e in no_practice.get_json()["errors"]] == ["practice_id"]
    assert client.post(URL, headers=bearer(admin_token), json={**body, "practice_id": "nope"}).status_code == 404
    assert counts(profiles) == before

    # Staff naming their own practice, and an admin naming one, may.
    own = client.post(URL, headers=as_b, json={"rows": [row(2)], "practice_id": practice_b.id})
    assert own.status_code == 201
    admin = client.post(URL, headers=bearer(admin_token), json={"rows": [row(3)], "practice_id": practice_a.id})
    assert admin.status_code == 201
    made = admin.get_json()["created"][0]["id"]
    assert client.get(f"/v1/therapists/{made}", headers=bearer(practice_a.staff_token)).get_json()["practice_id"] == (
        practice_a.id)


def test_the_file_has_one_to_two_thousand_rows(profiles, client, practice_a):
    staff = bearer(practice_a.staff_token)
    before = counts(profiles)
    for body in ({"rows": []}, {"rows": [{"first_name": "A", "last_name": "B"}] * 2001}, {}, {"rows": {}}):
        response = client.post(URL, headers=staff, json=body)
        assert response.status_code == 422, body
        assert [e["field"] for e in response.get_json()["errors"]] == ["rows"]
    assert counts(profiles) == before


def test_two_thousand_rows_in_one_transaction(profiles, client, practice_a):
    rows = [{"first_name": "Bulk", "last_name": str(i), "npi": make_npi(i),
             "license": {"type": "lpc", "number": f"LPC-{i}", "state": "IL", "expires_on": NEXT_YEAR}}
            for i in range(2000)]
    before = counts(profiles)
    response = client.post(URL, headers=bearer(practice_a.staff_token), json={"rows": rows})
    assert response.status_code == 201
    assert len(response.get_json()["created"]) == 2000
    after = counts(profiles)
    assert after["therapists"] - before["therapists"] == 2000 and after["licenses"] - before["licenses"] == 2000


def test_an_imported_therapist_is_stored_as_the_single_create_stores_one(profiles, client, practice_a):
    staff = bearer(practice_a.staff_token)
    fields = {"last_name": "Ashdown", "approach_statement": "Warm, practical work on anxiety.", "specialties": ["trauma"],
              "specialty_statements": {"trauma": "Paced, body-aware trauma care."}}
    single = client.post("/v1/therapists", headers=staff, json=row(910, license_type=None, **fields)).get_json()
    report = client.post(URL, headers=staff, json={"rows": [row(911, license_type=None, **fields)]}).get_json()
    imported = report["created"][0]["id"]

    per_row = {"id", "npi", "created_at", "updated_at", "shuffle"}
    with profiles.extensions["rapport.db"].reader() as session:
        stored = {r.id: {k: str(v) for k, v in r._mapping.items() if k not in per_row}
                  for r in session.execute(select(orm.therapists).where(orm.therapists.c.id.in_([single["id"],
                                                                                                  imported])))}
    assert stored[imported] == stored[single["id"]]
    assert "anxiety" in stored[imported]["search_document"]  # the search text, not an empty default

"""A second round of malformed and hostile requests through the real gateway and services (test_hostile_input.py
has the first): forged cursors, maps whose keys carry more than a code, query parameters a route does not take, bodies
in a content coding the services do not read, query text that is not UTF-8, time zones only the domain checked.
Each is a 4xx application/problem+json that changes nothing."""
from __future__ import annotations

import base64
import gzip
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from support.http import DEMO_ADMIN, assert_problem

pytestmark = pytest.mark.e2e

NO_SUCH_ID = "5b0c8a52-3f6e-4d8e-9a43-0c5d2f7e1b9a"
RLB02_PAYER = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://rapport.example/demo/payer/RLB02"))


def fields(problem: dict) -> set[tuple[str, str]]:
    return {(error["in"], error["field"]) for error in problem.get("errors", [])}


@pytest.fixture(scope="module")
def admin(gw):
    return gw.login(*DEMO_ADMIN)


def forged(position: dict) -> str:
    """A cursor as the API writes one (base64url of its JSON), naming a position the API never issued."""
    return base64.urlsafe_b64encode(json.dumps(position).encode()).rstrip(b"=").decode()


# A cursor is unsigned, so anyone can write one: a time that cannot be put in UTC (year 1 at +14:00, year 9999 at
# -14:00) or a number the sort column cannot hold (past 64 bits on SQLite, past INTEGER's 32 on PostgreSQL) was a 500
# from every list that pages by it.
@pytest.mark.parametrize("path,position,signed_in", [
    ("/v1/clients", {"created_at": "0001-01-01T00:00:00+14:00", "id": NO_SUCH_ID}, True),         # booking
    ("/v1/consultations", {"start_at": "9999-12-31T23:59:59-14:00", "id": NO_SUCH_ID}, True),
    ("/v1/appointments", {"start_at": "0001-01-01T00:00:00+14:00", "id": NO_SUCH_ID}, True),
    ("/v1/payments", {"posted_at": "9999-12-31T23:59:59-14:00", "id": NO_SUCH_ID}, True),         # billing
    ("/v1/claims", {"created_at": "0001-01-01T00:00:00+14:00", "id": NO_SUCH_ID}, True),
    ("/v1/charges", {"created_at": "9999-12-31T23:59:59-14:00", "id": NO_SUCH_ID}, True),
    ("/v1/therapists?sort=fee", {"salt": 0, "fee": 10**30, "wheel": 0, "id": NO_SUCH_ID}, False),  # profiles
    ("/v1/therapists?sort=fee", {"salt": 0, "fee": 2**63 - 1, "wheel": 0, "id": NO_SUCH_ID}, False),  # PostgreSQL
    ("/v1/therapists?sort=relevance&q=anxiety", {"salt": 0, "rank": 2**31, "wheel": 0, "id": NO_SUCH_ID}, False),
    ("/v1/therapists?sort=distance&near=60622", {"salt": 0, "distance": "Infinity", "wheel": 0, "id": NO_SUCH_ID},
     False),
])
def test_a_forged_cursor_is_an_invalid_cursor_not_a_server_error(gw, staff, path, position, signed_in):
    separator = "&" if "?" in path else "?"
    response = gw.get(f"{path}{separator}cursor={forged(position)}", staff if signed_in else None)
    assert assert_problem(response, 422)["type"] == "urn:rapport:problem:invalid-cursor"


def test_a_plans_exclusions_are_refused_unless_each_key_and_code_is_exactly_one(gw, staff, admin):
    name = f"Exclusions {uuid.uuid4().hex[:8]}"
    plan = {"payer_ref": RLB02_PAYER, "name": name, "deductible_cents": 0, "oop_max_cents": 0,
            "covered_cpts": ["90837"]}
    for exclusions in ({"90837\n": ["F41.1"]},    # a CPT code with a line break after it is no CPT code
                       {"90837": ["F41.1\n"]},    # nor is an ICD-10 code with one
                       {"90837": "F41.1"}, {"9083": ["F41.1"]}, {"90837": ["F41.1", 5]}, {"90837": [["F41.1"]]}):
        response = gw.post("/v1/plans", admin, json={**plan, "excluded_primary_dx": exclusions})
        problem = assert_problem(response, 422)
        assert {where for where, _field in fields(problem)} == {"json"}, problem
        assert all(field.startswith("excluded_primary_dx") for _where, field in fields(problem)), problem
    assert name not in {p["name"] for p in gw.get("/v1/plans", staff).json()}
    # What a client generated from the document sends is what the server takes: the keys are stated.
    schemas = gw.get("/openapi/billing.json").json()["components"]["schemas"]
    exclusions_doc = schemas["PlanIn"]["properties"]["excluded_primary_dx"]
    exclusions_doc = schemas[exclusions_doc["$ref"].rsplit("/", 1)[1]] if "$ref" in exclusions_doc else exclusions_doc
    assert exclusions_doc["propertyNames"] == {"pattern": "^[0-9]{5}$"}, exclusions_doc
    assert exclusions_doc["additionalProperties"]["items"]["pattern"].startswith("^[A-TV-Z]"), exclusions_doc
    created = gw.post("/v1/plans", admin, json={**plan, "excluded_primary_dx": {"90837": ["F41.1"]}})
    assert created.status_code == 201, created.text
    assert created.json()["excluded_primary_dx"] == {"90837": ["F41.1"]}


def test_time_zones_are_the_listed_ones_wherever_one_is_taken(gw, admin):
    documents = {service: gw.get(f"/openapi/{service}.json").json()["components"]["schemas"]
                 for service in ("profiles", "booking")}
    zones = documents["booking"]["ContactIn"]["properties"]["timezone"]["enum"]
    for schema in ("PracticeIn", "PracticePatch", "MatchIn"):
        assert documents["profiles"][schema]["properties"]["time_zone"].get("enum") == zones, schema
    for zone in ("", "Mars/Olympus", "localtime", "Etc/GMT+5"):
        assert ("json", "time_zone") in fields(assert_problem(gw.post("/v1/matches", json={"time_zone": zone}), 422))
        practice = gw.post("/v1/practices", admin, json={"name": f"Zone {uuid.uuid4().hex[:8]}", "time_zone": zone})
        assert ("json", "time_zone") in fields(assert_problem(practice, 422))


def test_a_query_parameter_a_route_does_not_take_is_refused_and_changes_nothing(gw, staff, admin):
    """As on the lists, an argument the route does not read is a 422 naming it, not silently dropped: the fee
    schedule's GET takes ?practice_id=, its PUT reads it from the body, so a PUT naming another practice in the
    query wrote the caller's own schedule."""
    other = gw.post("/v1/practices", admin, json={"name": f"Other {uuid.uuid4().hex[:8]}",
                                                  "time_zone": "America/New_York"}).json()["id"]
    own_before = gw.get("/v1/billing/fee-schedule", staff).json()
    put = gw.request("PUT", f"/v1/billing/fee-schedule?practice_id={other}", staff, json={"amounts": {"90837": 1}})
    assert fields(assert_problem(put, 422)) == {("query", "practice_id")}
    assert gw.get("/v1/billing/fee-schedule", staff).json() == own_before

    clients_before = gw.get("/v1/clients?limit=100", staff).json()["items"]
    created = gw.post(f"/v1/clients?practice_id={other}", staff, json={"first_name": "Query", "last_name": "Param"})
    assert fields(assert_problem(created, 422)) == {("query", "practice_id")}
    assert gw.get("/v1/clients?limit=100", staff).json()["items"] == clients_before

    for method, path in (("GET", f"/v1/claims/{NO_SUCH_ID}?expand=lines"), ("GET", "/v1/payers?limit=5"),
                         ("POST", f"/v1/consultations/{NO_SUCH_ID}/confirm?notify=0"),
                         ("GET", f"/v1/therapists/{NO_SUCH_ID}?fields=id")):
        response = gw.request(method, path, staff)
        assert fields(assert_problem(response, 422)) == {("query", path.rsplit("?", 1)[1].split("=")[0])}, path


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_a_body_in_a_content_coding_the_services_do_not_read_is_415(gw, staff, coding):
    """RFC 9110 8.4: a coding the server does not take is a 415 saying which it takes (RFC 7694: Accept-Encoding).
    The services read bodies as sent: a compressed body was parsed as if it were JSON (a misleading 400), and a
    plain one labelled compressed was taken as it came."""
    body = json.dumps({"first_name": "Coded", "last_name": coding}).encode()
    clients_before = gw.get("/v1/clients?limit=100", staff).json()["items"]
    for sent in (body, gzip.compress(body)):
        response = gw.post("/v1/clients", staff, data=sent, headers={"Content-Type": "application/json",
                                                                     "Content-Encoding": coding})
        assert assert_problem(response, 415)["type"] == "urn:rapport:problem:unsupported-content-encoding"
        assert response.headers["Accept-Encoding"] == "identity"
    assert gw.get("/v1/clients?limit=100", staff).json()["items"] == clients_before
    response = gw.post("/v1/matches", data=gzip.compress(b"{}"), headers={"Content-Type": "application/json",
                                                                         "Content-Encoding": coding})
    assert_problem(response, 415)
    identity = gw.post("/v1/matches", data=b"{}", headers={"Content-Type": "application/json",
                                                          "Content-Encoding": "identity"})
    assert identity.status_code == 200, identity.text


@pytest.mark.parametrize("query", ["q=%ff", "q=caf%e9", "q=%ed%a0%80", "q=%c0%af", "specialty=trauma&q=%80"])
def test_query_text_that_is_not_utf8_is_a_400_not_read_as_something_else(gw, query):
    """Percent-encoded bytes that are not UTF-8 were read as U+FFFD and searched for; the gateway refuses such bytes
    sent raw (400), and a JSON body's are refused the same way."""
    problem = assert_problem(gw.get(f"/v1/therapists?{query}"), 400)
    assert problem["type"] == "urn:rapport:problem:malformed-query"
    assert gw.get("/v1/therapists?q=caf%C3%A9&limit=1").status_code == 200


@pytest.mark.parametrize("radius", ["1_0", "%D9%A5", "%205", "5.", "inf", "0x10"])
def test_a_number_in_the_query_is_a_number_as_json_writes_one(gw, radius):
    """Whole numbers were already held to this; a decimal one went through Python's float(), which reads "1_0" as 10
    and an Arabic-Indic digit as 5, so `?radius_km=1_0` searched within 10 km."""
    problem = assert_problem(gw.get(f"/v1/therapists?near=60622&radius_km={radius}"), 422)
    assert fields(problem) == {("query", "radius_km")}, problem
    assert gw.get("/v1/therapists?near=60622&radius_km=12.5&limit=1").status_code == 200


def test_a_date_of_birth_in_the_future_is_refused_and_stored_nowhere(gw, staff):
    """A client born in 2099 was registered as sent, and went on to claims (an 837P the payer refuses)."""
    future = "2099-01-01"
    clients_before = gw.get("/v1/clients?limit=100", staff).json()["items"]
    created = gw.post("/v1/clients", staff, json={"first_name": "Not", "last_name": "Yet", "date_of_birth": future})
    assert fields(assert_problem(created, 422)) == {("json", "date_of_birth")}
    assert gw.get("/v1/clients?limit=100", staff).json()["items"] == clients_before
    client = gw.post("/v1/clients", staff, json={"first_name": "Born", "last_name": "Already",
                                                  "date_of_birth": "1990-03-14"})
    assert client.status_code == 201, client.text
    patched = gw.request("PATCH", f"/v1/clients/{client.json()['id']}", staff, json={"date_of_birth": future},
                         headers={"If-Match": client.headers["ETag"]})
    assert fields(assert_problem(patched, 422)) == {("json", "date_of_birth")}
    assert gw.get(f"/v1/clients/{client.json()['id']}", staff).json()["date_of_birth"] == "1990-03-14"
    coverages = f"/v1/clients/{client.json()['id']}/coverages"
    gw.eventually(coverages, staff)  # billing hears of the client by event
    plan = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://rapport.example/demo/plan/RLB02"))
    coverage = gw.post(coverages, staff, json={
        "plan_id": plan, "member_id": "M-FUTURE", "effective_from": "2026-01-01", "relationship": "19",
        "subscriber": {"first_name": "Par", "last_name": "Ent", "date_of_birth": future, "sex": "F"}})
    assert fields(assert_problem(coverage, 422)) == {("json", "subscriber.date_of_birth")}
    assert gw.get(coverages, staff).json()["items"] == []


def test_a_members_role_and_therapist_id_rule_is_in_the_document(gw, admin):
    """A therapist account names its therapist and a staff account none: the rule was the domain's alone, so a
    client generated from the document (Schemathesis' stateful phase, signed in as staff) met a 422 it never gave."""
    member_in = gw.get("/openapi/profiles.json").json()["components"]["schemas"]["MemberIn"]
    assert member_in["oneOf"] == [
        {"properties": {"role": {"enum": ["staff"]}}, "not": {"required": ["therapist_id"]}},
        {"properties": {"role": {"enum": ["therapist"]}}, "required": ["therapist_id"]}]


ADMIN_ONLY = ("^(post_practices|post_payers|post_plans|(get|post)_(profiles|booking|billing)_ops_.*)$")


@pytest.mark.parametrize("service", ["profiles", "booking", "billing"])
def test_schemathesis_signed_in_as_an_administrator_finds_nothing(system, gw, admin, service, tmp_path):
    """test_schemathesis.py signs in as staff, so the operations only administrators may call (practices, payers,
    plans, the operators' views) only ever answered 403 there; here they are explored as well."""
    command = [
        str(Path(sys.executable).parent / "st"), "--config-file", str(Path(__file__).with_name("schemathesis.toml")),
        "run", f"{system.url}/openapi/{service}.json", "--url", system.url,
        "--include-operation-id-regex", ADMIN_ONLY,
        "--checks", "all", "--phases", "examples,coverage,fuzzing", "--max-examples", "25",
        "--generation-deterministic", "--no-color", "--header", f"Authorization: Bearer {admin}",
        "--report", "junit", "--report-dir", str(tmp_path),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "SCHEMATHESIS_HOOKS": ""})
    assert result.returncode == 0, (result.stdout + result.stderr)[-12000:]


@pytest.mark.parametrize("accept", ["application/xml", "text/html", "application/json;q=0, text/csv",
                                    "application/problem+json", "image/*"])
def test_an_accept_header_that_allows_no_answer_the_route_gives_is_406_before_anything_is_done(gw, staff, accept):
    """RFC 9110 15.5.7: `Accept: application/xml` was answered with JSON the client had said it could not read, and
    a POST so refused had already created what it asked for. A public read the gateway had cached was served to
    such a client too, until the answers said `Vary: Accept`."""
    for path, token in (("/v1/therapists?limit=1", None), ("/v1/taxonomy", None), ("/v1/clients?limit=1", staff),
                        ("/v1/payments?limit=1", staff)):
        cached = gw.get(path, token)  # a public read is now in the gateway's cache
        assert cached.status_code == 200 and "Accept" in cached.headers["Vary"], cached.headers
        problem = assert_problem(gw.get(path, token, headers={"Accept": accept}), 406)
        assert problem["type"] == "urn:rapport:problem:not-acceptable"
        assert problem["errors"] == [{"in": "header", "field": "Accept", "message": "accept one of: application/json"}]
    clients_before = gw.get("/v1/clients?limit=100", staff).json()["items"]
    created = gw.post("/v1/clients", staff, json={"first_name": "Accept", "last_name": "Header"},
                      headers={"Accept": accept})
    assert_problem(created, 406)
    assert gw.get("/v1/clients?limit=100", staff).json()["items"] == clients_before


@pytest.mark.parametrize("accept", ["", "*/*", "application/*", "application/json",
                                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"])
def test_an_accept_header_that_allows_the_answer_gets_it(gw, accept):
    therapist = gw.get("/v1/therapists?limit=1", headers={"Accept": accept})
    assert (therapist.status_code, therapist.headers["Content-Type"]) == (200, "application/json")
    fhir = gw.get(f"/v1/therapists/{therapist.json()['items'][0]['id']}/fhir", headers={"Accept": accept})
    assert (fhir.status_code, fhir.headers["Content-Type"]) == (200, "application/fhir+json")  # JSON, to a JSON client


def test_a_route_answering_in_another_type_takes_that_type_and_refuses_json_alone(gw):
    therapist_id = gw.get("/v1/therapists?limit=1").json()["items"][0]["id"]
    fhir = gw.get(f"/v1/therapists/{therapist_id}/fhir", headers={"Accept": "application/fhir+json"})
    assert fhir.status_code == 200
    refused = assert_problem(gw.get(f"/v1/therapists/{therapist_id}/fhir", headers={"Accept": "text/plain"}), 406)
    assert refused["errors"][0]["message"] == "accept one of: application/fhir+json, application/json"

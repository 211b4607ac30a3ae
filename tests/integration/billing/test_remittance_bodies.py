"""POST /v1/remittances bodies: malformed JSON and text that is not UTF-8 are refused as on every route and change
nothing; lower-case segment ids and sets repeated after one ISA are read, every CLP answered."""
import pytest
from sqlalchemy import func, select
from support.billing_835 import remittance_835, session_clp

from billing.adapters import orm


def post(world, body: bytes, content_type: str):
    return world.client.post("/v1/remittances", headers={**world.staff_a, "Content-Type": content_type}, data=body)


def stored(world) -> int:
    with world.database.reader() as session:
        return session.execute(select(func.count()).select_from(orm.remittances)).scalar_one()


def answer(response) -> tuple[int, str, dict]:
    return response.status_code, response.mimetype, response.get_json()


@pytest.mark.parametrize("body", [
    b'{"835": "ISA*"} trailing', b'{"835": "ISA*" /* a comment */}', b"{'835': 'ISA*'}",
    b'\xef\xbb\xbf{"835": "ISA*"}', b'{"835": "ISA*\xff"}', '{"835": "ISA*"}'.encode("utf-16"),
])
def test_malformed_json_is_answered_as_on_every_other_route(world, body):
    elsewhere = answer(world.client.post("/v1/payments", headers={**world.staff_a, "Content-Type": "application/json"},
                                         data=body))
    assert elsewhere[0] == 400
    assert answer(post(world, body, "application/json")) == elsewhere
    assert stored(world) == 0


@pytest.mark.parametrize("body, field, message", [
    (b'{"835": 835}', "835", "Not a valid string."),
    (b'{"835": null}', "835", "Field may not be null."),
    (b'{"835": ["ISA*"]}', "835", "Not a valid string."),
    (b'{}', "835", "Missing data for required field."),
    (b'{"835": "ISA*", "x": 1}', "x", "Unknown field."),
    (b'["ISA*"]', "_schema", "Invalid input type."),
])
def test_a_json_body_of_another_shape_is_a_422_naming_the_field(world, body, field, message):
    status, mimetype, problem = answer(post(world, body, "application/json"))
    assert (status, mimetype, problem["detail"]) == (422, "application/problem+json", "The request has invalid fields.")
    assert problem["errors"] == [{"in": "json", "field": field, "message": message}]


@pytest.mark.parametrize("content_type", ["application/json", "text/plain"])
def test_no_body_is_body_required(world, content_type):
    status, _, problem = answer(post(world, b"", content_type))
    assert (status, problem["type"]) == (422, "urn:rapport:problem:body-required")


@pytest.mark.parametrize("body", [b" \r\n ", remittance_835([]).split("~")[0].encode() + b"~"])
def test_text_that_is_blank_or_only_an_isa_is_no_835(world, body):
    status, _, problem = answer(post(world, body, "text/plain"))
    assert (status, problem["type"]) == (422, "urn:rapport:problem:invalid-835")
    (error,) = problem["errors"]
    assert error["segment"] == 1 and error["message"].startswith(("not X12", "no 835 transaction set"))


@pytest.mark.parametrize("bad", [b"\xff", b"\xed\xa0\x80", b"\xc3"])  # not UTF-8, a surrogate, a cut sequence
def test_text_that_is_not_utf8_is_refused_with_the_bytes_offset_and_nothing_posted(world, bad):
    client_id = world.add_client(diagnoses=("F41.1",))
    claim_id = world.submit_session(client_id)
    pcn = world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))["patient_control_number"]
    text = remittance_835([session_clp(pcn, "PMH-U", 11000, [("CO", "45", 4000)])]).encode()
    at = text.index(b"PMH-U") + 4
    status, mimetype, problem = answer(post(world, text[:at] + bad + text[at:], "text/plain"))
    assert (status, mimetype, problem["type"]) == (400, "application/problem+json", "urn:rapport:problem:malformed-text")
    assert problem["errors"] == [{"in": "body", "field": "_", "message": f"the byte at offset {at} (0x{bad[0]:02X}, "
                                  "counting from 0) is not valid UTF-8: send the 835 as UTF-8 or ASCII"}]
    assert stored(world) == 0
    assert world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))["status"] == "submitted"


def test_lower_case_segment_ids_are_read_and_the_claim_posted(world):
    client_id = world.add_client(diagnoses=("F41.1",))
    claim_id = world.submit_session(client_id)
    pcn = world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))["patient_control_number"]
    text = remittance_835([session_clp(pcn, "PMH-L", 11000, [("CO", "45", 4000)])],
                          provider_adjustments=(("WO", "X1", 100),))
    result = world.ok(post(world, text.replace("CLP*", "clp*").replace("CAS*", "cas*").encode(), "text/plain"))
    assert [(c["segment"], c["claim_id"], c["outcome"]) for c in result["claims"]] == [(13, claim_id, "posted")]
    assert result["warnings"] == [{"segment": 13, "segment_id": "CLP", "element": None,
                                   "message": "segment id 'clp' is not in upper case: read as 'CLP', as is any "
                                              "later one"}]


@pytest.mark.parametrize("start", ["GS*", "ST*"])
def test_sets_repeated_fifty_times_after_one_isa_are_each_answered(world, start):
    text = remittance_835([session_clp("NOT-OURS", "PMH-R", 11000, [("CO", "45", 4000)])])
    isa, rest = text.split("~", 1)
    repeated = f"{isa}~{rest[:rest.index(start)]}{rest[rest.index(start):] * 50}"
    result = world.ok(post(world, repeated.encode(), "text/plain"))
    assert [c["outcome"] for c in result["claims"]] == ["unmatched"] * 50
    assert not any("index" in w["message"] for w in result["warnings"] + result["errors"])


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                          "text/html", "application/xml"])
def test_a_body_of_another_media_type_is_415_and_nothing_posted(world, content_type):
    response = post(world, remittance_835([session_clp("NOT-OURS", "PMH-F", 11000, [])]).encode(), content_type)
    status, mimetype, problem = answer(response)
    assert (status, mimetype, problem["type"]) == (415, "application/problem+json",
                                                   "urn:rapport:problem:unsupported-media-type")
    assert response.headers["Accept-Post"] == "text/plain, application/edi-x12, application/json"
    assert stored(world) == 0


@pytest.mark.parametrize("content_type", ["application/edi-x12", "text/plain; charset=us-ascii"])
def test_x12s_own_media_type_and_a_charset_are_read(world, content_type):
    result = world.ok(post(world, remittance_835([session_clp("NOT-OURS", "PMH-E", 11000, [])]).encode(),
                           content_type))
    assert [c["outcome"] for c in result["claims"]] == ["unmatched"]

"""Malformed and hostile requests through the real gateway and services: each one is a 4xx
application/problem+json that changes nothing; never a 5xx, an HTML page or a redirect elsewhere."""
from __future__ import annotations

import http.client
import json
import socket
import urllib.parse
import uuid

import pytest
from support.http import assert_problem

pytestmark = pytest.mark.e2e

DEEP = "[" * 5000 + "]" * 5000
HUGE = '{"first_name": ' + "1" * 4301 + "}"  # past the standard library's 4,300 digits of an int
NO_SUCH_ID = "5b0c8a52-3f6e-4d8e-9a43-0c5d2f7e1b9a"


def raw(system, method: str, path: str, headers: dict | None = None, body: bytes | None = None):
    parts = urllib.parse.urlsplit(system.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=15)
    connection.putrequest(method, path, skip_accept_encoding=True)
    for name, value in (headers or {}).items():
        connection.putheader(name, value)
    if body is not None:
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    response.text = response.read().decode("utf-8", "replace")
    connection.close()
    return response


@pytest.mark.parametrize("path", [
    "/v1/therapists/" + "a" * 5000,             # past gunicorn's default request line, under the gateway's
    "/v1/therapists/" + "a" * 9000,             # past the gateway's own limit: 414
    "//v1//therapists//x",
    "/v1/consultations/" + "%00" * 10,
    "/v1/claims/%ff%fe",
])
def test_odd_paths_are_problems(system, path):
    response = raw(system, "GET", path)
    assert_problem(response)
    assert response.getheader("Location") is None


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "PROPFIND"])
def test_unknown_methods_are_405_problems_with_allow(system, method):
    response = raw(system, method, "/v1/therapists")
    assert_problem(response, 405, 400)
    if response.status == 405:
        assert response.getheader("Allow")


def test_a_huge_header_is_a_problem(system):
    response = raw(system, "POST", "/v1/consultations", {"Idempotency-Key": "k" * 10_000,
                                                         "Content-Type": "application/json"}, b"{}")
    assert_problem(response, 400, 431)


def test_a_redirect_if_any_keeps_the_gateways_address(system):
    response = raw(system, "GET", "/v1/therapists/")
    location = response.getheader("Location")
    if 300 <= response.status < 400:
        assert location.startswith(system.url) or location.startswith("/"), location
    else:
        assert_problem(response)


@pytest.mark.parametrize("path,needs_token", [
    ("/v1/matches", False), ("/v1/consultations", False), ("/v1/therapists", True), ("/v1/clients", True),
    ("/v1/estimates", True), ("/v1/payers", True),
])
def test_deeply_nested_json_and_huge_numbers_on_every_service(gw, staff, path, needs_token):
    for body in (DEEP, HUGE):
        response = gw.post(path, staff if needs_token else None, data=body, headers={"Content-Type": "application/json"})
        assert_problem(response, 400, 403, 422)


@pytest.mark.parametrize("content_type,body", [
    ("text/plain", "I feel anxious"), ("application/x-www-form-urlencoded", "concerns=anxious"),
    ("application/xml", "<concerns>anxious</concerns>"),
])
def test_matches_takes_json_only(gw, content_type, body):
    assert_problem(gw.post("/v1/matches", data=body, headers={"Content-Type": content_type}), 415)


def test_a_missing_body_is_422(gw, staff):
    assert_problem(gw.post("/v1/matches"), 422)
    assert_problem(gw.post("/v1/therapists", staff), 422)
    assert_problem(gw.post("/v1/clients", staff), 422)


def test_unstorable_text_changes_nothing(gw, staff):
    before = gw.get("/v1/therapists?limit=100", staff).json()["items"]
    for path, body in (
        ("/v1/therapists", {"first_name": "\ud800", "last_name": "Doe"}),
        ("/v1/therapists", {"first_name": "A\u0000", "last_name": "Doe"}),
        ("/v1/therapists", {"first_name": "   ", "last_name": "Doe"}),
        ("/v1/therapists", {"first_name": "Ann\u001b[31m", "last_name": "Doe"}),
        ("/v1/clients", {"first_name": "\ud800", "last_name": "Doe"}),
        ("/v1/clients", {"first_name": "Ann", "last_name": "\u0007Doe"}),
    ):
        data = json.dumps(body)  # ensure_ascii keeps the lone surrogate as the escape \ud800
        problem = assert_problem(gw.post(path, staff, data=data, headers={"Content-Type": "application/json"}), 422)
        assert problem.get("errors"), problem
    assert gw.get("/v1/therapists?limit=100", staff).json()["items"] == before


def test_numbers_and_dates_are_checked_not_coerced(gw, staff):
    therapist = gw.post("/v1/therapists", staff, json={"first_name": "Odile", "last_name": "Varga",
                                                        "credentials": "LPC"}).json()
    for license_ in ({"type": "lpc", "number": "   ", "state": "IL", "expires_on": "2028-01-01"},
                     {"type": "lpc", "number": "LPC-1", "state": "IL", "expires_on": "4645-01-01"},
                     {"type": "lpc", "number": "LPC-1", "state": "IL", "expires_on": 20280101}):
        assert_problem(gw.post(f"/v1/therapists/{therapist['id']}/licenses", staff, json=license_), 422)
    assert gw.get(f"/v1/therapists/{therapist['id']}/licenses", staff).json()["items"] == []
    appointment = {"therapist_id": therapist["id"], "client_id": str(uuid.uuid4()), "start": "2026-12-01T10:00:00Z",
                   "service_code": "90837", "format": "video", "duration_min": 55.5}
    assert_problem(gw.post("/v1/appointments", staff, json=appointment), 422)


def test_the_gateway_itself_never_answers_html(system):
    with socket.create_connection((urllib.parse.urlsplit(system.url).hostname,
                                   urllib.parse.urlsplit(system.url).port), timeout=10) as sock:
        sock.sendall(b"GARBAGE\r\n\r\n")
        answer = sock.recv(65536).decode("utf-8", "replace")
    assert "problem+json" in answer and "<html" not in answer.lower()


def _sent_raw(system, request: bytes) -> tuple[int, str, str]:
    """Status, Content-Type and body of the answer to bytes sent as they are (no client library's checks)."""
    parts = urllib.parse.urlsplit(system.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    content_type = next((line.split(":", 1)[1].strip() for line in lines[1:]
                         if line.lower().startswith("content-type:")), "")
    return int(lines[0].split()[1]), content_type, body.decode("utf-8", "replace")


@pytest.mark.parametrize("request_bytes,status", [
    (b"GET /v1/therapists?specialty=\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
    (b"GET /v1/taxonomy/\xc3\xa9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
    (b"GET /v1/taxonomy HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nConnection: close\r\n\r\n", 501),
    (b"POST /v1/matches HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n", 501),
    (b"GET /v1/taxonomy HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    # A control byte in a header value: nginx forwards it and the service's gunicorn refuses it, as a problem.
    (b"GET /v1/taxonomy HTTP/1.1\r\nHost: x\r\nX-Foo: a\x01b\r\nConnection: close\r\n\r\n", 400),
    (b"GET /v1/payers HTTP/1.1\r\nHost: x\r\nX-Foo: a\x1fb\r\nConnection: close\r\n\r\n", 400),
    (b"GET /v1/consultations/" + NO_SUCH_ID.encode() + b" HTTP/1.1\r\nHost: x\r\n"
     b"X-Manage-Token: k\x7fk\r\nConnection: close\r\n\r\n", 400),
    # More headers than the gateway's buffers hold (about 60 KB of small ones): the gateway's own 400.
    (b"GET /v1/taxonomy HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(5000))
     + b"Connection: close\r\n\r\n", 400),
])
def test_what_the_gateway_cannot_read_is_a_problem_not_a_page(system, request_bytes, status):
    answer_status, content_type, body = _sent_raw(system, request_bytes)
    assert (answer_status, content_type) == (status, "application/problem+json"), body[:300]
    assert json.loads(body)["status"] == status


def test_many_small_headers_are_an_ordinary_request(system):
    """Under the gateway's limits, the services read them too (gunicorn's default stops at 100)."""
    headers = b"".join(b"X-H%d: v\r\n" % i for i in range(120))
    status, content_type, body = _sent_raw(
        system, b"GET /v1/taxonomy HTTP/1.1\r\nHost: x\r\nCache-Control: no-cache\r\n" + headers
        + b"Connection: close\r\n\r\n")
    assert (status, content_type) == (200, "application/json"), body[:300]


@pytest.mark.parametrize("path,allowed", [
    (f"/v1/clients/{NO_SUCH_ID}", {"GET", "PATCH"}),                # booking
    (f"/v1/clients/{NO_SUCH_ID}/coverages", {"GET", "POST"}),       # billing
    ("/v1/therapists", {"GET", "POST"}),                            # profiles
])
def test_options_is_204_with_allow_never_a_page(system, path, allowed):
    response = raw(system, "OPTIONS", path)
    assert (response.status, response.text) == (204, ""), response.text[:300]
    assert allowed | {"OPTIONS"} <= {m.strip() for m in response.getheader("Allow").split(",")}
    assert response.getheader("Content-Type") is None


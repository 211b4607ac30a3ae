"""The API gateway, for real: nginx running the config that deploy/gateway/render.py writes.

Three stand-in services (stdlib HTTP servers in threads) answer every request with what they
received: their name, the path, the X-Request-ID and forwarding headers. So each assertion below
is about what nginx actually did, and no other code of the project is involved.
"""
from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
RENDER = REPO_ROOT / "deploy" / "gateway" / "render.py"
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")

pytestmark = pytest.mark.skipif(
    NGINX is None, reason="nginx binary not found (on Debian: apt-get install nginx-light)"
)

GENERATED_ID = re.compile(r"[0-9a-f]{32}")  # nginx's $request_id
ALLOWED_ORIGIN = "https://app.example"
RATE_BURST = 3  # with a rate of 1r/m: 1 + RATE_BURST public POSTs pass, the next is refused
MAX_BODY, MAX_UPLOAD = 8 * 1024, 64 * 1024
SLOW_SECONDS = 1.0  # how long a stand-in takes on .../slow; the degraded gateway waits 300 ms


# --- Stand-in services -----------------------------------------------------------------------

class StandIn(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so the gateway's upstream pool can reuse it

    def answer(self) -> None:
        name = self.server.name  # type: ignore[attr-defined]
        received = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path = self.path.split("?")[0]
        status, content_type = 200, "application/json"
        if path == "/openapi.json":
            payload: dict[str, Any] = {"openapi": "3.1.0", "info": {"title": name}, "paths": {}}
        elif path.endswith("/missing"):  # the service's own error, which must pass untouched
            status, content_type = 404, "application/problem+json"
            payload = {"type": "about:blank", "title": "Not Found", "status": 404,
                       "detail": f"{name} has no such thing"}
        else:
            if path.endswith("/slow"):
                time.sleep(SLOW_SECONDS)
            payload = {
                "service": name, "method": self.command, "path": self.path,
                "request_id": self.headers.get("X-Request-ID"),
                "forwarded_for": self.headers.get("X-Forwarded-For"),
                "forwarded_proto": self.headers.get("X-Forwarded-Proto"),
                "forwarded_host": self.headers.get("X-Forwarded-Host"),
                "connection": self.headers.get("Connection"),
                "http_version": self.request_version,
                "peer_port": self.client_address[1],
                "body_bytes": len(received),
            }
        data = json.dumps(payload).encode()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # gateway gave up
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Request-ID", f"{name}-own-id")  # the gateway must drop this copy
            self.send_header("X-Frame-Options", "SAMEORIGIN")  # ... and this one
            if path.endswith("/public"):  # an answer the same for everyone, as anonymous directory reads
                self.send_header("Cache-Control", "public, max-age=60")
            self.end_headers()
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def stand_ins() -> Iterator[dict[str, int]]:
    """name -> port of four running stand-ins (the three services and the ceiling app)."""
    servers = []
    for name in ("profiles", "booking", "billing", "ceiling"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
        server.daemon_threads = True
        server.name = name  # type: ignore[attr-defined]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    yield {s.name: s.server_port for s in servers}  # type: ignore[attr-defined]
    for server in servers:
        server.shutdown()
        server.server_close()


# --- The gateway -----------------------------------------------------------------------------

@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Gateway:
    port: int
    access_log: Path

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def call(self, method: str, path: str, headers: dict[str, str] | None = None,
             body: bytes | None = None, conn: http.client.HTTPConnection | None = None) -> Reply:
        own = conn is None
        conn = conn or self.connection()
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            if own:
                conn.close()

    def get(self, path: str, **headers: str) -> Reply:
        return self.call("GET", path, {k.replace("_", "-"): v for k, v in headers.items()})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_gateway(env: dict[str, str]) -> Iterator[Gateway]:
    """Render the config with `env` into a fresh prefix, run nginx on it, stop it afterwards."""
    assert NGINX is not None
    workdir = Path(tempfile.mkdtemp(prefix="rapport-gateway-"))
    cache = Path(tempfile.mkdtemp(prefix="rapport-gateway-cache-"))
    # Left private (0700), like a home directory: run as root, nginx's workers are `nobody` and
    # cannot enter it, so nothing may depend on spooling bodies to the prefix's temp dirs.
    port = free_port()
    conf = workdir / "nginx.conf"
    rendered = subprocess.run(
        [sys.executable, str(RENDER), "--out", str(conf)],
        env={**os.environ, "GATEWAY_LISTEN": f"127.0.0.1:{port}",
             "GATEWAY_PREFIX": str(workdir / "prefix"), "GATEWAY_CACHE_DIR": str(cache), **env},
        capture_output=True, text=True,
    )
    assert rendered.returncode == 0, rendered.stderr
    access_log, error_log = workdir / "access.log", workdir / "error.log"
    with access_log.open("wb") as out, error_log.open("wb") as err:
        nginx = subprocess.Popen(
            [NGINX, "-p", f"{workdir / 'prefix'}/", "-c", str(conf), "-e", "stderr",
             "-g", "daemon off;"], stdout=out, stderr=err)
    try:
        deadline = time.monotonic() + 10
        while True:
            assert nginx.poll() is None, f"nginx exited: {error_log.read_text()}"
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            assert time.monotonic() < deadline, "nginx did not start listening within 10 s"
            time.sleep(0.02)
        yield Gateway(port, access_log)
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)


def gateway_env(stand_ins: dict[str, int], **overrides: str) -> dict[str, str]:
    env = {f"{name.upper()}_UPSTREAM": f"127.0.0.1:{port}" for name, port in stand_ins.items()}
    env.update(GATEWAY_CORS_ORIGINS=f"{ALLOWED_ORIGIN} http://localhost:3000",
               GATEWAY_PUBLIC_POST_RATE="1r/m", GATEWAY_PUBLIC_POST_BURST=str(RATE_BURST),
               GATEWAY_MAX_BODY=f"{MAX_BODY // 1024}k", GATEWAY_MAX_UPLOAD=f"{MAX_UPLOAD // 1024}k",
               GATEWAY_READ_TIMEOUT="30s")
    env.update(overrides)
    return env


@pytest.fixture(scope="module")
def gateway(stand_ins: dict[str, int]) -> Iterator[Gateway]:
    """Every service up, the ceiling app configured, CORS for two origins, low limits."""
    with running_gateway(gateway_env(stand_ins)) as gw:
        yield gw


@pytest.fixture(scope="module")
def degraded(stand_ins: dict[str, int]) -> Iterator[Gateway]:
    """Billing down (nothing listens on its port), no ceiling app, no CORS, a 300 ms read timeout."""
    env = gateway_env(stand_ins, BILLING_UPSTREAM=f"127.0.0.1:{free_port()}", CEILING_UPSTREAM="",
                      GATEWAY_CORS_ORIGINS="", GATEWAY_READ_TIMEOUT="300ms")
    with running_gateway(env) as gw:
        yield gw


def assert_problem(reply: Reply, status: int) -> dict[str, Any]:
    assert reply.status == status, reply.body
    assert reply.headers["Content-Type"] == "application/problem+json"
    problem = reply.json()
    assert problem["type"] == "about:blank"
    assert problem["status"] == status
    assert problem["title"] and problem["detail"]
    assert problem["request_id"] == reply.headers["X-Request-ID"]
    return problem


# --- Routing ---------------------------------------------------------------------------------

ROUTES = [
    # booking: per-therapist scheduling, and its own collections
    ("/v1/therapists/t1/availability", "booking"),
    ("/v1/therapists/t1/slots?from=2026-01-05", "booking"),
    ("/v1/therapists/t1/calendar.ics", "booking"),
    ("/v1/consultations", "booking"),
    ("/v1/consultations/c1/cancel", "booking"),
    ("/v1/appointments/a1", "booking"),
    ("/v1/calendar-feeds", "booking"),
    ("/v1/reminders", "booking"),
    ("/v1/clients", "booking"),
    ("/v1/clients/c1", "booking"),
    ("/v1/clients/c1/appointments", "booking"),
    ("/v1/booking/outbox", "booking"),
    # billing: a client's money matters, and its own collections
    ("/v1/clients/c1/coverages", "billing"),
    ("/v1/clients/c1/diagnoses", "billing"),
    ("/v1/clients/c1/balance", "billing"),
    ("/v1/clients/c1/statements/s1", "billing"),
    ("/v1/clients/c1/superbills", "billing"),
    ("/v1/clients/c1/eligibility", "billing"),
    ("/v1/payers", "billing"),
    ("/v1/plans/p1", "billing"),
    ("/v1/eligibility-checks", "billing"),
    ("/v1/estimates", "billing"),
    ("/v1/charges", "billing"),
    ("/v1/claims/cl1/submit", "billing"),
    ("/v1/remittances", "billing"),
    ("/v1/remittances/r1", "billing"),
    ("/v1/payments", "billing"),
    ("/v1/billing-providers", "billing"),
    ("/v1/billing/outbox", "billing"),
    # profiles: everything else under /v1/
    ("/v1/therapists", "profiles"),
    ("/v1/therapists/t1", "profiles"),
    ("/v1/therapists/import", "profiles"),
    ("/v1/therapists/t1/calendarXics", "profiles"),  # the dot in calendar.ics is literal
    ("/v1/auth/token", "profiles"),
    ("/v1/practices/p1", "profiles"),
    ("/v1/matches", "profiles"),
    ("/v1/taxonomy", "profiles"),
    ("/v1/specialties", "profiles"),
    ("/v1/profiles/outbox", "profiles"),
    ("/v1/claimsx", "profiles"),  # a whole word only: not billing's /v1/claims
]


@pytest.mark.parametrize(("path", "service"), ROUTES)
def test_api_paths_reach_their_service_unchanged(gateway: Gateway, path: str, service: str) -> None:
    reply = gateway.get(path)
    assert reply.status == 200
    assert reply.json()["service"] == service
    assert reply.json()["path"] == path  # query string included


@pytest.mark.parametrize("service", ["profiles", "booking", "billing"])
def test_probes_and_specs_reach_each_service(gateway: Gateway, service: str) -> None:
    for probe in ("healthz", "readyz"):
        seen = gateway.get(f"/{probe}/{service}").json()
        assert (seen["service"], seen["path"]) == (service, f"/{probe}")
    spec = gateway.get(f"/openapi/{service}.json")
    assert spec.status == 200
    assert spec.json()["info"]["title"] == service


def test_gateway_answers_its_own_healthz(gateway: Gateway) -> None:
    reply = gateway.get("/healthz")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json() == {"status": "ok"}


def test_ceiling_app_is_reachable_when_configured(gateway: Gateway, degraded: Gateway) -> None:
    assert gateway.get("/_ceiling").json()["service"] == "ceiling"
    assert_problem(degraded.get("/_ceiling"), 404)


@pytest.mark.parametrize("path", ["/", "/v1", "/v2/payers", "/healthz/unknown", "/readyz/",
                                  "/openapi/other.json", "/openapi.json", "/docs/assets/index.html"])
def test_unknown_paths_are_problem_404s(gateway: Gateway, path: str) -> None:
    problem = assert_problem(gateway.get(path), 404)
    assert problem["title"] == "Not Found"


def test_service_errors_pass_through_untouched(gateway: Gateway) -> None:
    reply = gateway.get("/v1/payers/missing")
    assert reply.status == 404
    assert reply.headers["Content-Type"] == "application/problem+json"
    assert reply.json()["detail"] == "billing has no such thing"
    assert "request_id" not in reply.json()


# --- Request id and proxy headers -----------------------------------------------------------

def test_request_id_is_generated_and_passed_upstream(gateway: Gateway) -> None:
    reply = gateway.get("/v1/practices")
    request_id = reply.headers["X-Request-ID"]
    assert GENERATED_ID.fullmatch(request_id)
    assert reply.json()["request_id"] == request_id
    assert reply.headers.get_all("X-Request-ID") == [request_id]  # the service's copy dropped
    assert gateway.get("/v1/practices").headers["X-Request-ID"] != request_id


@pytest.mark.parametrize("good", ["req-42.A_b", "x" * 128])
def test_a_plain_client_request_id_is_kept(gateway: Gateway, good: str) -> None:
    reply = gateway.get("/v1/appointments", X_Request_ID=good)
    assert reply.headers.get_all("X-Request-ID") == [good]
    assert reply.json()["request_id"] == good


@pytest.mark.parametrize("bad", ["x" * 129, "has space", "semi;colon", "a/b", '"quoted"', "é"])
def test_a_bad_client_request_id_is_replaced(gateway: Gateway, bad: str) -> None:
    reply = gateway.get("/v1/appointments", X_Request_ID=bad)
    assert GENERATED_ID.fullmatch(reply.headers["X-Request-ID"])
    assert reply.json()["request_id"] == reply.headers["X-Request-ID"]


def test_client_request_id_is_echoed_on_gateway_errors(gateway: Gateway) -> None:
    reply = gateway.get("/nowhere", X_Request_ID="trace-me")
    assert reply.headers["X-Request-ID"] == "trace-me"
    assert assert_problem(reply, 404)["request_id"] == "trace-me"


def test_forwarding_headers_and_upstream_keepalive(gateway: Gateway) -> None:
    conn = gateway.connection()  # one client connection is served by one nginx worker
    try:
        seen = [gateway.call("GET", "/v1/taxonomy", {"X-Forwarded-For": "203.0.113.9"},
                             conn=conn).json() for _ in range(5)]
    finally:
        conn.close()
    first = seen[0]
    assert first["forwarded_for"] == "203.0.113.9, 127.0.0.1"
    assert first["forwarded_proto"] == "http"
    assert first["forwarded_host"] == f"127.0.0.1:{gateway.port}"  # the client's Host, port kept
    assert (first["http_version"], first["connection"]) == ("HTTP/1.1", None)
    assert len({s["peer_port"] for s in seen}) == 1  # one pooled upstream connection, reused


# --- Limits ----------------------------------------------------------------------------------

def test_public_posts_are_rate_limited_per_client(gateway: Gateway) -> None:
    public = ["/v1/auth/token", "/v1/consultations", "/v1/consultations/c1/cancel",
              "/v1/consultations/c1/reschedule", "/v1/matches"]
    statuses = [gateway.call("POST", path, body=b"{}").status for path in public]
    assert statuses == [200] * (RATE_BURST + 1) + [429] * (len(public) - RATE_BURST - 1)

    refused = gateway.call("POST", "/v1/auth/token", body=b"{}")
    assert_problem(refused, 429)
    assert refused.headers["Retry-After"] == "1"
    # Reads, other methods and the other POSTs are not limited.
    assert gateway.get("/v1/consultations").status == 200
    assert gateway.get("/v1/matches").status == 200
    assert gateway.call("PATCH", "/v1/consultations/c1", body=b"{}").status == 200
    assert gateway.call("POST", "/v1/consultations/c1/confirm", body=b"{}").status == 200
    accepted = gateway.call("POST", "/v1/appointments", body=b"{}")
    assert accepted.status == 200
    assert "Retry-After" not in accepted.headers


def test_bodies_over_the_limit_are_problem_413s(gateway: Gateway) -> None:
    too_big = b"x" * (MAX_BODY + 1)
    assert_problem(gateway.call("POST", "/v1/payers", body=too_big), 413)
    assert_problem(gateway.call("PUT", "/v1/remittances/r1", body=too_big), 413)
    assert gateway.call("POST", "/v1/payers", body=b"x" * MAX_BODY).json()["body_bytes"] == MAX_BODY
    # The upload endpoints take more, up to their own limit (and pass it on whole).
    for path in ("/v1/remittances", "/v1/therapists/import"):
        assert gateway.call("POST", path, body=too_big * 4).json()["body_bytes"] == len(too_big) * 4
        assert_problem(gateway.call("POST", path, body=b"x" * (MAX_UPLOAD + 1)), 413)


def test_malformed_and_oversized_requests_are_problems_too(gateway: Gateway) -> None:
    assert_problem(gateway.get("/v1/therapists?q=" + "x" * 20000), 414)
    with socket.create_connection(("127.0.0.1", gateway.port), timeout=10) as raw:
        raw.sendall(b"GET /v1/therapists HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n")
        answer = raw.recv(65536).decode("latin-1")
    head, _, body = answer.partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 400") and "application/problem+json" in head
    assert json.loads(body)["status"] == 400
    # A header over the gateway's 8k buffers (nginx's own 494) is a 400 problem, not a page.
    assert_problem(gateway.get("/v1/consultations", Idempotency_Key="k" * 10_000), 400)


@pytest.mark.parametrize("method", ["TRACE", "CONNECT"])
def test_methods_the_gateway_refuses_are_405_problems_with_allow(gateway: Gateway, method: str) -> None:
    reply = gateway.call(method, "/v1/therapists")
    assert_problem(reply, 405)
    assert "GET" in reply.headers["Allow"]


def test_a_services_own_allow_header_is_not_doubled(gateway: Gateway) -> None:
    reply = gateway.get("/v1/taxonomy")
    assert "Allow" not in reply.headers  # the gateway adds Allow to its own 405s only


# --- Failing upstreams -----------------------------------------------------------------------

@pytest.mark.parametrize(("method", "path"), [("GET", "/v1/payers"), ("POST", "/v1/claims"),
                                              ("GET", "/v1/clients/c1/balance"),
                                              ("GET", "/readyz/billing"),
                                              ("GET", "/openapi/billing.json")])
def test_a_service_that_is_down_gives_problem_502s(degraded: Gateway, method: str, path: str) -> None:
    assert_problem(degraded.call(method, path, body=b"{}" if method == "POST" else None), 502)
    assert degraded.get("/v1/clients/c1").json()["service"] == "booking"  # the rest still works


def test_a_service_too_slow_gives_a_problem_504(degraded: Gateway) -> None:
    started = time.monotonic()
    assert_problem(degraded.get("/v1/practices/slow"), 504)
    assert time.monotonic() - started < SLOW_SECONDS


# --- Response headers, CORS, log ------------------------------------------------------------

@pytest.mark.parametrize("path", ["/v1/practices", "/nowhere", "/healthz", "/docs/",
                                  "/docs/assets/swagger-ui.css"])
def test_security_headers_on_every_response(gateway: Gateway, path: str) -> None:
    headers = gateway.get(path).headers
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]
    assert headers.get_all("Referrer-Policy") == ["no-referrer"]
    assert headers.get_all("X-Frame-Options") == ["DENY"]
    assert headers["Server"] == "nginx"  # no version
    assert "Access-Control-Allow-Origin" not in headers  # no Origin sent
    policy = headers.get_all("Content-Security-Policy")
    if path.startswith("/docs"):
        assert policy == ["default-src 'self'; img-src 'self' data:; "
                          "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"]
    else:
        assert policy == ["default-src 'none'; frame-ancestors 'none'"]


def test_security_headers_on_upstream_failures(degraded: Gateway) -> None:
    headers = degraded.get("/v1/payers").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert GENERATED_ID.fullmatch(headers["X-Request-ID"])


def preflight(gw: Gateway, origin: str) -> Reply:
    return gw.call("OPTIONS", "/v1/consultations", {
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type, idempotency-key"})


def test_cors_preflight_from_an_allowed_origin_is_answered_by_the_gateway(gateway: Gateway) -> None:
    reply = preflight(gateway, ALLOWED_ORIGIN)
    assert (reply.status, reply.body) == (204, b"")  # a stand-in would have answered 200
    assert reply.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert reply.headers["Access-Control-Allow-Methods"] == "GET, POST, PUT, PATCH, DELETE"
    assert reply.headers["Access-Control-Allow-Headers"] == (
        "Authorization, Content-Type, If-Match, Idempotency-Key, X-Manage-Token, X-Request-ID")
    assert reply.headers["Vary"] == "Origin"
    assert GENERATED_ID.fullmatch(reply.headers["X-Request-ID"])


def test_cors_headers_on_requests_from_allowed_origins_only(gateway: Gateway) -> None:
    allowed = gateway.get("/v1/payers", Origin="http://localhost:3000")
    assert allowed.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert allowed.headers["Access-Control-Expose-Headers"] == "ETag, Location, X-Request-ID"
    assert "Access-Control-Allow-Methods" not in allowed.headers  # preflight only

    for reply in (gateway.get("/v1/payers", Origin="https://evil.example"),
                  preflight(gateway, "https://evil.example")):
        assert not [h for h in reply.headers if h.lower().startswith("access-control-")]
    assert preflight(gateway, "https://evil.example").json()["method"] == "OPTIONS"  # not ours


def test_no_cors_headers_when_no_origin_is_configured(degraded: Gateway) -> None:
    reply = preflight(degraded, ALLOWED_ORIGIN)
    assert reply.json()["method"] == "OPTIONS"  # left to the service
    assert not [h for h in reply.headers if h.lower().startswith("access-control-")]
    assert "Vary" not in reply.headers


def test_cors_for_any_origin(stand_ins: dict[str, int]) -> None:
    with running_gateway(gateway_env(stand_ins, GATEWAY_CORS_ORIGINS="*")) as gw:
        reply = preflight(gw, "https://anyone.example")
        assert reply.status == 204
        assert reply.headers["Access-Control-Allow-Origin"] == "*"
        assert "Vary" not in reply.headers
        assert gw.get("/v1/payers", Origin="https://x.example").headers[
            "Access-Control-Allow-Origin"] == "*"


def test_access_log_is_json_without_query_strings(gateway: Gateway) -> None:
    gateway.get("/v1/clients/c1?email=jane@example.com", X_Request_ID="log-check-1")
    gateway.get("/healthz", X_Request_ID="log-check-2")
    deadline = time.monotonic() + 5
    while not (entries := [json.loads(line) for line in gateway.access_log.read_text().splitlines()
                           if '"log-check-1"' in line]):
        assert time.monotonic() < deadline, "no access log line for the request"
        time.sleep(0.02)
    entry = entries[0]
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/v1/clients/c1", 200)
    assert entry["upstream_status"] == "200"
    float(entry["upstream_response_time"])
    assert "jane" not in gateway.access_log.read_text()
    assert "log-check-2" not in gateway.access_log.read_text()  # /healthz is not logged


def test_calendar_feed_tokens_stay_out_of_the_access_log(gateway: Gateway) -> None:
    gateway.get("/v1/calendar-feeds/s3cret-feed-token.ics", X_Request_ID="log-check-feed")
    deadline = time.monotonic() + 5
    while '"log-check-feed"' not in gateway.access_log.read_text():
        assert time.monotonic() < deadline, "no access log line for the request"
        time.sleep(0.02)
    assert "s3cret-feed-token" not in gateway.access_log.read_text()
    assert '"path":"/v1/calendar-feeds/[redacted]"' in gateway.access_log.read_text()


# --- Docs ------------------------------------------------------------------------------------

ASSET_TYPES = {"css": "text/css", "js": "application/javascript", "png": "image/png"}


@pytest.mark.parametrize("path", ["/docs", "/docs/"])
def test_docs_page_is_served_whole_from_the_gateway(gateway: Gateway, path: str) -> None:
    page = gateway.get(path)
    assert page.status == 200
    assert page.headers["Content-Type"] == "text/html"
    html = page.body.decode()
    assert not re.search(r"https?://", html)
    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/docs/assets/swagger-ui-bundle.js" in references
    for reference in references:
        asset = gateway.get(reference)
        assert asset.status == 200, reference
        assert asset.headers["Content-Type"] == ASSET_TYPES[reference.rsplit(".", 1)[1]]


def test_docs_init_lists_the_three_specs_offline(gateway: Gateway) -> None:
    script = gateway.get("/docs/init.js").body.decode()
    assert not re.search(r"https?://", script)
    assert "validatorUrl: null" in script
    for service in ("profiles", "booking", "billing"):
        assert f'url: "/openapi/{service}.json"' in script


# --- render.py refusing bad settings ---------------------------------------------------------

@pytest.mark.parametrize(("name", "value"), [
    ("PROFILES_UPSTREAM", "127.0.0.1:8101; include /etc/passwd"),
    ("BILLING_UPSTREAM", "billing"),
    ("GATEWAY_CORS_ORIGINS", "app.example"),
    ("GATEWAY_CORS_ORIGINS", "* https://app.example"),
    ("GATEWAY_PUBLIC_POST_RATE", "10/s"),
    ("GATEWAY_MAX_BODY", "1 m"),
    ("SWAGGER_UI_DIR", "/nonexistent"),
])
def test_render_refuses_bad_settings(tmp_path: Path, name: str, value: str) -> None:
    out = tmp_path / "nginx.conf"
    result = subprocess.run([sys.executable, str(RENDER), "--out", str(out)],
                            env={**os.environ, "GATEWAY_PREFIX": str(tmp_path / "prefix"), name: value},
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert result.stderr.startswith("render.py: ")
    assert not out.exists()


# --- Shared cache of public reads ------------------------------------------------------------

def test_a_public_answer_is_served_from_the_cache_to_anonymous_callers(gateway):
    first = gateway.get("/v1/directory-page-a/public")
    second = gateway.get("/v1/directory-page-a/public")
    assert (first.headers["X-Cache-Status"], second.headers["X-Cache-Status"]) == ("MISS", "HIT")
    assert second.json()["request_id"] == first.json()["request_id"]  # the service was not asked again
    assert second.headers["X-Request-ID"] != first.headers["X-Request-ID"]  # the gateway's own, per request


def test_callers_with_credentials_never_read_or_fill_the_cache(gateway):
    for credentials in ({"Authorization": "Bearer staff-token"}, {"Cookie": "session=abc"},
                        {"X-Manage-Token": "t0ken"}):
        path = f"/v1/directory-page-{len(credentials)}-{next(iter(credentials))}/public"
        anonymous = gateway.get(path)
        assert anonymous.headers["X-Cache-Status"] == "MISS"
        with_credentials = gateway.call("GET", path, credentials)
        assert with_credentials.headers["X-Cache-Status"] == "BYPASS"
        assert with_credentials.json()["request_id"] != anonymous.json()["request_id"]  # the service answered
    fresh = "/v1/directory-page-b/public"
    gateway.call("GET", fresh, {"Authorization": "Bearer staff-token"})
    assert gateway.get(fresh).headers["X-Cache-Status"] == "MISS"  # what a token fetched was not stored


def test_only_answers_marked_public_are_kept(gateway):
    first, second = gateway.get("/v1/therapists/mine"), gateway.get("/v1/therapists/mine")
    assert second.json()["request_id"] != first.json()["request_id"]
    missing = [gateway.get("/v1/therapists/missing") for _ in range(2)]
    assert [m.status for m in missing] == [404, 404] and "X-Cache-Status" in missing[1].headers
    assert missing[1].headers["X-Cache-Status"] == "MISS"


def test_a_client_asking_for_no_cache_reaches_the_service(gateway):
    gateway.get("/v1/directory-page-c/public")
    fresh = gateway.get("/v1/directory-page-c/public", Cache_Control="no-cache")
    assert fresh.headers["X-Cache-Status"] == "BYPASS"


def test_booking_and_billing_answers_are_never_cached(gateway):
    for path in ("/v1/consultations/public", "/v1/claims/public", "/v1/therapists/x/slots/public"):
        first, second = gateway.get(path), gateway.get(path)
        assert "X-Cache-Status" not in second.headers
        assert second.json()["request_id"] != first.json()["request_id"]

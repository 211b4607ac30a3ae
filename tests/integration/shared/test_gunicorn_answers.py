"""A real gunicorn with the services' settings (rapport_shared.gunicorn_config) in front of a tiny app:
what gunicorn refuses before any app runs is problem+json, never its HTML page, and OPTIONS is a 204."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

TINY_APP = '''
from rapport_shared.app import ServiceFlask

flask_app = ServiceFlask("tiny")


@flask_app.route("/v1/things/<thing_id>", methods=["GET", "PATCH"])
def thing(thing_id):
    return {"id": thing_id}


def app(environ, start_response):
    if environ["PATH_INFO"] == "/broken":  # a header no server may send: gunicorn's own 500
        start_response("200 OK", [("X-Broken", "a\\r\\nb")])
        return [b""]
    return flask_app(environ, start_response)
'''


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> tuple[str, int]:
    folder = tmp_path_factory.mktemp("tiny-gunicorn")
    (folder / "tiny.py").write_text(TINY_APP)
    port = _free_port()
    log = open(folder / "gunicorn.log", "wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "python:rapport_shared.gunicorn_config",
         "--bind", f"127.0.0.1:{port}", "--chdir", str(folder), "tiny:app"],
        env={**os.environ, "GUNICORN_WORKERS": "1", "GUNICORN_THREADS": "2"},
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _send(("127.0.0.1", port), b"GET /v1/things/x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")[0]:
                    break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, (folder / "gunicorn.log").read_text()
            time.sleep(0.1)
        yield ("127.0.0.1", port)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(15)
        log.close()


def _send(address: tuple[str, int], request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of the answer to bytes sent as they are."""
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]) if lines[0] else 0, headers, body


def _get(headers: bytes = b"", method: str = "GET", path: str = "/v1/things/x") -> bytes:
    return f"{method} {path} HTTP/1.1\r\nHost: t\r\n".encode() + headers + b"Connection: close\r\n\r\n"


MANY = b"".join(b"X-H%d: v\r\n" % i for i in range(16_400))


@pytest.mark.parametrize("request_bytes,status,words", [
    (_get(b"X-Foo: a\x01b\r\n"), 400, "X-FOO"),                  # a control byte in a header value
    (_get(b"Idempotency-Key: k\x7fk\r\n"), 400, "IDEMPOTENCY-KEY"),  # DEL too
    (_get(MANY), 431, "header fields"),                              # more fields than gunicorn reads
    (_get(b"X-Long: " + b"v" * 9000 + b"\r\n"), 431, "header fields"),
    (_get(path="/v1/things/" + "a" * 9000), 414, "request line"),
    (_get(b"Transfer-Encoding: br\r\n"), 501, "Transfer-Encoding"),
    (b"GARBAGE\r\n\r\n", 400, "malformed"),
    (_get(path="/broken"), 500, "failed"),                           # gunicorn's own 500, too
])
def test_what_gunicorn_refuses_itself_is_a_problem_not_a_page(server, request_bytes, status, words):
    answer_status, headers, body = _send(server, request_bytes)
    assert (answer_status, headers.get("content-type")) == (status, "application/problem+json"), body[:300]
    problem = json.loads(body)
    assert problem["status"] == status and problem["type"] == "about:blank" and problem["title"], problem
    assert words in problem["detail"], problem
    assert int(headers["content-length"]) == len(body) and b"<html" not in body.lower()


def test_more_header_fields_than_gunicorns_default_are_read(server):
    """The gateway's limits are the ones clients meet: 120 small headers are an ordinary request."""
    status, headers, body = _send(server, _get(b"".join(b"X-H%d: v\r\n" % i for i in range(120))))
    assert (status, headers.get("content-type"), json.loads(body)) == (200, "application/json", {"id": "x"})


def test_options_is_204_with_allow_and_no_content_type(server):
    status, headers, body = _send(server, _get(method="OPTIONS"))
    assert (status, body) == (204, b"")
    assert set(headers["allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "PATCH", "OPTIONS"}
    assert "content-type" not in headers

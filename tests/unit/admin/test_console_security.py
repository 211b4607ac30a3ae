"""The console's own guarantees, without the system: CSRF, headers, server-side sessions, idle sign-out."""
import multiprocessing
import sqlite3
import time

import pytest

from rapport_admin.web import create_app
from rapport_admin.web.config import ConsoleSettings
from rapport_admin.web.sessions import COOKIE, SessionStore

NOWHERE = "http://127.0.0.1:9"  # no gateway: these pages never call the API


@pytest.fixture
def settings(tmp_path):
    return ConsoleSettings(NOWHERE, tmp_path / "sessions.sqlite3", idle_seconds=60)


@pytest.fixture
def client(settings):
    return create_app(settings).test_client()


def _signed_in(client, settings, seen: float) -> None:
    """A signed-in session as sign-in would leave it, last used at `seen`."""
    SessionStore(settings.session_db).save("sid-1", {"token": "t", "csrf": "c", "who": {
        "email": "staff@example.com", "role": "staff", "practice_id": "p", "therapist_id": None,
        "practice": "Northside", "zone": "America/Chicago"}}, seen)
    client.set_cookie(COOKIE, "sid-1", path="/console/")


def test_pages_are_never_cached_framed_or_allowed_inline_script(client):
    response = client.get("/console/sign-in")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Frame-Options"] == "DENY"
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert b"<script>" not in response.data  # scripts only from files


def test_a_form_without_the_sessions_token_is_refused(client):
    client.get("/console/sign-in")
    response = client.post("/console/sign-in", data={"email": "a@example.com", "password": "x"})
    assert response.status_code == 400
    assert b"expired" in response.data


def test_the_cookie_holds_a_random_id_only_strict_and_http_only(client, settings):
    response = client.get("/console/sign-in")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/console/" in cookie
    assert "Secure" not in cookie  # plain HTTP here; over TLS (X-Forwarded-Proto: https) it is Secure
    secure = client.get("/console/sign-in", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in secure.headers["Set-Cookie"]


def test_a_session_idle_past_the_limit_is_gone_and_says_so(client, settings):
    _signed_in(client, settings, seen=time.time() - settings.idle_seconds - 1)
    response = client.get("/console/", follow_redirects=True)
    assert response.request.path == "/console/sign-in"
    assert b"signed out after a while without activity" in response.data
    assert SessionStore(settings.session_db).load("sid-1") is None


def test_signing_out_forgets_the_session(client, settings):
    _signed_in(client, settings, seen=time.time())
    response = client.post("/console/sign-out", data={"csrf_token": "c"})
    assert response.status_code == 302
    assert SessionStore(settings.session_db).load("sid-1") is None


def test_roles_see_only_their_pages(client, settings):
    _signed_in(client, settings, seen=time.time())
    assert client.get("/console/operations/").status_code == 403


def test_probes_make_no_session_and_new_sessions_sweep_idle_ones(client, settings):
    answer = client.get("/console/healthz")
    assert answer.json == {"status": "ok"} and "Set-Cookie" not in answer.headers
    store = SessionStore(settings.session_db)
    store.save("forgotten", {"csrf": "x"}, time.time() - settings.idle_seconds - 1)
    client.get("/console/sign-in")  # a new visitor's session
    assert store.load("forgotten") is None


def _open_store(path, start) -> None:
    start.wait()
    SessionStore(path).save("sid-x", {}, time.time())


def test_workers_booting_together_all_open_the_session_store(tmp_path):
    """Gunicorn boots the console's workers at once; each opens the store, and none may fail to boot."""
    context = multiprocessing.get_context("fork")
    path = tmp_path / "sessions.sqlite3"
    start = context.Barrier(16)
    workers = [context.Process(target=_open_store, args=(path, start)) for _ in range(16)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [w.exitcode for w in workers] == [0] * 16
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)

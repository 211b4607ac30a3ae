"""Server-side sessions: the cookie holds a random id; the token and everything else stay here.

Kept in one SQLite file so every gunicorn worker sees the same sessions. A session unused for the
idle limit is gone: the next request finds none and is sent to sign in again.
"""
from __future__ import annotations

import fcntl
import json
import secrets
import sqlite3
import time
from pathlib import Path

from flask import Flask, Request, Response, request
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

COOKIE = "rapport_console"


class SessionStore:
    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Every gunicorn worker opens the store as it boots. Switching to WAL takes an exclusive lock that
        # SQLite's busy timeout does not wait for, so the workers take turns on a file lock instead.
        with open(path.with_name(path.name + ".lock"), "w") as turn:
            fcntl.flock(turn, fcntl.LOCK_EX)
            with self._connect() as db:
                db.execute("PRAGMA journal_mode=WAL")  # kept in the file: later connections find it
                db.execute("CREATE TABLE IF NOT EXISTS sessions "
                           "(id TEXT PRIMARY KEY, data TEXT NOT NULL, seen REAL NOT NULL)")
            db.close()
        path.chmod(0o600)  # it holds access tokens

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=5)
        db.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent; a crash loses at most a sign-in
        return db

    def load(self, sid: str) -> tuple[dict, float] | None:
        with self._connect() as db:
            row = db.execute("SELECT data, seen FROM sessions WHERE id = ?", (sid,)).fetchone()
        return (json.loads(row[0]), row[1]) if row else None

    def save(self, sid: str, data: dict, seen: float) -> None:
        with self._connect() as db:
            db.execute("INSERT INTO sessions (id, data, seen) VALUES (?, ?, ?) "
                       "ON CONFLICT (id) DO UPDATE SET data = excluded.data, seen = excluded.seen",
                       (sid, json.dumps(data), seen))

    def delete(self, sid: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM sessions WHERE id = ?", (sid,))

    def forget_idle(self, older_than: float) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM sessions WHERE seen < ?", (older_than,))


class ConsoleSession(CallbackDict, SessionMixin):
    def __init__(self, initial: dict | None = None, sid: str | None = None, timed_out: bool = False):
        super().__init__(initial or {}, lambda _: setattr(self, "modified", True))
        self.sid = sid
        self.timed_out = timed_out  # a signed-in session just ended by the idle limit
        self.modified = False

    def renew(self) -> None:
        """A new id after signing in or out, so an id seen before sign-in is worth nothing after it."""
        self.sid = None
        self.modified = True


class ServerSideSessions(SessionInterface):
    def __init__(self, store: SessionStore, idle_seconds: int):
        self.store = store
        self.idle_seconds = idle_seconds

    def open_session(self, app: Flask, request: Request) -> ConsoleSession:
        sid = request.cookies.get(COOKIE)
        found = self.store.load(sid) if sid else None
        if sid and found:
            data, seen = found
            if time.time() - seen <= self.idle_seconds:
                return ConsoleSession(data, sid)
            self.store.delete(sid)
            return ConsoleSession(timed_out="token" in data)
        return ConsoleSession()

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ConsoleSession)
        path = app.config["SESSION_COOKIE_PATH"]
        previous = request.cookies.get(COOKIE)
        if not session:
            if previous:
                self.store.delete(previous)
                response.delete_cookie(COOKIE, path=path)
            return
        if session.sid is None:
            if previous:
                self.store.delete(previous)
            self.store.forget_idle(time.time() - self.idle_seconds)  # sessions nobody came back to
            session.sid = secrets.token_urlsafe(32)
        self.store.save(session.sid, dict(session), time.time())
        response.set_cookie(COOKIE, session.sid, path=path, httponly=True, samesite="Strict",
                            secure=request.is_secure)  # Secure whenever the gateway says TLS (X-Forwarded-Proto)

"""The public API as the signed-in person: the same client as the CLI, the token from the session."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from flask import current_app, flash, g, redirect, session
from werkzeug.wrappers import Response

from ..api import Api, ApiProblem


def api() -> Api:
    if "api" not in g:
        g.api = Api(current_app.config["GATEWAY_URL"], session.get("token"), timeout=20)
    return g.api


def every(path: str, params: dict | None = None, pages: int = 10) -> Iterator[dict]:
    """Every item of a paged list (bounded: a console page never walks more than `pages` pages)."""
    params = {"limit": 100, **(params or {})}
    for _ in range(pages):
        page = api().get(path, params=params)
        yield from page["items"]
        if not page.get("next_cursor"):
            return
        params["cursor"] = page["next_cursor"]


def problem_messages(problem: ApiProblem) -> list[str]:
    """What went wrong in words, each field error with the field it concerns."""
    lines = [problem.detail or problem.title]
    lines += [f"{e.get('field', '')}: {e.get('message', '')}".lstrip(": ") for e in problem.errors]
    return lines


def perform(action: Callable[[], Any], *, done: str, to: str, failed_to: str | None = None,
            stale: str | None = None) -> Response:
    """Run one API call of a form; say what happened, then show a page (post/redirect/get). `stale` is what to
    say when the form was read at a version someone else has changed since (412)."""
    try:
        action()
    except ApiProblem as problem:
        if problem.status in (401, 404, 403):
            raise
        for line in [stale] if stale and problem.status == 412 else problem_messages(problem):
            flash(line, "error")
        return redirect(failed_to or to)
    flash(done, "success")
    return redirect(to)


def own_practice(record: dict, what: str) -> dict:
    """`record` if it is of the signed-in person's practice (administrators: any), else not found, as the API
    answers another practice's ids. A published therapist is public, but not another practice's to manage."""
    practice_id = session["who"].get("practice_id")
    if practice_id is not None and record.get("practice_id") != practice_id:
        raise ApiProblem(404, "Not Found", f"no such {what}", [])
    return record


class Names:
    """Names for ids, looked up once per request: pages show names, never ids."""

    def __init__(self) -> None:
        self._therapists: dict[str, str] = {}
        self._clients: dict[str, str] | None = None

    def therapist(self, therapist_id: str | None) -> str:
        if not therapist_id:
            return ""
        if therapist_id not in self._therapists:
            try:
                self._therapists[therapist_id] = api().get(f"/v1/therapists/{therapist_id}")["display_name"]
            except ApiProblem:
                self._therapists[therapist_id] = "(another practice's therapist)"
        return self._therapists[therapist_id]

    def client(self, client_id: str | None) -> str:
        if not client_id:
            return ""
        if self._clients is None:
            self._clients = {c["id"]: f"{c['first_name']} {c.get('last_name') or ''}".strip()
                             for c in every("/v1/clients")}
        return self._clients.get(client_id, "(unknown client)")


def names() -> Names:
    if "names" not in g:
        g.names = Names()
    return g.names


def practice_therapists(published_only: bool = False) -> list[dict]:
    """The practice's therapists, drafts included unless `published_only` (who can take calls and sessions), by
    name; an administrator, of no practice, sees the directory."""
    who = session["who"]
    practice_id = who.get("practice_id")
    if practice_id is None or who.get("role") not in ("staff", "admin"):
        # Administrators belong to no practice and therapists may not list their colleagues' drafts: the directory.
        found = [t for t in every("/v1/therapists", pages=5)
                 if practice_id is None or t.get("practice_id") == practice_id]
        return sorted(found, key=lambda t: t["display_name"])
    return list(every(f"/v1/practices/{practice_id}/therapists", {"status": "published"} if published_only else None,
                      pages=5))

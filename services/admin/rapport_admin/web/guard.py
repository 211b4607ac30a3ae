"""Who may see a page, CSRF on every form, and the headers every answer carries."""
from __future__ import annotations

import functools
import hmac
import secrets
from collections.abc import Callable

from flask import Response, abort, flash, redirect, request, session, url_for

# No inline script anywhere; styles from our own file only; forms post back here only.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    """Every state-changing request carries the session's token (form field, or header from htmx)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    sent = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
    if not session.get("csrf") or not hmac.compare_digest(sent, session["csrf"]):
        abort(400, description="This form has expired or did not come from the console. Reload the page and try again.")


def secure_headers(response: Response) -> Response:
    """Pages hold PHI: never cached; never framed; scripts only from the console itself."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def who() -> dict:
    return session["who"]


def signed_in(*roles: str) -> Callable:
    """The view needs a signed-in session (and, given roles, one of them)."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if "token" not in session:
                if getattr(session, "timed_out", False):
                    flash("You were signed out after a while without activity. Sign in again to go on.", "info")
                return redirect(url_for("auth.sign_in"))
            if roles and who()["role"] not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorate

"""The practice's web console: server-rendered pages on the public API, mounted at /console/.

    gunicorn 'rapport_admin.web:create_app()'
"""
from __future__ import annotations

import logging
from importlib.resources import files

from flask import Flask, redirect, render_template, send_file, session, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from ..api import ApiProblem
from . import guard, present
from .config import ConsoleSettings
from .sessions import ServerSideSessions, SessionStore
from .views import NAVIGATION, blueprints

HTMX = files("js_lib_htmx") / "static" / "htmx" / "htmx.min.js"


def create_app(settings: ConsoleSettings | None = None) -> Flask:
    settings = settings or ConsoleSettings.from_env()
    app = Flask(__name__, static_url_path="/console/static")
    app.config.update(SESSION_COOKIE_PATH="/console/", GATEWAY_URL=settings.gateway_url,
                      IDLE_SECONDS=settings.idle_seconds, MAX_CONTENT_LENGTH=10 * 1024 * 1024)
    # The gateway in front says whether the browser came over TLS (for the cookie's Secure flag).
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    app.session_interface = ServerSideSessions(SessionStore(settings.session_db), settings.idle_seconds)
    app.jinja_env.filters.update(present.FILTERS)
    app.jinja_env.globals.update(csrf_token=guard.csrf_token, navigation=_navigation)
    # Request lines carry ids only, but nothing of a request is logged here at all.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app.before_request(guard.check_csrf)
    app.after_request(guard.secure_headers)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)

    @app.get("/console/static/htmx.min.js")
    def htmx():
        return send_file(HTMX.open("rb"), mimetype="application/javascript", max_age=3600)

    @app.get("/console/healthz")
    def healthz():
        return {"status": "ok"}  # for probes: no session is made

    @app.get("/console")
    def bare():
        return redirect(url_for("today.show"))

    @app.errorhandler(ApiProblem)
    def api_problem(problem: ApiProblem):
        if problem.status == 401:  # the token expired or was revoked: sign in again
            session.clear()
            return redirect(url_for("auth.sign_in"))
        status = problem.status if problem.status in (403, 404, 409, 412, 422) else 502
        return render_template("problem.html", status=status, problem=problem), status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return render_template("error.html", error=error), error.code or 500

    return app


def _navigation() -> list[tuple[str, str]]:
    role = session.get("who", {}).get("role")
    return [(label, endpoint) for label, endpoint, roles in NAVIGATION if role in roles]

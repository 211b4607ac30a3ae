"""Liveness (`/healthz`: the process answers) and readiness (`/readyz`: database and broker)."""
from __future__ import annotations

import time

import pika
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from .amqp import connection_parameters

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    return jsonify(status="ok", service=current_app.config["SERVICE_NAME"])


@blueprint.get("/readyz")
def readyz():
    checks = {"database": _check_database(), "broker": _check_broker()}
    ready = all(check["ok"] for check in checks.values())
    body = {"status": "ready" if ready else "not ready", "service": current_app.config["SERVICE_NAME"],
            "checks": checks}
    return jsonify(body), 200 if ready else 503


def _timed(check) -> dict:
    started = time.perf_counter()
    result: dict[str, object]
    try:
        check()
        result = {"ok": True}
    except Exception as exc:  # noqa: BLE001 - readiness reports any failure
        result = {"ok": False, "error": type(exc).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _check_database() -> dict:
    def check():
        with current_app.extensions["rapport.db"].reader() as session:
            session.execute(text("SELECT 1"))

    return _timed(check)


def _check_broker() -> dict:
    def check():
        params = connection_parameters(current_app.config["AMQP_URL"], "readyz")
        params.socket_timeout = 2
        pika.BlockingConnection(params).close()

    return _timed(check)

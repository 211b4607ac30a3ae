"""JSON logs with the request id. Never request bodies or query strings: they can hold PHI."""
from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from collections.abc import MutableMapping
from typing import Any

import orjson
import structlog
from flask import Flask, g, request

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


def _render(_logger: Any, _name: str, event: MutableMapping[str, Any]) -> bytes:
    return orjson.dumps(event, default=str)


def configure_logging(service: str, level: str = "INFO") -> None:
    """JSON lines on stdout. The services' own lines (the request log above all) go straight from
    structlog to the stream, one write each; the standard library's records (gunicorn, pika, alembic)
    go through the same processors by a logging handler. The stdlib route cost a quarter of a
    search's CPU under load: a second processor chain, the handler's lock and a text encoder."""
    def add_service(_logger: Any, _name: str, event: dict) -> dict:
        event["service"] = service  # on every line: request threads do not inherit a bound context
        return event

    shared: list[Any] = [
        add_service,
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*shared, structlog.processors.format_exc_info, _render],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.BytesLoggerFactory(),
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared + [structlog.stdlib.ExtraAdder()],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("pika").setLevel(logging.WARNING)


def init_request_logging(app: Flask) -> None:
    access = structlog.get_logger("access")

    @app.before_request
    def _bind_request_id():
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.request_started = time.perf_counter()
        structlog.contextvars.bind_contextvars(request_id=g.request_id)

    @app.after_request
    def _log_request(response):
        response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
        access.info(
            "request",
            method=request.method,
            # The route template, not the path: a path can carry a secret (a calendar-feed token).
            route=request.url_rule.rule if request.url_rule else "(no route)",
            status=response.status_code,
            duration_ms=round((time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000, 2),
        )
        return response

    @app.teardown_request
    def _unbind(_exc):
        structlog.contextvars.unbind_contextvars("request_id")

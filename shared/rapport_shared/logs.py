"""JSON logs with the request id. Never request bodies or query strings: they can hold PHI."""
from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from typing import Any

import structlog
from flask import Flask, g, request

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


def configure_logging(service: str, level: str = "INFO") -> None:
    """structlog renders JSON; the standard library's records go through the same renderer."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=shared + [structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
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
    structlog.contextvars.bind_contextvars(service=service)
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

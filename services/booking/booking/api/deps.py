"""What views need per request."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, g, request

from rapport_shared.app import request_unit_of_work

from ..adapters.sealing import Sealer
from ..service_layer.unit_of_work import UnitOfWork

BEARER: list[dict] = [{"bearerAuth": []}]  # the OpenAPI security of views that need an access token


def unit_of_work() -> UnitOfWork:
    return request_unit_of_work(UnitOfWork)


@contextmanager
def writer_unit_of_work() -> Iterator[UnitOfWork]:
    """A unit of work on a writer session of its own, for a GET that must record something (an audit
    row): the request's session is a reader, and on SQLite a reader cannot safely turn writer."""
    with current_app.extensions["rapport.db"].writer() as session:
        yield UnitOfWork(session, current_app.extensions["rapport.exchange"])


def sealer() -> Sealer:
    return current_app.extensions["booking.sealer"]


def request_id() -> str | None:
    return request.headers.get("X-Request-ID") or g.get("request_id")

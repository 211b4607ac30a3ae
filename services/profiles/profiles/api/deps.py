"""What views need per request: a unit of work on the request's session, the token issuer."""
from flask import current_app

from rapport_shared.db import request_session

from ..service_layer.unit_of_work import UnitOfWork


def unit_of_work() -> UnitOfWork:
    return UnitOfWork(request_session(), current_app.extensions["profiles.exchange"])


def token_issuer():
    return current_app.extensions["profiles.token_issuer"]

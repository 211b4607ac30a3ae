"""What views need per request."""
from flask import current_app, request

from rapport_shared.app import request_unit_of_work

from ..service_layer.unit_of_work import UnitOfWork


def unit_of_work() -> UnitOfWork:
    return request_unit_of_work(UnitOfWork)


def token_issuer():
    return current_app.extensions["profiles.token_issuer"]


def cache_headers() -> dict[str, str]:
    """Cache-Control of a directory read. Asked anonymously, the answer is the same for everyone, so
    the gateway's shared cache may serve it for a few seconds; asked with a token it stays private."""
    max_age = current_app.extensions["rapport.settings"].public_max_age
    if request.headers.get("Authorization") or not max_age:
        return {"Cache-Control": "private, no-cache"}
    return {"Cache-Control": f"public, max-age={max_age}"}

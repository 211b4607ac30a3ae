"""What views need per request."""
from rapport_shared.app import request_unit_of_work

from ..service_layer.unit_of_work import UnitOfWork


def unit_of_work() -> UnitOfWork:
    return request_unit_of_work(UnitOfWork)


SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}]  # every operation takes a bearer token

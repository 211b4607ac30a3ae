"""/v1/payments: payments posted, insurers' (adjudications, 835s) and clients'."""
import hashlib
import json

from flask import jsonify, make_response, request
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint
from rapport_shared.errors import Invalid

from ..service_layer import payments
from ..service_layer.idempotency import IdempotentRequest
from .deps import SECURITY, unit_of_work
from .schemas import LedgerEntry, PaymentArgs, PaymentIn, PaymentList

blp = Blueprint("payments", __name__, url_prefix="/v1/payments",
                description="Payments posted: insurers' adjudications and clients' payments")


def _idempotent_request() -> IdempotentRequest | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not 1 <= len(key) <= 200:
        raise Invalid("Idempotency-Key is 1 to 200 characters", slug="invalid-idempotency-key")
    digest = hashlib.sha256(json.dumps(request.get_json(), sort_keys=True).encode()).hexdigest()
    return IdempotentRequest(key, digest)


@blp.route("")
class Payments(MethodView):
    @require("admin", "staff")
    @blp.arguments(PaymentArgs, location="query")
    @blp.response(200, PaymentList)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """The practice's payments posted, newest first: insurers' (adjudications, 835s) and clients'."""
        return payments.list_payments(unit_of_work(), authenticated(), args.get("cursor"), args["limit"],
                                      client_id=args.get("client_id"), claim_id=args.get("claim_id"),
                                      source=args.get("source"))

    @require("admin", "staff")
    @blp.arguments(PaymentIn)
    @blp.response(201, LedgerEntry)
    @blp.doc(security=SECURITY, parameters=[{
        "in": "header", "name": "Idempotency-Key", "schema": {"type": "string", "minLength": 1, "maxLength": 200},
        "description": "the caller's practice's key: same key + same body -> the same answer, one payment; "
                       "+ a different body -> 422 idempotency-key-reused; kept a day"}])
    def post(self, body):
        """Record a payment from the client against their balance (safe to retry with an Idempotency-Key)."""
        status, reply = payments.record_payment(unit_of_work(), authenticated(), body, LedgerEntry().dump,
                                                _idempotent_request())
        return make_response(jsonify(reply), status)

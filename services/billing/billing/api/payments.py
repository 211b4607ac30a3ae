"""/v1/payments: payments posted, insurers' (adjudications, 835s) and clients'."""
from flask import jsonify, make_response, request
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint
from rapport_shared.idempotency import idempotent_request

from ..service_layer import payments
from .deps import SECURITY, unit_of_work
from .schemas import LedgerEntry, PaymentArgs, PaymentIn, PaymentList

blp = Blueprint("payments", __name__, url_prefix="/v1/payments",
                description="Payments posted: insurers' adjudications and clients' payments")


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
                                                idempotent_request(request.headers, request.get_json()))
        return make_response(jsonify(reply), status)

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from rapport_shared.auth import authenticated, require
from rapport_shared.errors import Invalid

from ..service_layer import payments, remittances, statements
from .deps import unit_of_work
from .paging import page, page_after
from .schemas import LedgerEntry, PaymentArgs, PaymentIn, PaymentList, RemittanceOut

SECURITY = [{"bearerAuth": []}]
blp = Blueprint("remittances", __name__, url_prefix="/v1/remittances", description="835 remittance uploads")
payments_blp = Blueprint("payments", __name__, url_prefix="/v1/payments",
                         description="Payments posted: insurers' adjudications and clients' payments")


@blp.route("")
class Remittances(MethodView):
    @require("admin", "staff")
    @blp.response(200, RemittanceOut)
    @blp.doc(security=SECURITY, requestBody={"required": True, "content": {
        "text/plain": {"schema": {"type": "string"}},
        "application/json": {"schema": {"type": "object", "required": ["835"], "additionalProperties": False,
                                        "properties": {"835": {"type": "string"}}}}}})
    def post(self):
        """Post an X12 835 remittance (text/plain, or JSON {"835": "..."}): the same as an adjudication."""
        if request.mimetype == "application/json":
            body = request.get_json(silent=True)
            if not isinstance(body, dict) or set(body) != {"835"} or not isinstance(body["835"], str):
                raise Invalid("send {\"835\": \"ISA*...\"}",
                              errors=[{"in": "json", "field": "835", "message": "required, a string"}])
            text = body["835"]
        else:
            text = request.get_data(as_text=True)
        return {"claims": remittances.post_835(unit_of_work(), authenticated(), text)}


@payments_blp.route("")
class Payments(MethodView):
    @require("admin", "staff")
    @payments_blp.arguments(PaymentArgs, location="query")
    @payments_blp.response(200, PaymentList)
    @payments_blp.doc(security=SECURITY)
    def get(self, args):
        """The practice's payments posted, newest first: insurers' (adjudications, 835s) and clients'."""
        items = payments.list_payments(unit_of_work(), authenticated(), args["limit"] + 1,
                                       page_after(args, "posted_at"), client_id=args.get("client_id"),
                                       claim_id=args.get("claim_id"), source=args.get("source"))
        return page(items, args["limit"], "posted_at")

    @require("admin", "staff")
    @payments_blp.arguments(PaymentIn)
    @payments_blp.response(201, LedgerEntry)
    @payments_blp.doc(security=SECURITY)
    def post(self, body):
        """Record a payment from the client against their balance."""
        return statements.record_payment(unit_of_work(), authenticated(), body)

"""/v1/payments: payments posted, insurers' (adjudications, 835s) and clients'."""
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

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
    @blp.doc(security=SECURITY)
    def post(self, body):
        """Record a payment from the client against their balance."""
        return payments.record_payment(unit_of_work(), authenticated(), body)

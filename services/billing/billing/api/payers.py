"""/v1/payers: payers (insurers), and the amounts each allows the caller's practice."""
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

from ..service_layer import fee_schedules, payers
from .deps import SECURITY, unit_of_work
from .schemas import FeeScheduleIn, FeeScheduleOut, PayerIn, PayerOut, PracticeArgs

blp = Blueprint("payers", __name__, url_prefix="/v1/payers", description="Payers (insurers)")


@blp.route("")
class Payers(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, PayerOut(many=True))
    @blp.doc(security=SECURITY)
    def get(self):
        """Every payer."""
        return payers.list_payers(unit_of_work())

    @require("admin")
    @blp.arguments(PayerIn)
    @blp.response(201, PayerOut)
    @blp.doc(security=SECURITY)
    def post(self, body):
        """Add a payer (administrators)."""
        return payers.create_payer(unit_of_work(), authenticated(), body)


@blp.route("/<id:payer_ref>")
class PayerById(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, PayerOut)
    @blp.doc(security=SECURITY)
    def get(self, payer_ref):
        """One payer."""
        return payers.get_payer(unit_of_work(), payer_ref)


@blp.route("/<id:payer_ref>/fee-schedule")
class PayerFeeSchedule(MethodView):
    @require("admin", "staff")
    @blp.arguments(PracticeArgs, location="query")
    @blp.response(200, FeeScheduleOut)
    @blp.doc(security=SECURITY)
    def get(self, args, payer_ref):
        """The allowed amounts this payer pays the caller's practice, per CPT."""
        return fee_schedules.get_fee_schedule(unit_of_work(), authenticated(), payer_ref, args.get("practice_id"))

    @require("admin", "staff")
    @blp.arguments(FeeScheduleIn)
    @blp.response(200, FeeScheduleOut)
    @blp.doc(security=SECURITY)
    def put(self, body, payer_ref):
        """Replace the allowed amounts (`amounts`, cents per CPT) for the caller's practice."""
        return fee_schedules.put_fee_schedule(unit_of_work(), authenticated(), payer_ref, body)

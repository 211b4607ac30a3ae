from flask.views import MethodView
from flask_smorest import Blueprint

from rapport_shared.auth import authenticated, require

from ..service_layer import reference as service
from .deps import unit_of_work
from .schemas import FeeScheduleIn, FeeScheduleOut, PayerIn, PayerOut, PlanArgs, PlanIn, PlanOut, PracticeArgs

SECURITY = [{"bearerAuth": []}]
payers_blp = Blueprint("payers", __name__, url_prefix="/v1/payers", description="Payers (insurers)")
plans_blp = Blueprint("plans", __name__, url_prefix="/v1/plans", description="Plans and their benefits")
fees_blp = Blueprint("fees", __name__, url_prefix="/v1/billing", description="The practice's own fee schedule")


@payers_blp.route("")
class Payers(MethodView):
    @require("admin", "staff", "therapist")
    @payers_blp.response(200, PayerOut(many=True))
    @payers_blp.doc(security=SECURITY)
    def get(self):
        """Every payer."""
        return service.list_payers(unit_of_work())

    @require("admin")
    @payers_blp.arguments(PayerIn)
    @payers_blp.response(201, PayerOut)
    @payers_blp.doc(security=SECURITY)
    def post(self, body):
        """Add a payer (administrators)."""
        return service.create_payer(unit_of_work(), authenticated(), body)


@payers_blp.route("/<payer_ref>")
class PayerById(MethodView):
    @require("admin", "staff", "therapist")
    @payers_blp.response(200, PayerOut)
    @payers_blp.doc(security=SECURITY)
    def get(self, payer_ref):
        """One payer."""
        return service.get_payer(unit_of_work(), payer_ref)


@payers_blp.route("/<payer_ref>/fee-schedule")
class PayerFeeSchedule(MethodView):
    @require("admin", "staff")
    @payers_blp.arguments(PracticeArgs, location="query")
    @payers_blp.response(200, FeeScheduleOut)
    @payers_blp.doc(security=SECURITY)
    def get(self, args, payer_ref):
        """The allowed amounts this payer pays the caller's practice, per CPT."""
        return service.get_fee_schedule(unit_of_work(), authenticated(), payer_ref, args.get("practice_id"))

    @require("admin", "staff")
    @payers_blp.arguments(FeeScheduleIn)
    @payers_blp.response(200, FeeScheduleOut)
    @payers_blp.doc(security=SECURITY)
    def put(self, body, payer_ref):
        """Replace the allowed amounts (`amounts`, cents per CPT) for the caller's practice."""
        return service.put_fee_schedule(unit_of_work(), authenticated(), payer_ref, body)


@plans_blp.route("")
class Plans(MethodView):
    @require("admin", "staff", "therapist")
    @plans_blp.arguments(PlanArgs, location="query")
    @plans_blp.response(200, PlanOut(many=True))
    @plans_blp.doc(security=SECURITY)
    def get(self, args):
        """Plans, optionally of one payer."""
        return service.list_plans(unit_of_work(), args.get("payer_ref"))

    @require("admin")
    @plans_blp.arguments(PlanIn)
    @plans_blp.response(201, PlanOut)
    @plans_blp.doc(security=SECURITY)
    def post(self, body):
        """Add a plan with its benefits (administrators)."""
        return service.create_plan(unit_of_work(), authenticated(), body)


@plans_blp.route("/<plan_id>")
class PlanById(MethodView):
    @require("admin", "staff", "therapist")
    @plans_blp.response(200, PlanOut)
    @plans_blp.doc(security=SECURITY)
    def get(self, plan_id):
        """One plan."""
        return service.get_plan(unit_of_work(), plan_id)


@fees_blp.route("/fee-schedule")
class PracticeFeeSchedule(MethodView):
    @require("admin", "staff")
    @fees_blp.arguments(PracticeArgs, location="query")
    @fees_blp.response(200, FeeScheduleOut)
    @fees_blp.doc(security=SECURITY)
    def get(self, args):
        """The practice's charges, self-pay rates, sliding scale and billing address."""
        return service.get_fee_schedule(unit_of_work(), authenticated(), service.PRACTICE_SCHEDULE,
                                        args.get("practice_id"))

    @require("admin", "staff")
    @fees_blp.arguments(FeeScheduleIn)
    @fees_blp.response(200, FeeScheduleOut)
    @fees_blp.doc(security=SECURITY)
    def put(self, body):
        """Replace the practice's own fee schedule."""
        return service.put_fee_schedule(unit_of_work(), authenticated(), service.PRACTICE_SCHEDULE, body)

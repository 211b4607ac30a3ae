"""/v1/plans: payers' plans and their benefit rules."""
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

from ..service_layer import payers
from .deps import SECURITY, unit_of_work
from .schemas import PlanArgs, PlanIn, PlanOut

blp = Blueprint("plans", __name__, url_prefix="/v1/plans", description="Plans and their benefits")


@blp.route("")
class Plans(MethodView):
    @require("admin", "staff", "therapist")
    @blp.arguments(PlanArgs, location="query")
    @blp.response(200, PlanOut(many=True))
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Plans, optionally of one payer."""
        return payers.list_plans(unit_of_work(), args.get("payer_ref"))

    @require("admin")
    @blp.arguments(PlanIn)
    @blp.response(201, PlanOut)
    @blp.doc(security=SECURITY)
    def post(self, body):
        """Add a plan with its benefits (administrators)."""
        return payers.create_plan(unit_of_work(), authenticated(), body)


@blp.route("/<id:plan_id>")
class PlanById(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, PlanOut)
    @blp.doc(security=SECURITY)
    def get(self, plan_id):
        """One plan."""
        return payers.get_plan(unit_of_work(), plan_id)

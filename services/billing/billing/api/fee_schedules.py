"""/v1/billing/fee-schedule: the practice's own charges, self-pay rates, sliding scale and billing address."""
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

from ..domain.fee_schedules import PRACTICE_SCHEDULE
from ..service_layer import fee_schedules
from .deps import SECURITY, unit_of_work
from .schemas import FeeScheduleIn, FeeScheduleOut, PracticeArgs

blp = Blueprint("fees", __name__, url_prefix="/v1/billing", description="The practice's own fee schedule")


@blp.route("/fee-schedule")
class PracticeFeeSchedule(MethodView):
    @require("admin", "staff")
    @blp.arguments(PracticeArgs, location="query")
    @blp.response(200, FeeScheduleOut)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """The practice's charges, self-pay rates, sliding scale and billing address."""
        return fee_schedules.get_fee_schedule(unit_of_work(), authenticated(), PRACTICE_SCHEDULE,
                                              args.get("practice_id"))

    @require("admin", "staff")
    @blp.arguments(FeeScheduleIn)
    @blp.response(200, FeeScheduleOut)
    @blp.doc(security=SECURITY)
    def put(self, body):
        """Replace the practice's own fee schedule."""
        return fee_schedules.put_fee_schedule(unit_of_work(), authenticated(), PRACTICE_SCHEDULE,
                                              body)

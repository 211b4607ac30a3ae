"""/v1/eligibility-checks: whether a coverage is in force and what it pays."""
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint
from rapport_shared.db import utcnow

from ..service_layer import clients
from .deps import SECURITY, unit_of_work
from .schemas import EligibilityIn, EligibilityOut

blp = Blueprint("eligibility", __name__, url_prefix="/v1/eligibility-checks", description="Eligibility checks")


@blp.route("")
class EligibilityChecks(MethodView):
    @require("admin", "staff")
    @blp.arguments(EligibilityIn)
    @blp.response(201, EligibilityOut)
    @blp.doc(security=SECURITY)
    def post(self, body):
        """Check a coverage's eligibility now (the last answer, marked stale, if none can be had)."""
        return clients.check_eligibility(unit_of_work(), authenticated(), body["coverage_id"],
                                         body.get("service_date") or utcnow().date())

"""/v1/estimates: what a client will owe for planned services (a Good Faith Estimate when self-pay)."""
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint
from rapport_shared.errors import NotFound

from ..service_layer import estimates
from .deps import SECURITY, unit_of_work
from .document_schemas import json_or_pdf
from .documents import as_document
from .schemas import EstimateArgs, EstimateIn, EstimateOut

blp = Blueprint("estimates", __name__, url_prefix="/v1/estimates", description="Cost estimates")


@blp.route("")
class Estimates(MethodView):
    @require("admin", "staff")
    @blp.arguments(EstimateIn)
    @blp.response(201, EstimateOut)
    @blp.doc(security=SECURITY)
    def post(self, body):
        """The client's responsibility for planned services, line by line (GFE when self-pay)."""
        return estimates.create_estimate(unit_of_work(), authenticated(), body)


@blp.route("/<id:estimate_id>")
class EstimateById(MethodView):
    @require("admin", "staff")
    @blp.arguments(EstimateArgs, location="query")
    @blp.response(200, EstimateOut)
    @blp.doc(security=SECURITY, **json_or_pdf("EstimateOut", "The estimate: JSON, or its Good Faith Estimate as "
                                                             "a PDF with ?format=pdf"))
    def get(self, args, estimate_id):
        """A stored estimate; `?format=pdf` prints its Good Faith Estimate (self-pay only)."""
        estimate = estimates.get_estimate(unit_of_work(), authenticated(), estimate_id)
        if args["format"] == "pdf":
            if "good_faith_estimate" not in estimate:
                raise NotFound("only self-pay estimates have a Good Faith Estimate", slug="no-gfe")
            return as_document(estimate["good_faith_estimate"], "pdf", "good_faith_estimate")
        return estimate

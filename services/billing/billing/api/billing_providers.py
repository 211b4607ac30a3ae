import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint

from rapport_shared.auth import authenticated, require

from ..service_layer import providers
from .deps import unit_of_work

blp = Blueprint("providers", __name__, url_prefix="/v1/billing-providers",
                description="Rendering providers as billing knows them")


class BillingProviderOut(ma.Schema):
    therapist_id = ma.fields.String()
    practice_id = ma.fields.String()
    name = ma.fields.String()
    credentials = ma.fields.String()
    npi = ma.fields.String(allow_none=True)
    practice_name = ma.fields.String(allow_none=True)
    ready_to_bill = ma.fields.Boolean()
    missing = ma.fields.List(ma.fields.String())


@blp.route("/<therapist_id>")
class BillingProvider(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, BillingProviderOut)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, therapist_id):
        """Whether claims can be built for this therapist, and what is missing."""
        return providers.billing_provider(unit_of_work(), authenticated(), therapist_id)

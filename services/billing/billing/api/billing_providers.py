"""/v1/billing-providers: whether claims can be built for a therapist."""
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

from ..service_layer import providers
from .deps import SECURITY, unit_of_work
from .schemas import BillingProviderOut

blp = Blueprint("providers", __name__, url_prefix="/v1/billing-providers",
                description="Rendering providers as billing knows them")


@blp.route("/<id:therapist_id>")
class BillingProvider(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, BillingProviderOut)
    @blp.doc(security=SECURITY)
    def get(self, therapist_id):
        """Whether claims can be built for this therapist, and what is missing."""
        return providers.billing_provider(unit_of_work(), authenticated(), therapist_id)

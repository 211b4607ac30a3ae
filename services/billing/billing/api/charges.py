"""/v1/charges: what completed sessions cost."""
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

from ..service_layer import charges
from .deps import SECURITY, unit_of_work
from .schemas import ChargeList, ChargeOut, ListArgs

blp = Blueprint("charges", __name__, url_prefix="/v1/charges", description="Charges of completed sessions")


@blp.route("")
class Charges(MethodView):
    @require("admin", "staff")
    @blp.arguments(ListArgs, location="query")
    @blp.response(200, ChargeList)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """The practice's charges, newest first."""
        return charges.list_charges(unit_of_work(), authenticated(), args.get("client_id"), args.get("cursor"),
                                    args["limit"])


@blp.route("/<id:charge_id>")
class ChargeById(MethodView):
    @require("admin", "staff")
    @blp.response(200, ChargeOut)
    @blp.doc(security=SECURITY)
    def get(self, charge_id):
        """One charge."""
        return charges.get_charge(unit_of_work(), authenticated(), charge_id)

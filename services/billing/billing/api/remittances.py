"""/v1/remittances: 835 files, posted like insurers' adjudications."""
from flask import request
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint
from rapport_shared.errors import Invalid

from ..service_layer import remittances
from .deps import SECURITY, unit_of_work
from .remittance_schemas import REMITTANCE_BODY, RemittanceOut

blp = Blueprint("remittances", __name__, url_prefix="/v1/remittances", description="835 remittance uploads")


@blp.route("")
class Remittances(MethodView):
    @require("admin", "staff")
    @blp.response(200, RemittanceOut)
    @blp.doc(security=SECURITY, requestBody=REMITTANCE_BODY)
    def post(self):
        """Post an X12 835 remittance (text/plain, or JSON {"835": "..."}): each claim posted like an
        adjudication or listed as unmatched with the reason; 422 when the body is no 835 at all."""
        if request.mimetype == "application/json":
            body = request.get_json(silent=True)
            if not isinstance(body, dict) or set(body) != {"835"} or not isinstance(body["835"], str):
                raise Invalid("send {\"835\": \"ISA*...\"}",
                              errors=[{"in": "json", "field": "835", "message": "required, a string"}])
            text = body["835"]
        else:
            text = request.get_data(as_text=True)
        return remittances.post_835(unit_of_work(), authenticated(), text)

"""/v1/claims: claims, their lifecycle actions, and their 837P and FHIR views."""
from flask import current_app
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

from ..service_layer import claims, fhir
from .deps import SECURITY, unit_of_work
from .document_schemas import X12_837P, fhir_resource
from .documents import FHIR_JSON, fhir_response
from .schemas import ClaimList, ClaimOut, ListArgs

blp = Blueprint("claims", __name__, url_prefix="/v1/claims", description="Claims and their 837P")


@blp.route("")
class Claims(MethodView):
    @require("admin", "staff")
    @blp.arguments(ListArgs, location="query")
    @blp.response(200, ClaimList)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """The practice's claims, newest first, optionally of one status."""
        return claims.list_claims(unit_of_work(), authenticated(), args.get("status"), args.get("cursor"),
                                  args["limit"])


@blp.route("/<id:claim_id>")
class ClaimById(MethodView):
    @require("admin", "staff")
    @blp.response(200, ClaimOut)
    @blp.doc(security=SECURITY)
    def get(self, claim_id):
        """One claim with its lines, status and scrubber errors."""
        return claims.claim_by_id(unit_of_work(), authenticated(), claim_id)


def _action(name: str, use_case, doc: str):
    class Action(MethodView):
        @require("admin", "staff")
        @blp.response(200, ClaimOut)
        @blp.doc(security=SECURITY, summary=doc)
        def post(self, claim_id):
            return use_case(unit_of_work(), authenticated(), claim_id)

    Action.__name__ = f"Claim{name.title()}"
    blp.route(f"/<id:claim_id>/{name}")(Action)


_action("scrub", claims.scrub, "Run the scrubber; a clean draft becomes scrubbed")
_action("submit", claims.submit, "Scrub and send the claim to its payer (422 with errors if it fails)")
_action("correct", claims.correct, "Replace an adjudicated claim with a corrected one (frequency 7)")
_action("void", claims.void, "Void a claim at the payer (frequency 8)")


@blp.route("/<id:claim_id>/x12")
class ClaimX12(MethodView):
    @require("admin", "staff")
    @blp.response(200, X12_837P, content_type="text/plain", description="The 837P interchange")
    @blp.doc(security=SECURITY)
    def get(self, claim_id):
        """The claim as an X12 005010X222A1 837P interchange: a draft's from current data; past scrubbing,
        exactly the text checked or sent."""
        text = claims.x12(unit_of_work(), authenticated(), claim_id)
        return current_app.response_class(text, mimetype="text/plain")


@blp.route("/<id:claim_id>/fhir")
class ClaimFhir(MethodView):
    @require("admin", "staff")
    @blp.response(200, fhir_resource("Claim"), content_type=FHIR_JSON, description="A FHIR R4 Claim")
    @blp.doc(security=SECURITY)
    def get(self, claim_id):
        """The claim as a FHIR R4 Claim resource."""
        return fhir_response(fhir.claim_resource(unit_of_work(), authenticated(), claim_id))

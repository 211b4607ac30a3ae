from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from rapport_shared.auth import authenticated, require
from rapport_shared.errors import NotFound

from ..service_layer import charges, claims, estimates, fhir
from .deps import unit_of_work
from .documents import as_document
from .paging import page, page_after
from .schemas import ChargeList, ChargeOut, ClaimList, ClaimOut, EstimateArgs, EstimateIn, EstimateOut, ListArgs

SECURITY = [{"bearerAuth": []}]
claims_blp = Blueprint("claims", __name__, url_prefix="/v1/claims", description="Claims and their 837P")
charges_blp = Blueprint("charges", __name__, url_prefix="/v1/charges", description="Charges of completed sessions")
estimates_blp = Blueprint("estimates", __name__, url_prefix="/v1/estimates", description="Cost estimates")


@estimates_blp.route("")
class Estimates(MethodView):
    @require("admin", "staff")
    @estimates_blp.arguments(EstimateIn)
    @estimates_blp.response(201, EstimateOut)
    @estimates_blp.doc(security=SECURITY)
    def post(self, body):
        """The client's responsibility for planned services, line by line (GFE when self-pay)."""
        return estimates.create_estimate(unit_of_work(), authenticated(), body)


@estimates_blp.route("/<estimate_id>")
class EstimateById(MethodView):
    @require("admin", "staff")
    @estimates_blp.arguments(EstimateArgs, location="query")
    @estimates_blp.response(200, EstimateOut)
    @estimates_blp.doc(security=SECURITY)
    def get(self, args, estimate_id):
        """A stored estimate; `?format=pdf` prints its Good Faith Estimate (self-pay only)."""
        estimate = estimates.get_estimate(unit_of_work(), authenticated(), estimate_id)
        if args["format"] == "pdf":
            if "good_faith_estimate" not in estimate:
                raise NotFound("only self-pay estimates have a Good Faith Estimate", slug="no-gfe")
            return as_document(estimate["good_faith_estimate"], "pdf", "good_faith_estimate")
        return estimate


@charges_blp.route("")
class Charges(MethodView):
    @require("admin", "staff")
    @charges_blp.arguments(ListArgs, location="query")
    @charges_blp.response(200, ChargeList)
    @charges_blp.doc(security=SECURITY)
    def get(self, args):
        """The practice's charges, newest first."""
        items = charges.list_charges(unit_of_work(), authenticated(), args.get("client_id"), args["limit"] + 1,
                                     page_after(args))
        return page(items, args["limit"])


@charges_blp.route("/<charge_id>")
class ChargeById(MethodView):
    @require("admin", "staff")
    @charges_blp.response(200, ChargeOut)
    @charges_blp.doc(security=SECURITY)
    def get(self, charge_id):
        """One charge."""
        return charges.get_charge(unit_of_work(), authenticated(), charge_id)


@claims_blp.route("")
class Claims(MethodView):
    @require("admin", "staff")
    @claims_blp.arguments(ListArgs, location="query")
    @claims_blp.response(200, ClaimList)
    @claims_blp.doc(security=SECURITY)
    def get(self, args):
        """The practice's claims, newest first, optionally of one status."""
        items = claims.list_claims(unit_of_work(), authenticated(), args.get("status"), args["limit"] + 1,
                                   page_after(args))
        return page(items, args["limit"])


@claims_blp.route("/<claim_id>")
class ClaimById(MethodView):
    @require("admin", "staff")
    @claims_blp.response(200, ClaimOut)
    @claims_blp.doc(security=SECURITY)
    def get(self, claim_id):
        """One claim with its lines, status and scrubber errors."""
        uow = unit_of_work()
        return claims.with_document(uow, claims.get_claim(uow, authenticated(), claim_id))


def _action(name: str, fn, doc: str):
    class Action(MethodView):
        @require("admin", "staff")
        @claims_blp.response(200, ClaimOut)
        @claims_blp.doc(security=SECURITY, summary=doc)
        def post(self, claim_id):
            return fn(unit_of_work(), authenticated(), claim_id)

    Action.__name__ = f"Claim{name.title()}"
    claims_blp.route(f"/<claim_id>/{name}")(Action)


_action("scrub", claims.scrub_by_id, "Run the scrubber; a clean draft becomes scrubbed")
_action("submit", claims.submit_by_id, "Scrub and send the claim to its payer (422 with errors if it fails)")
_action("correct", claims.correct, "Replace an adjudicated claim with a corrected one (frequency 7)")
_action("void", claims.void, "Void a claim at the payer (frequency 8)")


@claims_blp.route("/<claim_id>/x12")
class ClaimX12(MethodView):
    @require("admin", "staff")
    @claims_blp.response(200, content_type="text/plain")
    @claims_blp.doc(security=SECURITY)
    def get(self, claim_id):
        """The claim as an X12 005010X222A1 837P interchange."""
        text = claims.x12_by_id(unit_of_work(), authenticated(), claim_id)
        return current_app.response_class(text, mimetype="text/plain")


@claims_blp.route("/<claim_id>/fhir")
class ClaimFhir(MethodView):
    @require("admin", "staff")
    @claims_blp.response(200)
    @claims_blp.doc(security=SECURITY)
    def get(self, claim_id):
        """The claim as a FHIR R4 Claim resource."""
        return fhir.claim_resource(unit_of_work(), authenticated(), claim_id)

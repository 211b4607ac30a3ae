"""/v1/clients/{id}/...: a client's coverage, diagnoses, balance, statements and superbills."""
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint
from rapport_shared.db import utcnow

from ..service_layer import clients as service
from ..service_layer import fhir, statements
from .deps import SECURITY, unit_of_work
from .document_schemas import StatementOut, SuperbillOut, fhir_resource, json_or_pdf
from .documents import FHIR_JSON, as_document, fhir_response
from .schemas import (
    BalanceOut,
    CoverageIn,
    CoverageList,
    CoverageOut,
    DiagnosesIn,
    DiagnosisList,
    FormatArgs,
)

blp = Blueprint("client-billing", __name__, url_prefix="/v1/clients",
                description="A client's coverage, diagnoses, balance, statements and superbills")


@blp.route("/<id:client_id>/coverages")
class Coverages(MethodView):
    @require("admin", "staff")
    @blp.response(200, CoverageList)
    @blp.doc(security=SECURITY)
    def get(self, client_id):
        """The client's coverages, oldest first."""
        return {"items": service.list_coverages(unit_of_work(), authenticated(), client_id)}

    @require("admin", "staff")
    @blp.arguments(CoverageIn)
    @blp.response(201, CoverageOut)
    @blp.doc(security=SECURITY)
    def post(self, body, client_id):
        """Add a coverage (payer plan, member id, subscriber, effective dates, accumulators)."""
        return service.add_coverage(unit_of_work(), authenticated(), client_id, body)


@blp.route("/<id:client_id>/coverages/<id:coverage_id>/fhir")
class CoverageFhir(MethodView):
    @require("admin", "staff")
    @blp.response(200, fhir_resource("Coverage"), content_type=FHIR_JSON, description="A FHIR R4 Coverage")
    @blp.doc(security=SECURITY)
    def get(self, client_id, coverage_id):
        """The coverage as a FHIR R4 Coverage resource."""
        return fhir_response(fhir.coverage_resource(unit_of_work(), authenticated(), client_id, coverage_id))


@blp.route("/<id:client_id>/diagnoses")
class Diagnoses(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, DiagnosisList)
    @blp.doc(security=SECURITY)
    def get(self, client_id):
        """The client's diagnoses in pointer order (1 = primary)."""
        return {"items": service.list_diagnoses(unit_of_work(), authenticated(), client_id)}

    @require("admin", "staff", "therapist")
    @blp.arguments(DiagnosesIn)
    @blp.response(200, DiagnosisList)
    @blp.doc(security=SECURITY)
    def put(self, body, client_id):
        """Replace the client's ordered ICD-10-CM diagnoses."""
        return {"items": service.set_diagnoses(unit_of_work(), authenticated(), client_id, body["codes"])}


@blp.route("/<id:client_id>/balance")
class Balance(MethodView):
    @require("admin", "staff")
    @blp.response(200, BalanceOut)
    @blp.doc(security=SECURITY)
    def get(self, client_id):
        """What the client owes: patient shares and self-pay charges less payments."""
        return statements.balance(unit_of_work(), authenticated(), client_id)


@blp.route("/<id:client_id>/statements")
class Statement(MethodView):
    @require("admin", "staff")
    @blp.arguments(FormatArgs, location="query")
    @blp.response(200, StatementOut)
    @blp.doc(security=SECURITY, **json_or_pdf("StatementOut", "The statement: JSON, or a PDF with ?format=pdf"))
    def get(self, args, client_id):
        """The client's statement, as JSON or a printable PDF (`?format=pdf`)."""
        document = statements.statement(unit_of_work(), authenticated(), client_id, utcnow().date())
        return as_document(document, args["format"], "statement")


@blp.route("/<id:client_id>/superbills")
class Superbill(MethodView):
    @require("admin", "staff")
    @blp.arguments(FormatArgs, location="query")
    @blp.response(200, SuperbillOut)
    @blp.doc(security=SECURITY, **json_or_pdf("SuperbillOut", "The superbill: JSON, or a PDF with ?format=pdf"))
    def get(self, args, client_id):
        """A superbill for the client to claim out-of-network benefits, as JSON or PDF."""
        document = statements.superbill(unit_of_work(), authenticated(), client_id, utcnow().date())
        return as_document(document, args["format"], "superbill")

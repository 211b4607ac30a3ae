from dataclasses import asdict

from flask import jsonify
from flask.views import MethodView

from rapport_shared.auth import authenticated, current_principal, require
from rapport_shared.blueprint import Blueprint
from rapport_shared.etags import etag_headers, expected_version

from ..service_layer import imports as import_service
from ..service_layer import licenses as license_service
from ..service_layer import response_times
from ..service_layer import search as search_service
from ..service_layer import therapists as service
from .deps import cache_headers, unit_of_work
from .presenters import license_body, public_body, therapist_body
from .profile_schemas import (
    ImportIn,
    ImportReportOut,
    LicenseIn,
    LicenseList,
    LicenseOut,
    SearchArgs,
    TherapistCreate,
    TherapistOut,
    TherapistPage,
    TherapistPatch,
)
from .schemas import UnpublishIn

blp = Blueprint("therapists", __name__, url_prefix="/v1/therapists", description="Therapist profiles")
SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}]
ETAG_HEADER = {"ETag": {"description": "the profile's version, for If-Match", "schema": {"type": "string"}}}


def search_item(hit) -> dict:
    # "Accepting new clients" in search is the truthful one: the flag and a free slot within the horizon.
    return {**public_body(hit), "next_screening_slot": hit.next_screening_slot,
            "accepting_new_clients": hit.accepting_new_clients, "typical_response_hours": hit.typical_response_hours}


def _detail(uow, therapist):
    body = therapist_body(therapist, uow.licenses.for_therapist(therapist.id))
    body["typical_response_hours"] = response_times.typical_response_hours(uow, [therapist.id])[therapist.id]
    return body, 200, etag_headers(therapist)


@blp.route("")
class Therapists(MethodView):
    @blp.arguments(SearchArgs, location="query")
    @blp.response(200, TherapistPage)
    def get(self, args):
        """Search published therapists (public): any value of a filter, every filter combined; sorted by
        relevance, distance, soonest free screening slot, fee or fair rotation; facet counts; cursor pages."""
        results = search_service.search_directory(unit_of_work(), args, args["limit"])
        return {"items": [search_item(h) for h in results.hits], "next_cursor": results.next_cursor,
                "facets": results.facets}, 200, cache_headers()

    @require("admin", "staff")
    @blp.arguments(TherapistCreate)
    @blp.response(201, TherapistOut, headers=ETAG_HEADER)
    @blp.doc(security=SECURITY)
    def post(self, body):
        """Create a draft therapist profile in the caller's practice."""
        uow = unit_of_work()
        therapist = service.create_therapist(uow, authenticated(), body)
        return therapist_body(therapist, []), 201, etag_headers(therapist)


@blp.route("/import")
class Import(MethodView):
    @require("admin", "staff")
    @blp.arguments(ImportIn)
    @blp.response(201, ImportReportOut, description="Every row was created")
    @blp.alt_response(200, schema=ImportReportOut, description="A dry run, or allow_partial with rows skipped")
    @blp.doc(security=SECURITY)
    def post(self, body):
        """Import up to 2,000 draft therapists, each with an optional license, in one transaction.

        Every row is checked as `POST /v1/therapists` and `POST .../licenses` would check it, and an NPI or a
        license may appear once per file. Any row's problem refuses the whole file (422, each problem naming
        its `row` and `field`) unless `allow_partial`; `dry_run` only reports.
        """
        report = import_service.import_therapists(unit_of_work(), authenticated(), body)
        return asdict(report), 201 if report.complete else 200


@blp.route("/<id:therapist_id>")
class TherapistById(MethodView):
    @blp.response(200, TherapistOut, headers=ETAG_HEADER)
    def get(self, therapist_id):
        """A therapist: published ones to anyone; drafts to their practice's staff and themself."""
        uow = unit_of_work()
        body, status, headers = _detail(uow, service.get_therapist(uow, current_principal(), therapist_id))
        return body, status, {**headers, **cache_headers()}

    @require()
    @blp.arguments(TherapistPatch)
    @blp.response(200, TherapistOut, headers=ETAG_HEADER)
    @blp.alt_response(412, description="If-Match names a version that is no longer current")
    @blp.alt_response(428, description="If-Match is missing")
    @blp.doc(security=SECURITY, parameters=[{"in": "header", "name": "If-Match", "required": True,
                                             "schema": {"type": "string"}}])
    def patch(self, body, therapist_id):
        """Edit a profile (its practice's staff, or the therapist themself), with If-Match."""
        uow = unit_of_work()
        principal = authenticated()
        service.managed_therapist(uow, principal, therapist_id)  # 404/403 before precondition details
        therapist = service.edit_therapist(uow, principal, therapist_id, body, expected_version())
        return _detail(uow, therapist)


@blp.route("/<id:therapist_id>/publish")
class Publish(MethodView):
    @require("admin", "staff")
    @blp.response(200, TherapistOut)
    @blp.alt_response(409, description="No verified, unexpired license, or already published")
    @blp.doc(security=SECURITY)
    def post(self, therapist_id):
        """List the therapist in the public directory (needs a verified, unexpired license)."""
        uow = unit_of_work()
        return _detail(uow, service.publish_therapist(uow, authenticated(), therapist_id))


@blp.route("/<id:therapist_id>/unpublish")
class Unpublish(MethodView):
    @require("admin", "staff")
    @blp.arguments(UnpublishIn)
    @blp.response(200, TherapistOut)
    @blp.doc(security=SECURITY)
    def post(self, body, therapist_id):
        """Remove the therapist from the public directory, saying why."""
        uow = unit_of_work()
        return _detail(uow, service.unpublish_therapist(uow, authenticated(), therapist_id, body["reason"]))


@blp.route("/<id:therapist_id>/licenses")
class Licenses(MethodView):
    @blp.response(200, LicenseList)
    def get(self, therapist_id):
        """A therapist's licenses (public for published profiles, like the state boards' lookups)."""
        items = license_service.list_licenses(unit_of_work(), current_principal(), therapist_id)
        return {"items": [license_body(lic) for lic in items]}

    @require()
    @blp.arguments(LicenseIn)
    @blp.response(201, LicenseOut)
    @blp.doc(security=SECURITY)
    def post(self, body, therapist_id):
        """Record a license (unverified until staff check it): staff of the practice, or the therapist."""
        return license_body(license_service.add_license(unit_of_work(), authenticated(), therapist_id, body))


@blp.route("/<id:therapist_id>/licenses/<id:license_id>/verify")
class VerifyLicense(MethodView):
    @require("admin", "staff")
    @blp.response(200, LicenseOut)
    @blp.doc(security=SECURITY)
    def post(self, therapist_id, license_id):
        """Record that the license was checked with the state board (staff/admin; never its holder)."""
        return license_body(license_service.verify_license(unit_of_work(), authenticated(), therapist_id,
                                                           license_id))


FHIR_BUNDLE = {"type": "object", "required": ["resourceType"],
               "properties": {"resourceType": {"type": "string", "enum": ["Bundle"]}, "type": {"type": "string"},
                              "entry": {"type": "array", "items": {"type": "object"}}}}


@blp.route("/<id:therapist_id>/fhir")
class Fhir(MethodView):
    @blp.response(200, FHIR_BUNDLE, description="A FHIR R4 Bundle: Practitioner + PractitionerRole",
                  content_type="application/fhir+json")
    def get(self, therapist_id):
        """The therapist as FHIR R4 resources (same visibility as the profile)."""
        response = jsonify(service.fhir_view(unit_of_work(), current_principal(), therapist_id))
        response.mimetype = "application/fhir+json"
        return response

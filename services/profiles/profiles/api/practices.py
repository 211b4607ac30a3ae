from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint
from rapport_shared.etags import etag_headers, expected_version

from ..service_layer import practices as service
from ..service_layer import therapists as therapist_service
from .deps import unit_of_work
from .schemas import (
    MemberIn,
    MemberOut,
    PracticeIn,
    PracticeOut,
    PracticePatch,
    PracticeTherapistArgs,
    PracticeTherapistPage,
)

blp = Blueprint("practices", __name__, url_prefix="/v1/practices", description="Practices and their members")
SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}]


@blp.route("")
class Practices(MethodView):
    @require("admin")
    @blp.arguments(PracticeIn)
    @blp.response(201, PracticeOut)
    @blp.doc(security=SECURITY)
    def post(self, body):
        """Register a practice (administrators)."""
        return service.register_practice(unit_of_work(), authenticated(), body)


@blp.route("/<id:practice_id>")
class PracticeById(MethodView):
    @require()
    @blp.response(200, PracticeOut)
    @blp.doc(security=SECURITY)
    def get(self, practice_id):
        """A practice, to its own staff and therapists and to administrators."""
        practice = service.get_practice(unit_of_work(), authenticated(), practice_id)
        return practice, 200, etag_headers(practice)

    @require("admin", "staff")
    @blp.arguments(PracticePatch)
    @blp.response(200, PracticeOut)
    @blp.alt_response(412, description="If-Match names a version that is no longer current")
    @blp.alt_response(428, description="If-Match is missing")
    @blp.doc(security=SECURITY, parameters=[{"in": "header", "name": "If-Match", "required": True,
                                             "schema": {"type": "string"}}])
    def patch(self, body, practice_id):
        """Edit a practice's details (its staff, or administrators), with If-Match."""
        uow = unit_of_work()
        service.get_practice(uow, authenticated(), practice_id)  # 404 before precondition details
        practice = service.edit_practice(uow, authenticated(), practice_id, body, expected_version())
        return practice, 200, etag_headers(practice)


@blp.route("/<id:practice_id>/members")
class Members(MethodView):
    @require("admin", "staff")
    @blp.arguments(MemberIn)
    @blp.response(201, MemberOut)
    @blp.doc(security=SECURITY)
    def post(self, body, practice_id):
        """Add a staff or therapist account to a practice (administrators, or that practice's staff)."""
        return service.add_member(unit_of_work(), authenticated(), practice_id, body)


@blp.route("/<id:practice_id>/therapists")
class PracticeTherapists(MethodView):
    @require("admin", "staff")
    @blp.arguments(PracticeTherapistArgs, location="query")
    @blp.response(200, PracticeTherapistPage)
    @blp.doc(security=SECURITY)
    def get(self, args, practice_id):
        """The practice's therapists, drafts and unpublished profiles included, by name (its staff, admins)."""
        return therapist_service.practice_therapists(unit_of_work(), authenticated(), practice_id, args.get("status"),
                                                     args.get("name"), args.get("cursor"), args["limit"])

from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

from ..service_layer import appointments as service
from .client_schemas import AppointmentIn, AppointmentListArgs, AppointmentOut, AppointmentPage, CompleteIn
from .deps import BEARER, unit_of_work
from .schemas import ReasonIn

blp = Blueprint("appointments", __name__, url_prefix="/v1/appointments", description="Billable therapy appointments")


@blp.route("")
class Appointments(MethodView):
    @require("admin", "staff", "therapist")
    @blp.arguments(AppointmentIn)
    @blp.response(201, AppointmentOut)
    @blp.alt_response(409, description="the therapist's time is taken (urn:rapport:problem:slot-unavailable)")
    @blp.doc(security=BEARER)
    def post(self, body):
        """Schedule a therapy session (a CPT service code) for a client of the practice."""
        return service.schedule(unit_of_work(), authenticated(), body)

    @require("admin", "staff", "therapist")
    @blp.arguments(AppointmentListArgs, location="query")
    @blp.response(200, AppointmentPage)
    @blp.doc(security=BEARER)
    def get(self, args):
        """Appointments by therapist, client, status and start range: a therapist's own, staff their practice's."""
        return service.listing(unit_of_work(), authenticated(), args, args.get("cursor"), args["limit"])


@blp.route("/<id:appointment_id>")
class AppointmentById(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, AppointmentOut)
    @blp.doc(security=BEARER)
    def get(self, appointment_id):
        """One appointment, to its therapist and its practice's staff."""
        return service.get(unit_of_work(), authenticated(), appointment_id)


@blp.route("/<id:appointment_id>/complete")
class Complete(MethodView):
    @require("admin", "staff", "therapist")
    @blp.arguments(CompleteIn)
    @blp.response(200, AppointmentOut)
    @blp.doc(security=BEARER)
    def post(self, body, appointment_id):
        """Record the session as held; billing charges from the event this emits."""
        return service.complete(unit_of_work(), authenticated(), appointment_id, body.get("actual_duration_min"))


@blp.route("/<id:appointment_id>/cancel")
class Cancel(MethodView):
    @require("admin", "staff", "therapist")
    @blp.arguments(ReasonIn)
    @blp.response(200, AppointmentOut)
    @blp.doc(security=BEARER)
    def post(self, body, appointment_id):
        """Cancel a scheduled session; its time becomes free again."""
        return service.cancel(unit_of_work(), authenticated(), appointment_id, body.get("reason"))

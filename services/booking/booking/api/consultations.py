
from flask import jsonify, make_response, request
from flask.views import MethodView

from rapport_shared.auth import authenticated, current_principal, require
from rapport_shared.blueprint import Blueprint
from rapport_shared.idempotency import idempotent_request
from rapport_shared.problems import abort

from ..service_layer import consultation_changes as changes
from ..service_layer import consultations as service
from ..service_layer.consultations import Booked, Caller
from .consultation_schemas import (
    AuditOut,
    BookedOut,
    ConsultationDetailOut,
    ConsultationIn,
    ConsultationListArgs,
    ConsultationOut,
    ConsultationPage,
    DeclineIn,
    RescheduleIn,
)
from .deps import BEARER, request_id, sealer, unit_of_work, writer_unit_of_work
from .schemas import ReasonIn

blp = Blueprint("consultations", __name__, url_prefix="/v1/consultations",
                description="Free screening calls: booking, managing with the manage token, the therapist's lifecycle")
TOKEN_DOC = {"parameters": [{"in": "header", "name": "X-Manage-Token", "schema": {"type": "string"},
                             "description": "the manage_token returned at booking (clients)"}],
             "security": [{}, {"bearerAuth": []}]}
NOTICE_WINDOW = ("inside the notice window (urn:rapport:problem:notice-window): clients must contact the practice, "
                 "staff and the therapist give a reason")
ENDED_TOO_EARLY = ("only a confirmed call (urn:rapport:problem:invalid-transition), once it has started "
                   "(urn:rapport:problem:not-started)")


def _caller() -> Caller:
    principal = current_principal()
    token = request.headers.get("X-Manage-Token")
    if principal is None and not token:
        abort(401, "Send the booking's X-Manage-Token, or a staff or therapist access token.", slug="unauthenticated")
    return Caller(principal=principal, manage_token=None if principal else token)


def _with(consultation, **extra) -> dict:
    return {**consultation.__dict__, "participant_count": consultation.participant_count, **extra}


def _booked(booked: Booked) -> dict:
    return BookedOut().dump(_with(booked.consultation, manage_token=booked.manage_token))


@blp.route("")
class Consultations(MethodView):
    @blp.arguments(ConsultationIn)
    @blp.response(201, BookedOut)
    @blp.alt_response(409, description="the slot is not free (urn:rapport:problem:slot-unavailable)")
    @blp.doc(parameters=[{"in": "header", "name": "Idempotency-Key",
                          "schema": {"type": "string", "minLength": 1, "maxLength": 200},
                          "description": "same key + same body -> the same answer; + a different body -> 422"}])
    def post(self, body):
        """Book a free screening call (public); confirmed at once, or requested when the therapist approves."""
        key = idempotent_request(request.headers, request.get_json())
        status, reply = service.book(unit_of_work(), body, sealer(), _booked, key)
        return make_response(jsonify(reply), status)

    @require("admin", "staff", "therapist")
    @blp.arguments(ConsultationListArgs, location="query")
    @blp.response(200, ConsultationPage)
    @blp.doc(security=BEARER)
    def get(self, args):
        """Consultations by therapist, status and start range: a therapist's own, staff their practice's."""
        return service.listing(unit_of_work(), authenticated(), args, args.get("cursor"), args["limit"])


@blp.route("/<id:consultation_id>")
class ConsultationById(MethodView):
    @blp.response(200, ConsultationDetailOut)
    @blp.doc(**TOKEN_DOC)
    def get(self, consultation_id):
        """One consultation: to its client (manage token), its therapist, or its practice's staff.

        Staff and therapist views include the client's concerns; each such read is audited."""
        caller = _caller()
        with writer_unit_of_work() as audit_uow:
            found = service.detail(unit_of_work(), audit_uow, caller, consultation_id, sealer(), request_id())
        if found.reminders is None:
            return _with(found.consultation)  # the client's own view: no concerns, no reminder log
        return _with(found.consultation, concerns=found.concerns, reminders=found.reminders)


@blp.route("/<id:consultation_id>/cancel")
class Cancel(MethodView):
    @blp.arguments(ReasonIn)
    @blp.response(200, ConsultationOut)
    @blp.alt_response(409, description=f"{NOTICE_WINDOW}; or the call is no longer booked "
                                       "(urn:rapport:problem:invalid-transition)")
    @blp.doc(**TOKEN_DOC)
    def post(self, body, consultation_id):
        """Cancel: clients up to the notice window; staff and the therapist any time (with a reason inside it)."""
        return changes.cancel(unit_of_work(), _caller(), consultation_id, body.get("reason"))


@blp.route("/<id:consultation_id>/reschedule")
class Reschedule(MethodView):
    @blp.arguments(RescheduleIn)
    @blp.response(200, ConsultationOut)
    @blp.alt_response(409, description=f"{NOTICE_WINDOW}; the new slot is taken "
                                       "(urn:rapport:problem:slot-unavailable); or the call is no longer booked "
                                       "(urn:rapport:problem:invalid-transition)")
    @blp.doc(**TOKEN_DOC)
    def post(self, body, consultation_id):
        """Move to another free slot atomically: the old slot is kept if the new one is taken.

        The start it already has (in any offset) changes nothing: 200 with the call as it is."""
        return changes.reschedule(unit_of_work(), _caller(), consultation_id, body["start"], body.get("reason"))


@blp.route("/<id:consultation_id>/confirm")
class Confirm(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, ConsultationOut)
    @blp.doc(security=BEARER)
    def post(self, consultation_id):
        """Confirm a requested call (or a lapsed request, if its slot is still free)."""
        return changes.confirm(unit_of_work(), authenticated(), consultation_id)


@blp.route("/<id:consultation_id>/decline")
class Decline(MethodView):
    @require("admin", "staff", "therapist")
    @blp.arguments(DeclineIn)
    @blp.response(200, ConsultationOut)
    @blp.doc(security=BEARER)
    def post(self, body, consultation_id):
        """Decline a requested call, optionally suggesting another therapist."""
        return changes.decline(unit_of_work(), authenticated(), consultation_id, body.get("reason"),
                               body.get("suggested_therapist_id"))


@blp.route("/<id:consultation_id>/complete")
class Complete(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, ConsultationOut)
    @blp.alt_response(409, description=ENDED_TOO_EARLY)
    @blp.doc(security=BEARER)
    def post(self, consultation_id):
        """Record that the call took place (never billable)."""
        return changes.complete(unit_of_work(), authenticated(), consultation_id)


@blp.route("/<id:consultation_id>/no-show")
class NoShow(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, ConsultationOut)
    @blp.alt_response(409, description=ENDED_TOO_EARLY)
    @blp.doc(security=BEARER)
    def post(self, consultation_id):
        """Record that the client did not come."""
        return changes.no_show(unit_of_work(), authenticated(), consultation_id)


@blp.route("/<id:consultation_id>/audit")
class Audit(MethodView):
    @require("admin", "staff")
    @blp.response(200, AuditOut)
    @blp.doc(security=BEARER)
    def get(self, consultation_id):
        """Who read this consultation's PHI, and when (staff)."""
        return {"items": service.audit_trail(unit_of_work(), authenticated(), consultation_id)}

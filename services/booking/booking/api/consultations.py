import hashlib
import json

from flask import current_app, jsonify, make_response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from rapport_shared.auth import authenticated, current_principal, require
from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid
from rapport_shared.problems import abort

from ..adapters.reservations import SlotTaken
from ..service_layer import consultations as service
from ..service_layer.consultations import Caller
from ..service_layer.unit_of_work import UnitOfWork
from .deps import after_cursor, page, request_id, sealer, unit_of_work
from .schemas import (
    AuditOut,
    BookedOut,
    ConsultationDetailOut,
    ConsultationIn,
    ConsultationListArgs,
    ConsultationOut,
    ConsultationPage,
    DeclineIn,
    ReasonIn,
    RescheduleIn,
)

blp = Blueprint("consultations", __name__, url_prefix="/v1/consultations",
                description="Free screening calls: booking, managing with the manage token, the therapist's lifecycle")
SECURITY = [{"bearerAuth": []}]
TOKEN_DOC = {"parameters": [{"in": "header", "name": "X-Manage-Token", "schema": {"type": "string"},
                             "description": "the manage_token returned at booking (clients)"}],
             "security": [{}, {"bearerAuth": []}]}


def _caller() -> Caller:
    principal = current_principal()
    token = request.headers.get("X-Manage-Token")
    if principal is None and not token:
        abort(401, "Send the booking's X-Manage-Token, or a staff or therapist access token.", slug="unauthenticated")
    return Caller(principal=principal, manage_token=None if principal else token)


def _with(consultation, **extra) -> dict:
    return {**consultation.__dict__, "participant_count": consultation.participant_count, **extra}


def _replay(stored, digest: str):
    if stored.request_hash != digest:
        raise Invalid("this Idempotency-Key was used with a different request", slug="idempotency-key-reused")
    return make_response(jsonify(sealer().open(stored.response_sealed)), stored.status_code)


@blp.route("")
class Consultations(MethodView):
    @blp.arguments(ConsultationIn)
    @blp.response(201, BookedOut)
    @blp.alt_response(409, description="the slot is not free (urn:rapport:problem:slot-unavailable)")
    @blp.doc(parameters=[{"in": "header", "name": "Idempotency-Key", "schema": {"type": "string", "maxLength": 200},
                          "description": "same key + same body -> the same answer; + a different body -> 422"}])
    def post(self, body):
        """Book a free screening call (public); confirmed at once, or requested when the therapist approves."""
        key = request.headers.get("Idempotency-Key")
        if key is not None and not 1 <= len(key) <= 200:
            raise Invalid("Idempotency-Key is 1 to 200 characters", slug="invalid-idempotency-key")
        digest = hashlib.sha256(json.dumps(request.get_json(), sort_keys=True).encode()).hexdigest()
        uow = unit_of_work()
        if key and (stored := uow.idempotency.get(key)) is not None:
            return _replay(stored, digest)
        try:
            booked = service.book(uow, body, sealer())
        except SlotTaken:
            uow.rollback()
            if key and (stored := uow.idempotency.get(key)) is not None:  # a concurrent twin won
                return _replay(stored, digest)
            raise
        out = BookedOut().dump(_with(booked.consultation, manage_token=booked.manage_token))
        if key and not uow.idempotency.add(key, digest, 201, sealer().seal(out), utcnow()):
            uow.rollback()
            return _replay(uow.idempotency.get(key), digest)
        uow.commit()
        return make_response(jsonify(out), 201)

    @require("admin", "staff", "therapist")
    @blp.arguments(ConsultationListArgs, location="query")
    @blp.response(200, ConsultationPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Consultations by therapist, status and start range: a therapist's own, staff their practice's."""
        after = after_cursor(args, "start", "id")
        items = service.listing(unit_of_work(), authenticated(), args, after, args["limit"] + 1)
        return page(items, args["limit"], lambda c: {"start": c.start_at.isoformat(), "id": c.id})


@blp.route("/<consultation_id>")
class ConsultationById(MethodView):
    @blp.response(200, ConsultationDetailOut)
    @blp.doc(**TOKEN_DOC)
    def get(self, consultation_id):
        """One consultation: to its client (manage token), its therapist, or its practice's staff.

        Staff and therapist views include the client's concerns; each such read is audited."""
        caller = _caller()
        uow = unit_of_work()
        consultation = service.find(uow, caller, consultation_id)
        if not caller.is_staff:
            return _with(consultation)  # the client's own view: no concerns, no reminder log
        # GETs run in a read transaction; the audit row is written in its own write transaction,
        # committed before any PHI leaves (on SQLite a reader cannot safely turn writer).
        with current_app.extensions["rapport.db"].writer() as session:
            audit_uow = UnitOfWork(session, current_app.extensions["rapport.exchange"])
            concerns = service.read_concerns(audit_uow, caller.principal, consultation, sealer(), request_id())
        return _with(consultation, concerns=concerns, reminders=uow.reminders.for_consultation(consultation.id))


@blp.route("/<consultation_id>/cancel")
class Cancel(MethodView):
    @blp.arguments(ReasonIn)
    @blp.response(200, ConsultationOut)
    @blp.doc(**TOKEN_DOC)
    def post(self, body, consultation_id):
        """Cancel: clients up to the notice window; staff and the therapist any time (with a reason inside it)."""
        return service.cancel(unit_of_work(), _caller(), consultation_id, body.get("reason"))


@blp.route("/<consultation_id>/reschedule")
class Reschedule(MethodView):
    @blp.arguments(RescheduleIn)
    @blp.response(200, ConsultationOut)
    @blp.doc(**TOKEN_DOC)
    def post(self, body, consultation_id):
        """Move to another free slot atomically: the old slot is kept if the new one is taken."""
        return service.reschedule(unit_of_work(), _caller(), consultation_id, body["start"], body.get("reason"))


@blp.route("/<consultation_id>/confirm")
class Confirm(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, ConsultationOut)
    @blp.doc(security=SECURITY)
    def post(self, consultation_id):
        """Confirm a requested call (or a lapsed request, if its slot is still free)."""
        return service.confirm(unit_of_work(), authenticated(), consultation_id)


@blp.route("/<consultation_id>/decline")
class Decline(MethodView):
    @require("admin", "staff", "therapist")
    @blp.arguments(DeclineIn)
    @blp.response(200, ConsultationOut)
    @blp.doc(security=SECURITY)
    def post(self, body, consultation_id):
        """Decline a requested call, optionally suggesting another therapist."""
        return service.decline(unit_of_work(), authenticated(), consultation_id, body.get("reason"),
                               body.get("suggested_therapist_id"))


@blp.route("/<consultation_id>/complete")
class Complete(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, ConsultationOut)
    @blp.doc(security=SECURITY)
    def post(self, consultation_id):
        """Record that the call took place (never billable)."""
        return service.complete(unit_of_work(), authenticated(), consultation_id)


@blp.route("/<consultation_id>/no-show")
class NoShow(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, ConsultationOut)
    @blp.doc(security=SECURITY)
    def post(self, consultation_id):
        """Record that the client did not come."""
        return service.no_show(unit_of_work(), authenticated(), consultation_id)


@blp.route("/<consultation_id>/audit")
class Audit(MethodView):
    @require("admin", "staff")
    @blp.response(200, AuditOut)
    @blp.doc(security=SECURITY)
    def get(self, consultation_id):
        """Who read this consultation's PHI, and when (staff)."""
        return {"items": service.audit_trail(unit_of_work(), authenticated(), consultation_id)}

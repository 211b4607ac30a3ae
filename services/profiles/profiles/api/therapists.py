from flask.views import MethodView
from flask_smorest import Blueprint

from rapport_shared.auth import authenticated, current_principal, require
from rapport_shared.errors import Invalid
from rapport_shared.pagination import InvalidCursor, decode_cursor, encode_cursor

from ..service_layer import therapists as service
from .deps import unit_of_work
from .schemas import PageArgs, TherapistIn, TherapistOut, TherapistPage, UnpublishIn

blp = Blueprint("therapists", __name__, url_prefix="/v1/therapists", description="Therapist profiles")
SECURITY = [{"bearerAuth": []}]


@blp.route("")
class Therapists(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, TherapistPage)
    def get(self, args):
        """Published therapists (public)."""
        after = None
        if args.get("cursor"):
            try:
                position = decode_cursor(args["cursor"])
                after = (str(position["last_name"]), str(position["id"]))
            except (InvalidCursor, KeyError) as exc:
                raise Invalid("cursor is not one this API issued", slug="invalid-cursor") from exc
        items = service.list_published(unit_of_work(), after, args["limit"] + 1)
        more = len(items) > args["limit"]
        items = items[: args["limit"]]
        next_cursor = encode_cursor({"last_name": items[-1].last_name, "id": items[-1].id}) if more else None
        return {"items": items, "next_cursor": next_cursor}

    @require("admin", "staff")
    @blp.arguments(TherapistIn)
    @blp.response(201, TherapistOut)
    @blp.doc(security=SECURITY)
    def post(self, body):
        """Create a draft therapist profile in the caller's practice."""
        return service.create_therapist(unit_of_work(), authenticated(), body)


@blp.route("/<therapist_id>")
class TherapistById(MethodView):
    @blp.response(200, TherapistOut)
    def get(self, therapist_id):
        """A therapist: published ones to anyone; drafts to their practice's staff and themself."""
        return service.get_therapist(unit_of_work(), current_principal(), therapist_id)


@blp.route("/<therapist_id>/publish")
class Publish(MethodView):
    @require("admin", "staff")
    @blp.response(200, TherapistOut)
    @blp.doc(security=SECURITY)
    def post(self, therapist_id):
        """List the therapist in the public directory."""
        return service.publish_therapist(unit_of_work(), authenticated(), therapist_id)


@blp.route("/<therapist_id>/unpublish")
class Unpublish(MethodView):
    @require("admin", "staff")
    @blp.arguments(UnpublishIn)
    @blp.response(200, TherapistOut)
    @blp.doc(security=SECURITY)
    def post(self, body, therapist_id):
        """Remove the therapist from the public directory, saying why."""
        return service.unpublish_therapist(unit_of_work(), authenticated(), therapist_id, body["reason"])

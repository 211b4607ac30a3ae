import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint

from rapport_shared.auth import authenticated, require

from ..service_layer import directory
from .deps import unit_of_work

blp = Blueprint("availability", __name__, url_prefix="/v1/therapists", description="Therapists' availability")


class AvailabilityOut(ma.Schema):
    therapist_id = ma.fields.String()
    display_name = ma.fields.String()
    timezone = ma.fields.String()
    listed = ma.fields.Boolean(metadata={"description": "published in the directory (takes bookings)"})
    configured = ma.fields.Boolean()
    weekly = ma.fields.List(ma.fields.Dict())
    exceptions = ma.fields.List(ma.fields.Dict())


@blp.route("/<therapist_id>/availability")
class Availability(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, AvailabilityOut)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, therapist_id):
        """A therapist's availability, to their practice's staff and to themself."""
        therapist = directory.therapist_for_staff(unit_of_work(), authenticated(), therapist_id)
        return {
            "therapist_id": therapist.id,
            "display_name": therapist.display_name,
            "timezone": therapist.time_zone,
            "listed": therapist.listed,
            "configured": False,
            "weekly": [],
            "exceptions": [],
        }

from flask import jsonify
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

from ..service_layer import availability as service
from .availability_schemas import AvailabilityIn, AvailabilityOut, SlotArgs, SlotsOut
from .deps import BEARER, unit_of_work

blp = Blueprint("availability", __name__, url_prefix="/v1/therapists",
                description="Therapists' availability and free slots")


def _view(therapist, availability) -> dict:
    view = {"therapist_id": therapist.id, "display_name": therapist.display_name, "listed": therapist.listed,
            "timezone": therapist.time_zone, "configured": availability is not None, "weekly": [], "exceptions": [],
            "settings": {}, "version": None}
    if availability is not None:
        settings = dict(availability.settings.__dict__)
        settings["formats"] = list(availability.settings.formats)
        view.update(timezone=availability.timezone, weekly=availability.weekly, exceptions=availability.exceptions,
                    settings=settings, version=availability.version)
    return view


@blp.route("/<id:therapist_id>/availability")
class Availability(MethodView):
    @require("admin", "staff", "therapist")
    @blp.response(200, AvailabilityOut)
    @blp.doc(security=BEARER)
    def get(self, therapist_id):
        """A therapist's availability, to their practice's staff and to themself."""
        return _view(*service.get_availability(unit_of_work(), authenticated(), therapist_id))

    @require("admin", "staff", "therapist")
    @blp.arguments(AvailabilityIn)
    @blp.response(200, AvailabilityOut)
    @blp.doc(security=BEARER)
    def put(self, body, therapist_id):
        """Replace weekly windows, date exceptions and screening-call settings (in the therapist's zone)."""
        return _view(*service.put_availability(unit_of_work(), authenticated(), therapist_id, body))


@blp.route("/<id:therapist_id>/slots")
class Slots(MethodView):
    @blp.arguments(SlotArgs, location="query")
    @blp.response(200, SlotsOut)
    def get(self, args, therapist_id):
        """Free screening-call slots between two dates, shown in the client's time zone (public)."""
        therapist, availability, zone, slots = service.public_slots(
            unit_of_work(), therapist_id, args["from_"], args["to"], args.get("tz"))
        settings = availability.settings if availability else None
        # Already plain JSON types: answered directly, skipping a second pass through the schema.
        return jsonify({
            "therapist_id": therapist.id,
            "timezone": zone.key,
            "therapist_timezone": availability.timezone if availability else therapist.time_zone,
            "booking_mode": settings.booking_mode if settings else None,
            "formats": list(settings.formats) if settings else [],
            "duration_min": settings.duration_min if settings else None,
            "slots": [{"start": s.start.astimezone(zone).isoformat(), "end": s.end.astimezone(zone).isoformat()}
                      for s in slots],
        })

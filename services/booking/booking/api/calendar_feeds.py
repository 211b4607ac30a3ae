from flask import Response
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

from ..service_layer import calendar_feeds as service
from .availability_schemas import FeedIn, FeedOut
from .deps import BEARER, unit_of_work

blp = Blueprint("calendar_feeds", __name__, url_prefix="/v1/calendar-feeds",
                description="A therapist's upcoming calls as a secret iCalendar feed")


@blp.route("")
class Feeds(MethodView):
    @require("admin", "staff", "therapist")
    @blp.arguments(FeedIn)
    @blp.response(201, FeedOut)
    @blp.doc(security=BEARER)
    def post(self, body):
        """Issue (or rotate) the therapist's feed URL; the previous one stops working."""
        token = service.issue(unit_of_work(), authenticated(), body["therapist_id"])
        return {"therapist_id": body["therapist_id"], "token": token, "url": f"/v1/calendar-feeds/{token}.ics"}


@blp.route("/<token>.ics")
class Feed(MethodView):
    @blp.response(200, {"type": "string", "description": "VCALENDAR text"}, content_type="text/calendar",
                  description="iCalendar (RFC 5545)")
    def get(self, token):
        """The feed: upcoming screening calls (initials only) and sessions; no concerns, no contacts."""
        return Response(service.feed(unit_of_work(), token), mimetype="text/calendar")

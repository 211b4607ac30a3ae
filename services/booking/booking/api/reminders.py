import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint

from rapport_shared.auth import authenticated, require

from ..service_layer import consultations as service
from ..service_layer.consultations import Caller
from .deps import unit_of_work
from .schemas import ReminderOut

blp = Blueprint("reminders", __name__, url_prefix="/v1/reminders", description="Reminder delivery status (staff)")


class ReminderArgs(ma.Schema):
    consultation_id = ma.fields.String(required=True, validate=ma.validate.Length(max=36))


class ReminderList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ReminderOut))


@blp.route("")
class Reminders(MethodView):
    @require("admin", "staff", "therapist")
    @blp.arguments(ReminderArgs, location="query")
    @blp.response(200, ReminderList)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, args):
        """A consultation's reminders: channel, lead, status (scheduled, sent, failed, not_configured, cancelled)."""
        uow = unit_of_work()
        consultation = service.find(uow, Caller(principal=authenticated()), args["consultation_id"])
        return {"items": uow.reminders.for_consultation(consultation.id)}

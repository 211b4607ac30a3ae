from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

from ..service_layer import consultations as service
from ..service_layer.consultations import Caller
from .consultation_schemas import ReminderArgs, ReminderList
from .deps import BEARER, unit_of_work

blp = Blueprint("reminders", __name__, url_prefix="/v1/reminders", description="Reminder delivery status (staff)")


@blp.route("")
class Reminders(MethodView):
    @require("admin", "staff", "therapist")
    @blp.arguments(ReminderArgs, location="query")
    @blp.response(200, ReminderList)
    @blp.doc(security=BEARER)
    def get(self, args):
        """A consultation's reminders: channel, lead, status (scheduled, sent, failed, not_configured, cancelled)."""
        return {"items": service.reminders_of(unit_of_work(), Caller(principal=authenticated()),
                                              args["consultation_id"])}

from flask.views import MethodView
from flask_smorest import Blueprint

from rapport_shared.auth import authenticated, require

from ..service_layer import practices as service
from .deps import unit_of_work
from .schemas import MemberIn, MemberOut, PracticeIn, PracticeOut

blp = Blueprint("practices", __name__, url_prefix="/v1/practices", description="Practices and their members")
SECURITY = [{"bearerAuth": []}]


@blp.route("")
class Practices(MethodView):
    @require("admin")
    @blp.arguments(PracticeIn)
    @blp.response(201, PracticeOut)
    @blp.doc(security=SECURITY)
    def post(self, body):
        """Register a practice (administrators)."""
        return service.register_practice(unit_of_work(), authenticated(), body)


@blp.route("/<practice_id>")
class PracticeById(MethodView):
    @require()
    @blp.response(200, PracticeOut)
    @blp.doc(security=SECURITY)
    def get(self, practice_id):
        """A practice, to its own staff and therapists and to administrators."""
        return service.get_practice(unit_of_work(), authenticated(), practice_id)


@blp.route("/<practice_id>/members")
class Members(MethodView):
    @require("admin", "staff")
    @blp.arguments(MemberIn)
    @blp.response(201, MemberOut)
    @blp.doc(security=SECURITY)
    def post(self, body, practice_id):
        """Add a staff or therapist account to a practice (administrators, or that practice's staff)."""
        return service.add_member(unit_of_work(), authenticated(), practice_id, body)

from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint

from ..service_layer import clients as service
from .client_schemas import ClientIn, ClientListArgs, ClientOut, ClientPage, ClientPatch
from .deps import BEARER, unit_of_work

blp = Blueprint("clients", __name__, url_prefix="/v1/clients",
                description="Clients: contact details, consent, claim data")


@blp.route("")
class Clients(MethodView):
    @require("admin", "staff")
    @blp.arguments(ClientIn)
    @blp.response(201, ClientOut)
    @blp.doc(security=BEARER)
    def post(self, body):
        """Register a client of the caller's practice."""
        return service.register(unit_of_work(), authenticated(), body)

    @require("admin", "staff")
    @blp.arguments(ClientListArgs, location="query")
    @blp.response(200, ClientPage)
    @blp.doc(security=BEARER)
    def get(self, args):
        """The practice's clients, oldest first."""
        return service.listing(unit_of_work(), authenticated(), args.get("cursor"), args["limit"])


@blp.route("/<id:client_id>")
class ClientById(MethodView):
    @require("admin", "staff")
    @blp.response(200, ClientOut)
    @blp.doc(security=BEARER)
    def get(self, client_id):
        """A client of the caller's practice (staff; therapists see their callers through consultations)."""
        return service.get(unit_of_work(), authenticated(), client_id)

    @require("admin", "staff")
    @blp.arguments(ClientPatch)
    @blp.response(200, ClientOut)
    @blp.doc(security=BEARER)
    def patch(self, body, client_id):
        """Complete or correct a client's details (date of birth, sex, address for claims)."""
        return service.update(unit_of_work(), authenticated(), client_id, body)

from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint
from rapport_shared.etags import etag_headers, expected_version

from ..service_layer import clients as service
from .client_schemas import ClientIn, ClientListArgs, ClientOut, ClientPage, ClientPatch
from .deps import BEARER, unit_of_work

blp = Blueprint("clients", __name__, url_prefix="/v1/clients",
                description="Clients: contact details, consent, claim data")
ETAG_HEADER = {"ETag": {"description": "the client's version, for If-Match", "schema": {"type": "string"}}}


@blp.route("")
class Clients(MethodView):
    @require("admin", "staff")
    @blp.arguments(ClientIn)
    @blp.response(201, ClientOut, headers=ETAG_HEADER)
    @blp.alt_response(403, description="the token's role may not do this, or staff named another practice "
                                       "(practice_id: admins only)")
    @blp.alt_response(422, description="the request has invalid fields (see errors), among them a practice_id "
                                       "that is not a practice booking knows")
    @blp.doc(security=BEARER)
    def post(self, body):
        """Register a client of the caller's practice (admins name a practice profiles has announced)."""
        client = service.register(unit_of_work(), authenticated(), body)
        return client, 201, etag_headers(client)

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
    @blp.response(200, ClientOut, headers=ETAG_HEADER)
    @blp.doc(security=BEARER)
    def get(self, client_id):
        """A client of the caller's practice (staff; therapists see their callers through consultations)."""
        client = service.get(unit_of_work(), authenticated(), client_id)
        return client, 200, etag_headers(client)

    @require("admin", "staff")
    @blp.arguments(ClientPatch)
    @blp.response(200, ClientOut, headers=ETAG_HEADER)
    @blp.alt_response(412, description="If-Match names a version that is no longer current")
    @blp.alt_response(428, description="If-Match is missing")
    @blp.doc(security=BEARER, parameters=[{"in": "header", "name": "If-Match", "required": True,
                                           "schema": {"type": "string"}}])
    def patch(self, body, client_id):
        """Complete or correct a client's details (date of birth, sex, address for claims), with If-Match."""
        uow, principal = unit_of_work(), authenticated()
        service.get(uow, principal, client_id)  # 404/403 before precondition details
        client = service.update(uow, principal, client_id, body, expected_version())
        return client, 200, etag_headers(client)

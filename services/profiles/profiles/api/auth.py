from flask.views import MethodView

from rapport_shared.blueprint import Blueprint

from ..service_layer import auth as service
from .deps import token_issuer, unit_of_work
from .schemas import JwksOut, TokenRequest, TokenResponse

blp = Blueprint("auth", __name__, url_prefix="/v1/auth", description="Sign in and verify tokens")


@blp.route("/token")
class Token(MethodView):
    @blp.arguments(TokenRequest)
    @blp.response(200, TokenResponse)
    @blp.alt_response(401, description="Email or password is wrong")
    def post(self, body):
        """Exchange email and password for a short-lived bearer token."""
        return service.issue_token(unit_of_work(), token_issuer(), body["email"], body["password"])


@blp.route("/jwks.json")
class Jwks(MethodView):
    @blp.response(200, JwksOut)
    def get(self):
        """The public keys that verify access tokens (for services and outside parties)."""
        return token_issuer().jwks()

"""/v1/remittances: 835 files, posted like insurers' adjudications."""
from flask import request
from flask.views import MethodView

from rapport_shared.auth import authenticated, require
from rapport_shared.blueprint import Blueprint
from rapport_shared.errors import AppError, Invalid
from rapport_shared.request_guards import unsupported_media_type

from ..service_layer import remittances
from .deps import SECURITY, unit_of_work
from .remittance_schemas import REMITTANCE_BODY, RemittanceIn, RemittanceOut

blp = Blueprint("remittances", __name__, url_prefix="/v1/remittances", description="835 remittance uploads")

# An 835 as text: text/plain, X12's own type (RFC 1767; read but not documented, as generated clients have no use
# for it), or a body with no type at all. A form or an upload is not an 835: curl --data-binary sends a form's
# type, and a form's text would be read with its field name and encoding.
TEXT_TYPES = frozenset({"", "text/plain", "application/edi-x12", "application/octet-stream"})
ACCEPTED = "text/plain, application/edi-x12, application/json"


@blp.route("")
class Remittances(MethodView):
    @require("admin", "staff")
    @blp.response(200, RemittanceOut)
    @blp.doc(security=SECURITY, requestBody=REMITTANCE_BODY)
    def post(self):
        """Post an X12 835 remittance (text/plain or application/edi-x12, or JSON {"835": "..."}): each claim
        posted like an adjudication or listed as unmatched with the reason; 422 when the body is no 835 at all,
        415 when it is sent as another media type (a form, an upload)."""
        if not request.is_json and request.mimetype not in TEXT_TYPES:
            return unsupported_media_type(ACCEPTED, "an 835 as ")
        if not request.get_data(cache=True):
            # Answered as rapport_shared.request_guards answers a route that reads a JSON body only.
            if request.is_json:
                raise Invalid("This endpoint needs a JSON body.", slug="body-required",
                              errors=[{"in": "json", "field": "_", "message": "a JSON body is required"}])
            raise Invalid("This endpoint needs a body.", slug="body-required",
                          errors=[{"in": "body", "field": "_", "message": "an 835 is required"}])
        if request.is_json:
            # The parser every route's JSON body goes through: JSON that does not parse is 400, a body not
            # of this shape 422, each answered as on the other routes.
            text = blp.ARGUMENTS_PARSER.parse(RemittanceIn, request, location="json")["text"]
        else:
            text = _utf8_text(request.get_data(cache=True))
        return remittances.post_835(unit_of_work(), authenticated(), text)


def _utf8_text(body: bytes) -> str:
    """The body as UTF-8 text (ASCII is), whatever charset it declares; bytes that are not UTF-8 are refused
    with their offset, as a JSON body's are refused (400), never read as U+FFFD: a payer's claim number
    would be posted changed."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AppError("The body is not UTF-8 text.", slug="malformed-text", errors=[{
            "in": "body", "field": "_",
            "message": f"the byte at offset {exc.start} (0x{body[exc.start]:02X}, counting from 0) is not valid "
                       f"UTF-8: send the 835 as UTF-8 or ASCII"}]) from exc

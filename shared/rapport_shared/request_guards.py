"""What every request must be before a view sees it, answered as problem+json when it is not.

- A route that reads a JSON body gets JSON: another media type is 415, a missing body 422.
- Paths are taken as sent: `//v1//x` is not silently merged into `/v1/x` (a redirect built
  behind a proxy could point elsewhere); it is simply not a route (404).
- JSON nested deeper than the parser can follow, and text that cannot be stored (unpaired
  surrogates), are the client's problem (400, 422), never a 500.
- A body in a content coding (gzip...) is 415: the services read bodies as sent, so a compressed one
  was parsed as if it were JSON, and a plain one labelled compressed was taken as it came.
- A query string whose percent-encoded bytes are not UTF-8 is 400, as such a JSON body is: werkzeug
  would read each bad byte as U+FFFD and the request would go on with text the client never sent.
- A route that reads no query arguments refuses any (422 naming them), as the lists refuse unknown
  ones: `PUT /v1/billing/fee-schedule?practice_id=...` (the GET takes it, the PUT reads the body)
  would otherwise change the caller's own schedule.
- An Accept header that allows none of the media types a route answers in is 406 (RFC 9110 15.5.7),
  before anything is done: `Accept: application/xml` got JSON it had said it could not read. No
  Accept header, `*/*` and `application/*` take any; `application/json` takes FHIR's JSON too.
  Such answers say `Vary: Accept`, so a shared cache (the gateway's) keeps them apart by it.
"""
from __future__ import annotations

import functools
from typing import Any
from urllib.parse import unquote_to_bytes

from flask import Flask, current_app, request
from werkzeug.routing import BaseConverter

from .problems import problem_response, problem_type

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
JSON = "application/json"


def _documentation(endpoint: str, method: str) -> dict[str, Any] | None:
    """What flask-smorest recorded for this view (None for a view it does not document: health, the OpenAPI
    document itself)."""
    view = current_app.view_functions.get(endpoint)
    handler = getattr(getattr(view, "view_class", None), method.lower(), None) or view
    return getattr(handler, "_apidoc", None)


def _documented_arguments(endpoint: str, method: str) -> list[dict[str, Any]] | None:
    """The arguments flask-smorest recorded for this view (None for an undocumented one)."""
    documented = _documentation(endpoint, method)
    return None if documented is None else documented.get("arguments", {}).get("parameters", [])


@functools.lru_cache(maxsize=1024)
def _json_body_parameter(app_name: str, endpoint: str, method: str) -> dict[str, Any] | None:
    """The `in: json` argument flask-smorest recorded for this view, if it reads a JSON body."""
    return next((p for p in _documented_arguments(endpoint, method) or [] if p.get("in") == "json"), None)


@functools.lru_cache(maxsize=1024)
def _answered_in(app_name: str, endpoint: str, method: str) -> frozenset[str] | None:
    """The media types this documented view answers in when it succeeds (None: undocumented, or no body)."""
    documented = _documentation(endpoint, method)
    if documented is None:
        return None
    responses = documented.get("response", {}).get("responses", {})
    types = {doc.get("content_type") or JSON for code in documented.get("success_status_codes", [])
             if code != 204 for doc in responses.get(code, [])}
    for code, doc in documented.get("manual_doc", {}).get("responses", {}).items():
        if str(code).startswith("2") and isinstance(doc, dict):
            types.update(doc.get("content", {}))  # ?format=pdf: documented beside the JSON
    if any(t.endswith("+json") for t in types):
        types.add(JSON)  # a FHIR resource is JSON to a client that asks for JSON
    return frozenset(types) or None


@functools.lru_cache(maxsize=1024)
def _reads_no_query(app_name: str, endpoint: str, method: str) -> bool:
    """Whether this is a documented view that takes no query arguments at all."""
    arguments = _documented_arguments(endpoint, method)
    return arguments is not None and not any(p.get("in") == "query" for p in arguments)


def _check_path():
    # NUL and other control characters decoded from a path can name nothing, and PostgreSQL
    # refuses NUL in a query: answer here, before any lookup.
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in request.path):
        return problem_response(404, "No such path.", type=problem_type("not-found"))
    return None


def _has_body() -> bool:
    return bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "")


def _check_content_coding():
    coding = request.headers.get("Content-Encoding", "").strip().lower()
    if coding in ("", "identity") or not _has_body():
        return None
    return problem_response(  # RFC 9110 8.4.1 and RFC 7694: 415, saying which coding is read
        415, f"Request bodies are read as sent: a body in the {coding!r} content coding is not read.",
        headers={"Accept-Encoding": "identity"}, type=problem_type("unsupported-content-encoding"))


def _check_query():
    query = request.query_string
    if not query:
        return None
    try:
        unquote_to_bytes(query).decode("utf-8")
    except UnicodeDecodeError as exc:
        return problem_response(
            400, "The query string is not UTF-8 once percent-decoded: percent-encode the text's UTF-8 bytes.",
            type=problem_type("malformed-query"),
            errors=[{"in": "query", "field": "_",
                     "message": f"byte {exc.start} of the percent-decoded query string is not valid UTF-8"}])
    if not request.args or request.endpoint is None or not _reads_no_query(current_app.name, request.endpoint,
                                                                           _documented_method()):
        return None
    # Answered as webargs answers an unknown argument of a route that reads some.
    unknown = [{"in": "query", "field": name, "message": "Unknown field."} for name in request.args]
    return problem_response(422, "The request has invalid fields.", errors=unknown)


def _documented_method() -> str:
    return "GET" if request.method == "HEAD" else request.method  # HEAD is documented as its GET


def _offered() -> frozenset[str] | None:
    """The media types this request's route answers in (None: not negotiated)."""
    if request.endpoint is None or request.method == "OPTIONS":
        return None
    return _answered_in(current_app.name, request.endpoint, _documented_method())


def _check_accept():
    if not request.headers.get("Accept", "").strip():
        return None
    offered = _offered()
    if offered is None or request.accept_mimetypes.best_match(sorted(offered)) is not None:
        return None
    listed = ", ".join(sorted(offered))
    # The problem itself is sent as problem+json whatever was asked: RFC 9110 lets a 406 carry any type.
    return problem_response(406, f"This endpoint answers in {listed}; the Accept header allows none of them.",
                            type=problem_type("not-acceptable"),
                            errors=[{"in": "header", "field": "Accept", "message": f"accept one of: {listed}"}])


def _vary_on_accept(response):
    if _offered() is not None:
        response.vary.add("Accept")  # RFC 9110 12.5.5: the answer depends on it (406 or not)
    return response


def unsupported_media_type(accepted: str, what: str = ""):
    """415 for a body of another media type, naming the ones `accepted` (`what`: what the body should be)."""
    return problem_response(
        415, f"This endpoint takes {what}{accepted}, not {request.mimetype or 'an untyped body'}.",
        headers={"Accept-Post" if request.method == "POST" else "Accept-Patch": accepted},
        type=problem_type("unsupported-media-type"))


def _check_json_body():
    if request.method not in BODY_METHODS or request.endpoint is None:
        return None
    parameter = _json_body_parameter(current_app.name, request.endpoint, request.method)
    if parameter is None:
        return None
    has_body = _has_body()
    if has_body and not request.is_json:
        return unsupported_media_type(JSON)
    if not has_body and parameter.get("required", True):
        return problem_response(
            422, "This endpoint needs a JSON body.", type=problem_type("body-required"),
            errors=[{"in": "json", "field": "_", "message": "a JSON body is required"}])
    return None


class IdConverter(BaseConverter):
    """`<id:name>`: an object id as the services issue them (a UUID, in either case), kept as text. Anything else is
    no route (404) rather than a lookup, and a sibling path such as /therapists/import is never
    read as an id (so OPTIONS lists only what that path really allows)."""

    regex = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

    def to_python(self, value: str) -> str:
        return value.lower()  # ids are issued in lower case; a client that upper-cases one names the same object


def install(app: Flask) -> None:
    app.url_map.merge_slashes = False
    app.url_map.converters["id"] = IdConverter
    app.before_request(_check_path)
    app.before_request(_check_content_coding)
    app.before_request(_check_query)
    app.before_request(_check_accept)
    app.after_request(_vary_on_accept)
    app.before_request(_check_json_body)

    @app.errorhandler(RecursionError)
    def _too_deep(_error: RecursionError):
        return problem_response(400, "The JSON body is nested too deeply.", type=problem_type("malformed-json"))

    @app.errorhandler(UnicodeEncodeError)
    def _unstorable_text(_error: UnicodeEncodeError):
        # Input schemas refuse such text with the field named; this catches any that slip past them.
        return problem_response(422, "The request has text that cannot be stored (unpaired surrogates).",
                                type=problem_type("validation-failed"))

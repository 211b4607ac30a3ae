"""One error shape: RFC 9457 problem+json for every 4xx and 5xx a service answers."""
from __future__ import annotations

from typing import Any, NoReturn

import flask_smorest
import marshmallow as ma
from flask import current_app, json
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem_type(slug: str) -> str:
    """A stable, documented identifier for one kind of problem, e.g. `slot-unavailable`."""
    return f"urn:rapport:problem:{slug}"


def abort(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> NoReturn:
    """Stop handling the request with a problem+json answer."""
    flask_smorest.abort(
        status,
        message=detail,
        problem_type=problem_type(slug) if slug else "about:blank",
        errors=errors,
        headers=headers or {},
        extensions=extensions,
    )
    raise AssertionError("unreachable")  # flask_smorest.abort always raises


def flatten_errors(messages: Any, path: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """webargs' nested {"json": {"client": {"email": ["..."]}}} as a flat list a UI can show."""
    if isinstance(messages, dict):
        out: list[dict[str, str]] = []
        for key, value in messages.items():
            out.extend(flatten_errors(value, path + (str(key),)))
        return out
    if isinstance(messages, (list, tuple)) and all(isinstance(m, str) for m in messages):
        location, *field = path or ("body",)
        return [{"in": location, "field": ".".join(field) or "_", "message": m} for m in messages]
    location, *field = path or ("body",)
    return [{"in": location, "field": ".".join(field) or "_", "message": str(messages)}]


def problem_body(status: int, detail: str | None = None, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": fields.pop("type", "about:blank"),
        "title": HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body.update({k: v for k, v in fields.items() if v is not None})
    return body


def problem_response(status: int, detail: str | None = None, headers: dict | None = None, **fields: Any):
    response = current_app.response_class(
        json.dumps(problem_body(status, detail, **fields)), status=status, mimetype=PROBLEM_MEDIA_TYPE
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


class ProblemField(ma.Schema):
    """One field at fault."""

    class Meta:
        unknown = ma.INCLUDE

    in_ = ma.fields.String(data_key="in", metadata={"description": "json, query, header or path",
                                                    "example": "json"})
    field = ma.fields.String(metadata={"description": "dotted path of the field; _ for the whole body",
                                       "example": "client.email"})
    message = ma.fields.String(metadata={"example": "Not a valid email address."})


class ProblemSchema(ma.Schema):
    """The error shape (RFC 9457), for the OpenAPI documents. Extension members may follow."""

    class Meta:
        unknown = ma.INCLUDE

    type = ma.fields.String(metadata={"description": "about:blank, or urn:rapport:problem:<slug>",
                                      "example": "urn:rapport:problem:slot-unavailable"})
    title = ma.fields.String(metadata={"example": "Conflict"})
    status = ma.fields.Integer(metadata={"example": 409})
    detail = ma.fields.String(metadata={"example": "That time is no longer free."})
    errors = ma.fields.List(ma.fields.Nested(ProblemField), metadata={"description": "the fields at fault"})
    request_id = ma.fields.String(metadata={"description": "the X-Request-ID this answer belongs to"})


class Api(flask_smorest.Api):
    """flask-smorest's Api answering every HTTP error as problem+json."""

    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        status = error.code or 500
        detail = data.get("message") or (error.description if status < 500 else None)
        errors = data.get("errors")
        if errors is None and "messages" in data:  # webargs validation errors
            errors = flatten_errors(data["messages"])
            detail = "The request has invalid fields."
        headers = dict(data.get("headers") or {})
        valid_methods = getattr(error, "valid_methods", None)
        if status == 405 and valid_methods:
            headers["Allow"] = ", ".join(valid_methods)
        if status == 401:
            headers.setdefault("WWW-Authenticate", "Bearer")
        return problem_response(
            status,
            detail,
            headers=headers,
            type=data.get("problem_type", "about:blank"),
            errors=errors,
            **(data.get("extensions") or {}),
        )

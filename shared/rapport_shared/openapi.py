"""The finishing pass over every service's OpenAPI document, so clients generated from it are typed.

flask-smorest documents what each view declares; this adds what holds for every operation: a
stable `operationId`, each error it can answer as `application/problem+json` with the one Problem
schema (401/403 when it takes a token, 404 when its path names an object, 406 when it answers with a
body, 412/428 with If-Match, 415/422 when it reads a body, 429 where the gateway rate-limits), and
nullable nested objects as one typed model (`allOf` + `nullable`) instead of `anyOf` with a free object.
"""
from __future__ import annotations

import copy
import re
from typing import Any

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM_CONTENT = {"application/problem+json": {"schema": PROBLEM_REF}}
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
# The public POSTs the gateway rate-limits per client (deploy/gateway: public_post_key).
RATE_LIMITED = re.compile(r"^/v1/(auth/token|consultations|consultations/\{[^}]+\}/(cancel|reschedule)|matches)$")

ERRORS = {
    "400": "The request is malformed (e.g. JSON that does not parse).",
    "401": "No valid access token (send Authorization: Bearer <token>).",
    "403": "The token's role may not do this.",
    "404": "No such object, or not one the caller may see.",
    "406": "The Accept header allows none of the media types this operation answers in.",
    "409": "The object's state does not allow this now, or another request changed it meanwhile (reload, retry).",
    "412": "If-Match names a version that is no longer current.",
    "415": "The body is not application/json.",
    "422": "The request has invalid fields (see errors).",
    "428": "This change needs an If-Match header with the ETag last read.",
    "429": "Too many requests from this client; retry after Retry-After seconds.",
    "default": "Unexpected error.",
}


def operation_id(method: str, path: str) -> str:
    """`post /v1/consultations/{consultation_id}/cancel` -> `post_consultations_by_consultation_id_cancel`."""
    words: list[str] = []
    for segment in path.strip("/").split("/"):
        if segment == "v1" and not words:
            continue
        match = re.fullmatch(r"\{([^}]+)\}", segment)
        words.append(f"by_{match.group(1)}" if match else re.sub(r"[^A-Za-z0-9]+", "_", segment))
    return "_".join([method, *words]).strip("_").lower()


def _problem_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": copy.deepcopy(PROBLEM_CONTENT)}


def _error_statuses(method: str, path: str, operation: dict[str, Any]) -> list[str]:
    statuses = ["400"]
    if any("bearerAuth" in requirement for requirement in operation.get("security", [])):
        statuses += ["401", "403"]
    if "{" in path:
        statuses.append("404")
    if method in ("post", "put", "patch", "delete") and "{" in path:
        statuses.append("409")  # a change to an existing object its state may not allow
    headers = {p.get("name", "").lower() for p in operation.get("parameters", []) if p.get("in") == "header"}
    if "if-match" in headers:
        statuses += ["412", "428"]
    if any(status.startswith("2") and response.get("content")
           for status, response in operation.get("responses", {}).items()):
        statuses.append("406")  # rapport_shared.request_guards: an Accept header that allows none of them
    if "requestBody" in operation:
        statuses.append("415")
    if "requestBody" in operation or operation.get("parameters"):
        statuses.append("422")
    if method == "post" and RATE_LIMITED.match(path):
        statuses.append("429")
    return statuses


def _typed_nullables(node: Any) -> Any:
    """`anyOf: [{nullable, type: object}, {$ref}]` -> `allOf: [{$ref}], nullable: true`. (A nullable
    enum keeps null among its values: in OpenAPI 3.0 an enum without it forbids null.)"""
    if isinstance(node, list):
        return [_typed_nullables(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _typed_nullables(value) for key, value in node.items()}
    if node.get("format") == "url":
        node["format"] = "uri"  # the standard name (marshmallow's Url is documented as "url")
    options = node.get("anyOf")
    if isinstance(options, list) and len(options) == 2:
        refs = [o for o in options if "$ref" in o]
        free = [o for o in options if o.get("nullable") and o.get("type") == "object" and len(o) == 2]
        if len(refs) == 1 and len(free) == 1:
            del node["anyOf"]
            node.update({"allOf": refs, "nullable": True})
    return node


def finalise(spec: dict[str, Any]) -> dict[str, Any]:
    spec = _typed_nullables(spec)
    components = spec.setdefault("components", {})
    components.pop("responses", None)  # flask-smorest's shared error responses: replaced inline below
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            operation.setdefault("operationId", operation_id(method, path))
            responses = operation.setdefault("responses", {})
            for status, response in list(responses.items()):
                if status == "default" or status.startswith(("4", "5")):
                    description = response.get("description") if "$ref" not in response else None
                    responses[status] = _problem_response(description or ERRORS.get(status, "Error"))
            for status in [*_error_statuses(method, path, operation), "default"]:
                responses.setdefault(status, _problem_response(ERRORS[status]))
    return spec

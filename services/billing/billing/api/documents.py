"""Documents as their media types: statements, superbills and estimates as JSON or PDF; FHIR views."""
from flask import current_app, jsonify

from ..adapters.pdf import render_pdf


def as_document(document: dict, fmt: str, kind: str):
    if fmt == "pdf":
        response = current_app.response_class(render_pdf(document, kind), mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'inline; filename="{kind}.pdf"'
        return response
    return document


FHIR_JSON = "application/fhir+json"


def fhir_response(resource: dict):
    """A FHIR resource as `application/fhir+json`, FHIR's own JSON media type."""
    response = jsonify(resource)
    response.mimetype = FHIR_JSON
    return response

"""Statements and superbills as JSON or PDF."""
from flask import current_app

from ..adapters.pdf import render_pdf


def as_document(document: dict, fmt: str, kind: str):
    if fmt == "pdf":
        response = current_app.response_class(render_pdf(document, kind), mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'inline; filename="{kind}.pdf"'
        return response
    return document

"""Errors a service layer or domain raises; the API answers each as problem+json.

Plain exceptions (no Flask import), so domain code can raise them and unit tests can catch them.
"""
from __future__ import annotations


class AppError(Exception):
    status = 400
    slug = "bad-request"

    def __init__(self, detail: str, *, slug: str | None = None, errors: list[dict] | None = None, **extensions):
        super().__init__(detail)
        self.detail = detail
        if slug:
            self.slug = slug
        self.errors = errors
        self.extensions = extensions


class NotFound(AppError):
    status = 404
    slug = "not-found"


class Forbidden(AppError):
    status = 403
    slug = "forbidden"


class Conflict(AppError):
    status = 409
    slug = "conflict"


class ChangedMeanwhile(Conflict):
    """A write lost to another that changed the record after this request read it. 409, not 412: the
    client sent no precondition (412 answers a stale If-Match); reading again and retrying is safe."""

    slug = "changed-meanwhile"


class PreconditionFailed(AppError):
    status = 412
    slug = "stale-version"


class Invalid(AppError):
    """Well-formed input that breaks a rule (422)."""

    status = 422
    slug = "validation-failed"

"""ETags for versioned resources: `"v<version>"`; edits must send `If-Match` with the one they read."""
from __future__ import annotations

import re

from flask import request

from rapport_shared.errors import AppError, PreconditionFailed


class PreconditionRequired(AppError):
    status = 428
    slug = "if-match-required"


def etag(version: int) -> str:
    return f'"v{version}"'


def etag_headers(obj) -> dict[str, str]:
    return {"ETag": etag(obj.version)}


def expected_version() -> int:
    """The version the client's If-Match names; 428 without one, 412 for one we never issued."""
    header = request.headers.get("If-Match")
    if not header:
        raise PreconditionRequired("send If-Match with the ETag you read, so concurrent edits are not lost")
    match = re.fullmatch(r'\s*(?:W/)?"v(\d{1,9})"\s*', header)
    if match is None:
        raise PreconditionFailed("If-Match does not name a current version of this resource")
    return int(match.group(1))

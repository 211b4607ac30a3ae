"""ETags for versioned resources: `"v<version>"`; edits must send `If-Match` with the one they read."""
from __future__ import annotations

import re

from flask import request

from rapport_shared.errors import AppError, PreconditionFailed
from rapport_shared.if_match import IfMatch


class PreconditionRequired(AppError):
    status = 428
    slug = "if-match-required"


def etag(version: int) -> str:
    return f'"v{version}"'


def etag_headers(obj) -> dict[str, str]:
    return {"ETag": etag(obj.version)}


def expected_version() -> IfMatch:
    """The versions the client's If-Match names (RFC 9110: a list matches when any of its tags does; `*` matches
    whatever is current); 428 without one, 412 when it names none we issued. A weak tag (W/"v3") is taken as
    ours: a compressing proxy weakens the ETags it passes on, and the version it names is still exact."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired("send If-Match with the ETag you read, so concurrent edits are not lost")
    if header == "*":
        return None
    versions = frozenset(int(found) for found in re.findall(r'(?:^|,)\s*(?:W/)?"v(\d{1,9})"\s*(?=,|$)', header))
    if not versions:
        raise PreconditionFailed("If-Match does not name a current version of this resource")
    return versions

"""Idempotency-Key: a request a client may send twice (a retry, a double click) gets its first answer again.

Each service stores its answers its own way (booking seals them, billing keeps them per practice); what a key is,
how a request is known again, and the problems a bad or reused key gets are the same everywhere.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import Conflict, Invalid

HEADER = "Idempotency-Key"
MAX_LENGTH = 200
Reply = tuple[int, dict]  # (HTTP status, body)


@dataclass(frozen=True)
class IdempotentRequest:
    key: str
    digest: str  # of the request body: the same key sent with another body is refused

    def check_same(self, stored_digest: str) -> None:
        """The key was answered before: its answer is this request's only if the body is the same (else 422)."""
        if stored_digest != self.digest:
            raise Invalid("this Idempotency-Key was used with a different request", slug="idempotency-key-reused")


def idempotent_request(headers: Mapping[str, str], body: Any) -> IdempotentRequest | None:
    """The request's key and a digest of its JSON body; None when it sends no key."""
    key = headers.get(HEADER)
    if key is None:
        return None
    if not 1 <= len(key) <= MAX_LENGTH:
        raise Invalid(f"{HEADER} is 1 to {MAX_LENGTH} characters", slug="invalid-idempotency-key")
    return IdempotentRequest(key, hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest())


def twins_answer(earlier: Reply | None) -> Reply:
    """The answer a concurrent twin stored under the key first, which is this request's too (its own was undone)."""
    if earlier is None:
        raise Conflict("a concurrent request with this Idempotency-Key did not finish; try again",
                       slug="idempotency-conflict")
    return earlier

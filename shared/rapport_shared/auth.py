"""Bearer JWTs: verified locally with the issuer's public key; role and practice guards."""
from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key
from flask import current_app, g, request

from .principal import ROLES, Principal
from .problems import abort

ALGORITHM = "ES256"  # the only one accepted: no "none", no HMAC-with-the-public-key confusion
TOKEN_TYPE = "at+jwt"  # RFC 9068: explicit typing, so an id token or another JWT cannot pass
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")


class InvalidToken(Exception):
    """The token cannot be trusted; the reason is logged, never told to the caller in detail."""


class TokenVerifier:
    def __init__(self, public_keys: dict[str, Any], issuer: str, audience: str, leeway: int = 30):
        self.public_keys = public_keys  # kid -> key; several during a key rotation
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway

    @classmethod
    def from_pem_file(cls, path: Path, issuer: str, audience: str) -> "TokenVerifier":
        key = jwt.algorithms.ECAlgorithm.from_jwk(jwk_from_pem(path.read_bytes()))
        return cls({key_id(path.read_bytes()): key}, issuer, audience)

    def verify(self, token: str) -> Principal:
        if not is_compact_jws(token):
            raise InvalidToken("not a compact JWS of three canonical base64url parts")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken(f"malformed: {exc}") from exc
        if header.get("alg") != ALGORITHM or header.get("typ") != TOKEN_TYPE:
            raise InvalidToken("unexpected alg or typ")
        key = self.public_keys.get(header.get("kid", ""))
        if key is None:
            raise InvalidToken("unknown key id")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        if claims.get("role") not in ROLES:
            raise InvalidToken("unknown role")
        return Principal(
            subject=str(claims["sub"]),
            role=claims["role"],
            practice_id=claims.get("practice_id"),
            therapist_id=claims.get("therapist_id"),
        )


def is_compact_jws(token: str) -> bool:
    """RFC 7515's compact form, each part canonical base64url. The decoder forgives padding and the spare low
    bits of a last character, so without this one signature would have many spellings: `…sig==` or a last
    letter changed within those bits would still verify, and a tampered token must not."""
    parts = token.split(".")
    if len(parts) != 3 or not all(_BASE64URL.fullmatch(part) for part in parts):
        return False
    try:
        return all(_b64url(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))) == part for part in parts)
    except ValueError:  # a length no base64 can have (4n + 1)
        return False


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwk_from_pem(pem: bytes) -> str:
    """The public JWK (JSON) of a PEM key, private or public."""
    try:
        key = load_pem_private_key(pem, password=None).public_key()
    except (ValueError, TypeError):
        key = load_pem_public_key(pem)
    return jwt.algorithms.ECAlgorithm.to_jwk(cast(Any, key))


def key_id(pem: bytes) -> str:
    """RFC 7638 thumbprint of the public key: the same kid wherever the key is loaded."""
    jwk = json.loads(jwk_from_pem(pem))
    canonical = json.dumps({k: jwk[k] for k in ("crv", "kty", "x", "y")}, separators=(",", ":"), sort_keys=True)
    return _b64url(hashlib.sha256(canonical.encode()).digest())


def current_principal() -> Principal | None:
    """The caller, if a valid bearer token came with the request (None when there is none)."""
    if "_principal" in g:
        return g._principal
    header = request.headers.get("Authorization", "")
    principal = None
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            abort(401, "Use an Authorization: Bearer <token> header.", slug="unauthenticated")
        verifier: TokenVerifier = current_app.extensions["rapport.auth"]
        try:
            principal = verifier.verify(token.strip())
        except InvalidToken as exc:
            current_app.logger.info("token rejected: %s", exc)
            abort(401, "The access token is invalid or expired.", slug="invalid-token",
                  headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    g._principal = principal
    return principal


def require(*roles: str) -> Callable:
    """Decorator: a valid token is required, and its role must be one of `roles` (if given)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            principal = current_principal()
            if principal is None:
                abort(401, "This endpoint needs an access token.", slug="unauthenticated")
            if roles and principal.role not in roles:
                abort(403, "Your role may not do this.", slug="forbidden")
            return view(*args, **kwargs)

        return wrapper

    return decorator


def authenticated() -> Principal:
    """The caller's principal inside a view decorated with `require`."""
    principal = current_principal()
    assert principal is not None, "use @require(...) on this view"
    return principal

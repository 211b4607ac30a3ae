"""Signing access tokens (ES256) and publishing the public key as a JWKS."""
from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from rapport_shared.auth import ALGORITHM, TOKEN_TYPE, jwk_from_pem, key_id


def generate_key_pair(private_path: Path, public_path: Path) -> bool:
    """Create an ES256 key pair unless one exists; returns True when keys were created."""
    if private_path.exists() and public_path.exists():
        return False
    private_path.parent.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    private_path.touch(mode=0o600)
    private_path.write_bytes(private_pem)
    public_path.write_bytes(public_pem)
    return True


class TokenIssuer:
    def __init__(self, private_pem: bytes, issuer: str, audience: str, ttl_seconds: int):
        self._private_pem = private_pem
        self.kid = key_id(private_pem)
        self.issuer = issuer
        self.audience = audience
        self.ttl_seconds = ttl_seconds

    def issue(self, claims: dict, now: dt.datetime) -> str:
        payload = {
            **claims,
            "iss": self.issuer,
            "aud": self.audience,
            "iat": int(now.timestamp()),
            "exp": int(now.timestamp()) + self.ttl_seconds,
            "jti": str(uuid.uuid4()),
        }
        return jwt.encode(payload, self._private_pem, algorithm=ALGORITHM, headers={"kid": self.kid, "typ": TOKEN_TYPE})

    def jwks(self) -> dict:
        jwk = json.loads(jwk_from_pem(self._private_pem))
        return {"keys": [{**jwk, "kid": self.kid, "use": "sig", "alg": ALGORITHM}]}

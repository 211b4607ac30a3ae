"""Signing in, and tokens that must be refused."""
from __future__ import annotations

import base64
import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from support.profiles import PASSWORD, bearer, private_key_pem, sign

NEW_THERAPIST = {"first_name": "Rowan", "last_name": "Vale"}


def test_token_for_good_credentials_is_verifiable_with_the_jwks(client, practice_a):
    response = client.post("/v1/auth/token", json={"email": practice_a.staff_email.upper(), "password": PASSWORD})
    assert response.status_code == 200
    body = response.get_json()
    assert body["token_type"] == "Bearer" and body["expires_in"] > 0
    jwks = client.get("/v1/auth/jwks.json").get_json()
    header = jwt.get_unverified_header(body["access_token"])
    key = jwt.PyJWK(next(k for k in jwks["keys"] if k["kid"] == header["kid"]))
    claims = jwt.decode(body["access_token"], key.key, algorithms=["ES256"], audience="rapport-api")
    assert claims["role"] == "staff" and claims["practice_id"] == practice_a.id
    assert "email" not in claims and "password_hash" not in claims


@pytest.mark.parametrize("email,password", [("nobody@test.example", PASSWORD), (None, "wrong password!")])
def test_bad_credentials_get_the_same_401(client, practice_a, email, password):
    response = client.post("/v1/auth/token", json={"email": email or practice_a.staff_email, "password": password})
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"
    assert response.get_json()["detail"] == "email or password is wrong"


def _forged_tokens(practice_id: str) -> dict[str, str]:
    claims = {"sub": "someone", "role": "staff", "practice_id": practice_id}
    other_key = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    good = sign(claims)
    head, payload, signature = good.split(".")
    tampered_payload = json.loads(base64.urlsafe_b64decode(payload + "=="))
    tampered_payload["role"] = "admin"
    tampered = ".".join([head, base64.urlsafe_b64encode(json.dumps(tampered_payload).encode()).rstrip(b"=").decode(),
                         signature])
    public_pem = serialization.load_pem_private_key(private_key_pem(), None).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return {
        "expired": sign(claims, lifetime=-3600),
        "wrong audience": sign({**claims, "aud": "someone-else"}),
        "wrong issuer": sign({**claims, "iss": "evil"}),
        "alg none": jwt.encode({**claims, "iss": "rapport", "aud": "rapport-api", "exp": 4102444800, "iat": 0},
                               None, algorithm="none", headers={"typ": "at+jwt"}),
        "tampered": tampered,
        "signed by another key": sign(claims, key=other_key),
        "hmac with the public key": _hmac_token(claims, public_pem),
        "no typ": sign(claims, headers={"typ": "JWT"}),
        "unknown role": sign({**claims, "role": "superuser"}),
        "not a jwt": "abc.def",
    }


def _hmac_token(claims: dict, secret: bytes) -> str:
    # PyJWT refuses to use a PEM as an HMAC secret, so build the classic confusion token by hand.
    import hashlib
    import hmac
    import time

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = b64(json.dumps({"alg": "HS256", "typ": "at+jwt"}).encode())
    body = b64(json.dumps({**claims, "iss": "rapport", "aud": "rapport-api", "exp": int(time.time()) + 600,
                           "iat": int(time.time())}).encode())
    signature = b64(hmac.new(secret, f"{header}.{body}".encode(), hashlib.sha256).digest())
    return f"{header}.{body}.{signature}"


def test_forged_and_expired_tokens_are_refused(client, practice_a):
    for name, token in _forged_tokens(practice_a.id).items():
        response = client.post("/v1/therapists", headers=bearer(token), json=NEW_THERAPIST)
        assert response.status_code == 401, name
        assert response.content_type == "application/problem+json", name
        assert response.headers["WWW-Authenticate"].startswith("Bearer"), name


def test_a_correctly_signed_token_is_accepted(client, practice_a):
    token = sign({"sub": "someone", "role": "staff", "practice_id": practice_a.id})
    assert client.post("/v1/therapists", headers=bearer(token), json=NEW_THERAPIST).status_code == 201


def _respellings(token: str) -> dict[str, str]:
    """The same signed bytes written otherwise: a lenient decoder reads each as the valid token."""
    head, payload, signature = token.split(".")
    # ES256's 64-byte signature is 86 characters whose last carries 4 spare bits: flipping one changes no byte.
    spare = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = spare.index(signature[-1])
    return {"padded": f"{token}==", "padded payload": f"{head}.{payload}=.{signature}",
            "spare bits": f"{head}.{payload}.{signature[:-1]}{spare[last ^ 1]}",
            "standard alphabet": f"{head}.{payload}.{signature.replace('-', '+').replace('_', '/')}",
            "four parts": f"{token}.{payload}", "inner space": f"{head}.{payload} .{signature}"}


def test_another_spelling_of_a_valid_signature_is_refused(client, practice_a):
    token = sign({"sub": "someone", "role": "staff", "practice_id": practice_a.id})
    spellings = _respellings(token)
    assert len({base64.urlsafe_b64decode(s.split(".")[2].rstrip("=") + "==") for s in
                (token, spellings["spare bits"])}) == 1  # truly the same signature bytes
    for name, respelled in spellings.items():
        if name == "standard alphabet" and respelled == token:
            continue
        response = client.post("/v1/therapists", headers=bearer(respelled), json=NEW_THERAPIST)
        assert response.status_code == 401, name
        assert response.content_type == "application/problem+json", name


def test_missing_or_malformed_authorization_is_401(client):
    assert client.post("/v1/therapists", json=NEW_THERAPIST).status_code == 401
    response = client.post("/v1/therapists", headers={"Authorization": "Basic abc"}, json=NEW_THERAPIST)
    assert response.status_code == 401

"""Signing in: email and password in, a short-lived access token out."""
from __future__ import annotations

from rapport_shared.db import utcnow
from rapport_shared.errors import AppError

from ..adapters.passwords import verify_password
from ..adapters.tokens import TokenIssuer
from ..domain.accounts import normalise_email
from .unit_of_work import UnitOfWork


class BadCredentials(AppError):
    status = 401
    slug = "bad-credentials"


def issue_token(uow: UnitOfWork, issuer: TokenIssuer, email: str, password: str) -> dict:
    account = uow.accounts.by_email(normalise_email(email))
    # Same answer and the same hashing work whether the email is unknown or the password wrong.
    if not verify_password(account.password_hash if account else None, password) or account is None:
        raise BadCredentials("email or password is wrong")
    return {
        "access_token": issuer.issue(account.claims(), utcnow()),
        "token_type": "Bearer",
        "expires_in": issuer.ttl_seconds,
    }

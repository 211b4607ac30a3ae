"""Accounts of the people who sign in: admins, practice staff, therapists."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapport_shared.errors import Forbidden, Invalid

MEMBER_ROLES = ("staff", "therapist")
MIN_PASSWORD_LENGTH = 12


@dataclass
class Account:
    id: str
    email: str
    password_hash: str
    role: str
    practice_id: str | None
    therapist_id: str | None
    created_at: dt.datetime

    def claims(self) -> dict:
        """What a token says about its holder (never the password hash or email)."""
        claims = {"sub": self.id, "role": self.role}
        if self.practice_id:
            claims["practice_id"] = self.practice_id
        if self.therapist_id:
            claims["therapist_id"] = self.therapist_id
        return claims


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_new_member(role: str, password: str, therapist_id: str | None, therapist_practice_id: str | None,
                     practice_id: str) -> None:
    """Rules for adding a staff or therapist account to a practice."""
    if role not in MEMBER_ROLES:
        raise Invalid(f"role must be one of {', '.join(MEMBER_ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(f"password must be at least {MIN_PASSWORD_LENGTH} characters",
                      errors=[{"in": "json", "field": "password", "message": "too short"}])
    if role == "therapist":
        if therapist_id is None:
            raise Invalid("a therapist account needs therapist_id",
                          errors=[{"in": "json", "field": "therapist_id", "message": "required for role therapist"}])
        if therapist_practice_id != practice_id:
            raise Forbidden("that therapist is not in this practice")
    elif therapist_id is not None:
        raise Invalid("only therapist accounts carry a therapist_id")

"""Licenses to practise: what a therapist may be listed for, and when they must be delisted."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapport_shared.errors import Conflict, Forbidden, Invalid

from .taxonomy import LICENSE_TYPES, US_STATES

ACTIVE, EXPIRED, REVOKED = "active", "expired", "revoked"


@dataclass
class License:
    id: str
    therapist_id: str
    type: str
    number: str
    state: str
    expires_on: dt.date
    created_at: dt.datetime
    status: str = ACTIVE
    verified_at: dt.datetime | None = None
    verified_by: str | None = None

    @property
    def verified(self) -> bool:
        return self.verified_at is not None

    def is_valid_on(self, day: dt.date) -> bool:
        """Counts for listing: verified, not revoked, and not past its expiry date."""
        return self.verified and self.status == ACTIVE and self.expires_on >= day

    def describe(self) -> str:
        return f"{self.type.upper()} {self.state} {self.number}"


def check_new_license(fields: dict, today: dt.date) -> None:
    """Rules for recording a license (verification comes later, by staff)."""
    errors = []
    if fields["type"] not in LICENSE_TYPES:
        errors.append({"in": "json", "field": "type", "message": f"unknown license type {fields['type']!r}"})
    if fields["state"] not in US_STATES:
        errors.append({"in": "json", "field": "state", "message": f"unknown state {fields['state']!r}"})
    if fields["expires_on"] < today:
        errors.append({"in": "json", "field": "expires_on", "message": "already expired"})
    if errors:
        raise Invalid("the license has invalid fields", slug="invalid-license", errors=errors)


def verify(license_: License, verifier_role: str, verifier_subject: str, verifier_therapist_id: str | None,
           now: dt.datetime) -> None:
    """Staff or an administrator confirm the license against the state board; never its holder."""
    if verifier_role == "therapist" or verifier_therapist_id == license_.therapist_id:
        raise Forbidden("a therapist cannot verify a license", slug="self-verification")
    if license_.verified:
        raise Conflict("the license is already verified", slug="already-verified")
    if license_.expires_on < now.date():
        raise Conflict("an expired license cannot be verified", slug="license-expired")
    license_.verified_at, license_.verified_by = now, verifier_subject


def valid_licenses(licenses: list[License], day: dt.date) -> list[License]:
    return [lic for lic in licenses if lic.is_valid_on(day)]


def expired_reason(expired: list[License]) -> str:
    """Why a therapist was delisted, in words staff can act on."""
    listed = ", ".join(f"{lic.describe()} (expired {lic.expires_on.isoformat()})" for lic in expired)
    return f"license expired: {listed}; no verified, unexpired license remains"

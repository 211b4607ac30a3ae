"""Who is calling: plain data, so service layers can check access without importing Flask."""
from __future__ import annotations

from dataclasses import dataclass

ROLES = ("admin", "staff", "therapist")


@dataclass(frozen=True)
class Principal:
    subject: str
    role: str
    practice_id: str | None = None
    therapist_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def in_practice(self, practice_id: str | None) -> bool:
        """Admins see every practice; staff and therapists only their own."""
        return self.is_admin or (practice_id is not None and practice_id == self.practice_id)

    def is_therapist(self, therapist_id: str | None) -> bool:
        return self.role == "therapist" and therapist_id is not None and therapist_id == self.therapist_id

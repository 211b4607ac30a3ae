"""People seeking therapy: contact details and consent (booking owns them), plus what claims need."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class Client:
    id: str
    practice_id: str
    first_name: str
    last_name: str
    created_at: dt.datetime
    updated_at: dt.datetime
    email: str | None = None
    phone: str | None = None
    timezone: str | None = None
    date_of_birth: dt.date | None = None
    sex: str | None = None
    address: dict | None = None
    consent_email: bool = False
    consent_sms: bool = False
    consent_voicemail: bool = False
    version: int = 1
    registered_at: dt.datetime | None = None  # None: a screening-call prospect, known to booking only

    @property
    def is_registered(self) -> bool:
        return self.registered_at is not None

    def register(self, now: dt.datetime) -> bool:
        """Become the practice's client (staff registered them, or a first session was booked);
        True the first time only."""
        if self.registered_at is not None:
            return False
        self.registered_at = now
        self.updated_at = now
        self.version += 1
        return True


def split_name(name: str) -> tuple[str, str]:
    """'Ada Mae Lovelace' -> ('Ada Mae', 'Lovelace'); a single word is a first name."""
    parts = name.split()
    if len(parts) < 2:
        return (parts[0] if parts else name.strip(), "")
    return " ".join(parts[:-1]), parts[-1]

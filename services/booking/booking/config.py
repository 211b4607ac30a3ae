"""Booking's settings: the shared ones, its own `BOOKING_*` variables, and where mail goes."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rapport_shared.config import Settings

DEFAULT_FROM = "Appointments <appointments@rapport.example>"  # neutral: no practice or specialty


@dataclass(frozen=True)
class BookingSettings(Settings):
    SERVICE: ClassVar[str] = "booking"

    phi_key: str | None = None  # BOOKING_PHI_KEY; else a key file under var/keys
    phi_key_file: Path = Path("var/keys/booking-phi.key")
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    reminder_from: str = DEFAULT_FROM
    reminder_poll_seconds: float = 5.0
    summary_refresh_seconds: float = 300.0
    mail_dir: Path = Path("var/mail")

    @classmethod
    def own_from_env(cls, environ: Mapping[str, str], var: Path) -> dict[str, Any]:
        return {
            "phi_key": environ.get("BOOKING_PHI_KEY") or None,
            "phi_key_file": var / "keys" / "booking-phi.key",
            "smtp_host": environ.get("SMTP_HOST") or "127.0.0.1",
            # The local mail sink of `make run` listens on MAILSINK_PORT.
            "smtp_port": int(environ.get("SMTP_PORT") or environ.get("MAILSINK_PORT") or 8025),
            "reminder_from": environ.get("BOOKING_REMINDER_FROM") or DEFAULT_FROM,
            "reminder_poll_seconds": float(environ.get("BOOKING_REMINDER_POLL_SECONDS") or 5),
            "summary_refresh_seconds": float(environ.get("BOOKING_SUMMARY_REFRESH_SECONDS") or 300),
            "mail_dir": var / "mail",
        }

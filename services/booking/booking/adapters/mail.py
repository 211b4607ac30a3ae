"""Sending reminders: email over SMTP; SMS and voicemail have no provider here yet."""
from __future__ import annotations

import os
import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

from ..domain.reminders import NotConfigured

DEFAULT_FROM = "Appointments <appointments@rapport.example>"  # neutral: no practice or specialty


def smtp_settings() -> tuple[str, int, str]:
    """SMTP_HOST / SMTP_PORT (default: the local mail sink of `make run`), BOOKING_REMINDER_FROM."""
    port = os.environ.get("SMTP_PORT") or os.environ.get("MAILSINK_PORT") or "8025"
    return os.environ.get("SMTP_HOST", "127.0.0.1"), int(port), os.environ.get("BOOKING_REMINDER_FROM", DEFAULT_FROM)


class SmtpSender:
    def __init__(self, host: str, port: int, sender: str, timeout: float = 10.0):
        self.host, self.port, self.sender, self.timeout = host, port, sender, timeout

    def __call__(self, address: str, subject: str, body: str, channel: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, address, subject
        message["Message-ID"] = make_msgid(domain="rapport.example")
        message.set_content(body)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            smtp.send_message(message)


def not_configured(address: str, subject: str, body: str, channel: str) -> None:
    raise NotConfigured(f"no {channel} provider configured")


def default_senders() -> dict:
    host, port, sender = smtp_settings()
    return {"email": SmtpSender(host, port, sender), "sms": not_configured, "voicemail": not_configured}

"""Sending reminders: email over SMTP; SMS and voicemail have no provider here yet."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

from ..config import BookingSettings
from ..domain.reminders import NotConfigured


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


def default_senders(settings: BookingSettings) -> dict:
    host, port, sender = settings.smtp_host, settings.smtp_port, settings.reminder_from
    return {"email": SmtpSender(host, port, sender), "sms": not_configured, "voicemail": not_configured}

"""Sending reminders, on fakes: a failed send is retried after 1, 2, 4 ... minutes, then given up."""
from __future__ import annotations

import datetime as dt

from unit.booking.fakes import NOW, SLOT, booking_fields, present

from booking.domain.reminders import MAX_ATTEMPTS
from booking.service_layer import consultations, reminders


def sender(outcomes: list):
    def send(address, subject, body, channel):
        outcomes.append(address)
        raise ConnectionError("mail relay down")
    return send


def test_a_failing_send_backs_off_then_fails_for_good(uow, sealer):
    consultations.book(uow, booking_fields(), sealer, present, now=NOW)
    tried: list[str] = []
    when = SLOT - dt.timedelta(hours=24)
    delays = []
    for _ in range(MAX_ATTEMPTS):
        claimed = reminders.claim_due(uow, when, 1)
        assert len(claimed) == 1
        reminders.deliver(uow, claimed[0], {"email": sender(tried)}, when)
        reminder = uow.reminders.rows[claimed[0].id]
        if reminder.status == "scheduled":
            delays.append((reminder.next_attempt_at - when).total_seconds() / 60)
            when = reminder.next_attempt_at
    assert delays == [1, 2, 4, 8] and reminder.status == "failed" and reminder.attempts == MAX_ATTEMPTS
    assert tried == ["jordan@example.com"] * MAX_ATTEMPTS


def test_a_cancelled_call_gets_no_reminder(uow, sealer):
    _, body = consultations.book(uow, booking_fields(), sealer, present, now=NOW)
    claimed = reminders.claim_due(uow, SLOT - dt.timedelta(hours=24), 5)
    consultation = uow.consultations.get(body["id"])
    consultation.status = "cancelled"
    uow.consultations.save(consultation, consultation.version)
    reminders.deliver(uow, claimed[0], {}, SLOT)
    assert uow.reminders.rows[claimed[0].id].status == "cancelled"

"""Reminders: consented channels only, the attendee's own zone, discreet, retried, dead-lettered, none when cancelled."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from support.booking import booking_body, free_slots, staff

from booking.adapters.mail import SmtpSender, not_configured
from booking.mailsink import MailSink
from booking.service_layer import reminders


@pytest.fixture
def sink():
    mail = MailSink().start()
    yield mail
    mail.stop()


def senders(sink: MailSink) -> dict:
    return {"email": SmtpSender("127.0.0.1", sink.port, "Appointments <appointments@rapport.example>"),
            "sms": not_configured, "voicemail": not_configured}


def run_due(app, sink, at: dt.datetime) -> int:
    return reminders.send_due(app.extensions["rapport.db"], app.extensions["rapport.exchange"], senders(sink),
                              now=lambda: at)


def book_couple(client, practice, start):
    body = booking_body(practice.therapist_id, start, consent={"email": True, "sms": True}, participants=[
        {"name": "Sam Ash", "email": "sam@example.com", "timezone": "Europe/Berlin", "consent": {"email": True}},
        {"name": "Kit Ash", "email": "kit@example.com", "timezone": "Europe/Berlin", "consent": {"email": False}}])
    response = client.post("/v1/consultations", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def detail(client, practice, booked):
    return client.get(f"/v1/consultations/{booked['id']}", headers=practice.staff).get_json()


def test_reminders_go_to_consented_channels_in_each_attendees_zone_and_say_nothing_clinical(app, client, practice,
                                                                                          sink):
    start = free_slots(client, practice.therapist_id, days_ahead=3)[0]
    booked = book_couple(client, practice, start)
    scheduled = detail(client, practice, booked)["reminders"]
    # Jordan: email + sms, Sam: email, Kit: nothing consented; each at 24 h and 1 h before.
    assert sorted((r["channel"], r["lead"]) for r in scheduled) == sorted(
        [("email", "24h"), ("email", "1h"), ("sms", "24h"), ("sms", "1h"), ("email", "24h"), ("email", "1h")])

    call = dt.datetime.fromisoformat(start)
    assert run_due(app, sink, call - dt.timedelta(hours=25)) == 0  # nothing due yet
    assert run_due(app, sink, call - dt.timedelta(hours=23)) == 3
    by_recipient = {m["To"]: m for m in sink.messages}
    assert set(by_recipient) == {"jordan@example.com", "sam@example.com"}
    jordan = by_recipient["jordan@example.com"].get_content()
    sam = by_recipient["sam@example.com"].get_content()
    assert "America/Los_Angeles" in jordan and "Europe/Berlin" in sam
    assert call.astimezone(ZoneInfo("America/Los_Angeles")).strftime("%H:%M") in jordan
    assert call.astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M") in sam
    for message in sink.messages:
        text = (message["Subject"] + message.get_content() + message["From"]).lower()
        assert "arguing" not in text and "therap" not in text and "vale" not in text
        assert message["From"] == "Appointments <appointments@rapport.example>"

    statuses = {(r["channel"], r["lead"], r["status"]) for r in detail(client, practice, booked)["reminders"]}
    assert ("email", "24h", "sent") in statuses and ("sms", "24h", "not_configured") in statuses
    assert ("email", "1h", "scheduled") in statuses
    listed = client.get(f"/v1/reminders?consultation_id={booked['id']}", headers=practice.therapist).get_json()
    assert len(listed["items"]) == 6


def test_failed_sends_are_retried_with_backoff_then_dead_and_visible(app, client, practice, sink):
    start = free_slots(client, practice.therapist_id, days_ahead=3)[0]
    booked = client.post("/v1/consultations", json=booking_body(practice.therapist_id, start)).get_json()
    call = dt.datetime.fromisoformat(start)
    sink.fail_next = 1
    at = call - dt.timedelta(hours=23)
    assert run_due(app, sink, at) == 1
    email = [r for r in detail(client, practice, booked)["reminders"] if r["lead"] == "24h"][0]
    assert email["status"] == "scheduled" and email["attempts"] == 1 and "451" in email["last_error"]
    assert run_due(app, sink, at) == 0  # backing off
    assert run_due(app, sink, at + dt.timedelta(minutes=2)) == 1
    assert [m["To"] for m in sink.messages] == ["jordan@example.com"]

    sink.fail_next = 100
    later = call - dt.timedelta(minutes=59)
    for minute in range(0, 200, 1):
        run_due(app, sink, later + dt.timedelta(minutes=minute))
    last = [r for r in detail(client, practice, booked)["reminders"] if r["lead"] == "1h"][0]
    assert last["status"] == "failed" and last["attempts"] == 5


def test_the_local_sink_keeps_each_mail_as_an_eml_file_a_person_can_read(tmp_path):
    sink = MailSink(directory=tmp_path / "mail").start()
    try:
        SmtpSender("127.0.0.1", sink.port, "Appointments <appointments@rapport.example>")(
            "jordan@example.com", "Reminder: your appointment", "Hello Jordan,\n", "email")
    finally:
        sink.stop()
    [eml] = list((tmp_path / "mail").glob("*.eml"))
    text = eml.read_text()
    assert "To: jordan@example.com" in text and "Hello Jordan," in text


def test_no_reminder_for_a_cancelled_call(app, client, practice, sink):
    start = free_slots(client, practice.therapist_id, days_ahead=3)[0]
    booked = client.post("/v1/consultations", json=booking_body(practice.therapist_id, start)).get_json()
    client.post(f"/v1/consultations/{booked['id']}/cancel", headers={"X-Manage-Token": booked["manage_token"]},
                json={})
    assert run_due(app, sink, dt.datetime.fromisoformat(start) - dt.timedelta(minutes=30)) == 0
    assert sink.messages == []
    assert {r["status"] for r in detail(client, practice, booked)["reminders"]} == {"cancelled"}
    assert client.get(f"/v1/reminders?consultation_id={booked['id']}", headers=staff("other")).status_code == 404


def test_two_workers_never_send_the_same_reminder(app, client, practice, sink):
    import threading

    for start in free_slots(client, practice.therapist_id, days_ahead=3)[:4]:
        client.post("/v1/consultations", json=booking_body(practice.therapist_id, start))
    at = dt.datetime.fromisoformat(free_slots(client, practice.therapist_id, days_ahead=3)[0]) + dt.timedelta(days=1)
    threads = [threading.Thread(target=run_due, args=(app, sink, at)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    run_due(app, sink, at)
    assert len(sink.messages) == 8  # 4 calls x (24 h + 1 h), each once


def test_the_mailsink_command_of_make_run_writes_mails_under_var(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = Path(sys.executable).parent / "rapport-booking"
    process = subprocess.Popen([str(command), "mailsink", "--port", str(port)],
                               env={**os.environ, "RAPPORT_VAR_DIR": str(tmp_path)}, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                SmtpSender("127.0.0.1", port, "Appointments <appointments@rapport.example>")(
                    "kit@example.com", "Reminder", "Hello Kit,\n", "email")
                break
            except OSError:
                assert time.monotonic() < deadline, "the mail sink never started"
                time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(10)
    assert "Hello Kit," in next((tmp_path / "mail").glob("*.eml")).read_text()

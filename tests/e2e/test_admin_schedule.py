"""rapport-admin's schedule and appointment commands against the running system."""
from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
import yaml
from support.admin_cli import login
from support.http import DEMO_STAFF, Gateway

pytestmark = pytest.mark.e2e

AVAILABILITY = {
    "timezone": "America/Chicago",
    "weekly": [{"weekday": day, "start": "08:00", "end": "18:00"} for day in range(7)],
    "settings": {"duration_min": 15, "buffer_min": 0, "min_notice_min": 60, "horizon_days": 30,
                 "formats": ["video", "phone"], "booking_mode": "request"},
}


def published_therapist(admin_cli) -> str:
    created = json.loads(admin_cli("--json", "therapists", "create", "--first-name", "Ilse",
                                   "--last-name", f"Varga-{uuid.uuid4().hex[:6]}", "--credentials", "LMFT").output)
    expires = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    license_ = json.loads(admin_cli("--json", "therapists", "add-license", created["id"], "--type", "lmft",
                                    "--number", "LMFT-7741", "--state", "IL", "--expires-on", expires).output)
    assert admin_cli("therapists", "verify-license", created["id"], license_["id"]).exit_code == 0
    assert admin_cli("therapists", "publish", created["id"]).exit_code == 0
    return created["id"]


def book(gw: Gateway, therapist_id: str, start: str) -> str:
    response = gw.post("/v1/consultations", json={
        "therapist_id": therapist_id, "start": start, "format": "video",
        "client": {"name": "Robin Ashdown", "email": "robin@example.com", "phone": "+13125550142",
                   "timezone": "America/Chicago"},
        "concerns": "private words", "consent": {"email": True}})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_availability_calls_and_appointments_from_the_command_line(admin_cli, system, tmp_path):
    login(admin_cli)
    gw = Gateway(system.url)
    staff = gw.login(*DEMO_STAFF)
    therapist_id = published_therapist(admin_cli)
    gw.eventually(f"/v1/therapists/{therapist_id}/availability", staff)  # booking heard of the therapist

    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({**AVAILABILITY, "settings": {"booking_mode": "sometimes"}}))
    refused = admin_cli("schedule", "set-availability", therapist_id, str(bad))
    assert refused.exit_code == 1 and "422" in refused.output and "booking_mode" in refused.output

    good = tmp_path / "availability.yaml"
    good.write_text(yaml.safe_dump(AVAILABILITY))
    assert admin_cli("schedule", "set-availability", therapist_id, str(good)).exit_code == 0
    shown = json.loads(admin_cli("--json", "schedule", "show-availability", therapist_id).output)
    assert shown["configured"] is True and shown["settings"]["booking_mode"] == "request"

    day = dt.date.today() + dt.timedelta(days=2)
    slots = gw.get(f"/v1/therapists/{therapist_id}/slots?from={day}&to={day}&tz=America/Chicago").json()["slots"]
    first, second = book(gw, therapist_id, slots[0]["start"]), book(gw, therapist_id, slots[4]["start"])

    listed = admin_cli("--json", "schedule", "calls", "--therapist-id", therapist_id, "--from", day.isoformat(),
                       "--to", (day + dt.timedelta(days=1)).isoformat())
    assert listed.exit_code == 0, listed.output
    calls = json.loads(listed.output)
    assert {c["id"]: c["status"] for c in calls} == {first: "requested", second: "requested"}
    assert "Robin" not in listed.output and "private words" not in listed.output  # no PHI unasked

    assert json.loads(admin_cli("--json", "schedule", "confirm", first).output)["status"] == "confirmed"
    declined = json.loads(admin_cli("--json", "schedule", "decline", second, "--reason", "fully booked").output)
    assert declined["status"] == "declined"
    early = admin_cli("schedule", "complete", first)
    assert early.exit_code == 1 and "409" in early.output  # not held yet
    absent = admin_cli("schedule", "no-show", first)
    assert absent.exit_code == 1 and "409" in absent.output  # nor missed: it has not started

    client = gw.post("/v1/clients", staff, json={"first_name": "Robin", "last_name": "Ashdown"})
    assert client.status_code == 201, client.text
    yesterday = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    created = admin_cli("--json", "appointments", "create", "--therapist-id", therapist_id,
                        "--client-id", client.json()["id"], "--start", yesterday.isoformat(),
                        "--service-code", "90837", "--format", "video", "--duration", "60")
    assert created.exit_code == 0, created.output
    appointment = json.loads(created.output)
    done = json.loads(admin_cli("--json", "appointments", "complete", appointment["id"], "--minutes", "55").output)
    assert done["status"] == "completed"

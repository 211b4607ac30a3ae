"""The whole product, end to end, through the gateway of the running system.

Staff work with `rapport-admin`; the client's side is plain HTTP, as a web front end would call it.
The screening call is booked in a window that opens at the next 5-minute mark, and the test waits
for it to start, so it can really be held: nothing in the system is told to pretend about the time.
"""
from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from zoneinfo import ZoneInfo

import pytest
import yaml
from support.admin_cli import billing_knows_client, charges_of, claim_in_status, json_commands, login, poll
from support.http import DEMO_ADMIN, Gateway
from support.profiles import random_npi

pytestmark = pytest.mark.e2e

RLB02_PLAN_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://rapport.example/demo/plan/RLB02"))
# Lakeshore Benefit Plan (billing/data/insurers.json): 90837 allowed 135.00, a 30.00 copay, no
# deductible. The practice charges 190.00: the plan pays 105.00, 55.00 is written off (CO-45).
CHARGE, ALLOWED, COPAY = 19000, 13500, 3000
ZONES = ("America/Chicago", "America/New_York", "America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo")
LEAD = 60  # seconds, at least: enough for booking to hear of the therapist, then search, match and book
MARK = 300  # availability windows open on 5-minute marks


def call_window(lead: int = LEAD) -> tuple[str, dt.datetime]:
    """The next 5-minute mark at least `lead` seconds from now, in a zone where a 30-minute window from
    it stays on one local day. The call booked there really starts then, so the test waits for it."""
    now = int(time.time())
    start = dt.datetime.fromtimestamp((now + lead + MARK - 1) // MARK * MARK, dt.timezone.utc)
    for zone in ZONES:
        local = start.astimezone(ZoneInfo(zone))
        if (local + dt.timedelta(minutes=30)).date() == local.date():
            return zone, local
    raise AssertionError("no zone keeps the window on one day")  # cannot happen: the zones span 16 hours


def test_staff_and_client_journey_from_profile_to_superbill(admin_cli, system, tmp_path):
    gw = Gateway(system.url)

    admin = json_commands(admin_cli)

    # Staff sign in, create a therapist with a license, verify it and publish.
    login(admin_cli)
    surname = f"Lindqvist-{uuid.uuid4().hex[:6]}"
    therapist = admin("therapists", "create", "--first-name", "Saga", "--last-name", surname, "--credentials", "LMFT",
                      "--npi", random_npi(), "--taxonomy-code", "106H00000X", "--specialty", "couples-therapy",
                      "--population", "couples", "--modality", "gottman", "--format", "video", "--language", "en",
                      "--language", "ja", "--payer", "RLB02", "--teletherapy-state", "IL",
                      "--approach", "Couples learn to repair after conflict, with the Gottman method.")
    therapist_id = therapist["id"]
    assert therapist["status"] == "draft"
    expires = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    license_ = admin("therapists", "add-license", therapist_id, "--type", "lmft", "--number", "LMFT-55012",
                     "--state", "IL", "--expires-on", expires)
    assert admin("therapists", "verify-license", therapist_id, license_["id"])["verified"] is True
    assert admin("therapists", "publish", therapist_id)["status"] == "published"

    # Availability: one window today, opening shortly, in the therapist's own time zone.
    zone, opens = call_window()
    availability = tmp_path / "availability.yaml"
    availability.write_text(yaml.safe_dump({
        "timezone": zone, "weekly": [],
        "exceptions": [{"date": opens.date().isoformat(), "kind": "extra", "start": opens.strftime("%H:%M"),
                        "end": (opens + dt.timedelta(minutes=30)).strftime("%H:%M")}],
        "settings": {"duration_min": 15, "buffer_min": 0, "min_notice_min": 0, "horizon_days": 14,
                     "formats": ["video"], "booking_mode": "request"}}))
    poll(lambda: admin_cli("schedule", "set-availability", therapist_id, str(availability)),
         lambda result: result.exit_code == 0)  # booking hears of the published therapist by event

    # A client (no account) searches the directory and asks for a match.
    search = gw.get("/v1/therapists", params={"specialty": "couples-therapy", "population": "couples",
                                              "format": "video", "insurance": "RLB02", "language": "ja",
                                              "state": "IL", "limit": 50})
    assert search.status_code == 200, search.text
    assert therapist_id in [t["id"] for t in search.json()["items"]]
    matches = gw.post("/v1/matches", json={"concerns": "We keep having the same argument.",
                                           "specialties": ["couples-therapy"], "populations": ["couples"],
                                           "modalities": ["gottman"], "format": "video", "payer_id": "RLB02",
                                           "state": "IL", "language": "ja", "time_zone": zone, "limit": 10})
    assert matches.status_code == 200, matches.text
    match = next(m for m in matches.json()["matches"] if m["therapist_id"] == therapist_id)
    assert any("RLB02" in reason or "network" in reason for reason in match["reasons"]), match

    # They book a screening call for the two of them.
    slots = gw.get(f"/v1/therapists/{therapist_id}/slots",
                   params={"from": opens.date().isoformat(), "to": opens.date().isoformat(), "tz": zone})
    assert slots.status_code == 200, slots.text
    first = slots.json()["slots"][0]
    assert dt.datetime.fromisoformat(first["start"]) == opens
    booked = gw.post("/v1/consultations", headers={"Idempotency-Key": str(uuid.uuid4())}, json={
        "therapist_id": therapist_id, "start": first["start"], "format": "video",
        "client": {"name": "Noor Halvorsen", "email": "noor@example.com", "timezone": zone},
        "participants": [{"name": "Teo Halvorsen", "email": "teo@example.com", "timezone": zone,
                          "relationship": "partner"}],
        "concerns": "the same argument, every week", "consent": {"email": True}})
    assert booked.status_code == 201, booked.text
    call_id = booked.json()["id"]
    assert booked.json()["status"] == "requested"

    # The therapist's practice confirms it; once it has started, staff mark it held.
    around = [(opens.date() + dt.timedelta(days=d)).isoformat() for d in (-1, 2)]
    calls = admin_cli("--json", "schedule", "calls", "--therapist-id", therapist_id, "--from", around[0],
                      "--to", around[1])
    listed = json.loads(calls.output)
    assert [(c["id"], c["participant_count"]) for c in listed] == [(call_id, 2)]
    assert "Noor" not in calls.output and "every week" not in calls.output  # no PHI in lists
    assert admin("schedule", "confirm", call_id)["status"] == "confirmed"
    time.sleep(max(0.0, (opens - dt.datetime.now(dt.timezone.utc)).total_seconds()) + 1)
    assert admin("schedule", "complete", call_id)["status"] == "completed"

    # Staff register the client, their diagnosis and coverage, and check what a session will cost.
    client_id = admin("clients", "create", "--first-name", "Noor", "--last-name", "Halvorsen",
                      "--date-of-birth", "1990-03-14", "--sex", "F", "--email", "noor@example.com",
                      "--street", "2150 W Example St", "--city", "Chicago", "--state", "IL", "--zip", "60622")["id"]
    billing_knows_client(admin_cli, client_id)
    assert admin("coverage", "list", client_id) == []
    admin("clients", "diagnoses", client_id, "F43.23")
    coverage = admin("coverage", "add", client_id, "--plan-id", RLB02_PLAN_ID, "--member-id", "LBP-4410-22",
                     "--group-number", "G-7", "--from", f"{dt.date.today().year}-01-01")
    eligibility = admin("coverage", "check", coverage["id"])
    assert eligibility["result"]["active"] is True and eligibility["stale"] is False
    estimate = admin("coverage", "estimate", client_id, "--cpt", "90837", "--date", dt.date.today().isoformat())
    assert estimate["totals"]["patient_cents"] == COPAY

    # A 60-minute individual session by video, held two hours ago, is completed.
    start = opens - dt.timedelta(hours=2)  # on a 5-minute mark, as appointments are
    appointment = admin("appointments", "create", "--therapist-id", therapist_id, "--client-id", client_id,
                        "--start", start.isoformat(), "--service-code", "90837", "--format", "video",
                        "--duration", "60")
    assert admin("appointments", "complete", appointment["id"])["status"] == "completed"

    # Billing charges it once, scrubs the claim and sends it to the payer's own queue; the
    # reference insurer adjudicates and billing posts the payment and adjustments.
    charges = charges_of(admin, client_id)
    assert [(c["cpt"], c["modifiers"], c["pos"], c["charge_cents"]) for c in charges] == [
        ("90837", ["95"], "10", CHARGE)]
    claim = claim_in_status(admin, charges[0]["claim_id"], "paid", via=("scrubbed", "submitted", "accepted"))
    claim_id = claim["id"]
    assert claim["errors"] == [] and claim["submitted_at"]
    assert (claim["paid_cents"], claim["patient_responsibility_cents"]) == (ALLOWED - COPAY, COPAY)
    payments = admin("payments", "list", "--claim-id", claim_id)["items"]
    assert len(payments) == 1 and payments[0]["source"] == "insurer"
    assert payments[0]["amount_cents"] == ALLOWED - COPAY
    assert sorted((a["group"], a["reason"], a["amount_cents"]) for a in payments[0]["adjustments"]) == [
        ("CO", "45", CHARGE - ALLOWED), ("PR", "3", COPAY)]

    # The screening call was never charged, anywhere.
    practice_charges = admin("claims", "charges", "--limit", "100")["items"]
    assert call_id not in {c["appointment_id"] for c in practice_charges}

    # The client's balance and superbill show the share the plan leaves them.
    balance = admin("clients", "balance", client_id)
    assert balance["balance_cents"] == COPAY
    superbill = tmp_path / "superbill.json"
    admin("clients", "superbill", client_id, "--out", str(superbill))
    document = json.loads(superbill.read_text())
    assert document["total_patient_share_cents"] == COPAY
    assert document["total_insurance_paid_cents"] == ALLOWED - COPAY
    assert [(s["cpt"], s["patient_share_cents"]) for s in document["services"]] == [("90837", COPAY)]
    pdf = tmp_path / "superbill.pdf"
    admin("clients", "superbill", client_id, "--out", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")

    # They pay the copay at the front desk; nothing is owed.
    admin("payments", "record", client_id, "--amount", "30.00", "--method", "card")
    assert admin("clients", "balance", client_id)["balance_cents"] == 0

    # Nothing is stuck on the way: every outbox drains, announcements nobody subscribes to included.
    login(admin_cli, DEMO_ADMIN)
    poll(lambda: admin("ops", "outbox"), lambda backlog: not any(row["unsent"] for row in backlog))

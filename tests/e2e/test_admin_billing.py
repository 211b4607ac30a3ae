"""rapport-admin's client and billing commands against the running system (no mocks of the API)."""
from __future__ import annotations

import datetime as dt
import json
import os
import stat
import uuid

import pytest
from support.admin_cli import billing_knows_client, charges_of, claim_in_status, json_commands, login

pytestmark = pytest.mark.e2e

DEMO_THERAPIST_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://rapport.example/demo/therapist/maren-okafor"))
RPM01_PLAN_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://rapport.example/demo/plan/RPM01"))


@pytest.fixture
def admin(admin_cli):
    login(admin_cli)
    return json_commands(admin_cli)


def registered_client(admin, admin_cli, **options) -> str:
    address = {"street": "88 Example Ct", "city": "Evanston", "state": "IL", "zip": "60201"}
    args = [f"--{k.replace('_', '-')}={v}" for k, v in {**address, **options}.items()]
    client_id = admin("clients", "create", "--first-name", "Ada", "--last-name", "Quist", *args)["id"]
    billing_knows_client(admin_cli, client_id)
    return client_id


def completed_session(admin, client_id: str, cpt: str = "90834", minutes: int = 50) -> dict:
    start = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    appointment = admin("appointments", "create", "--therapist-id", DEMO_THERAPIST_ID, "--client-id", client_id,
                        "--start", start.isoformat(), "--service-code", cpt, "--format", "video",
                        "--duration", str(minutes))
    admin("appointments", "complete", appointment["id"])
    return charges_of(admin, client_id)[0]


def test_clients_are_listed_without_names_unless_asked(admin, admin_cli):
    client_id = registered_client(admin, admin_cli, email="ada@example.com", date_of_birth="1985-07-01", sex="F")
    listed = admin_cli("clients", "list", "--limit", "100")
    assert listed.exit_code == 0 and "Quist" not in listed.output and "ada@example.com" not in listed.output
    everyone = []
    cursor = None
    while True:  # walk every page: the client is on one of them
        page = admin("clients", "list", "--limit", "100", *(["--cursor", cursor] if cursor else []), "--names")
        everyone += page["items"]
        if not (cursor := page["next_cursor"]):
            break
    assert {"id": client_id, "first_name": "Ada", "last_name": "Quist"}.items() <= next(
        c for c in everyone if c["id"] == client_id).items()
    shown = admin("clients", "show", client_id)
    assert shown["email"] == "ada@example.com"  # asked for one client: their details are shown
    assert admin("clients", "diagnoses", client_id) == []
    assert [d["code"] for d in admin("clients", "diagnoses", client_id, "F41.1", "Z63.0")] == ["F41.1", "Z63.0"]
    unknown = admin_cli("clients", "show", str(uuid.uuid4()))
    assert unknown.exit_code == 1 and "404" in unknown.output


def test_coverage_eligibility_and_estimates(admin, admin_cli, tmp_path):
    plans = admin("coverage", "plans", "--payer", "RPM01")
    assert RPM01_PLAN_ID in {p["id"] for p in plans} and {p["payer_id"] for p in plans} == {"RPM01"}
    table = admin_cli("coverage", "plans")
    assert table.exit_code == 0 and "$500.00" in table.output  # RPM01's deductible, in dollars

    client_id = registered_client(admin, admin_cli, date_of_birth="1985-07-01", sex="F")
    bad = admin_cli("coverage", "add", client_id, "--plan-id", RPM01_PLAN_ID, "--member-id", "bad id!",
                    "--from", "2026-01-01")
    assert bad.exit_code == 1 and "422" in bad.output and "member_id" in bad.output
    coverage = admin("coverage", "add", client_id, "--plan-id", RPM01_PLAN_ID, "--member-id", "PMH5150",
                     "--from", "2026-01-01", "--deductible-met", "50000")
    assert [c["id"] for c in admin("coverage", "list", client_id)] == [coverage["id"]]
    checked = admin("coverage", "check", coverage["id"], "--date", dt.date.today().isoformat())
    assert checked["result"]["active"] is True and checked["result"]["deductible_remaining_cents"] == 0

    # Deductible met: 20% of the allowed 110.00.
    estimate = admin("coverage", "estimate", client_id, "--cpt", "90834", "--date", dt.date.today().isoformat())
    assert estimate["lines"][0]["patient_cents"] == 2200 and estimate["kind"] != "self_pay"
    gfe = tmp_path / "gfe.pdf"
    self_pay = admin("coverage", "estimate", client_id, "--cpt", "90834", "--cpt", "90791", "--self-pay",
                     "--date", dt.date.today().isoformat(), "--pdf", str(gfe))
    assert self_pay["totals"]["patient_cents"] == 12000 + 16000  # the demo practice's self-pay rates
    assert gfe.read_bytes().startswith(b"%PDF") and stat.S_IMODE(os.stat(gfe).st_mode) == 0o600
    shown = admin_cli("coverage", "estimate", client_id, "--cpt", "90834", "--date", dt.date.today().isoformat())
    assert shown.exit_code == 0 and "$22.00" in shown.output


def test_claims_by_status_with_errors_submit_correct_void_and_documents(admin, admin_cli, tmp_path):
    client_id = registered_client(admin, admin_cli, date_of_birth="1985-07-01", sex="F")
    admin("coverage", "add", client_id, "--plan-id", RPM01_PLAN_ID, "--member-id", "PMH6160", "--from", "2026-01-01")
    charge = completed_session(admin, client_id)
    claim = claim_in_status(admin, charge["claim_id"], "draft")  # no diagnosis: the scrubber stops it
    assert {e["code"] for e in claim["errors"]} == {"dx.missing", "dx.pointer"}  # no diagnosis to point at
    drafts = admin_cli("claims", "list", "--status", "draft", "--limit", "100")
    assert drafts.exit_code == 0 and charge["claim_id"] in drafts.output and "dx.missing" in drafts.output
    refused = admin_cli("claims", "submit", charge["claim_id"])
    assert refused.exit_code == 1 and "422" in refused.output and "diagnos" in refused.output

    admin("clients", "diagnoses", client_id, "F41.1")
    scrubbed = admin("claims", "scrub", charge["claim_id"])
    assert (scrubbed["status"], scrubbed["errors"]) == ("scrubbed", [])
    assert admin("claims", "submit", charge["claim_id"])["status"] == "submitted"
    paid = claim_in_status(admin, charge["claim_id"], "paid")
    assert paid["patient_responsibility_cents"] == 11000  # all to RPM01's deductible
    assert charge["claim_id"] in {c["id"] for c in admin("claims", "list", "--status", "paid", "--limit", "100")["items"]}

    x12 = tmp_path / "claim.x12"
    assert admin("claims", "x12", charge["claim_id"], "--out", str(x12))["bytes"] > 0
    assert x12.read_text().startswith("ISA*") and stat.S_IMODE(os.stat(x12).st_mode) == 0o600

    insurer = admin("payments", "list", "--claim-id", charge["claim_id"])["items"]
    assert [(p["source"], p["amount_cents"]) for p in insurer] == [("insurer", 0)]
    assert admin("clients", "balance", client_id)["balance_cents"] == 11000
    payment = admin("payments", "record", client_id, "--amount", "40.00", "--method", "check")
    assert payment["amount_cents"] == -4000
    wrong = admin_cli("payments", "record", client_id, "--amount", "forty", "--method", "check")
    assert wrong.exit_code != 0 and "forty" in wrong.output
    assert [p["amount_cents"] for p in admin("payments", "list", "--client-id", client_id, "--source", "client")[
        "items"]] == [4000]
    balance = admin_cli("clients", "balance", client_id)
    assert balance.exit_code == 0 and "$70.00" in balance.output

    statement = tmp_path / "statement.pdf"
    written = admin_cli("clients", "statement", client_id, "--out", str(statement))
    assert written.exit_code == 0 and "Quist" not in written.output
    assert statement.read_bytes().startswith(b"%PDF") and stat.S_IMODE(os.stat(statement).st_mode) == 0o600
    as_json = tmp_path / "statement.json"
    assert admin("clients", "statement", client_id, "--out", str(as_json))["balance_cents"] == 7000
    assert json.loads(as_json.read_text())["balance_cents"] == 7000

    replacement = admin("claims", "correct", charge["claim_id"])
    assert replacement["frequency"] == "7" and replacement["original_claim_id"] == charge["claim_id"]
    assert admin("claims", "show", charge["claim_id"])["status"] == "corrected"
    again = admin_cli("claims", "void", charge["claim_id"])
    assert again.exit_code == 1 and "409" in again.output  # corrected: the replacement is the payer's now
    assert admin("claims", "submit", replacement["id"])["status"] == "submitted"
    claim_in_status(admin, replacement["id"], "paid")
    void = admin("claims", "void", replacement["id"])
    assert void["frequency"] == "8" and admin("claims", "show", replacement["id"])["status"] == "voided"

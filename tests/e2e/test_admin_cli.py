"""rapport-admin against the running system, through the gateway (no mocks of the API)."""
from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest
from support.admin_cli import login
from support.http import DEMO_ADMIN, DEMO_STAFF

pytestmark = pytest.mark.e2e


def stored_token(tmp_config) -> str:
    data = json.loads((tmp_config / "credentials.json").read_text())
    return next(iter(data["sessions"].values()))["token"]


def test_login_keeps_the_token_private_and_never_prints_it(admin_cli, tmp_path):
    wrong = admin_cli("login", "--email", DEMO_STAFF[0], "--password", "not the password")
    assert wrong.exit_code == 1 and "401" in wrong.output and "login" in wrong.output

    result = login(admin_cli)
    path = tmp_path / "config" / "credentials.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    token = stored_token(tmp_path / "config")
    assert token not in result.output

    who = admin_cli("--json", "whoami")
    assert who.exit_code == 0 and token not in who.output
    assert json.loads(who.output)["role"] == "staff" and json.loads(who.output)["expired"] is False

    assert json.loads(admin_cli("--json", "logout").output)["signed_out"] is True
    assert admin_cli("therapists", "create", "--first-name", "A", "--last-name", "B").exit_code == 1


def test_password_is_prompted_without_echo(admin_cli):
    result = admin_cli("login", "--email", DEMO_STAFF[0], input=f"{DEMO_STAFF[1]}\n")
    assert result.exit_code == 0, result.output
    assert DEMO_STAFF[1] not in result.output


def test_health_reports_every_service_ready(admin_cli):
    result = admin_cli("--json", "health")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["service"] for r in rows] == ["profiles", "booking", "billing"]
    assert all(r["live"] and r["ready"] and r["database"] and r["broker"] for r in rows)
    assert "profiles" in admin_cli("health").output  # the table form


def test_therapist_lifecycle_from_the_command_line(admin_cli):
    login(admin_cli)
    bad = admin_cli("therapists", "create", "--first-name", "Noor", "--last-name", "Haddad", "--npi", "12")
    assert bad.exit_code == 1 and "422" in bad.output and "npi" in bad.output

    created = admin_cli("--json", "therapists", "create", "--first-name", "Noor", "--last-name", "Haddad",
                        "--credentials", "LMHC")
    assert created.exit_code == 0, created.output
    therapist = json.loads(created.output)
    assert therapist["status"] == "draft"

    shown = admin_cli("therapists", "show", therapist["id"])
    assert shown.exit_code == 0 and "Noor Haddad, LMHC" in shown.output
    refused = admin_cli("therapists", "publish", therapist["id"])
    assert refused.exit_code == 1 and "409" in refused.output  # no verified license yet

    expires = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    added = admin_cli("--json", "therapists", "add-license", therapist["id"], "--type", "lmhc",
                      "--number", "LMHC-20391", "--state", "IL", "--expires-on", expires)
    assert added.exit_code == 0, added.output
    license_id = json.loads(added.output)["id"]
    verified = admin_cli("--json", "therapists", "verify-license", therapist["id"], license_id)
    assert verified.exit_code == 0 and json.loads(verified.output)["verified"] is True
    listed_licenses = json.loads(admin_cli("--json", "therapists", "licenses", therapist["id"]).output)
    assert [lic["id"] for lic in listed_licenses] == [license_id]

    published = admin_cli("--json", "therapists", "publish", therapist["id"])
    assert json.loads(published.output)["status"] == "published"
    again = admin_cli("therapists", "publish", therapist["id"])
    assert again.exit_code == 1 and "409" in again.output

    listed = json.loads(admin_cli("--json", "therapists", "list", "--limit", "100").output)
    assert len(listed["items"]) == 100 and listed["next_cursor"]  # the demo directory is larger than a page
    seen, cursor = [t["id"] for t in listed["items"]], listed["next_cursor"]
    while therapist["id"] not in seen and cursor:
        page = json.loads(admin_cli("--json", "therapists", "list", "--limit", "100", "--cursor", cursor).output)
        seen, cursor = seen + [t["id"] for t in page["items"]], page["next_cursor"]
    assert therapist["id"] in seen

    unpublished = admin_cli("--json", "therapists", "unpublish", therapist["id"], "--reason", "on leave")
    assert json.loads(unpublished.output)["status_reason"] == "on leave"
    # An id no therapist's starts with is refused as a bad argument before any call; a whole unknown id is a 404.
    unknown_prefix = admin_cli("therapists", "show", "no-such-id")
    assert unknown_prefix.exit_code == 2 and "no-such-id" in unknown_prefix.output
    unknown = admin_cli("therapists", "show", "00000000-0000-4000-8000-000000000000")
    assert unknown.exit_code == 1 and "404" in unknown.output


def test_operations_views_are_for_administrators(admin_cli):
    login(admin_cli)
    refused = admin_cli("ops", "outbox")
    assert refused.exit_code == 1 and "403" in refused.output

    login(admin_cli, DEMO_ADMIN)
    backlog = json.loads(admin_cli("--json", "ops", "outbox").output)
    assert [b["service"] for b in backlog] == ["profiles", "booking", "billing"]
    assert all(b["failing"] == 0 for b in backlog)
    queues = json.loads(admin_cli("--json", "ops", "dead-letters").output)
    assert {q["queue"].split(".", 1)[1] for q in queues} >= {"booking.profiles-events", "billing.profiles-events"}
    replayed = json.loads(admin_cli("--json", "ops", "replay", "booking", "profiles-events").output)
    assert replayed["replayed"] == 0
    assert admin_cli("ops", "replay", "nowhere", "x").exit_code != 0

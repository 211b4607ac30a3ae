"""`rapport-admin therapists import` against the running system: all or nothing, unless asked."""
from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.admin_cli import login
from support.profiles import random_npi

pytestmark = pytest.mark.e2e
HEADER = ["first_name", "last_name", "credentials", "npi", "specialties", "formats", "license_type",
          "license_number", "license_state", "license_expires_on"]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def stored_last_names(system, family: str) -> list[str]:
    """Read the profiles database itself: the API shows drafts to nobody in bulk."""
    url = system.env.get("PROFILES_DATABASE_URL") or f"sqlite:///{system.env['RAPPORT_VAR_DIR']}/profiles.db"
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return sorted(connection.execute(sa.text("SELECT last_name FROM therapists WHERE last_name LIKE :f"),
                                             {"f": f"{family}%"}).scalars())
    finally:
        engine.dispose()


def test_a_bad_row_imports_nothing_unless_partial_is_asked(admin_cli, system, tmp_path):
    login(admin_cli)
    family = f"Moravec{uuid.uuid4().hex[:6]}"
    expires = (dt.date.today() + dt.timedelta(days=300)).isoformat()
    rows = [[f"Iva{i}", f"{family}-{i}", "LCSW", random_npi(), "couples-therapy;relational-therapy", "video;phone", "lcsw",
             f"LCSW-{family}-{i}", "IL", expires] for i in range(5)]
    rows[2][3] = "1234567890"  # fails its check digit
    rows[4][6] = "wizard"  # not a license type
    source = write(tmp_path / "therapists.csv", rows)

    refused = admin_cli("therapists", "import", str(source), "--report", str(tmp_path / "report.csv"))
    assert refused.exit_code == 1, refused.output
    assert "Nothing was imported" in refused.output
    report = list(csv.DictReader((tmp_path / "report.csv").open()))
    assert [(r["line"], r["field"]) for r in report] == [("4", "npi"), ("6", "license.type")]  # file lines
    assert stored_last_names(system, family) == []

    partial = admin_cli("--json", "therapists", "import", str(source), "--allow-partial", "--chunk", "2")
    assert partial.exit_code == 0, partial.output
    outcome = json.loads(partial.output)
    assert outcome["imported"] == 3 and [e["line"] for e in outcome["errors"]] == [4, 6]
    assert stored_last_names(system, family) == [f"{family}-{i}" for i in (0, 1, 3)]
    created = {c["line"]: c for c in outcome["created"]}
    licenses = json.loads(admin_cli("--json", "therapists", "licenses", created[2]["id"]).output)
    assert [(lic["number"], lic["verified"]) for lic in licenses] == [(f"LCSW-{family}-0", False)]

    fixed = [[f"Ona{i}", f"{family}-fixed-{i}", "LPC", random_npi(), "", "video", "lpc", f"LPC-{family}-{i}", "IL", expires]
             for i in range(3)]
    whole = admin_cli("--json", "therapists", "import", str(write(tmp_path / "fixed.csv", fixed)))
    assert whole.exit_code == 0 and json.loads(whole.output)["imported"] == 3
    assert len(stored_last_names(system, f"{family}-fixed")) == 3


def test_a_file_that_is_not_a_therapist_csv_is_refused_before_anything_is_sent(admin_cli, tmp_path):
    login(admin_cli)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,email\nA,a@example.com\n")
    result = admin_cli("therapists", "import", str(wrong))
    assert result.exit_code == 2 and "first_name" in result.output

"""The README's walkthrough, run as written (bash, rapport-admin, curl) against the running system.

Only the gateway's address is changed (the test system listens on its own port), and, when the
call's window would cross local midnight in Chicago, its time zone.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.e2e
README = Path(__file__).resolve().parents[2] / "README.md"
MARKER = "<!-- walkthrough:"


def walkthrough() -> str:
    text = README.read_text()
    start = text.index("```sh\n", text.index(MARKER)) + len("```sh\n")
    return text[start:text.index("```\n", start)]


def zone_for_window() -> str:
    """The README's zone, unless the next few minutes cross midnight there."""
    now = dt.datetime.now(dt.timezone.utc)
    for zone in ("America/Chicago", "Europe/Berlin", "Asia/Tokyo"):
        early, late = (now.astimezone(ZoneInfo(zone)), (now + dt.timedelta(minutes=30)).astimezone(ZoneInfo(zone)))
        if early.date() == late.date():
            return zone
    raise AssertionError("unreachable: these zones are hours apart")


@pytest.mark.parametrize("system", ["sqlite"], indirect=True)  # once: it waits minutes for the call
def test_the_readme_walkthrough_works_as_written(system, tmp_path):
    script = walkthrough().replace("http://127.0.0.1:8080", system.url)
    script = script.replace("ZONE=America/Chicago", f"ZONE={zone_for_window()}")
    env = {**os.environ, "RAPPORT_ADMIN_CONFIG_DIR": str(tmp_path / "config"), "COLUMNS": "200"}  # no wrapping
    env.pop("RAPPORT_GATEWAY", None)
    # The README's `$PWD/.venv/bin` is the checkout's venv; here it is this interpreter's.
    (tmp_path / ".venv").symlink_to(Path(sys.executable).parent.parent)
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    out = result.stdout
    assert "Signed in as staff@northside.example" in out
    assert re.search(r"CO-45 \$55\.00", out) and "PR-3 $30.00" in out and "$105.00" in out
    balances = re.findall(r"Balance (\$[\d.,]+)", out)
    assert balances == ["$30.00", "$0.00"], balances
    assert (tmp_path / "superbill.pdf").read_bytes().startswith(b"%PDF")
    assert "Noor" not in out and "Halvorsen" not in out  # the client's name was never asked to be shown

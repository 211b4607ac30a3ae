"""Schemathesis, as an outside client would run it: every check, the coverage, fuzzing and stateful
phases, over each service's OpenAPI document, through the real gateway, signed in as staff."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.http import DEMO_STAFF, Gateway

pytestmark = pytest.mark.e2e

CONFIG = Path(__file__).with_name("schemathesis.toml")
EXAMPLES = 12  # bounded: the three documents run in a few minutes per backend


@pytest.mark.parametrize("service", ["profiles", "booking", "billing"])
def test_schemathesis_finds_nothing(system, service, tmp_path):
    token = Gateway(system.url).login(*DEMO_STAFF)
    command = [
        str(Path(sys.executable).parent / "st"), "--config-file", str(CONFIG), "run",
        f"{system.url}/openapi/{service}.json", "--url", system.url,
        "--checks", "all", "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(EXAMPLES), "--generation-deterministic", "--no-color",
        "--header", f"Authorization: Bearer {token}",
        "--report", "junit", "--report-dir", str(tmp_path),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "SCHEMATHESIS_HOOKS": ""})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-12000:]

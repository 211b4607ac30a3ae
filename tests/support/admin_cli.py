"""Running rapport-admin in-process against a running system."""
from __future__ import annotations

from support.http import DEMO_STAFF


def login(run, who=DEMO_STAFF):
    result = run("login", "--email", who[0], "--password", who[1])
    assert result.exit_code == 0, result.output
    return result

"""Running rapport-admin in-process against a running system."""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TypeVar

from support.http import DEMO_STAFF

T = TypeVar("T")


def login(run, who=DEMO_STAFF):
    result = run("login", "--email", who[0], "--password", who[1])
    assert result.exit_code == 0, result.output
    return result


def json_commands(run) -> Callable[..., dict | list]:
    """`run` with `--json`, asserting success and returning the parsed answer."""

    def admin(*args) -> dict | list:
        result = run("--json", *args)
        assert result.exit_code == 0, f"{args}: {result.output}"
        return json.loads(result.output)

    return admin


def poll(read: Callable[[], T], until: Callable[[T], bool], timeout: float = 30.0) -> T:
    """Read until `until` holds: the system follows events, not requests."""
    deadline = time.monotonic() + timeout
    while not until(value := read()):
        assert time.monotonic() < deadline, value
        time.sleep(0.2)
    return value


def billing_knows_client(run, client_id: str) -> None:
    """Wait for billing to hear of a client booking registered (by event)."""
    poll(lambda: run("coverage", "list", client_id).exit_code, lambda code: code == 0)


def charges_of(admin, client_id: str) -> list[dict]:
    """The client's charges, once billing has made any."""
    return poll(lambda: admin("claims", "charges", "--client-id", client_id)["items"], bool)


def claim_in_status(admin, claim_id: str, status: str, via: tuple[str, ...] | None = None) -> dict:
    """Wait for the claim to reach `status`; with `via`, fail at once on any other status on the way."""

    def read() -> dict:
        claim = admin("claims", "show", claim_id)
        assert via is None or claim["status"] in (*via, status), claim["errors"]
        return claim

    return poll(read, lambda claim: claim["status"] == status)

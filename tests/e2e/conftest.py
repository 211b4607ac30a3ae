"""The whole system as separate processes (gateway, gunicorn services, workers), per backend."""
from __future__ import annotations

import subprocess

import pytest
from stack import SERVICES, Stack, prepare
from support.http import DEMO_STAFF, Gateway
from support.settings import AMQP_URL, BACKENDS
from typer.testing import CliRunner

from rapport_admin.cli import app as admin_app


@pytest.fixture(scope="session", params=BACKENDS)
def system(request, databases, tmp_path_factory):
    backend = request.param
    # Directory reads fresh after every change (no shared cache): the tests read what they just wrote.
    overrides = {"AMQP_URL": AMQP_URL, "GATEWAY_PUBLIC_POST_BURST": "10000", "GATEWAY_PUBLIC_POST_RATE": "1000r/s",
                 "PROFILES_PUBLIC_MAX_AGE": "0"}
    if backend == "postgresql":
        for service in SERVICES:
            overrides[f"{service.upper()}_DATABASE_URL"] = databases.empty(f"e2e_{service}", "postgresql")
    stack = Stack.isolated(tmp_path_factory.mktemp(f"e2e-{backend}"), overrides)
    prepare(stack.env)
    stack.start()
    yield stack
    stack.stop()
    # The reference insurers' broker users are per stack; their queues go with the run's sweep.
    subprocess.run(["rapport-billing", "deprovision-insurers"], env=stack.env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture
def admin_cli(system, tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORT_ADMIN_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("RAPPORT_GATEWAY", system.url)
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(admin_app, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture(scope="module")
def gw(system):
    return Gateway(system.url)


@pytest.fixture(scope="module")
def staff(gw):
    return gw.login(*DEMO_STAFF)

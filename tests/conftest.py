"""Fixtures every tier shares: keys, fresh databases on SQLite and PostgreSQL, the broker."""
from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from support.broker_cleanup import namespace_prefix, sweep
from support.settings import AMQP_URL, BACKENDS


def pytest_configure(config):
    # Every Settings.from_env() in the test process reads keys and files from a throwaway var dir.
    var = Path(tempfile.mkdtemp(prefix="rapport-test-var-"))
    os.environ["RAPPORT_VAR_DIR"] = str(var)
    from profiles.adapters.tokens import generate_key_pair

    generate_key_pair(var / "keys" / "jwt-private.pem", var / "keys" / "jwt-public.pem")
    config.rapport_var_dir = var


def pytest_unconfigure(config):
    # The throwaway var dir holds a private key: it goes with the run.
    var = getattr(config, "rapport_var_dir", None)
    if var is not None:
        shutil.rmtree(var, ignore_errors=True)


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    from support.databases import Databases

    dbs = Databases(tmp_path_factory.mktemp("db"))
    yield dbs
    dbs.drop_all()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def namespace() -> str:
    """A broker namespace of this test's own: its exchanges and queues touch no one else's."""
    return f"{namespace_prefix()}{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="session", autouse=True)
def broker_left_overs():
    """Queues of runs that died are removed first; this run's own at the end."""
    sweep(AMQP_URL, own=False)
    yield
    sweep(AMQP_URL, own=True)


def service_settings(service: str, database_url: str, namespace: str):
    """The service's own settings class (e.g. BillingSettings), read as the service would, pointed at this test's
    database and broker namespace."""
    import importlib

    from rapport_shared.config import Settings

    try:
        config = importlib.import_module(f"{service}.config")
        settings_class = next(v for v in vars(config).values()
                              if isinstance(v, type) and issubclass(v, Settings) and v is not Settings)
        loaded = settings_class.from_env()
    except ModuleNotFoundError:
        loaded = Settings.from_env(service)
    return dataclasses.replace(loaded, database_url=database_url, amqp_namespace=namespace, amqp_url=AMQP_URL)


@pytest.fixture
def make_service(databases, backend, namespace):
    """make_service("profiles") -> (app, settings) on a fresh, migrated database of `backend`."""
    import importlib

    created = []

    def make(service: str):
        url = databases.migrated(service, backend)
        settings = service_settings(service, url, namespace)
        app = importlib.import_module(service).create_app(settings)
        created.append(app)
        return app, settings

    yield make
    for app in created:
        app.extensions["rapport.db"].dispose()

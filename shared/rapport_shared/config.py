"""Settings come from the environment, and only from there, read once per process.

`Settings` holds what every service reads; each service subclasses it with its own typed fields
(`profiles.config.ProfilesSettings`, ...) and nothing else in a service reads the environment.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"
S = TypeVar("S", bound="Settings")


def var_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where local state lives (SQLite files, keys, logs): `RAPPORT_VAR_DIR`, else `./var`."""
    environ = os.environ if environ is None else environ
    path = Path(environ.get("RAPPORT_VAR_DIR") or "var").resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url(service: str, environ: Mapping[str, str] | None = None) -> str:
    """`<SERVICE>_DATABASE_URL`, else a SQLite file under var/ (the embedded default)."""
    environ = os.environ if environ is None else environ
    url = environ.get(f"{service.upper()}_DATABASE_URL")
    if not url:
        return f"sqlite:///{var_dir(environ) / f'{service}.db'}"
    # Plain postgres URLs are accepted; the driver is psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def flag(value: str | None, default: bool) -> bool:
    """An on/off variable: 0, false, no and off are off."""
    if value is None or value == "":
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


@dataclass(frozen=True)
class Settings:
    """Everything every service process reads from its environment."""

    service: str
    database_url: str
    amqp_url: str
    amqp_namespace: str
    jwt_issuer: str
    jwt_audience: str
    jwt_public_key_file: Path
    var_dir: Path

    SERVICE: ClassVar[str] = ""
    CUSTOM_PLANS: ClassVar[bool] = False  # PostgreSQL plans each statement for its values (db.make_engine)

    @classmethod
    def from_env(cls: type[S], service: str | None = None, environ: Mapping[str, str] | None = None) -> S:
        environ = os.environ if environ is None else environ
        service = service or cls.SERVICE
        var = var_dir(environ)
        return cls(
            service=service,
            database_url=database_url(service, environ),
            amqp_url=environ.get("AMQP_URL", DEFAULT_AMQP_URL),
            # Names of exchanges and queues start with this, so a test run or a second stack on
            # the same broker never consumes another's messages.
            amqp_namespace=environ.get("AMQP_NAMESPACE", "rapport"),
            jwt_issuer=environ.get("JWT_ISSUER", "rapport"),
            jwt_audience=environ.get("JWT_AUDIENCE", "rapport-api"),
            jwt_public_key_file=Path(environ.get("JWT_PUBLIC_KEY_FILE") or var / "keys" / "jwt-public.pem"),
            var_dir=var,
            **cls.own_from_env(environ, var),
        )

    @classmethod
    def own_from_env(cls, environ: Mapping[str, str], var: Path) -> dict[str, Any]:
        """A service's own fields, read from `<SERVICE>_...` variables; none here."""
        return {}

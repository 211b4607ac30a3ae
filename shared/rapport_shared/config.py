"""Settings come from the environment, and only from there (one config mechanism)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"


def repo_root() -> Path:
    """The checkout's root (shared/rapport_shared/config.py is two levels below it)."""
    return Path(__file__).resolve().parents[2]


def var_dir() -> Path:
    """Where local state lives (SQLite files, keys, logs): `RAPPORT_VAR_DIR` or `<repo>/var`."""
    path = Path(os.environ.get("RAPPORT_VAR_DIR") or repo_root() / "var")
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url(service: str) -> str:
    """`<SERVICE>_DATABASE_URL`, else a SQLite file under var/ (the embedded default)."""
    url = os.environ.get(f"{service.upper()}_DATABASE_URL")
    if not url:
        return f"sqlite:///{var_dir() / f'{service}.db'}"
    # Plain postgres URLs are accepted; the driver is psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@dataclass(frozen=True)
class Settings:
    """Everything a service process reads from its environment."""

    service: str
    database_url: str
    amqp_url: str
    amqp_namespace: str
    jwt_issuer: str
    jwt_audience: str
    jwt_public_key_file: Path

    @classmethod
    def from_env(cls, service: str) -> "Settings":
        keys = var_dir() / "keys"
        return cls(
            service=service,
            database_url=database_url(service),
            amqp_url=os.environ.get("AMQP_URL", DEFAULT_AMQP_URL),
            # Names of exchanges and queues start with this, so a test run or a second stack on
            # the same broker never consumes another's messages.
            amqp_namespace=os.environ.get("AMQP_NAMESPACE", "rapport"),
            jwt_issuer=os.environ.get("JWT_ISSUER", "rapport"),
            jwt_audience=os.environ.get("JWT_AUDIENCE", "rapport-api"),
            jwt_public_key_file=Path(os.environ.get("JWT_PUBLIC_KEY_FILE", keys / "jwt-public.pem")),
        )

    def env(self, name: str, default: str | None = None) -> str | None:
        """A service-specific setting, e.g. `env("TOKEN_TTL")` reads `PROFILES_TOKEN_TTL`."""
        return os.environ.get(f"{self.service.upper()}_{name}", default)

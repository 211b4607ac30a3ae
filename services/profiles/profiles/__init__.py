"""Rapport profiles service: `gunicorn 'profiles:create_app()'`."""
from __future__ import annotations

from pathlib import Path

from rapport_shared.app import create_service_app
from rapport_shared.config import Settings, var_dir

from .adapters import zips
from .adapters.tokens import TokenIssuer

SERVICE = "profiles"


def private_key_file(settings: Settings) -> Path:
    return Path(settings.env("JWT_PRIVATE_KEY_FILE") or var_dir() / "keys" / "jwt-private.pem")


def create_app(settings: Settings | None = None):
    from .adapters import orm
    from .api import blueprints

    settings = settings or Settings.from_env(SERVICE)
    app = create_service_app(
        settings,
        title="Rapport profiles",
        description="Practices, therapist profiles, licenses, accounts, the public directory and matching.",
        blueprints=blueprints,
        outbox=orm.outbox,
    )
    app.extensions["profiles.token_issuer"] = TokenIssuer(
        private_key_file(settings).read_bytes(),
        settings.jwt_issuer,
        settings.jwt_audience,
        int(settings.env("TOKEN_TTL_SECONDS", "1800")),
    )
    zips.warm()  # load the ZIP table now, not on the first radius search
    return app

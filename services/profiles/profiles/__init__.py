"""Rapport profiles service: `gunicorn 'profiles:create_app()'`."""
from __future__ import annotations

from rapport_shared.app import create_service_app

from .adapters import zips
from .adapters.tokens import TokenIssuer
from .config import ProfilesSettings
from .domain import lexicon, other_languages, second_reading

SERVICE = ProfilesSettings.SERVICE


def create_app(settings: ProfilesSettings | None = None):
    from .adapters import orm
    from .api import blueprints

    settings = settings or ProfilesSettings.from_env()
    app = create_service_app(
        settings,
        title="Rapport profiles",
        description="Practices, therapist profiles, licenses, accounts, the public directory and matching.",
        blueprints=blueprints,
        outbox=orm.outbox,
    )
    app.extensions["profiles.token_issuer"] = TokenIssuer(
        settings.jwt_private_key_file.read_bytes(),
        settings.jwt_issuer,
        settings.jwt_audience,
        settings.token_ttl_seconds,
    )
    zips.warm()  # load the ZIP table now, not on the first radius search
    lexicon.default()  # build the matcher's lexicon now, not on the first POST /v1/matches
    other_languages.tongues()  # and read its words in other languages
    second_reading.default()  # and its second reading's weights
    return app

"""Rapport booking service: `gunicorn 'booking:create_app()'`."""
from __future__ import annotations

from rapport_shared.app import create_service_app

from .adapters.sealing import load_sealer
from .config import BookingSettings

SERVICE = BookingSettings.SERVICE


def create_app(settings: BookingSettings | None = None):
    from .adapters import orm
    from .api import blueprints
    from .entrypoints.consumers import subscriptions

    settings = settings or BookingSettings.from_env()
    app = create_service_app(
        settings,
        title="Rapport booking",
        description="Availability, screening-call consultations, therapy appointments and reminders.",
        blueprints=blueprints,
        outbox=orm.outbox,
        subscriptions=subscriptions,
    )
    app.extensions["booking.sealer"] = load_sealer(settings)
    return app

"""Rapport billing service: `gunicorn 'billing:create_app()'`."""
from __future__ import annotations

from rapport_shared.app import create_service_app

from .config import BillingSettings

SERVICE = BillingSettings.SERVICE


def create_app(settings: BillingSettings | None = None):
    from .adapters import orm
    from .api import blueprints
    from .entrypoints.consumers import subscriptions

    settings = settings or BillingSettings.from_env()
    return create_service_app(
        settings,
        title="Rapport billing",
        description="Payers, coverage, eligibility, estimates, charges, X12 837P claims, adjudications and balances.",
        blueprints=blueprints,
        outbox=orm.outbox,
        subscriptions=subscriptions,
    )

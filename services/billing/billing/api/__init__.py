"""Billing's HTTP API: one module per resource family, registered in this order."""
from . import (
    billing_providers,
    charges,
    claims,
    clients,
    eligibility,
    estimates,
    fee_schedules,
    payers,
    payments,
    plans,
    remittances,
)

blueprints = (billing_providers.blp, payers.blp, plans.blp, fee_schedules.blp, clients.blp, eligibility.blp,
              estimates.blp, charges.blp, claims.blp, remittances.blp, payments.blp)

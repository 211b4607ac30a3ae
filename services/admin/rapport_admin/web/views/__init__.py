"""The console's pages, one blueprint per part of the day's work."""
from . import auth, availability, claims, client_billing, clients, operations, payments, reports, therapists, today

# (label, endpoint, roles that see it): each role sees what it may.
NAVIGATION = [
    ("Today", "today.show", ("staff", "therapist", "admin")),
    ("Therapists", "therapists.index", ("staff", "admin")),
    ("Clients", "clients.index", ("staff", "therapist", "admin")),
    ("Claims", "claims.index", ("staff", "admin")),
    ("Payments", "payments.index", ("staff", "admin")),
    ("Reports", "reports.show", ("staff", "admin")),
    ("Operations", "operations.show", ("admin",)),
]
blueprints = [auth.bp, today.bp, therapists.bp, availability.bp, clients.bp, client_billing.bp, claims.bp, payments.bp,
              reports.bp, operations.bp]

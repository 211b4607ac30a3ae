import datetime as dt

from billing.domain.providers import BillingPractice, RenderingProvider, readiness

NOW = dt.datetime(2026, 11, 2, tzinfo=dt.timezone.utc)


def provider(npi="1234567893"):
    return RenderingProvider("t1", "p1", "Kai", "Reyes", "LCSW", npi, True, 1, NOW)


def practice(**overrides):
    fields = {"id": "p1", "name": "P", "group_npi": "1999999984", "tax_id": "123456789",
              "address": {"line1": "1 Main St"}, "version": 1, "updated_at": NOW, **overrides}
    return BillingPractice(**fields)


def test_complete_provider_and_practice_are_ready():
    assert readiness(provider(), practice()).ready


def test_each_missing_piece_is_named():
    state = readiness(provider(npi=None), practice(group_npi=None, tax_id=None, address={}))
    assert not state.ready
    assert state.missing == ["rendering provider NPI", "practice group NPI", "practice tax id", "practice address"]
    assert readiness(provider(), None).missing == ["billing practice"]

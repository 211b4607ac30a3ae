import pytest
from support.billing import BillingWorld


@pytest.fixture
def world(make_service):
    app, settings = make_service("billing")
    return BillingWorld(app, settings)

"""What the profiles use-case tests on fakes share: a fake unit of work and one registered practice."""
import pytest
from support.profiles_fakes import ADMIN, FakeUnitOfWork

from profiles.service_layer import practices


@pytest.fixture
def uow():
    return FakeUnitOfWork()


@pytest.fixture
def practice(uow):
    return practices.register_practice(uow, ADMIN, {"name": "Eastside", "time_zone": "America/Denver"})

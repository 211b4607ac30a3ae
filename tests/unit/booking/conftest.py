"""What booking's use-case tests on fakes share: a fake unit of work holding a listed therapist with
open hours every day (and a colleague), and a sealer."""
from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from unit.booking.fakes import NOW, FakeUnitOfWork, open_every_day

from booking.adapters.sealing import Sealer
from booking.domain.therapists import BookableTherapist


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    uow.therapists.add(BookableTherapist("t1", "p1", "Kai Reyes, LCSW", "UTC", True, 1, NOW))
    uow.therapists.add(BookableTherapist("t2", "p1", "Ada Moss, LMFT", "UTC", True, 1, NOW))
    uow.availability.put(open_every_day(), NOW, existed=False)
    uow.commit()
    uow.published.clear()
    uow.commits = 0
    return uow


@pytest.fixture
def sealer() -> Sealer:
    return Sealer(Fernet.generate_key())

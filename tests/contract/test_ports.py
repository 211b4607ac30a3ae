"""Each repository Protocol a service layer depends on, its SQL implementation and its unit-test fake agree."""
from __future__ import annotations

import pytest
from support import profiles_fakes
from support.ports import drift

from profiles.adapters import directory as profiles_directory
from profiles.adapters import repositories as profiles_sql
from profiles.service_layer import ports as profiles_ports

CASES = [
    (profiles_ports.PracticeRepository, profiles_sql.PracticeRepository, profiles_fakes.FakePracticeRepository),
    (profiles_ports.TherapistRepository, profiles_sql.TherapistRepository, profiles_fakes.FakeTherapistRepository),
    (profiles_ports.LicenseRepository, profiles_sql.LicenseRepository, profiles_fakes.FakeLicenseRepository),
    (profiles_ports.AccountRepository, profiles_sql.AccountRepository, profiles_fakes.FakeAccountRepository),
    (profiles_ports.AvailabilityRepository, profiles_sql.AvailabilityRepository,
     profiles_fakes.FakeAvailabilityRepository),
    (profiles_ports.Directory, profiles_directory.Directory, None),  # searched on the real databases only
    (profiles_ports.DirectoryIndex, profiles_directory.Directory, profiles_fakes.FakeDirectoryIndex),
]


@pytest.mark.parametrize("protocol,real,fake", CASES, ids=[f"profiles-{c[0].__name__}" for c in CASES])
def test_real_and_fake_repositories_implement_their_protocol(protocol, real, fake):
    assert drift(protocol, real) == []
    if fake is not None:
        assert drift(protocol, fake) == []

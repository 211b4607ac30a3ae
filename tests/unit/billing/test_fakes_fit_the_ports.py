"""The fakes and the real stores offer the same methods, with the same parameters, as the ports say:
a use case tested on fakes runs on the real thing unchanged."""
import inspect

import pytest
from support import billing_fakes as fakes

from billing.adapters import records, repositories
from billing.service_layer import ports

CASES = [
    (ports.Repository, repositories.ClientRepository, fakes.FakeRepository),
    (ports.Coverages, repositories.CoverageRepository, fakes.FakeCoverages),
    (ports.Charges, repositories.ChargeRepository, fakes.FakeCharges),
    (ports.Claims, repositories.ClaimRepository, fakes.FakeClaims),
    (ports.Records, records.Records, fakes.FakeRecords),
    (ports.FeeSchedules, repositories.FeeScheduleRepository, fakes.FakeFeeSchedules),
    (ports.Diagnoses, records.Diagnoses, fakes.FakeDiagnoses),
    (ports.Ledger, records.Ledger, fakes.FakeLedger),
    (ports.InsurerAnswers, records.InsurerAnswers, fakes.FakeInsurerAnswers),
    (ports.IdempotentReplies, records.IdempotentReplies, fakes.FakeIdempotentReplies),
]


def methods(port) -> dict[str, list[str]]:
    return {name: list(inspect.signature(member).parameters) for name, member in inspect.getmembers(port)
            if inspect.isfunction(member) and not name.startswith("_")}


@pytest.mark.parametrize("port,real,fake", CASES, ids=[case[0].__name__ for case in CASES])
def test_real_and_fake_stores_fit_their_port(port, real, fake):
    wanted = methods(port)
    assert wanted
    for implementation in (real, fake):
        offered = methods(implementation)
        for name, parameters in wanted.items():
            assert offered.get(name) == parameters, f"{implementation.__name__}.{name}"


def test_the_fake_unit_of_work_has_every_store_the_real_one_has():
    declared = {name for name in ports.BillingUnitOfWork.__annotations__}
    assert declared <= set(vars(fakes.FakeUnitOfWork()))

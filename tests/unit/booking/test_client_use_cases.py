"""Registering a practice's clients, on fakes: only in a practice booking knows, and staff only in their own."""
from __future__ import annotations

import pytest
from unit.booking.fakes import NOW, OUTSIDER, STAFF

from booking.service_layer import clients, directory
from rapport_shared.errors import Forbidden, Invalid
from rapport_shared.principal import Principal

ADMIN = Principal("admin-1", "admin")
ANNOUNCED = "5b1f0c2e-8d7a-4c1e-9f3b-2a6d4e8c0f11"
UNKNOWN = "00000000-0000-0000-0000-000000000000"


def person(**extra) -> dict:
    return {"first_name": "Lee", "last_name": "Park", **extra}


def test_admins_register_clients_in_a_practice_profiles_announced(uow):
    directory.record_practice(uow, {"practice_id": ANNOUNCED}, NOW)
    directory.record_practice(uow, {"practice_id": ANNOUNCED}, NOW)  # registered, then updated: known once
    assert list(uow.practices.rows) == [ANNOUNCED]
    created = clients.register(uow, ADMIN, person(practice_id=ANNOUNCED.upper()), now=NOW)
    assert created.practice_id == ANNOUNCED  # ids are issued in lower case, and looked up so
    assert uow.types() == ["rapport.booking.client.registered.v1"]


def test_a_practice_is_known_through_its_therapists_too(uow):
    assert clients.register(uow, ADMIN, person(practice_id="p1"), now=NOW).practice_id == "p1"  # t1's practice


@pytest.mark.parametrize("practice_id", [UNKNOWN, None])
def test_admins_cannot_register_clients_in_a_practice_booking_does_not_know(uow, practice_id):
    with pytest.raises(Invalid) as refused:
        clients.register(uow, ADMIN, person(practice_id=practice_id), now=NOW)
    assert [e["field"] for e in refused.value.errors] == ["practice_id"]
    assert uow.clients.rows == {} and uow.published == []  # no orphan, and billing hears of nothing


def test_staff_register_in_their_own_practice_and_naming_another_is_refused(uow):
    assert clients.register(uow, STAFF, person(), now=NOW).practice_id == "p1"
    assert clients.register(uow, STAFF, person(practice_id="p1"), now=NOW).practice_id == "p1"
    for other in ("p2", UNKNOWN):
        with pytest.raises(Forbidden) as refused:  # refused, never silently replaced by their own
            clients.register(uow, STAFF, person(practice_id=other), now=NOW)
        assert [e["field"] for e in refused.value.errors] == ["practice_id"]
    with pytest.raises(Forbidden):
        clients.register(uow, OUTSIDER, person(practice_id="p1"), now=NOW)
    assert len(uow.clients.rows) == 2 and uow.types().count("rapport.booking.client.registered.v1") == 2

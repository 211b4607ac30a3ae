"""Booking's copy of the directory follows events, whatever order they arrive in."""
from __future__ import annotations

import datetime as dt

import pytest
from unit.booking.fakes import FakeUnitOfWork

from booking.service_layer import directory
from rapport_shared.errors import NotFound
from rapport_shared.principal import Principal

NOW = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.timezone.utc)


def event(version: int, status: str = "published", name: str = "Kai Reyes, LCSW") -> dict:
    return {"therapist_id": "t1", "practice_id": "p1", "display_name": name, "status": status,
            "time_zone": "America/Chicago", "version": version}


def test_newer_versions_apply_and_older_ones_are_ignored():
    uow = FakeUnitOfWork()
    directory.record_therapist(uow, event(2), NOW)
    directory.record_therapist(uow, event(4, "unpublished"), NOW)
    directory.record_therapist(uow, event(3, "published", "Stale Name"), NOW)  # arrives late
    therapist = uow.therapists.get("t1")
    assert therapist.version == 4 and therapist.listed is False and therapist.display_name == "Kai Reyes, LCSW"
    assert uow.commits == 2


def test_only_the_practice_and_the_therapist_see_it():
    uow = FakeUnitOfWork()
    directory.record_therapist(uow, event(2), NOW)
    assert directory.therapist_for_staff(uow, Principal("s", "staff", practice_id="p1"), "t1").id == "t1"
    assert directory.therapist_for_staff(uow, Principal("t", "therapist", "p1", therapist_id="t1"), "t1")
    for outsider in (Principal("s2", "staff", practice_id="p2"), Principal("t2", "therapist", "p1", "t9")):
        with pytest.raises(NotFound):
            directory.therapist_for_staff(uow, outsider, "t1")

"""Therapy appointments, on fakes: scheduling takes the therapist's time, completing is what billing
charges, and only the practice and the therapist reach them."""
from __future__ import annotations

import datetime as dt

import pytest
from unit.booking.fakes import NOW, OUTSIDER, SLOT, STAFF, THERAPIST

from booking.domain.clients import Client
from booking.domain.slots import SlotTaken
from booking.service_layer import appointments
from rapport_shared.errors import Conflict, Invalid, NotFound


@pytest.fixture
def scheduled(uow):
    uow.clients.add(Client("cl1", "p1", "Jordan", "Ash", NOW, NOW))
    uow.commit()
    return appointments.schedule(uow, STAFF, session_fields(), now=NOW)


def session_fields(**extra) -> dict:
    return {"therapist_id": "t1", "client_id": "cl1", "start": SLOT, "service_code": "90837", "format": "video",
            "duration_min": 55, **extra}


def test_scheduling_takes_the_therapists_time(uow, scheduled):
    assert scheduled.status == "scheduled" and scheduled.end_at == SLOT + dt.timedelta(minutes=55)
    assert "rapport.booking.appointment.scheduled.v1" in uow.types()
    with pytest.raises(SlotTaken):
        appointments.schedule(uow, STAFF, session_fields(start=SLOT + dt.timedelta(minutes=30)), now=NOW)
    with pytest.raises(Invalid):  # not on a 5-minute mark
        appointments.schedule(uow, STAFF, session_fields(start=SLOT + dt.timedelta(hours=2, minutes=3)), now=NOW)


def test_a_first_session_makes_a_prospect_the_practices_client_once(uow):
    uow.clients.add(Client("cl1", "p1", "Jordan", "Ash", NOW, NOW))  # a screening caller, not yet a client
    uow.commit()
    appointments.schedule(uow, STAFF, session_fields(), now=NOW)
    assert uow.types().count("rapport.booking.client.registered.v1") == 1
    assert uow.types().index("rapport.booking.client.registered.v1") < uow.types().index(
        "rapport.booking.appointment.scheduled.v1")  # billing knows the client before any charge
    assert uow.clients.get("cl1").registered_at == NOW
    appointments.schedule(uow, STAFF, session_fields(start=SLOT + dt.timedelta(days=7)), now=NOW)
    assert uow.types().count("rapport.booking.client.registered.v1") == 1


def test_completing_records_the_minutes_billing_charges(uow, scheduled):
    with pytest.raises(Conflict):  # not started yet
        appointments.complete(uow, THERAPIST, scheduled.id, None, now=NOW)
    done = appointments.complete(uow, THERAPIST, scheduled.id, 50, now=SLOT + dt.timedelta(hours=1))
    assert (done.status, done.actual_duration_min, done.version) == ("completed", 50, 2)
    completed = uow.published[-1]
    assert completed.type == "rapport.booking.appointment.completed.v1" and completed.data["duration_min"] == 50
    with pytest.raises(Conflict):  # once only
        appointments.complete(uow, STAFF, scheduled.id, None, now=SLOT + dt.timedelta(hours=2))


def test_another_practice_learns_nothing(uow, scheduled):
    for change in (lambda: appointments.get(uow, OUTSIDER, scheduled.id),
                   lambda: appointments.complete(uow, OUTSIDER, scheduled.id, None, now=SLOT),
                   lambda: appointments.cancel(uow, OUTSIDER, scheduled.id, None, now=NOW)):
        with pytest.raises(NotFound):
            change()
    assert uow.appointments.get(scheduled.id).status == "scheduled"


def test_cancelling_frees_the_time(uow, scheduled):
    assert appointments.cancel(uow, STAFF, scheduled.id, "moved away", now=NOW).status == "cancelled"
    assert uow.reservations.busy("t1", SLOT, SLOT + dt.timedelta(hours=1)) == []


def test_a_cancelled_session_that_has_not_started_is_an_invalid_transition(uow, scheduled):
    appointments.cancel(uow, STAFF, scheduled.id, "moved away", now=NOW)
    for change in (lambda: appointments.complete(uow, STAFF, scheduled.id, None, now=NOW),
                   lambda: appointments.cancel(uow, STAFF, scheduled.id, None, now=NOW)):
        with pytest.raises(Conflict) as refused:
            change()
        assert refused.value.slug == "invalid-transition"  # the state machine answers before the clock

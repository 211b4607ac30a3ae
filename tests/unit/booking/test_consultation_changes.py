"""Changing a booked call, on fakes: the client with the manage token, the therapist and the practice."""
from __future__ import annotations

import datetime as dt

import pytest
from unit.booking.fakes import NOW, OUTSIDER, SLOT, STAFF, THERAPIST, booking_fields, open_every_day, present

from booking.domain.slots import SlotTaken
from booking.service_layer import consultation_changes as changes
from booking.service_layer import consultations, slot_holds
from booking.service_layer.consultations import Caller
from rapport_shared.errors import Conflict, Invalid, NotFound

LATER = SLOT + dt.timedelta(minutes=40)


def booked(uow, sealer, start=SLOT, mode="instant") -> dict:
    if mode != "instant":
        current = uow.availability.get("t1")
        uow.availability.put(open_every_day(current.version + 1, booking_mode=mode), NOW, existed=True)
    _, body = consultations.book(uow, booking_fields(start), sealer, present, now=NOW)
    uow.published.clear()
    return body


def client(body) -> Caller:
    return Caller(manage_token=body["manage_token"])


def test_the_therapist_confirms_a_request_and_reminders_follow(uow, sealer):
    body = booked(uow, sealer, mode="request")
    confirmed = changes.confirm(uow, THERAPIST, body["id"], now=NOW)
    assert confirmed.status == "confirmed" and confirmed.hold_expires_at is None and confirmed.version == 2
    assert uow.types()[0] == "rapport.booking.consultation.confirmed.v1"
    assert len(uow.reminders.for_consultation(body["id"])) == 2


def test_another_practice_cannot_even_find_the_call(uow, sealer):
    body = booked(uow, sealer, mode="request")
    with pytest.raises(NotFound):
        changes.confirm(uow, OUTSIDER, body["id"], now=NOW)
    with pytest.raises(NotFound):
        changes.cancel(uow, Caller(manage_token="not-the-token"), body["id"], None, now=NOW)


def test_declining_frees_the_slot_and_suggests_only_a_listed_colleague(uow, sealer):
    body = booked(uow, sealer, mode="request")
    for unfit in ("t1", "nobody"):
        with pytest.raises(Invalid):
            changes.decline(uow, STAFF, body["id"], "full", unfit, now=NOW)
    declined = changes.decline(uow, STAFF, body["id"], "full this month", "t2", now=NOW)
    assert (declined.status, declined.suggested_therapist_id) == ("declined", "t2")
    assert uow.reservations.busy("t1", SLOT, LATER) == []
    assert uow.types() == ["rapport.booking.consultation.declined.v1"]  # the next five slots did not change


def test_a_client_cancels_outside_the_notice_window_only(uow, sealer):
    body = booked(uow, sealer)
    with pytest.raises(Conflict) as refused:  # one problem type, one status: 409 for clients as for staff
        changes.cancel(uow, client(body), body["id"], None, now=SLOT - dt.timedelta(hours=1))
    assert refused.value.slug == "notice-window"
    cancelled = changes.cancel(uow, client(body), body["id"], None, now=NOW)
    assert (cancelled.status, cancelled.status_reason) == ("cancelled", "cancelled by the client")
    assert uow.reservations.busy("t1", SLOT, LATER) == []
    assert {r.status for r in uow.reminders.for_consultation(body["id"])} == {"cancelled"}


def test_staff_cancel_inside_the_window_with_a_reason(uow, sealer):
    body = booked(uow, sealer)
    late = SLOT - dt.timedelta(hours=1)
    with pytest.raises(Conflict):
        changes.cancel(uow, Caller(principal=STAFF), body["id"], None, now=late)
    assert changes.cancel(uow, Caller(principal=STAFF), body["id"], "phoned in sick", now=late).status == "cancelled"


def test_rescheduling_moves_the_hold_and_the_reminders(uow, sealer):
    body = booked(uow, sealer)
    moved = changes.reschedule(uow, client(body), body["id"], LATER, None, now=NOW)
    assert (moved.start_at, moved.version) == (LATER, 2)
    assert [b.start for b in uow.reservations.busy("t1", SLOT, SLOT + dt.timedelta(hours=2))] == [LATER]
    due = {r.due_at for r in uow.reminders.for_consultation(body["id"]) if r.status == "scheduled"}
    assert due == {LATER - dt.timedelta(hours=24), LATER - dt.timedelta(hours=1)}


@pytest.mark.parametrize("same_start", [SLOT, SLOT.astimezone(dt.timezone(dt.timedelta(hours=-6)))],
                         ids=["Z", "-06:00"])
def test_rescheduling_to_the_start_it_has_changes_nothing(uow, sealer, same_start):
    body = booked(uow, sealer)
    reminders_before = uow.reminders.for_consultation(body["id"])
    commits = uow.commits
    same = changes.reschedule(uow, client(body), body["id"], same_start, None, now=NOW)
    assert (same.start_at, same.version, same.status) == (SLOT, 1, "confirmed")
    assert uow.consultations.get(body["id"]).version == 1
    assert uow.published == [] and uow.commits == commits  # no rescheduled event, nothing written
    assert uow.reminders.for_consultation(body["id"]) == reminders_before  # neither cancelled nor made anew
    assert [b.start for b in uow.reservations.busy("t1", SLOT, LATER)] == [SLOT]


def test_rescheduling_to_the_same_start_is_a_no_op_even_inside_the_notice_window(uow, sealer):
    body = booked(uow, sealer)
    late = SLOT - dt.timedelta(minutes=30)
    assert changes.reschedule(uow, client(body), body["id"], SLOT, None, now=late).version == 1
    with pytest.raises(Conflict) as refused:  # a real move in the window is still refused
        changes.reschedule(uow, client(body), body["id"], LATER, None, now=late)
    assert refused.value.slug == "notice-window"


def test_a_cancelled_call_cannot_be_rescheduled_even_to_its_own_start(uow, sealer):
    body = booked(uow, sealer)
    changes.cancel(uow, client(body), body["id"], None, now=NOW)
    for start, now in ((SLOT, NOW), (LATER, SLOT - dt.timedelta(minutes=30))):  # the state first, then the window
        with pytest.raises(Conflict) as refused:
            changes.reschedule(uow, client(body), body["id"], start, None, now=now)
        assert refused.value.slug == "invalid-transition"


def test_rescheduling_onto_a_taken_slot_keeps_the_old_one(uow, sealer):
    first, second = booked(uow, sealer), booked(uow, sealer, LATER)
    with pytest.raises(SlotTaken):
        changes.reschedule(uow, client(first), first["id"], LATER, None, now=NOW)
    assert uow.consultations.get(first["id"]).start_at == SLOT and uow.published == []
    assert [b.start for b in uow.reservations.busy("t1", SLOT, SLOT + dt.timedelta(hours=2))] == [SLOT, LATER]
    assert uow.consultations.get(second["id"]).status == "confirmed"


def test_a_call_is_completed_or_a_no_show_only_once_it_started(uow, sealer):
    first, second = booked(uow, sealer), booked(uow, sealer, LATER)
    with pytest.raises(Conflict):
        changes.complete(uow, THERAPIST, first["id"], now=NOW)
    assert changes.complete(uow, THERAPIST, first["id"], now=LATER).status == "completed"
    assert changes.no_show(uow, STAFF, second["id"], now=LATER + dt.timedelta(minutes=20)).status == "no_show"
    assert "rapport.booking.consultation.no_show.v1" in uow.types()


def test_a_request_left_unanswered_expires_and_gives_its_slot_back(uow, sealer):
    body = booked(uow, sealer, mode="request")
    assert slot_holds.expire_unanswered(uow, NOW + dt.timedelta(hours=23)) == 0
    assert slot_holds.expire_unanswered(uow, NOW + dt.timedelta(hours=25)) == 1
    assert uow.consultations.get(body["id"]).status == "expired"
    assert uow.reservations.busy("t1", SLOT, LATER) == []
    assert uow.types() == ["rapport.booking.consultation.cancelled.v1"]
    assert changes.confirm(uow, THERAPIST, body["id"], now=NOW).status == "confirmed"  # late, while still free


@pytest.mark.parametrize("end", [changes.complete, changes.no_show])
def test_a_cancelled_call_that_has_not_started_is_an_invalid_transition_not_a_timing_problem(uow, sealer, end):
    body = booked(uow, sealer)
    changes.cancel(uow, Caller(principal=STAFF), body["id"], None, now=NOW)
    with pytest.raises(Conflict) as refused:
        end(uow, STAFF, body["id"], now=NOW)  # before the start: the state machine answers first
    assert refused.value.slug == "invalid-transition"
    assert uow.consultations.get(body["id"]).status == "cancelled"

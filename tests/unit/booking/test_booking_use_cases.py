"""Booking a screening call, on fakes: what it stores and emits, in one commit, and what an
Idempotency-Key replays."""
from __future__ import annotations

import datetime as dt

import pytest
from unit.booking.fakes import NOW, SLOT, booking_fields, open_every_day, present

from booking.domain.slots import SlotTaken
from booking.service_layer import consultations
from booking.service_layer.idempotency import IdempotentRequest
from rapport_shared.errors import Invalid, NotFound


def book(uow, sealer, request=None, **fields):
    return consultations.book(uow, booking_fields(**fields), sealer, present, request, now=NOW)


def test_an_instant_booking_is_confirmed_holds_the_slot_and_commits_once(uow, sealer):
    status, body = book(uow, sealer)
    assert status == 201 and body["status"] == "confirmed" and body["manage_token"]
    assert uow.commits == 1
    # The caller is a prospect: nothing about them leaves booking (billing hears of clients only).
    assert uow.types() == ["rapport.booking.consultation.confirmed.v1", "rapport.booking.availability.summarized.v1"]
    assert uow.reservations.busy("t1", SLOT, SLOT + dt.timedelta(minutes=15))
    assert {(r.channel, r.lead) for r in uow.reminders.for_consultation(body["id"])} == {("email", "24h"),
                                                                                        ("email", "1h")}
    assert sealer.open(uow.consultations.concerns_sealed(body["id"]))["concerns"] == "arguing since the move"


def test_a_request_holds_the_slot_until_the_therapist_answers(uow, sealer):
    uow.availability.put(open_every_day(2, booking_mode="request", request_hold_min=60), NOW, existed=True)
    status, body = book(uow, sealer)
    consultation = uow.consultations.get(body["id"])
    assert consultation.status == "requested" and consultation.hold_expires_at == NOW + dt.timedelta(hours=1)
    assert uow.reminders.for_consultation(body["id"]) == []  # reminders wait for the confirmation


def test_a_taken_slot_is_refused_and_nothing_of_the_attempt_stays(uow, sealer):
    book(uow, sealer)
    before = (len(uow.consultations.rows), len(uow.clients.rows), len(uow.published))
    with pytest.raises(SlotTaken):
        book(uow, sealer, client={"name": "Sam Lee", "phone": "+1 555 0100", "timezone": "UTC"})
    assert (len(uow.consultations.rows), len(uow.clients.rows), len(uow.published)) == before


def test_a_time_the_therapist_does_not_offer_is_not_a_slot(uow, sealer):
    with pytest.raises(Invalid) as refused:
        book(uow, sealer, start=SLOT + dt.timedelta(minutes=5))
    assert refused.value.slug == "not-a-slot"
    with pytest.raises(Invalid):
        book(uow, sealer, format="in_person")


def test_an_unlisted_therapist_takes_no_bookings(uow, sealer):
    therapist = uow.therapists.get("t1")
    therapist.listed = False
    uow.therapists.upsert(therapist, existed=True)
    with pytest.raises(NotFound):
        book(uow, sealer)


def test_the_same_key_and_body_replay_the_first_answer_and_book_once(uow, sealer):
    request = IdempotentRequest("key-1", "digest-a")
    first = book(uow, sealer, request)
    again = book(uow, sealer, request)
    assert again == first and len(uow.consultations.rows) == 1


def test_the_same_key_with_another_body_is_refused(uow, sealer):
    book(uow, sealer, IdempotentRequest("key-1", "digest-a"))
    with pytest.raises(Invalid) as refused:
        book(uow, sealer, IdempotentRequest("key-1", "digest-b"), start=SLOT + dt.timedelta(minutes=20))
    assert refused.value.slug == "idempotency-key-reused"
    assert len(uow.consultations.rows) == 1


def test_a_twin_that_lost_the_slot_to_its_first_answers_as_the_first(uow, sealer):
    request = IdempotentRequest("key-1", "digest-a")
    first = book(uow, sealer, request)
    stored, lookups = uow.idempotency.get, []

    def looked_before_the_first_committed(key):
        lookups.append(key)
        return None if len(lookups) == 1 else stored(key)

    uow.idempotency.get = looked_before_the_first_committed
    assert book(uow, sealer, request) == first and len(uow.consultations.rows) == 1
    assert len(lookups) == 2  # it tried the slot, lost it, and found the first's answer

"""The typical time to answer a screening request: folded from booking's events in any order, the
median of the recent answers, and a small boost with a plain reason in matching."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from support.profiles_fakes import FakeUnitOfWork

from profiles.domain.matching import Candidate, MatchRequest, rank
from profiles.domain.response_times import MIN_ANSWERS, WINDOW, typical_hours
from profiles.domain.therapists import Therapist
from profiles.service_layer.response_times import record_screening_answer, typical_response_hours

ASKED = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone.utc)


def requested(cid: str, therapist_id: str = "t1", asked: dt.datetime = ASKED) -> dict:
    return {"consultation_id": cid, "therapist_id": therapist_id, "status": "requested", "requested_at": asked,
            "answered_at": None}


def answered(cid: str, hours: float, status: str = "confirmed", therapist_id: str = "t1",
             asked: dt.datetime = ASKED) -> dict:
    return {"consultation_id": cid, "therapist_id": therapist_id, "status": status, "requested_at": asked,
            "answered_at": asked + dt.timedelta(hours=hours)}


def withdrawn(cid: str) -> dict:  # the client cancelled before any answer: not an answer
    return {**requested(cid), "status": "cancelled"}


def test_the_median_needs_three_answers():
    assert typical_hours([]) is None and typical_hours([1.0, 2.0]) is None
    assert MIN_ANSWERS == 3
    assert typical_hours([1.0, 30.0, 2.0]) == 2.0
    assert typical_hours([1.0, 2.0, 3.0, 10.0]) == 2.5
    assert typical_hours([0.25, 0.25, 0.3333]) == 0.2


EVENTS = [requested("c1"), answered("c1", 2, "declined"), requested("c2"), answered("c2", 6),
          answered("c3", 30, "expired"), requested("c3"), answered("c3", 40), withdrawn("c4"), requested("c5")]


@pytest.mark.parametrize("order", list(itertools.islice(itertools.permutations(range(len(EVENTS))), 0, None, 5000)))
def test_any_order_and_any_repeat_give_the_same_answer(order):
    uow = FakeUnitOfWork()
    for i in order:
        record_screening_answer(uow, EVENTS[i])
    for i in order[:3]:  # redelivered under a new message id: still one request
        record_screening_answer(uow, EVENTS[i])
    # c3 expired after 30 h and was then confirmed at 40 h: the therapist's own answer counts.
    assert typical_response_hours(uow, ["t1", "t2"]) == {"t1": 6.0, "t2": None}
    assert uow.committed == len(order) + 3


def test_an_expiry_counts_until_a_late_answer_replaces_it():
    uow = FakeUnitOfWork()
    for cid, hours in (("c1", 1), ("c2", 1), ("c3", 48)):
        record_screening_answer(uow, answered(cid, hours, "expired" if cid == "c3" else "confirmed"))
    record_screening_answer(uow, answered("c4", 48, "expired"))
    assert typical_response_hours(uow, ["t1"]) == {"t1": 24.5}  # lapsing requests never look quick
    record_screening_answer(uow, answered("c4", 2))
    assert typical_response_hours(uow, ["t1"]) == {"t1": 1.5}


def test_instant_bookings_are_answered_at_once():
    uow = FakeUnitOfWork()
    for cid in ("c1", "c2", "c3"):  # booking sends "confirmed" with answered_at == requested_at
        record_screening_answer(uow, answered(cid, 0))
    assert typical_response_hours(uow, ["t1"]) == {"t1": 0.0}


def test_only_the_most_recent_answers_count():
    uow = FakeUnitOfWork()
    for i in range(WINDOW):  # slow long ago
        record_screening_answer(uow, answered(f"old{i}", 72, asked=ASKED - dt.timedelta(days=60)))
    for i in range(WINDOW // 2 + 1):  # quick lately: the majority of the window
        record_screening_answer(uow, answered(f"new{i}", 3))
    assert typical_response_hours(uow, ["t1"]) == {"t1": 3.0}


def therapist(id_: str) -> Therapist:
    return Therapist(id=id_, practice_id="p", first_name=id_.title(), last_name="X", created_at=ASKED,
                     updated_at=ASKED, status="published", issues=["grief"])


@pytest.mark.parametrize("hours,reason", [(0.0, "usually answers within an hour"), (0.9, "usually answers within an hour"),
                                          (20.0, "usually answers within a day"), (24.0, "usually answers within a day")])
def test_quick_answerers_rank_first_and_say_so(hours, reason):
    request = MatchRequest(concern_terms=("issue:grief",))
    slow, unknown, quick = (Candidate(therapist("slow"), typical_response_hours=50.0),
                            Candidate(therapist("unknown")), Candidate(therapist("quick"), typical_response_hours=hours))
    ranked = rank([slow, unknown, quick], request, ASKED, limit=3)
    assert [m.therapist.id for m in ranked] == ["quick", "slow", "unknown"]  # the rest keep their incoming order
    assert ranked[0].reasons == ["works with grief and loss", reason]
    assert ranked[0].typical_response_hours == hours and ranked[1].typical_response_hours == 50.0
    assert ranked[1].reasons == ranked[2].reasons == ["works with grief and loss"]  # no reason when slow or unknown
    assert ranked[0].score > ranked[1].score == ranked[2].score

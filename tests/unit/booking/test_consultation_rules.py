"""A screening call's lifecycle, the client's notice windows, and what a reminder may say."""
from __future__ import annotations

import datetime as dt

import pytest

from booking.domain import reminders
from booking.domain.consultations import Attendee, Consultation, check_client_notice
from rapport_shared.errors import Conflict

START = dt.datetime(2026, 11, 10, 15, 0, tzinfo=dt.timezone.utc)


def call(status: str = "requested") -> Consultation:
    return Consultation("c1", "p1", "t1", "cl1", START, START + dt.timedelta(minutes=15), "video", status,
                        START - dt.timedelta(days=3), START - dt.timedelta(days=3),
                        attendees=[Attendee("a1", "Jordan Lee Ash", None, None, "UTC", True)])


def test_lifecycle_moves_forward_only_and_counts_versions():
    c = call()
    c.confirm(START - dt.timedelta(days=1))
    assert (c.status, c.version, c.hold_expires_at) == ("confirmed", 2, None)
    with pytest.raises(Conflict):
        c.decline(START, None, None)
    with pytest.raises(Conflict):
        c.complete(START - dt.timedelta(minutes=1))  # not started yet
    c.complete(START + dt.timedelta(minutes=20))
    assert c.status == "completed" and c.version == 3
    for change in (lambda: c.cancel(START, "x"), lambda: c.no_show(START), lambda: c.reschedule(START, dt.timedelta(1), START)):
        with pytest.raises(Conflict):
            change()


def test_a_lapsed_request_can_still_be_confirmed_or_declined():
    c = call()
    c.expire(START - dt.timedelta(days=2))
    assert c.status == "expired"
    c.confirm(START - dt.timedelta(days=1))
    assert c.status == "confirmed"


def test_client_notice_window_and_staff_override():
    c = call("confirmed")
    check_client_notice(c, START - dt.timedelta(hours=5), 4 * 60, "cancel", None, is_staff=False)
    refusals = []
    for reason, is_staff in ((None, False), ("please", False), (None, True)):  # a client's reason does not override
        with pytest.raises(Conflict) as refused:
            check_client_notice(c, START - dt.timedelta(hours=3), 4 * 60, "cancel", reason, is_staff=is_staff)
        refusals.append((refused.value.status, refused.value.slug))
    assert set(refusals) == {(409, "notice-window")}  # one problem type, one status, whoever asks
    check_client_notice(c, START - dt.timedelta(hours=3), 4 * 60, "cancel", "phoned in", is_staff=True)


@pytest.mark.parametrize("end", ["complete", "no_show"])
def test_the_state_machine_answers_before_the_clock(end):
    c = call("confirmed")
    c.cancel(START - dt.timedelta(days=1), "moved away")
    with pytest.raises(Conflict) as refused:
        getattr(c, end)(START - dt.timedelta(hours=1))  # before the start, and no longer confirmed
    assert refused.value.slug == "invalid-transition"
    c = call("confirmed")
    with pytest.raises(Conflict) as refused:
        getattr(c, end)(START - dt.timedelta(hours=1))
    assert refused.value.slug == "not-started"


def test_rescheduling_to_the_same_instant_is_no_change():
    c = call("confirmed")
    assert not c.moves_to(START.astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30))))
    c.reschedule(START, dt.timedelta(minutes=15), START - dt.timedelta(days=1))
    assert (c.version, c.start_at) == (1, START)
    assert c.moves_to(START + dt.timedelta(minutes=20))


def test_initials_for_the_calendar():
    assert call().primary.initials == "JLA"


def test_reminder_leads_skip_what_is_already_past():
    assert set(reminders.due_times(START, START - dt.timedelta(days=2))) == {"24h", "1h"}
    assert set(reminders.due_times(START, START - dt.timedelta(hours=5))) == {"1h"}
    assert reminders.due_times(START, START - dt.timedelta(minutes=30)) == {}
    assert [reminders.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4, 9)] == [1, 2, 4, 8, 60]


def test_reminder_text_is_in_the_attendees_zone_and_discreet():
    subject, body = reminders.render(START, START + dt.timedelta(minutes=15), "Jordan Ash", "Asia/Kolkata", "phone",
                                     "hint")
    assert "20:30" in subject and "20:30" in body and "Asia/Kolkata" in body and "UTC+0530" in body
    assert "Hello Jordan," in body and "15 minutes" in body and "by phone" in body
    for word in ("therap", "screening", "counsel", "mental", "consult"):
        assert word not in (subject + body).lower()

"""Managing a booking: the manage token, notice windows, staff overrides, atomic reschedule, who sees what."""
from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from support.booking import booking_body, free_slots, put_availability

from booking.adapters import orm
from booking.service_layer import consultation_changes as service
from booking.service_layer.unit_of_work import UnitOfWork
from rapport_shared.principal import Principal


def events(app, suffix: str) -> list[dict]:
    """The events of this type in the outbox."""
    with app.extensions["rapport.db"].reader() as session:
        bodies = [json.loads(b) for b in session.scalars(select(orm.outbox.c.body).order_by(orm.outbox.c.seq))]
    return [e for e in bodies if e["type"].endswith(suffix)]


def book(client, therapist_id, start, **extra):
    response = client.post("/v1/consultations", json=booking_body(therapist_id, start, **extra))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def token(booked) -> dict:
    return {"X-Manage-Token": booked["manage_token"]}


def test_a_manage_token_opens_only_its_own_booking(client, practice):
    slots = free_slots(client, practice.therapist_id)
    mine, theirs = book(client, practice.therapist_id, slots[0]), book(client, practice.therapist_id, slots[1])
    assert client.get(f"/v1/consultations/{mine['id']}", headers=token(mine)).status_code == 200
    for path in (f"/v1/consultations/{theirs['id']}", f"/v1/consultations/{theirs['id']}/audit"):
        assert client.get(path, headers=token(mine)).status_code in (401, 404)
    assert client.post(f"/v1/consultations/{theirs['id']}/cancel", headers=token(mine), json={}).status_code == 404
    assert client.get(f"/v1/consultations/{mine['id']}", headers={"X-Manage-Token": "guess"}).status_code == 404
    assert client.get(f"/v1/consultations/{mine['id']}").status_code == 401
    # A client cannot run the therapist's lifecycle with a token.
    assert client.post(f"/v1/consultations/{mine['id']}/confirm", headers=token(mine)).status_code == 401


def test_therapists_see_their_own_calls_and_staff_their_practices(app, client, practice, other_practice):
    from support.booking import add_therapist, therapist

    colleague_id = add_therapist(app, practice.id)
    put_availability(client, colleague_id, practice.staff)
    colleague = therapist(practice.id, colleague_id)
    mine = book(client, practice.therapist_id, free_slots(client, practice.therapist_id)[0])
    elsewhere = book(client, other_practice.therapist_id, free_slots(client, other_practice.therapist_id)[0])

    assert client.get(f"/v1/consultations/{mine['id']}", headers=colleague).status_code == 404
    assert client.get(f"/v1/consultations/{elsewhere['id']}", headers=practice.staff).status_code == 404
    assert client.post(f"/v1/consultations/{elsewhere['id']}/cancel", headers=practice.staff,
                       json={"reason": "x"}).status_code == 404
    listed = client.get("/v1/consultations", headers=practice.staff).get_json()["items"]
    assert [c["id"] for c in listed] == [mine["id"]]
    assert client.get("/v1/consultations", headers=colleague).get_json()["items"] == []
    assert client.get(f"/v1/consultations?therapist_id={practice.therapist_id}", headers=colleague).status_code == 404
    assert client.get(f"/v1/therapists/{other_practice.therapist_id}/availability",
                      headers=practice.staff).status_code == 404


def test_listing_filters_by_status_and_date_and_paginates(client, practice):
    slots = free_slots(client, practice.therapist_id)
    booked = [book(client, practice.therapist_id, s) for s in slots[:3]]
    client.post(f"/v1/consultations/{booked[0]['id']}/cancel", headers=practice.staff, json={"reason": "x"})
    first = client.get("/v1/consultations?status=confirmed&limit=1", headers=practice.staff).get_json()
    second = client.get(f"/v1/consultations?status=confirmed&limit=1&cursor={first['next_cursor']}",
                        headers=practice.staff).get_json()
    assert [first["items"][0]["id"], second["items"][0]["id"]] == [booked[1]["id"], booked[2]["id"]]
    assert second["next_cursor"] is None
    ranged = client.get("/v1/consultations", headers=practice.staff,
                        query_string={"from": slots[1], "to": slots[2]}).get_json()["items"]
    assert [c["id"] for c in ranged] == [booked[1]["id"]]
    assert client.get("/v1/consultations?cursor=nonsense", headers=practice.staff).status_code == 422


def test_clients_cancel_and_reschedule_only_outside_the_notice_window_staff_override_with_reason(client, practice):
    put_availability(client, practice.therapist_id, practice.staff, cancel_notice_min=60 * 24 * 30,
                     reschedule_notice_min=60 * 24 * 30)
    slots = free_slots(client, practice.therapist_id)
    booked = book(client, practice.therapist_id, slots[0])
    refused = client.post(f"/v1/consultations/{booked['id']}/cancel", headers=token(booked), json={})
    moved = client.post(f"/v1/consultations/{booked['id']}/reschedule", headers=token(booked), json={"start": slots[2]})
    unexplained = client.post(f"/v1/consultations/{booked['id']}/cancel", headers=practice.staff, json={})
    # One problem type, one status: the call's timing is in the way, for clients as for staff.
    assert {(r.status_code, r.get_json()["type"], r.get_json()["status"]) for r in (refused, moved, unexplained)} == {
        (409, "urn:rapport:problem:notice-window", 409)}
    blank = client.post(f"/v1/consultations/{booked['id']}/cancel", headers=practice.staff, json={"reason": "   "})
    assert blank.status_code == 422
    assert blank.get_json()["errors"] == [{"in": "json", "field": "reason", "message": "must not be blank"}]
    done = client.post(f"/v1/consultations/{booked['id']}/cancel", headers=practice.staff,
                       json={"reason": "client phoned in sick"})
    assert done.status_code == 200 and done.get_json()["status"] == "cancelled"
    assert done.get_json()["status_reason"] == "client phoned in sick"


def test_client_cancel_outside_the_window_frees_the_slot(client, practice):
    slots = free_slots(client, practice.therapist_id)
    booked = book(client, practice.therapist_id, slots[0])
    response = client.post(f"/v1/consultations/{booked['id']}/cancel", headers=token(booked), json={})
    assert response.status_code == 200 and response.get_json()["status"] == "cancelled"
    assert slots[0] in free_slots(client, practice.therapist_id)
    assert client.post(f"/v1/consultations/{booked['id']}/cancel", headers=token(booked), json={}).status_code == 409


def test_reschedule_moves_atomically_and_keeps_the_old_slot_if_the_new_one_is_taken(client, practice):
    slots = free_slots(client, practice.therapist_id)
    booked = book(client, practice.therapist_id, slots[0])
    other = book(client, practice.therapist_id, slots[2])
    taken = client.post(f"/v1/consultations/{booked['id']}/reschedule", headers=token(booked),
                        json={"start": other["start"]})
    assert taken.status_code == 409
    view = client.get(f"/v1/consultations/{booked['id']}", headers=token(booked)).get_json()
    assert view["start"] == booked["start"] and slots[0] not in free_slots(client, practice.therapist_id)

    moved = client.post(f"/v1/consultations/{booked['id']}/reschedule", headers=token(booked),
                        json={"start": slots[4]})
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["version"] == booked["version"] + 1
    free = free_slots(client, practice.therapist_id)
    assert slots[0] in free and slots[4] not in free


def test_rescheduling_to_the_start_it_has_changes_nothing(app, client, practice):
    slots = free_slots(client, practice.therapist_id)
    booked = book(client, practice.therapist_id, slots[0])
    reminders = f"/v1/reminders?consultation_id={booked['id']}"
    before = client.get(reminders, headers=practice.staff).get_json()["items"]
    assert before and {r["status"] for r in before} == {"scheduled"}
    start = dt.datetime.fromisoformat(booked["start"])
    for spelling in (booked["start"], start.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z"),
                     start.astimezone(dt.timezone(dt.timedelta(hours=-6))).isoformat()):
        same = client.post(f"/v1/consultations/{booked['id']}/reschedule", headers=token(booked),
                           json={"start": spelling})
        assert same.status_code == 200, same.get_json()
        assert (same.get_json()["version"], same.get_json()["start"]) == (booked["version"], booked["start"])
    assert client.get(reminders, headers=practice.staff).get_json()["items"] == before  # not cancelled, not remade
    assert events(app, "consultation.rescheduled.v1") == []
    assert slots[0] not in free_slots(client, practice.therapist_id)


def test_ending_a_cancelled_call_is_an_invalid_transition_even_before_its_start(client, practice):
    booked = book(client, practice.therapist_id, free_slots(client, practice.therapist_id)[0])
    assert client.post(f"/v1/consultations/{booked['id']}/cancel", headers=token(booked), json={}).status_code == 200
    for end in ("complete", "no-show"):
        refused = client.post(f"/v1/consultations/{booked['id']}/{end}", headers=practice.staff)
        assert refused.status_code == 409 and refused.get_json()["type"] == "urn:rapport:problem:invalid-transition"
    same = client.post(f"/v1/consultations/{booked['id']}/reschedule", headers=token(booked),
                       json={"start": booked["start"]})
    assert same.status_code == 409 and same.get_json()["type"] == "urn:rapport:problem:invalid-transition"


def test_completion_and_no_show_come_after_the_start(app, client, practice):
    slots = free_slots(client, practice.therapist_id)
    first, second = book(client, practice.therapist_id, slots[0]), book(client, practice.therapist_id, slots[1])
    early = client.post(f"/v1/consultations/{first['id']}/complete", headers=practice.therapist)
    assert early.status_code == 409
    principal = Principal("t", "therapist", practice.id, practice.therapist_id)
    later = dt.datetime.fromisoformat(slots[3])
    with app.extensions["rapport.db"].writer() as session:
        uow = UnitOfWork(session, "x")
        assert service.complete(uow, principal, first["id"], now=later).status == "completed"
        assert service.no_show(uow, principal, second["id"], now=later).status == "no_show"
    again = client.post(f"/v1/consultations/{first['id']}/no-show", headers=practice.therapist)
    assert again.status_code == 409


def test_decline_must_suggest_a_listed_colleague(client, practice):
    put_availability(client, practice.therapist_id, practice.staff, booking_mode="request")
    booked = book(client, practice.therapist_id, free_slots(client, practice.therapist_id)[0])
    bad = client.post(f"/v1/consultations/{booked['id']}/decline", headers=practice.staff,
                      json={"suggested_therapist_id": "nobody"})
    assert bad.status_code == 422
    assert client.get(f"/v1/consultations/{booked['id']}", headers=token(booked)).get_json()["status"] == "requested"

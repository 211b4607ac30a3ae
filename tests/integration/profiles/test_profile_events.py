"""What profiles records in its outbox when practices and therapists change, and license expiry."""
from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select, update
from support.profiles import bearer, edit
from support.profiles_directory import listed_therapist, search_ids

from profiles.adapters import orm
from profiles.messaging import published
from profiles.service_layer.licenses import delist_lapsed


def outbox_events(app) -> list[dict]:
    with app.extensions["rapport.db"].reader() as session:
        rows = session.execute(select(orm.outbox.c.body).order_by(orm.outbox.c.seq)).all()
    return [json.loads(row.body) for row in rows]


def test_therapist_events_carry_what_booking_and_billing_need(profiles, client, practice_a):
    therapist = listed_therapist(client, practice_a.staff_token, "Maren", "Okafor", credentials="LMFT",
                                 npi="1234567893", formats=["video", "in_person"], payer_ids=["60054"])
    event = outbox_events(profiles)[-1]
    assert event["type"] == published.THERAPIST_PUBLISHED and event["subject"] == f"therapists/{therapist['id']}"
    data = event["data"]
    published.TherapistData().load(data)
    assert data["license_types"] == ["lcsw"] and data["licensed_states"] == ["IL"]
    assert data["taxonomy_code"] == "1041C0700X" and data["formats"] == ["video", "in_person"]
    assert data["payer_ids"] == ["60054"] and data["accepting_new_clients"] is True and data["npi"] == "1234567893"
    assert data["time_zone"] == "America/New_York"
    assert not {"email", "password_hash", "search_document", "shuffle"} & set(data)

    assert edit(client, practice_a.staff_token, therapist["id"], {"accepting_new_clients": False}).status_code == 200
    updated = outbox_events(profiles)[-1]
    assert updated["type"] == published.THERAPIST_UPDATED
    assert updated["data"]["accepting_new_clients"] is False and updated["data"]["version"] > data["version"]


def test_editing_a_draft_says_nothing_and_practice_edits_are_announced(profiles, client, practice_a):
    before = len(outbox_events(profiles))
    assert edit(client, practice_a.staff_token, practice_a.therapist_id, {"pronouns": "he/him"}).status_code == 200
    assert len(outbox_events(profiles)) == before
    url = f"/v1/practices/{practice_a.id}"
    read = client.get(url, headers=bearer(practice_a.staff_token))
    assert read.get_json()["address"] is None  # none given yet: null, as the other absent fields, not {}
    etag = read.headers["ETag"]
    response = client.patch(url, headers={**bearer(practice_a.staff_token), "If-Match": etag},
                            json={"name": "Renamed Practice", "address": {"line1": "1 Main", "city": "Chicago",
                                                                          "state": "IL", "zip": "60622"}})
    assert response.status_code == 200 and response.get_json()["address"]["city"] == "Chicago"
    event = outbox_events(profiles)[-1]
    assert event["type"] == published.PRACTICE_UPDATED and event["data"]["name"] == "Renamed Practice"
    assert event["data"]["version"] == 2 and event["data"]["address"]["zip"] == "60622"


def expire(app, therapist_id: str, days_ago: int = 1) -> None:
    """Move the therapist's licenses' expiry into the past (time passing, without waiting)."""
    with app.extensions["rapport.db"].transaction() as session:
        session.execute(update(orm.licenses).where(orm.licenses.c.therapist_id == therapist_id)
                        .values(expires_on=dt.date.today() - dt.timedelta(days=days_ago)))


def test_a_lapsed_license_delists_the_therapist_once_saying_why(profiles, client, practice_a):
    therapist = listed_therapist(client, practice_a.staff_token, "Tobias", "Lindqvist")
    keeper = listed_therapist(client, practice_a.staff_token, "Kai", "Reyes")
    expire(profiles, therapist["id"])
    database, exchange = profiles.extensions["rapport.db"], profiles.extensions["rapport.exchange"]

    assert delist_lapsed(database, exchange) == [therapist["id"]]
    assert delist_lapsed(database, exchange) == []  # a second worker (or run) finds nothing to do

    view = client.get(f"/v1/therapists/{therapist['id']}", headers=bearer(practice_a.staff_token)).get_json()
    assert view["status"] == "unpublished"
    assert view["status_reason"].startswith("license expired: LCSW IL")
    assert view["licenses"][0]["status"] == "expired"
    assert search_ids(client) == [keeper["id"]]
    unpublished = [e for e in outbox_events(profiles) if e["type"] == published.THERAPIST_UNPUBLISHED]
    assert len(unpublished) == 1 and unpublished[0]["data"]["status_reason"] == view["status_reason"]
    # Not listable again until a new license is verified.
    response = client.post(f"/v1/therapists/{therapist['id']}/publish", headers=bearer(practice_a.staff_token))
    assert response.status_code == 409


def test_two_workers_with_the_same_candidate_delist_once(profiles, client, practice_a):
    """Both picked the therapist; the second's write is conditional on what it read, so it does nothing."""
    from profiles.service_layer.licenses import _delist_one
    from profiles.service_layer.unit_of_work import UnitOfWork
    from rapport_shared.errors import ChangedMeanwhile

    therapist = listed_therapist(client, practice_a.staff_token, "Ada", "Race")
    expire(profiles, therapist["id"])
    database, exchange = profiles.extensions["rapport.db"], profiles.extensions["rapport.exchange"]
    today = dt.date.today()
    with database.reader() as session:
        stale = UnitOfWork(session, exchange).therapists.get(therapist["id"])  # what worker B read
    with database.writer() as session:
        assert _delist_one(UnitOfWork(session, exchange), therapist["id"], today) is True  # worker A
    with database.writer() as session:
        uow = UnitOfWork(session, exchange)
        stale_version = stale.version
        stale.unpublish(dt.datetime.now(dt.timezone.utc), "worker B")
        try:
            uow.therapists.save(stale, stale_version)
            raise AssertionError("a stale write went through")
        except ChangedMeanwhile:
            uow.rollback()
        assert _delist_one(uow, therapist["id"], today) is False
    assert sum(e["type"] == published.THERAPIST_UNPUBLISHED for e in outbox_events(profiles)) == 1


def test_a_second_valid_license_keeps_the_listing(profiles, client, practice_a):
    from support.profiles import add_verified_license

    therapist = listed_therapist(client, practice_a.staff_token, "Lee", "Twostate")
    expire(profiles, therapist["id"])
    add_verified_license(client, practice_a.staff_token, therapist["id"], state="WI")
    database, exchange = profiles.extensions["rapport.db"], profiles.extensions["rapport.exchange"]
    assert delist_lapsed(database, exchange) == []
    view = client.get(f"/v1/therapists/{therapist['id']}").get_json()
    assert view["status"] == "published"
    last = outbox_events(profiles)[-1]
    assert last["type"] == published.THERAPIST_UPDATED and last["data"]["licensed_states"] == ["WI"]
    assert therapist["id"] in search_ids(client, "state=WI")

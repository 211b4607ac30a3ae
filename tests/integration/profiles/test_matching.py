"""Matching on a real database, with booking's availability summaries consumed from RabbitMQ."""
from __future__ import annotations

import datetime as dt
import json
import threading
import time
from zoneinfo import ZoneInfo

import pika
import pytest
from support.broker import Broker
from support.profiles_directory import listed_therapist
from support.settings import AMQP_URL

from profiles.adapters import orm
from profiles.domain.search import rotation_salt
from profiles.entrypoints.consumers import handlers, subscriptions
from profiles.messaging import consumed
from profiles.service_layer.unit_of_work import UnitOfWork
from rapport_shared.consumer import IdempotentConsumer
from rapport_shared.events import CloudEvent
from rapport_shared.topology import declare_exchange, producer_exchange


def summary_event(therapist_id: str, version: int, slots: list[dt.datetime]) -> CloudEvent:
    return CloudEvent(type=consumed.AVAILABILITY_SUMMARIZED, source="/services/booking",
                      subject=f"therapists/{therapist_id}",
                      data={"therapist_id": therapist_id, "practice_id": "p", "timezone": "America/Chicago",
                            "booking_mode": "instant", "formats": ["video"],
                            "next_slots": [s.isoformat().replace("+00:00", "Z") for s in slots],
                            "computed_at": dt.datetime.now(dt.timezone.utc).isoformat(), "version": version,
                            "a_field_added_later": True})


@pytest.fixture
def people(client, practice_a):
    staff = practice_a.staff_token
    return {
        "maren": listed_therapist(client, staff, "Maren", "Okafor", specialties=["couples-therapy", "trauma"],
                                  issues=["relational-trauma", "relationship-distress"], populations=["couples"],
                                  formats=["video", "in_person"], payer_ids=["60054"], languages=["en", "es"],
                                  locations=[{"line1": "1 W Division St", "city": "Chicago", "state": "IL",
                                              "zip": "60622"}])["id"],
        "tobias": listed_therapist(client, staff, "Tobias", "Lindqvist", specialties=["trauma"],
                                   issues=["complex-ptsd"], formats=["video"], payer_ids=["62308"])["id"],
        "closed": listed_therapist(client, staff, "Nora", "Closed", issues=["relational-trauma"],
                                   accepting_new_clients=False)["id"],
        "colorado": listed_therapist(client, staff, "Cole", "Rado", license_state="CO",
                                     issues=["relational-trauma"], formats=["video"])["id"],
    }


def test_matches_rank_with_reasons_and_availability(profiles, client, people, namespace):
    database = profiles.extensions["rapport.db"]
    exchange = producer_exchange(namespace, "profiles")
    consumer = IdempotentConsumer("profiles", database, orm.processed_messages, AMQP_URL, subscriptions(namespace),
                                  handlers(), unit_of_work=lambda session: UnitOfWork(session, exchange))
    consumer.connect()
    thread = threading.Thread(target=consumer.run, daemon=True)
    thread.start()
    broker = Broker(AMQP_URL)
    try:
        booking = producer_exchange(namespace, "booking")
        declare_exchange(broker.channel, booking)
        base = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
        newer = summary_event(people["maren"], 2, [base])
        older = summary_event(people["maren"], 1, [base + dt.timedelta(days=20)])
        for event in (newer, newer, older):  # a duplicate and a stale, out-of-order one
            broker.channel.basic_publish(booking, event.type, event.to_json(),
                                         pika.BasicProperties(message_id=event.id, delivery_mode=2))
        deadline = time.monotonic() + 15
        while True:
            with database.reader() as session:
                held = profiles_summary(session, people["maren"])
                done = session.execute(orm.processed_messages.select()).all()
            if held and len(done) == 2:
                break
            assert time.monotonic() < deadline, "availability not consumed"
            time.sleep(0.05)
        assert held["version"] == 2 and len(held["next_slots"]) == 1
    finally:
        consumer.stop()
        thread.join(5)
        for sub in subscriptions(namespace):
            broker.delete(sub.queue, sub.dead_letter_queue, exchanges=(sub.exchange, sub.dead_letter_exchange))
        broker.close()

    response = client.post("/v1/matches", json={
        "concerns": "My partner and I keep fighting and I carry trauma from my family",
        "format": "video", "payer_id": "60054", "payer_name": "Aetna", "state": "IL", "language": "es",
        "time_zone": "America/Chicago"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    ids = [m["therapist_id"] for m in body["matches"]]
    assert ids[0] == people["maren"]
    assert people["closed"] not in ids and people["colorado"] not in ids  # not accepting; not licensed in IL
    best = body["matches"][0]
    local = base.astimezone(ZoneInfo("America/Chicago"))  # rendered in the client's zone
    assert "works with relationship issues" in best["reasons"] and "in network with Aetna" in best["reasons"]
    assert "specialises in couples therapy" in best["reasons"]  # "fighting": communication, which couples work covers
    assert "offers video" in best["reasons"] and "speaks Spanish" in best["reasons"]
    assert f"free screening call {local.strftime('%a at %H:%M')}" in best["reasons"]
    assert best["score"] > body["matches"][1]["score"]
    assert {"issue:relationship-distress", "issue:communication", "issue:trauma"} <= set(body["interpreted_terms"])
    assert body["crisis"] is None


def profiles_summary(session, therapist_id):
    row = session.execute(orm.availability_summaries.select().where(
        orm.availability_summaries.c.therapist_id == therapist_id)).first()
    return dict(row._mapping) if row else None


def test_match_input_is_checked(client, people):
    for body, field in (({"issues": ["astrology"]}, "issues"), ({"format": "fax"}, "format"),
                        ({"zip": "00000"}, "zip"), ({"format": "in_person"}, "zip"),
                        ({"identities": ["wizard"]}, "identities"), ({"email": "a@b.example"}, "email"),
                        ({"time_zone": "Mars/Base"}, "time_zone"), ({"concerns": "so tired " * 600}, "concerns")):
        response = client.post("/v1/matches", json=body)
        assert response.status_code == 422, body
        assert field in {e["field"] for e in response.get_json()["errors"]}, (body, response.get_json())


def test_a_long_rambling_message_is_heard(client):
    text = ("Where do I even start. " * 40 + "My mom walked out when I was six and I'm terrified people will leave me. "
            + "Work is fine, the commute is long, the weather has been grey. " * 30)
    assert 2000 < len(text) <= 5000
    response = client.post("/v1/matches", json={"concerns": text})
    assert response.status_code == 200, response.get_json()
    assert "issue:abandonment" in response.get_json()["interpreted_terms"]


def test_in_person_matches_stay_near(client, people):
    response = client.post("/v1/matches", json={"issues": ["relational-trauma"], "format": "in_person",
                                                "zip": "60611"})
    matches = response.get_json()["matches"]
    assert [m["therapist_id"] for m in matches] == [people["maren"]]
    assert any(r.startswith("office ") and r.endswith(" km away") for r in matches[0]["reasons"])


def test_crisis_language_puts_the_crisis_lines_first_and_still_matches(client, people):
    response = client.post("/v1/matches", json={"concerns": "honestly i've been thinking of ending it, "
                                                            "everything since the abuse feels pointless"})
    assert response.status_code == 200
    body = response.get_json()
    assert next(iter(json.loads(response.data))) == "crisis"  # the first thing in the answer
    assert "988" in body["crisis"]["message"] and "911" in body["crisis"]["message"]
    assert [line["call"] for line in body["crisis"]["lines"]] == ["988", "911"]
    assert "issue:suicidal-ideation" in body["interpreted_terms"] and body["matches"]


def test_spanish_words_ask_for_a_spanish_speaker(client, people):
    body = client.post("/v1/matches", json={"concerns": "mi pareja y yo peleamos mucho, necesito terapia en español",
                                            "state": "IL"}).get_json()
    assert {"issue:relationship-distress", "language:es"} <= set(body["interpreted_terms"])
    assert body["matches"][0]["therapist_id"] == people["maren"]
    assert "speaks Spanish" in body["matches"][0]["reasons"]


def test_an_insurer_named_in_the_clients_words_is_their_payer_unless_the_form_gave_one(client, people):
    body = client.post("/v1/matches", json={"concerns": "we keep fighting and I have Aetna through work",
                                            "state": "IL"}).get_json()
    assert "insurer:aetna" in body["interpreted_terms"]
    best = next(m for m in body["matches"] if m["therapist_id"] == people["maren"])  # in network with Aetna
    assert "in network with Aetna" in best["reasons"]
    assert all("in network" not in reason for m in body["matches"] if m["therapist_id"] != people["maren"]
               for reason in m["reasons"])
    chosen = client.post("/v1/matches", json={"concerns": "we keep fighting and I have Aetna through work",
                                              "state": "IL", "payer_id": "62308"}).get_json()  # the form's
    assert chosen["matches"] and not any("in network with Aetna" in m["reasons"] for m in chosen["matches"])


def test_a_medicare_client_meets_therapists_enrolled_with_medicare_wherever_they_enrolled(client, practice_a):
    staff = practice_a.staff_token
    enrolled = listed_therapist(client, staff, "Medi", "Enrolled", issues=["loneliness"], formats=["video"],
                                payer_ids=["06102"])["id"]  # Illinois' Medicare contractor
    listed_therapist(client, staff, "Priv", "Ate", issues=["loneliness"], formats=["video"], payer_ids=["60054"])
    words = {"concerns": "so lonely since my wife passed. I have Medicare", "state": "IL"}
    body = client.post("/v1/matches", json=words).get_json()
    assert "insurer:medicare" in body["interpreted_terms"]
    assert body["matches"][0]["therapist_id"] == enrolled and "in network with Medicare" in body["matches"][0]["reasons"]
    assert sum("in network with Medicare" in m["reasons"] for m in body["matches"]) == 1
    # another state's contractor id from the form is Medicare as well
    body = client.post("/v1/matches", json={**words, "concerns": "so lonely", "payer_id": "04412"}).get_json()
    assert body["matches"][0]["therapist_id"] == enrolled and "in network with Medicare" in body["matches"][0]["reasons"]


def test_a_client_writing_in_spanish_meets_spanish_speakers_first_however_big_the_pool(client, practice_a,
                                                                                       monkeypatch):
    from profiles.service_layer import matching

    staff = practice_a.staff_token
    for n in range(4):
        listed_therapist(client, staff, "Ann", f"English-{n}", issues=["anxiety", "insomnia"], formats=["video"])
    speaker = listed_therapist(client, staff, "Ana", "Habla", issues=["anxiety"], formats=["video"],
                               languages=["en", "es"])["id"]
    monkeypatch.setattr(matching, "POOL", 2)  # smaller than those who list the concern: the pool must choose
    for hour in range(24):  # a day's turns of the rotation, including those that bring the speaker round again
        salt = rotation_salt(dt.datetime(2026, 1, 1, hour, tzinfo=dt.timezone.utc))
        monkeypatch.setattr(matching, "rotation_salt", lambda now, salt=salt: salt)
        response = client.post("/v1/matches", json={"concerns": "me siento muy ansiosa y no puedo dormir"})
        assert response.status_code == 200, response.get_json()
        answer = response.get_json()
        assert "language:es" in answer["interpreted_terms"]
        assert answer["matches"][0]["therapist_id"] == speaker and "speaks Spanish" in answer["matches"][0]["reasons"]
        assert len(answer["matches"]) == 2, salt  # the others still follow


def test_a_message_in_korean_is_heard_for_its_concerns_and_its_crisis(client, practice_a):
    staff = practice_a.staff_token
    listed_therapist(client, staff, "Ann", "English", issues=["depression", "insomnia"], formats=["video"])
    speaker = listed_therapist(client, staff, "Min", "Seo", issues=["depression"], formats=["video"],
                               languages=["en", "ko"])["id"]
    response = client.post("/v1/matches", json={"concerns": "요즘 너무 우울하고 잠을 못 자요. 가끔 죽고 싶어요"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert next(iter(json.loads(response.data))) == "crisis" and "988" in body["crisis"]["message"]
    assert {"issue:depression", "issue:insomnia", "issue:suicidal-ideation", "language:ko"} <= set(
        body["interpreted_terms"])
    assert body["matches"][0]["therapist_id"] == speaker and "speaks Korean" in body["matches"][0]["reasons"]


def test_a_stated_adult_age_ranks_but_does_not_draw_the_pool(client, practice_a, monkeypatch):
    """Nearly every therapist sees adults: drawing candidates by it would leave out those who list the concern."""
    from profiles.service_layer import matching

    staff = practice_a.staff_token
    for n in range(4):
        listed_therapist(client, staff, "Ann", f"Adults-{n}", issues=["anxiety"], populations=["adults"],
                         formats=["video"])
    hoarding = listed_therapist(client, staff, "Hal", "Keeps", issues=["hoarding"], populations=["adults"],
                                formats=["video"])["id"]
    monkeypatch.setattr(matching, "POOL", 2)  # fewer than those who see adults: the pool must choose
    for hour in range(24):
        salt = rotation_salt(dt.datetime(2026, 1, 1, hour, tzinfo=dt.timezone.utc))
        monkeypatch.setattr(matching, "rotation_salt", lambda now, salt=salt: salt)
        answer = client.post("/v1/matches", json={"concerns": "I'm 34 and I can't throw anything away, my "
                                                               "apartment is full of stuff"}).get_json()
        assert {"issue:hoarding", "population:adults"} <= set(answer["interpreted_terms"])
        assert answer["matches"][0]["therapist_id"] == hoarding, salt
        assert "works with adults (20-64)" in answer["matches"][0]["reasons"]

"""Unit tests of the shared building blocks that need no database or broker."""
from __future__ import annotations

import json

import pytest

from rapport_shared.backoff import backoff_seconds
from rapport_shared.events import CloudEvent, InvalidEnvelope
from rapport_shared.pagination import InvalidCursor, decode_cursor, encode_cursor
from rapport_shared.principal import Principal
from rapport_shared.problems import flatten_errors


def test_cloudevent_round_trips_with_required_attributes():
    event = CloudEvent(type="rapport.test.thing.happened.v1", source="/tests", subject="things/1", data={"n": 1})
    raw = json.loads(event.to_json())
    assert raw["specversion"] == "1.0" and raw["time"].endswith("Z")
    assert {"id", "source", "type", "time", "subject", "datacontenttype", "data"} <= raw.keys()
    again = CloudEvent.from_json(event.to_json())
    assert (again.id, again.type, again.subject, again.data, again.time) == (
        event.id, event.type, event.subject, event.data, event.time)


@pytest.mark.parametrize("body,reason", [
    (b"{", "not JSON"),
    (b"[]", "not an object"),
    (json.dumps({"specversion": "1.0", "id": "1", "source": "/x"}).encode(), "missing attributes: type"),
    (json.dumps({"specversion": "0.3", "id": "1", "source": "/x", "type": "t"}).encode(), "specversion"),
    (json.dumps({"specversion": "1.0", "id": "1", "source": "/x", "type": "t", "data": [1]}).encode(), "data"),
])
def test_unreadable_envelopes_are_rejected_with_a_reason(body, reason):
    with pytest.raises(InvalidEnvelope, match=reason):
        CloudEvent.from_json(body)


def test_validation_messages_flatten_to_field_paths():
    messages = {"json": {"client": {"email": ["Not a valid email address."]},
                         "participants": {1: {"phone": ["Bad.", "Worse."]}}, "_schema": ["Whole body wrong."]}}
    assert flatten_errors(messages) == [
        {"in": "json", "field": "client.email", "message": "Not a valid email address."},
        {"in": "json", "field": "participants.1.phone", "message": "Bad."},
        {"in": "json", "field": "participants.1.phone", "message": "Worse."},
        {"in": "json", "field": "_schema", "message": "Whole body wrong."},
    ]


def test_cursor_round_trips_and_rejects_garbage():
    assert decode_cursor(encode_cursor({"last_name": "Ö", "id": "x"})) == {"last_name": "Ö", "id": "x"}
    forged = [encode_cursor({"id": "a\x00b"}), encode_cursor({"id": "\ud800"})]  # text no database can hold
    for garbage in ("%%%", "bm90IGpzb24", encode_cursor({"a": 1})[:-3] + "!!", *forged):
        with pytest.raises(InvalidCursor):
            decode_cursor(garbage)


def test_backoff_grows_and_is_capped():
    delays = [backoff_seconds(n, base=0.5, cap=30) for n in range(1, 11)]
    assert delays[:4] == [0.5, 1.0, 2.0, 4.0]
    assert max(delays) == 30 and delays == sorted(delays)
    assert backoff_seconds(0, base=2, cap=300) == 2  # no attempt yet counts as the first


def test_principal_practice_and_therapist_checks():
    staff = Principal("u1", "staff", practice_id="p1")
    therapist = Principal("u2", "therapist", practice_id="p1", therapist_id="t1")
    admin = Principal("u3", "admin")
    assert staff.in_practice("p1") and not staff.in_practice("p2") and not staff.in_practice(None)
    assert admin.in_practice("anything")
    assert therapist.is_therapist("t1") and not therapist.is_therapist("t2") and not staff.is_therapist("t1")


def test_an_idempotency_key_is_known_again_by_its_body_and_bounded():
    from rapport_shared.errors import Invalid
    from rapport_shared.idempotency import idempotent_request

    assert idempotent_request({}, {"a": 1}) is None
    first = idempotent_request({"Idempotency-Key": "k-1"}, {"a": 1, "b": [2]})
    assert first is not None and first.key == "k-1"
    same = idempotent_request({"Idempotency-Key": "k-1"}, {"b": [2], "a": 1})  # key order is not a difference
    assert same == first
    same.check_same(first.digest)
    other = idempotent_request({"Idempotency-Key": "k-1"}, {"a": 2, "b": [2]})
    with pytest.raises(Invalid) as reused:
        other.check_same(first.digest)
    assert reused.value.slug == "idempotency-key-reused"
    for key in ("", "k" * 201):
        with pytest.raises(Invalid) as bad:
            idempotent_request({"Idempotency-Key": key}, {})
        assert bad.value.slug == "invalid-idempotency-key"
    assert idempotent_request({"Idempotency-Key": "k" * 200}, {}) is not None


def test_a_twin_that_stored_its_answer_first_gives_it_or_a_409_if_it_vanished():
    from rapport_shared.errors import Conflict
    from rapport_shared.idempotency import twins_answer

    assert twins_answer((201, {"id": "p-1"})) == (201, {"id": "p-1"})
    with pytest.raises(Conflict) as vanished:
        twins_answer(None)
    assert vanished.value.slug == "idempotency-conflict"

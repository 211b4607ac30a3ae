"""The shared building blocks on their own: pages, input cleaning, access, the unit of work's transaction."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import marshmallow as ma
import pytest
from marshmallow import validate
from sqlalchemy.exc import OperationalError

from rapport_shared.access import acting_practice, may_manage, may_see, visible
from rapport_shared.errors import ChangedMeanwhile, Forbidden, NotFound
from rapport_shared.pagination import NEWEST_FIRST, InvalidCursor, Order, SortKey, encode_cursor
from rapport_shared.principal import Principal
from rapport_shared.schemas import NON_BLANK_PATTERN, TEXT_PATTERN, Address, EmailAddress, Input
from rapport_shared.unit_of_work import UnitOfWork


@dataclass
class Row:
    id: str
    created_at: dt.datetime
    practice_id: str = "p1"


T0 = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
ROWS = [Row(f"r{i:02d}", T0 + dt.timedelta(hours=i // 2)) for i in range(9)]  # pairs share a time


def test_pages_walk_every_item_once_newest_first():
    seen, cursor = [], None
    while True:
        after = NEWEST_FIRST.position(cursor)
        page = NEWEST_FIRST.page(NEWEST_FIRST.sorted(ROWS, after, 2), 2)
        seen.extend(row.id for row in page.items)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == [r.id for r in sorted(ROWS, key=lambda r: (r.created_at, r.id), reverse=True)]


def test_mixed_directions_and_dict_items():
    order = Order(SortKey("last_name"), SortKey("id", descending=True))
    items = [{"last_name": n, "id": i} for n, i in (("b", "1"), ("a", "2"), ("a", "3"), ("c", "0"))]
    first = order.page(order.sorted(items, None, 2), 2)
    assert [i["id"] for i in first.items] == ["3", "2"]
    second = order.sorted(items, order.position(first.next_cursor), 2)
    assert [i["id"] for i in second] == ["1", "0"]


def test_a_cursor_of_another_order_or_garbage_is_refused():
    other = encode_cursor({"last_name": "a", "id": "x"})
    for cursor in (other, "%%%", encode_cursor({"created_at": "yesterday", "id": "x"}),
                   encode_cursor({"created_at": "2026-11-01T00:00:00", "id": "x"})):  # naive time
        with pytest.raises(InvalidCursor) as caught:
            NEWEST_FIRST.position(cursor)
        assert caught.value.status == 422


class Person(Input):
    name = ma.fields.String(required=True, validate=ma.validate.Length(1, 50))
    password = ma.fields.String(metadata={"trim": False})
    tags = ma.fields.List(ma.fields.String())
    address = ma.fields.Nested(Address)


def test_input_trims_and_refuses_unsafe_text():
    loaded = Person().load({"name": "  Ada ", "password": " s3cret ", "tags": [" a "],
                            "address": {"line1": " 1 Main St ", "city": "Chicago", "state": "IL", "zip": "60622"}})
    assert loaded["name"] == "Ada" and loaded["password"] == " s3cret " and loaded["tags"] == ["a"]
    assert loaded["address"]["line1"] == "1 Main St"
    for bad, field in (({"name": "A\x00"}, "name"), ({"name": "\ud800"}, "name"), ({"name": "A\x1b[31m"}, "name"),
                       ({"name": "ok", "address": {"line1": "\x07"}}, "address.line1"), ({"name": "   "}, "name"),
                       ({"name": "ok", "extra": 1}, "extra")):
        with pytest.raises(ma.ValidationError) as caught:
            Person().load(bad)
        assert field in caught.value.messages
    assert Person().load({"name": "two\nlines\tok"})["name"] == "two\nlines\tok"


def test_access_checks():
    admin = Principal("a", "admin")
    staff = Principal("s", "staff", practice_id="p1")
    therapist = Principal("t", "therapist", practice_id="p1", therapist_id="t1")
    assert may_manage(admin, "p2") and may_manage(staff, "p1") and not may_manage(staff, "p2")
    assert not may_manage(therapist, "p1") and may_see(therapist, "p1", "t1") and not may_see(therapist, "p1", "t2")
    row = Row("r", T0)
    assert visible(staff, row, "thing") is row and visible(staff, {"practice_id": "p1"}, "thing")
    for principal, record in ((staff, Row("r", T0, "p2")), (staff, None), (therapist, row), (None, row)):
        with pytest.raises(NotFound):
            visible(principal, record, "thing")
    assert acting_practice(staff) == "p1" and acting_practice(admin, "p9") == "p9"
    with pytest.raises(Forbidden):
        acting_practice(admin)
    with pytest.raises(NotFound):
        acting_practice(staff, "p2")


class FakeSession:
    def __init__(self):
        self.log: list[str] = []

    def commit(self):
        self.log.append("commit")

    def rollback(self):
        self.log.append("rollback")

    def execute(self, statement):
        self.log.append("outbox")


class Uow(UnitOfWork):
    outbox = None


def test_unit_of_work_rolls_back_unless_committed_and_only_at_the_outermost_exit():
    session = FakeSession()
    uow = Uow(session, "x")
    with uow:
        with uow:
            pass  # an inner use case that ends early
        assert session.log == []
        uow.commit()
    assert session.log == ["commit", "rollback"]  # the rollback after a commit undoes nothing

    session.log.clear()
    with pytest.raises(RuntimeError), uow:
        with uow:
            raise RuntimeError("inner failure")
    assert session.log == ["rollback", "rollback"]


class DeadlockDetected(Exception):
    sqlstate = "40P01"  # as psycopg names PostgreSQL's code


def test_a_transaction_the_database_ended_to_break_a_deadlock_lost_a_race():
    session = FakeSession()
    with pytest.raises(ChangedMeanwhile) as caught, Uow(session, "x"):
        raise OperationalError("UPDATE claims ...", {}, DeadlockDetected("deadlock detected"))
    assert session.log == ["rollback"] and isinstance(caught.value.__cause__, OperationalError)
    with pytest.raises(OperationalError), Uow(session, "x"):  # the database being away is no race
        raise OperationalError("SELECT 1", {}, ConnectionError("server closed the connection"))


class DatabaseIsLocked(Exception):
    sqlite_errorname = "SQLITE_BUSY"  # as Python's sqlite3 names it


def test_a_write_lock_sqlite_could_not_get_in_time_lost_a_race():
    with pytest.raises(ChangedMeanwhile) as caught, Uow(FakeSession(), "x"):
        raise OperationalError("BEGIN IMMEDIATE", {}, DatabaseIsLocked("database is locked"))
    assert isinstance(caught.value.__cause__, OperationalError)


class Booking(Input):
    duration_min = ma.fields.Integer(required=True)
    sizes = ma.fields.List(ma.fields.Integer())
    on = ma.fields.Date()
    at = ma.fields.AwareDateTime()
    opens = ma.fields.Time()
    since = ma.fields.Date(data_key="from")


def test_dates_and_times_are_read_in_the_documents_shapes_only():
    read = Booking().load({"duration_min": 1, "on": "1990-01-01", "at": "2026-12-14T15:00Z", "opens": "09:00",
                           "from": "2026-12-01"})
    assert (read["on"], read["opens"], read["since"]) == (dt.date(1990, 1, 1), dt.time(9, 0), dt.date(2026, 12, 1))
    assert Booking().load({"duration_min": 1, "at": "2026-12-14T15:00:00.123456-05:00"})["at"].utcoffset()
    for field, written in (("on", "19900101"), ("on", "2026-W50-1"), ("on", "1990-01-01\n"), ("at", "2026-W50-1"),
                           ("at", "2026-12-14 15:00:00Z"), ("at", "2026-12-14T15:00:00+0500"), ("opens", "09:00Z"),
                           ("opens", "0900"), ("opens", "T09:00"), ("opens", "09:00+05:00"), ("from", "2026-W50-1")):
        with pytest.raises(ma.ValidationError) as caught:
            Booking().load({"duration_min": 1, field: written})
        assert list(caught.value.messages) == [field], written


def test_whole_numbers_stay_whole_and_dates_plausible():
    assert Booking().load({"duration_min": 55, "sizes": [1, 2]})["duration_min"] == 55
    # a float that reads as whole is still not a JSON integer: 3.0000000000000001e1 reads as 30.0
    for bad, field in (({"duration_min": 55.5}, "duration_min"), ({"duration_min": True}, "duration_min"),
                       ({"duration_min": 55.0}, "duration_min"), ({"duration_min": json.loads("3e1")}, "duration_min"),
                       ({"duration_min": json.loads("3.0000000000000001e1")}, "duration_min"),
                       ({"duration_min": 1, "sizes": [1, 2.5]}, "sizes"),
                       ({"duration_min": 1, "on": "1603-01-01"}, "on"), ({"duration_min": 1, "on": "4645-06-30"}, "on"),
                       ({"duration_min": 1, "at": "0001-01-01T00:00:00+00:00"}, "at")):
        with pytest.raises(ma.ValidationError) as caught:
            Booking().load(bad)
        assert field in caught.value.messages, bad
    assert Booking().load({"duration_min": 1, "on": "2026-12-01"})["on"] == dt.date(2026, 12, 1)


def test_query_arguments_are_cleaned_too():
    from types import MappingProxyType

    class Search(Input):
        q = ma.fields.String()

    assert Search().load(MappingProxyType({"q": "  calm  "})) == {"q": "calm"}
    with pytest.raises(ma.ValidationError) as caught:
        Search().load(MappingProxyType({"q": "x\x0f"}))
    assert "q" in caught.value.messages


def test_a_whole_number_in_a_query_is_ascii_digits():
    from types import MappingProxyType  # query arguments arrive as a read-only mapping of text, not a JSON dict

    from rapport_shared.pagination import PageArgs

    class Listing(PageArgs, Input):
        pass

    assert Listing().load(MappingProxyType({"limit": "20"}))["limit"] == 20
    for written in ("2_0", " 2", "\u0662", "+2", "abc", "1e3"):  # all of which int() would read, or half of them
        with pytest.raises(ma.ValidationError) as caught:
            Listing().load(MappingProxyType({"limit": written}))
        assert caught.value.messages == {"limit": ["must be a whole number"]}, written


def test_c1_controls_noncharacters_and_invisible_only_text_are_refused():
    class Person(Input):
        name = ma.fields.String(required=True, validate=validate.Length(1, 40))

    for bad in ("A\x9b31mB", "Ana\x85", "a\ufffe", "a\ufdd0", "\u200b", " \u200b\ufeff "):
        with pytest.raises(ma.ValidationError) as caught:
            Person().load({"name": bad})
        assert "name" in caught.value.messages, repr(bad)
    assert Person().load({"name": "\u200bAna\u200b "}) == {"name": "Ana"}
    assert Person().load({"name": "Zoë-Ann\u2019s"}) == {"name": "Zoë-Ann\u2019s"}
    assert re.fullmatch(NON_BLANK_PATTERN, "\u200b") is None and re.fullmatch(TEXT_PATTERN, "A\x9b") is None


@pytest.mark.parametrize(("address", "deliverable"), [
    ("ana@example.com", True), ("josé@exämple.de", True), ("a.b+tag@sub.example.org", True),
    ("ana@example.com\u2028x", False), ("ana@exa\u2029mple.com", False), ("noor@localhost", False),
    ("a@[127.0.0.1]", False), ('"a b"@example.com', False), ("x" * 65 + "@example.com", False),
    ("a@" + "b" * 250 + ".com", False), ("ana@-example.com", False),
])
def test_an_email_address_is_one_mail_can_be_delivered_to(address, deliverable):
    class Contact(Input):
        email = EmailAddress()

    if deliverable:
        assert Contact().load({"email": address}) == {"email": address}
    else:
        with pytest.raises(ma.ValidationError):
            Contact().load({"email": address})


def test_every_service_takes_the_same_zones_of_places():
    from profiles.domain.practices import check_time_zone
    from rapport_shared.errors import Invalid
    from rapport_shared.schemas import TIME_ZONE
    from rapport_shared.zones import PLACE_ZONES

    assert {"America/Chicago", "Europe/Kyiv", "UTC"} <= PLACE_ZONES
    for not_a_place in ("localtime", "Factory", "posixrules", "Etc/GMT+12", "Etc/GMT-14", "GMT0"):
        assert not_a_place not in PLACE_ZONES
        with pytest.raises(Invalid):
            check_time_zone(not_a_place)  # profiles, for practices and matches
        with pytest.raises(ma.ValidationError):
            TIME_ZONE(not_a_place)  # booking's availability and slots, every schema
    assert check_time_zone("America/Denver") == TIME_ZONE("America/Denver") == "America/Denver"

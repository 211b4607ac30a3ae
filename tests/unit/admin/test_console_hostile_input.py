"""Hostile form and query values are the sender's problem: a styled 422 or a flashed field error, never a 500,
and nothing reaches the API. Redirects stay on the console; another practice's therapist is not found."""
import io
import time

import pytest

from rapport_admin.api import Api
from rapport_admin.web import create_app
from rapport_admin.web.config import ConsoleSettings
from rapport_admin.web.sessions import COOKIE, SessionStore

PRACTICE = "p-1"
OURS, THEIRS = "t-ours", "t-theirs"


class FakeGateway:
    """The public API as the console sees it: every call recorded; lists empty; two therapists."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, object]] = []

    def request(self, method, path, *, json=None, params=None, headers=None, expect_json=True):
        self.calls.append((method, path, json))
        answer = self.answer(method, path)
        return answer if expect_json else Answer(answer)

    def answer(self, method, path):
        if method == "GET" and path.startswith("/v1/therapists/"):
            therapist_id = path.split("/")[3]
            return {"id": therapist_id, "practice_id": PRACTICE if therapist_id == OURS else "p-2",
                    "display_name": "A Therapist", "status": "published", "licenses": []}
        return {"items": [], "next_cursor": None} if method == "GET" else {}

    def sent(self) -> list[tuple[str, str, object]]:
        """What would have changed something."""
        return [call for call in self.calls if call[0] != "GET"]


class Answer:
    def __init__(self, body) -> None:
        self.body, self.headers = body, {"ETag": '"1"'}

    def json(self):
        return self.body


@pytest.fixture
def settings(tmp_path):
    return ConsoleSettings("http://127.0.0.1:9", tmp_path / "sessions.sqlite3", idle_seconds=600)


@pytest.fixture
def gateway(monkeypatch):
    fake = FakeGateway()
    monkeypatch.setattr(Api, "request", lambda _self, *args, **kwargs: fake.request(*args, **kwargs))
    return fake


@pytest.fixture
def client(settings, gateway):
    """Signed in as the practice's staff (CSRF token "c")."""
    SessionStore(settings.session_db).save("sid-1", {"token": "t", "csrf": "c", "who": {
        "email": "staff@example.com", "role": "staff", "practice_id": PRACTICE, "therapist_id": None,
        "practice": "Northside", "zone": "America/Chicago"}}, time.time())
    client = create_app(settings).test_client()
    client.set_cookie(COOKIE, "sid-1", path="/console/")
    return client


def flashed(settings) -> list[str]:
    data, _ = SessionStore(settings.session_db).load("sid-1")
    return [message for _category, message in data.get("_flashes", [])]


def post(client, path: str, **form):
    return client.post(path, data={"csrf_token": "c", **form})


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01", "2026-02-30", "soon",
                                 "+2026-01-01", "２０２６-01-01"])
def test_a_day_out_of_range_or_not_a_date_is_a_422_page_naming_it(client, gateway, day):
    answer = client.get("/console/", query_string={"day": day})
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "day: Give a date from 1900-01-01 to 2100-12-31" in page and "<h1>" in page  # the console's own page
    assert gateway.calls == []


def test_the_last_day_shown_has_no_next_day_and_the_first_no_previous(client, gateway):
    last = client.get("/console/?day=2100-12-31").get_data(as_text=True)
    assert "Next day" not in last and "day=2100-12-30" in last
    first = client.get("/console/?day=1900-01-01").get_data(as_text=True)
    assert "Previous day" not in first and "day=1900-01-02" in first


AVAILABILITY = f"/console/therapists/{OURS}/availability"


@pytest.mark.parametrize(("form", "field"), [
    ({"exception_rows": "abc"}, "exception_rows"),
    ({"exception_rows": "2000000"}, "exception_rows"),  # would loop two million times
    ({"exception_rows": "-1"}, "exception_rows"),
    ({"exception_rows": "²"}, "exception_rows"),  # str.isdigit() says yes, int() says no
    ({"exception_rows": "1", "ex-date-0": "9999-12-31"}, "ex-date-0"),
    ({"duration_min": "²"}, "duration_min"),
    ({"buffer_min": "1" * 5001}, "buffer_min"),
    ({"horizon_days": "abc"}, "horizon_days"),
])
def test_availability_numbers_that_are_none_are_flashed_by_field_and_not_sent(client, gateway, settings, form,
                                                                              field):
    started = time.monotonic()
    answer = post(client, AVAILABILITY, **form)
    assert answer.status_code == 302 and answer.headers["Location"] == AVAILABILITY
    assert any(line.startswith(f"{field}: ") for line in flashed(settings))
    assert gateway.sent() == []
    assert time.monotonic() - started < 2


def test_availability_that_is_fine_is_sent_as_numbers(client, gateway):
    post(client, AVAILABILITY, exception_rows="3", **{"ex-date-0": "2026-12-24", "ex-kind-0": "off"},
         duration_min="15", buffer_min="0")
    [(method, _path, body)] = gateway.sent()
    assert method == "PUT"
    assert body["exceptions"] == [{"date": "2026-12-24", "kind": "off"}]
    assert body["settings"] == {"duration_min": 15, "buffer_min": 0}


SESSIONS = "/console/clients/c-1/sessions"
SESSION = {"date": "2026-12-20", "time": "10:00", "therapist_id": OURS, "service_code": "90837", "format": "video"}


@pytest.mark.parametrize(("changes", "field"), [
    ({"duration_min": "abc"}, "duration_min"),
    ({"duration_min": "1" + "0" * 5000}, "duration_min"),
    ({"duration_min": ""}, "duration_min"),
    ({"duration_min": "60.5"}, "duration_min"),
    ({"duration_min": "60", "date": "9999-12-31"}, "date"),
    ({"duration_min": "60", "time": "25:00"}, "time"),
])
def test_a_session_with_a_length_date_or_time_that_is_none_is_not_booked(client, gateway, settings, changes, field):
    answer = post(client, SESSIONS, **{**SESSION, **changes})
    assert answer.status_code == 302 and answer.headers["Location"] == "/console/clients/c-1"
    assert any(line.startswith(f"{field}: ") for line in flashed(settings))
    assert gateway.sent() == []


def test_a_session_that_is_fine_is_booked_in_the_practices_zone(client, gateway):
    post(client, SESSIONS, **SESSION, duration_min="60")
    [(_method, path, body)] = gateway.sent()
    assert path == "/v1/appointments"
    assert body["start"] == "2026-12-20T10:00:00-06:00" and body["duration_min"] == 60


PAYMENTS = "/console/clients/c-1/payments"


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-Infinity", "sNaN", "1e400", "1e2", "1" + "0" * 5000, "0",
                                    "-5", "30.001", "1000000.01", "", "٣٠", "30 .00"])
def test_an_amount_that_is_not_dollars_and_cents_is_flashed_and_not_sent(client, gateway, settings, amount):
    answer = post(client, PAYMENTS, amount=amount, method="cash")
    assert answer.status_code == 302 and answer.headers["Location"] == "/console/clients/c-1#money"
    assert any(line.startswith("amount: Give the amount in dollars and cents") for line in flashed(settings))
    assert gateway.sent() == []


@pytest.mark.parametrize(("amount", "cents"), [("30", 3000), ("30.5", 3050), ("$1,025.50", 102550), (".99", 99),
                                               ("1000000.00", 100_000_000)])
def test_an_amount_in_dollars_is_sent_in_cents(client, gateway, amount, cents):
    post(client, PAYMENTS, amount=amount, method="cash")
    [(_method, _path, body)] = gateway.sent()
    assert body["amount_cents"] == cents


def test_an_estimate_for_a_date_that_is_none_is_not_asked_for(client, gateway, settings):
    answer = post(client, "/console/clients/c-1/estimate", service_date="99999-01-01", cpt="90837")
    assert answer.status_code == 302
    assert any(line.startswith("service_date: ") for line in flashed(settings))
    assert gateway.sent() == []


@pytest.mark.parametrize("back", ["https://evil.example/phish", "//evil.example/phish", "/\\evil.example/phish",
                                  "/\t/evil.example", "javascript:alert(1)", "evil.example", "http:/evil.example",
                                  " /console/", "/console/\n/evil"])
def test_a_session_action_goes_back_only_to_a_page_of_the_console(client, gateway, back):
    answer = post(client, "/console/sessions/a-1/cancel", back=back, day="2026-12-20")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/console/?day=2026-12-20"  # the day it came from, not `back`


def test_a_session_action_from_a_clients_page_goes_back_there(client, gateway):
    answer = post(client, "/console/sessions/a-1/complete", back="/console/clients/c-1")
    assert answer.headers["Location"] == "/console/clients/c-1"


@pytest.mark.parametrize("queue", ["../../v1/clients", "a/b", "..", "x?y=1", ""])
def test_a_queue_name_that_would_leave_its_path_is_not_replayed(settings, gateway, queue):
    SessionStore(settings.session_db).save("sid-1", {"token": "t", "csrf": "c", "who": {
        "email": "admin@example.com", "role": "admin", "practice_id": None, "therapist_id": None,
        "practice": "All practices", "zone": "UTC"}}, time.time())
    client = create_app(settings).test_client()
    client.set_cookie(COOKIE, "sid-1", path="/console/")
    answer = post(client, "/console/operations/replay", service="booking", queue=queue)
    assert answer.status_code == 302 and gateway.sent() == []


@pytest.mark.parametrize("page", ["/console/therapists/{}", "/console/therapists/{}/edit"])
def test_another_practices_published_therapist_is_not_found(client, gateway, page):
    answer = client.get(page.format(THEIRS))
    assert answer.status_code == 404
    assert "Not found" in answer.get_data(as_text=True)
    assert client.get(page.format(OURS)).status_code == 200


def test_an_835_file_that_is_not_utf8_is_named_and_not_posted(client, gateway, settings):
    latin1 = "ISA*00*          *00*          *ZZ*PAYER*ZZ*PRACTICE*260101*1200*^*00501*000000001*0*P*:~N1*QC*MU\xd1OZ~"
    answer = client.post("/console/payments/remittances", content_type="multipart/form-data", data={
        "csrf_token": "c", "file": (io.BytesIO(latin1.encode("latin-1")), "era.835")})
    assert answer.status_code == 302 and gateway.sent() == []
    assert flashed(settings) == [f"The file is not UTF-8 text (byte {latin1.index(chr(0xd1))} cannot be read); "
                                 "export it again as UTF-8 or ASCII."]
    post(client, "/console/payments/remittances", text=latin1)  # the same text pasted is text: it is sent
    assert [(method, path) for method, path, _ in gateway.sent()] == [("POST", "/v1/remittances")]

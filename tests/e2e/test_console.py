"""The practice's web console in a real browser, through the real gateway: a staff member's whole day.

Every step is done by clicks and typing, and checked by what the page shows. The screening call is
booked in a window opening at the next 5-minute mark, and held once it has really started.
"""
from __future__ import annotations

import datetime as dt
import re
import time
import uuid
from zoneinfo import ZoneInfo

import pytest
from e2e.test_journey import call_window  # the journey's: next 5-minute mark, one local day
from playwright.sync_api import Page, expect, sync_playwright
from support.console import CHROMIUM, CHROMIUM_ARGS, check_page, go, idle_console, reload_until, row, sign_in
from support.http import DEMO_ADMIN, DEMO_STAFF, Gateway
from support.profiles import random_npi

pytestmark = pytest.mark.e2e

PRACTICE_ZONE = ZoneInfo("America/Chicago")  # the demo practice's
MARK = 300  # availability windows open on 5-minute marks
# Seconds between choosing the call's window and the client booking it: typing the availability into the
# browser, saving it and reading the preview. The window is chosen only then, so the profile's own steps,
# however slow the machine, cannot use it up; the test later waits for the call to start.
LEAD = 90


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def onboard_therapist(page: Page, surname: str) -> tuple[str, str, dt.datetime]:
    """The profile, its license and its publication, then availability: an extra window from the next
    5-minute mark at least LEAD seconds away. Returns the therapist's id, the window's zone and start."""
    go(page, "Therapists")
    check_page(page, "therapists")
    page.get_by_role("link", name="New therapist profile").click()
    page.get_by_label("First name").fill("Saga")
    page.get_by_label("Last name").fill(surname)
    page.get_by_label("Credentials").fill("LMFT")
    page.get_by_label("NPI").fill(random_npi())
    page.get_by_label("Taxonomy code").fill("106H00000X")
    page.get_by_label("Specialties").fill("couples-therapy")
    page.get_by_label("Populations").fill("couples")
    page.get_by_label("Modalities").fill("gottman")
    page.get_by_role("checkbox", name="video").check()
    page.get_by_label("Languages").fill("en, ja")
    page.get_by_label("In network with (payer ids)").fill("RLB02")
    page.get_by_label("Licensed for video in (states)").fill("IL")
    page.get_by_label("Approach statement").fill("Couples learn to repair after conflict, with the Gottman method.")
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Saga {surname}, LMFT")
    therapist_id = page.url.rstrip("/").split("/")[-1]

    page.get_by_label("Type").select_option("lmft")
    page.get_by_label("Number").fill("LMFT-55012")
    page.get_by_label("State").fill("IL")
    page.get_by_label("Expires on").fill((dt.date.today() + dt.timedelta(days=400)).isoformat())
    page.get_by_role("button", name="Add license").click()
    expect(page.get_by_text("License added")).to_be_visible()
    page.get_by_role("button", name="Verify LMFT-55012").click()
    expect(page.get_by_text("License verified.")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: listed in the directory.")).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("published")
    check_page(page, "therapist")

    # Scheduling hears of the publication by event: the availability editor appears when it has.
    page.get_by_role("link", name="Availability").click()
    reload_until(page, lambda: page.get_by_role("button", name="Save availability").count() > 0)
    zone, opens = call_window(LEAD)
    page.get_by_label("Therapist's time zone").fill(zone)
    page.get_by_label("Exception 1 date").fill(opens.date().isoformat())
    page.get_by_label("Exception 1 kind").select_option("extra")
    page.get_by_label("Exception 1 from").fill(opens.strftime("%H:%M"))
    page.get_by_label("Exception 1 to").fill((opens + dt.timedelta(minutes=30)).strftime("%H:%M"))
    page.get_by_label("Length (minutes)").fill("15")
    page.get_by_label("Buffer (minutes)").fill("0")
    page.get_by_label("Notice (minutes)").fill("0")
    page.get_by_label("Bookable ahead (days)").fill("14")
    page.get_by_label("Booking").select_option("request")
    page.get_by_role("checkbox", name="video").check()
    page.get_by_role("button", name="Save availability").click()
    expect(page.get_by_text("Availability saved.")).to_be_visible()
    # The live preview: the slot a client in the therapist's zone would be offered.
    page.get_by_label("Client's time zone").select_option(zone)
    expect(page.locator("#slots")).to_contain_text(opens.strftime("%-I:%M %p"))
    check_page(page, "availability")
    return therapist_id, zone, opens


def book_screening_call(gw: Gateway, therapist_id: str, zone: str, opens: dt.datetime) -> str:
    """The client's side: plain HTTP to the public API, as the directory's web front end would."""
    slots = gw.get(f"/v1/therapists/{therapist_id}/slots",
                   params={"from": opens.date().isoformat(), "to": opens.date().isoformat(), "tz": zone})
    assert slots.status_code == 200, slots.text
    first = slots.json()["slots"][0]
    booked = gw.post("/v1/consultations", headers={"Idempotency-Key": str(uuid.uuid4())}, json={
        "therapist_id": therapist_id, "start": first["start"], "format": "video",
        "client": {"name": "Noor Halvorsen", "email": "noor@example.com", "timezone": zone},
        "participants": [{"name": "Teo Halvorsen", "email": "teo@example.com", "timezone": zone,
                          "relationship": "partner"}],
        "concerns": "the same argument, every week", "consent": {"email": True}})
    assert booked.status_code == 201, booked.text
    return booked.json()["id"]


def register_client(page: Page, surname: str) -> None:
    go(page, "Clients")
    page.get_by_role("link", name="Register a client").click()
    page.get_by_label("First name").fill("Noor")
    page.get_by_label("Last name").fill(surname)
    page.get_by_label("Date of birth").fill("1990-03-14")
    page.get_by_label("Sex (as on the insurance card)").select_option("F")
    page.get_by_label("Email").fill("noor@example.com")
    page.get_by_label("Street").fill("2150 W Example St")
    page.get_by_label("City").fill("Chicago")
    page.get_by_label("State").fill("IL")
    page.get_by_label("ZIP").fill("60622")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Noor {surname}")
    expect(page).to_have_title("Client · Rapport console")  # no names in titles


def test_a_staff_members_whole_day(page, system):
    gw = Gateway(system.url)
    surname = f"Lindqvist-{uuid.uuid4().hex[:6]}"
    client_surname = f"Halvorsen-{uuid.uuid4().hex[:6]}"

    sign_in(page, system.url, DEMO_STAFF)
    check_page(page)
    therapist_id, zone, opens = onboard_therapist(page, surname)
    book_screening_call(gw, therapist_id, zone, opens)

    # Today: the request waits for an answer; confirm it, and once it has started, mark it held.
    go(page, "Today")
    page.get_by_label("Show day").fill(opens.astimezone(PRACTICE_ZONE).date().isoformat())
    page.get_by_role("button", name="Show", exact=True).click()
    waiting = row(page.get_by_role("table").first, "Noor Halvorsen")
    expect(waiting).to_contain_text(f"Saga {surname}")
    check_page(page, "today")
    waiting.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Call confirmed.")).to_be_visible()
    call = page.locator("#calls + table").get_by_role("row").filter(has_text=f"Saga {surname}")
    expect(call).to_contain_text("confirmed")
    reload_until(page, lambda: call.get_by_role("button", name="Mark held").count() > 0, timeout=LEAD + MARK + 60)
    call.get_by_role("button", name="Mark held").click()
    expect(page.get_by_text("Call marked held.")).to_be_visible()
    expect(call).to_contain_text("completed")

    # The client: registered, diagnosis and coverage recorded, eligibility and the estimate.
    register_client(page, client_surname)
    reload_until(page, lambda: page.get_by_role("button", name="Save diagnoses").count() > 0)
    page.get_by_label("ICD-10-CM codes, primary first").fill("F43.23")
    page.get_by_role("button", name="Save diagnoses").click()
    expect(page.get_by_text("Diagnoses saved.")).to_be_visible()
    page.get_by_label("Plan", exact=True).select_option(label="Lakeshore Benefit Plan: Lakeshore Benefit Plan PPO")
    page.get_by_label("Member id").fill("LBP-4410-22")
    page.get_by_label("Group number").fill("G-7")
    page.get_by_role("button", name="Add coverage").click()
    expect(page.get_by_text("Coverage added.")).to_be_visible()
    page.get_by_role("button", name="Check eligibility").click()
    eligibility = page.locator("dl.eligibility")
    expect(eligibility).to_contain_text("In force")
    expect(eligibility).to_contain_text("yes")
    expect(eligibility).to_contain_text("the payer, asked")
    page.get_by_role("button", name="Estimate").click()
    expect(page.locator(".estimate-total")).to_contain_text("The client would pay $30.00")

    # A 60-minute session by video, held two hours before the call, is scheduled and completed.
    start = (opens - dt.timedelta(hours=2)).astimezone(PRACTICE_ZONE)
    page.get_by_label("Therapist", exact=True).select_option(label=f"Saga {surname}, LMFT")
    page.get_by_label("Session date").fill(start.date().isoformat())
    page.get_by_label(re.compile(r"^Session time \(")).fill(start.strftime("%H:%M"))
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("Session scheduled.")).to_be_visible()
    sessions = page.locator("#h-sessions + table")
    sessions.get_by_role("button", name="Mark held").click()
    expect(page.get_by_text("Session marked held")).to_be_visible()
    expect(sessions).to_contain_text("completed")
    check_page(page, "client")

    # Billing charges it, the claim goes to the payer and comes back paid.
    go(page, "Claims")
    claim = row(page, f"Noor {client_surname}")
    reload_until(page, lambda: claim.count() > 0 and "paid" in claim.first.inner_text(), timeout=90)
    check_page(page, "claims")
    claim.get_by_role("link").click()
    expect(page.locator(".claim-status")).to_have_text("paid")
    expect(page.get_by_text("insurer paid $105.00")).to_be_visible()
    expect(page.get_by_text("$55.00 charge above the contracted fee (contractual)")).to_be_visible()
    expect(page.get_by_text("$30.00 copay (patient responsibility)")).to_be_visible()
    check_page(page, "claim")

    # The client pays the copay at the front desk; the superbill is downloaded.
    go(page, "Clients")
    page.get_by_role("link", name=f"Noor {client_surname}").click()
    expect(page.locator(".balance")).to_have_text("$30.00")
    page.get_by_label("Amount ($)").fill("30.00")
    page.get_by_role("button", name="Record payment").click()
    expect(page.get_by_text("Payment recorded.")).to_be_visible()
    expect(page.locator(".balance")).to_have_text("$0.00")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the superbill (PDF)").click()
    assert open(download.value.path(), "rb").read(4) == b"%PDF"

    go(page, "Payments")
    expect(row(page, f"Noor {client_surname}").first).to_contain_text("$30.00")
    check_page(page, "payments")
    go(page, "Reports")
    expect(page.get_by_role("img", name="Collected by month (America/Chicago)")).to_be_visible()
    check_page(page, "reports")


def other_practices_client(gw: Gateway) -> str:
    """A client of a practice the demo staff member does not belong to (made by an administrator)."""
    admin = gw.login(*DEMO_ADMIN)
    practice = gw.post("/v1/practices", admin, json={"name": f"Elsewhere {uuid.uuid4().hex[:6]}",
                                                      "time_zone": "America/Denver"})
    assert practice.status_code == 201, practice.text
    body = {"practice_id": practice.json()["id"], "first_name": "Ines", "last_name": "Elsewhere"}
    deadline = time.monotonic() + 20  # booking hears of a new practice by event: a 422 until it has
    while (client := gw.post("/v1/clients", admin, json=body)).status_code == 422 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert client.status_code == 201, client.text
    return client.json()["id"]


def test_other_practices_records_roles_csrf_and_the_session_cookie(page, system):
    gw = Gateway(system.url)
    elsewhere = other_practices_client(gw)
    sign_in(page, system.url, DEMO_STAFF)

    # Another practice's client id typed into the address bar: not found, nothing about them shown.
    answer = page.goto(f"{system.url}/console/clients/{elsewhere}")
    assert answer is not None and answer.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
    expect(page.get_by_text("Ines")).to_have_count(0)
    # Staff do not see the operations pages, in the navigation or by address.
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Operations")).to_have_count(0)
    answer = page.goto(f"{system.url}/console/operations/")
    assert answer is not None and answer.status == 403

    # A form posted without the session's CSRF token is refused, though the cookie goes with it.
    refused = page.request.post(f"{system.url}/console/clients/{elsewhere}/payments",
                                form={"amount": "30.00", "method": "card"})
    assert refused.status == 400 and "expired" in refused.text()

    # The token stays on the server: the cookie holds a random id, out of reach of scripts.
    [cookie] = page.context.cookies()
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/console/"
    assert cookie["value"].count(".") != 2  # not a JWT
    answer = page.goto(f"{system.url}/console/")
    assert answer is not None
    headers = answer.headers
    assert headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("Signed out.")).to_be_visible()
    page.goto(f"{system.url}/console/clients/")
    expect(page).to_have_url(re.compile(r"/console/sign-in$"))


def test_administrators_see_operations(page, system):
    sign_in(page, system.url, DEMO_ADMIN)
    go(page, "Operations")
    expect(page.get_by_role("table").first).to_contain_text("billing")
    check_page(page, "operations")


def test_an_idle_session_is_signed_out(page, system, tmp_path):
    """The idle limit is a setting read at start; this console has 3 seconds of it."""
    with idle_console(system.url, tmp_path, idle_seconds=3) as url:
        sign_in(page, url, DEMO_STAFF)
        # Nobody touches the page: it leaves by itself, and the console asks to sign in again.
        expect(page).to_have_url(re.compile(r"/console/sign-in$"), timeout=20_000)
        expect(page.get_by_text("You were signed out after a while without activity")).to_be_visible()
        page.goto(f"{url}/console/clients/")
        expect(page).to_have_url(re.compile(r"/console/sign-in$"))


CHANGED_MEANWHILE = {  # what a colleague changes while the form is open, and what the console then says
    "therapists": ({"first_name": "Ilse", "last_name": "Brandt"}, "Pronouns", "pronouns", "she/her", "they/them",
                   "Someone else changed this profile since you opened it", "Profile saved."),
    "clients": ({"first_name": "Marit", "last_name": "Holm"}, "Phone", "phone", "+13125550100", "+13125550199",
                "Someone else changed this client's details since you opened them", "Details saved."),
}


@pytest.mark.parametrize("kind", list(CHANGED_MEANWHILE))
def test_an_edit_made_meanwhile_is_not_overwritten_and_the_form_saves_once_current(page, system, kind):
    body, label, field, mine, theirs, warned, saved = CHANGED_MEANWHILE[kind]
    gw = Gateway(system.url)
    staff = gw.login(*DEMO_STAFF)
    created = gw.post(f"/v1/{kind}", staff, json={**body, "last_name": f"{body['last_name']}-{uuid.uuid4().hex[:6]}"})
    assert created.status_code == 201, created.text
    url = f"/v1/{kind}/{created.json()['id']}"
    sign_in(page, system.url, DEMO_STAFF)
    page.goto(f"{system.url}/console/{kind}/{created.json()['id']}/edit")
    page.get_by_label(label).fill(mine)

    # Meanwhile a colleague saves the same record.
    changed = gw.request("PATCH", url, staff, headers={"If-Match": gw.get(url, staff).headers["ETag"]},
                         json={field: theirs})
    assert changed.status_code == 200, changed.text

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(warned)).to_be_visible()
    expect(page.get_by_label(label)).to_have_value(theirs)  # theirs, shown to start again from
    check_page(page)

    page.get_by_label(label).fill(mine)  # read at the current version now: saved
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(saved)).to_be_visible()
    assert gw.get(url, staff).json()[field] == mine


def test_a_therapist_sees_their_own_day_and_not_the_practices_books(page, system):
    gw = Gateway(system.url)
    staff = gw.login(*DEMO_STAFF)
    therapist = gw.post("/v1/therapists", staff, json={"first_name": "Odile", "last_name": f"Moss-{uuid.uuid4().hex[:6]}"})
    assert therapist.status_code == 201, therapist.text
    practice_id = therapist.json()["practice_id"]
    email, password = f"odile-{uuid.uuid4().hex[:6]}@northside.example", "a long therapist passphrase"
    member = gw.post(f"/v1/practices/{practice_id}/members", staff, json={
        "email": email, "password": password, "role": "therapist", "therapist_id": therapist.json()["id"]})
    assert member.status_code == 201, member.text

    sign_in(page, system.url, (email, password))
    main = page.get_by_role("navigation", name="Main")
    expect(main.get_by_role("link")).to_have_text(["Today", "Clients"])
    answer = page.goto(f"{system.url}/console/claims/")
    assert answer is not None and answer.status == 403

"""The therapist import on fakes: the single create's rules per row, duplicates, all or nothing."""
from __future__ import annotations

import datetime as dt

import pytest
from support.profiles_fakes import ADMIN, staff_of

from profiles.domain import imports
from profiles.domain.therapists import check_profile_fields
from profiles.service_layer import practices
from profiles.service_layer.imports import import_therapists
from rapport_shared.errors import Forbidden, Invalid, NotFound
from rapport_shared.principal import Principal

NEXT_YEAR = dt.date.today() + dt.timedelta(days=365)


def loaded(*rows: dict) -> list[dict]:
    """Rows as the request schema hands them on: loaded fields and no schema problems."""
    return [{"fields": r, "errors": []} for r in rows]


def therapist(last_name: str, npi: str | None = None, license_number: str | None = None) -> dict:
    fields = {"first_name": "Dana", "last_name": last_name, "npi": npi}
    if license_number:
        fields["license"] = {"type": "lpc", "number": license_number, "state": "CO", "expires_on": NEXT_YEAR}
    return fields


def test_valid_rows_are_created_in_one_commit_without_events(uow, practice):
    committed, published = uow.committed, list(uow.published)
    report = import_therapists(uow, staff_of(practice), {"rows": loaded(
        therapist("One", "1234567893", "LPC-1"), therapist("Two"))})
    assert report.complete and report.valid_rows == 2 and report.errors == []
    assert uow.committed == committed + 1 and uow.published == published  # drafts are not announced
    first, second = report.created
    assert uow.therapists.get(first["id"]).practice_id == practice.id
    assert uow.therapists.get(first["id"]).status == "draft"
    assert [lic.id for lic in uow.licenses.for_therapist(first["id"])] == [first["license_id"]]
    assert uow.licenses.get(first["license_id"]).verified is False
    assert second["license_id"] is None and uow.licenses.for_therapist(second["id"]) == []


def test_any_bad_row_refuses_the_file(uow, practice):
    before, committed = len(uow.therapists.rows), uow.committed
    rows = loaded(therapist("Good", "1234567893"), therapist("Luhn", "1234567890"),
                  {**therapist("Stray"), "specialty_statements": {"trauma": "yes"}})
    rows.append({"fields": None, "errors": [{"in": "json", "field": "status", "message": "Unknown field."}]})
    with pytest.raises(Invalid) as refused:
        import_therapists(uow, staff_of(practice), {"rows": rows})
    assert refused.value.slug == "import-rejected"
    assert [(e["row"], e["field"]) for e in refused.value.errors] == [
        (1, "npi"), (2, "specialty_statements.trauma"), (3, "status")]
    assert len(uow.therapists.rows) == before and uow.committed == committed


def test_duplicates_within_the_file_are_refused_after_their_first_row(uow, practice):
    rows = loaded(therapist("A", "1234567893", "LPC-1"), therapist("B", "1234567893", "LPC-2"),
                  therapist("C", None, " lpc-1 "), therapist("D", None, "LPC-3"))
    report = import_therapists(uow, staff_of(practice), {"rows": rows, "allow_partial": True})
    assert [c["row"] for c in report.created] == [0, 3]
    assert [(e["row"], e["field"], e["message"]) for e in report.errors] == [
        (1, "npi", "the same NPI as row 0"), (2, "license.number", "the same license as row 0")]
    assert not report.complete


def test_a_dry_run_counts_and_writes_nothing(uow, practice):
    before, committed = len(uow.therapists.rows), uow.committed
    report = import_therapists(uow, staff_of(practice), {"dry_run": True, "rows": loaded(
        therapist("A", license_number="LPC-1"), therapist("B", "1234567890"))})
    assert report.created == [] and report.valid_rows == 1 and [e["row"] for e in report.errors] == [1]
    assert not report.complete
    assert len(uow.therapists.rows) == before and len(uow.licenses.rows) == 0 and uow.committed == committed


def test_the_permission_rules_are_the_single_creates(uow, practice):
    other = practices.register_practice(uow, ADMIN, {"name": "Westside", "time_zone": "UTC"})
    body = {"rows": loaded(therapist("A"))}
    with pytest.raises(Forbidden):
        import_therapists(uow, staff_of(practice), {**body, "practice_id": other.id})
    with pytest.raises(Forbidden):
        import_therapists(uow, Principal("t-1", "therapist", practice_id=practice.id, therapist_id="t"), body)
    with pytest.raises(Invalid) as missing:
        import_therapists(uow, ADMIN, body)
    assert missing.value.errors == [{"in": "json", "field": "practice_id", "message": "required"}]
    with pytest.raises(NotFound):
        import_therapists(uow, ADMIN, {**body, "practice_id": "nope"})
    assert import_therapists(uow, ADMIN, {**body, "practice_id": other.id}).complete


def test_a_row_reports_its_therapist_and_license_problems_together(uow, practice):
    row = {**therapist("A", "1234567890"), "languages": ["klingon"],
           "license": {"type": "lpc", "number": "1", "state": "ZZ", "expires_on": dt.date(2001, 1, 1)}}
    report = import_therapists(uow, staff_of(practice), {"dry_run": True, "rows": loaded(row)})
    assert {e["field"] for e in report.errors} == {"npi", "languages", "license.state", "license.expires_on"}


def test_profile_field_checks_list_every_problem():
    with pytest.raises(Invalid) as refused:
        check_profile_fields({"npi": "1234567890", "specialties": ["astrology"], "booking_mode": "never"})
    assert refused.value.slug == "unknown-term"  # the first problem's
    assert {e["field"] for e in refused.value.errors} == {"npi", "specialties", "booking_mode"}
    with pytest.raises(Invalid) as alone:
        check_profile_fields({"npi": "1234567890"})
    assert alone.value.slug == "invalid-npi"


def test_repeated_keys_name_their_first_row():
    assert imports.repeated(["a", None, "b", "a", None, "a"]) == {3: 0, 5: 0}
    assert imports.license_key({"type": "lpc", "state": "CO", "number": " lpc-9 "}) == ("lpc", "CO", "LPC-9")
    assert imports.license_key(None) is None

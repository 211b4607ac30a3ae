"""An import's rows load as the row schema loads them: the quick path for plain rows changes no outcome."""
from __future__ import annotations

import datetime as dt

import marshmallow as ma

from profiles.api.profile_schemas import IMPORT_ROW, ImportIn, load_row, plain_loader

NEXT_YEAR = (dt.date.today() + dt.timedelta(days=365)).isoformat()
LICENSE = {"type": "lmft", "number": " LMFT-1 ", "state": "IL", "expires_on": NEXT_YEAR}
FULL_ROW = {
    "first_name": "  Row ", "last_name": "Example", "credentials": "LMFT", "pronouns": None,
    "photo_url": "https://example.com/a.jpg", "npi": "1234567893", "taxonomy_code": "106H00000X",
    "specialties": ["trauma", " grief "], "issues": [], "modalities": ["cbt"], "populations": ["adults"],
    "formats": ["video"], "languages": ["en"], "identities": [], "payer_ids": ["60054"],
    "self_pay_fee_cents": 15000, "sliding_scale": True, "sliding_scale_min_cents": None,
    "locations": [{"line1": "1 Main St", "city": "Springfield", "state": "IL", "zip": "62701"}],
    "teletherapy_states": ["IL", "WI"], "accepting_new_clients": False, "approach_statement": "Warm.\n",
    "specialty_statements": {"trauma": " Steady. "}, "booking_mode": "instant", "supervisor_id": None,
    "license": LICENSE,
}
ODD_VALUES = [None, "", " ", "x" * 700, "a\x00b", "tab\tok", "\ud800", 0, 7, 1.5, True, [], [None], [""], ["x" * 61],
              [1], {}, {"a": 1}, "2030-13-01", "1850-01-01", "2030-01-01", "IL", "il", "12345", "video",
              "https://example.com", "http://example.com"]


def marshmallow_only(raw) -> dict:
    try:
        return {"fields": IMPORT_ROW.load(raw), "errors": True}
    except ma.ValidationError as err:
        return {"fields": None, "errors": err.messages}


def variants() -> list:
    rows: list = [FULL_ROW, {"first_name": "A", "last_name": "B"}, {"first_name": "A", "last_name": "B", "license": None},
                  {"first_name": "A"}, {"first_name": "A", "last_name": "B", "status": "published"}, None, [], "row", 3]
    for name in [*FULL_ROW, "unknown"]:
        rows += [{**FULL_ROW, name: value} for value in ODD_VALUES]
        rows.append({k: v for k, v in FULL_ROW.items() if k != name})
    for name in [*LICENSE, "unknown"]:
        rows += [{**FULL_ROW, "license": {**LICENSE, name: value}} for value in ODD_VALUES]
        rows.append({**FULL_ROW, "license": {k: v for k, v in LICENSE.items() if k != name}})
    return rows


def test_every_row_loads_as_the_row_schema_loads_it():
    quick = plain_loader(IMPORT_ROW)
    assert quick is not None  # the row schema is plain enough for the quick path
    vouched = 0
    for raw in variants():
        expected = marshmallow_only(raw)
        loaded = quick(raw)
        if loaded is not None:  # vouched for: the schema accepts it, with the same values in the same order
            vouched += 1
            assert expected["fields"] == loaded and list(expected["fields"]) == list(loaded), raw
        row = load_row(raw)
        assert row["fields"] == expected["fields"], raw
        assert bool(row["errors"]) == (expected["fields"] is None), raw
    assert vouched > 100  # the variants exercise the quick path, not only the schema


def test_the_quick_path_takes_a_plain_row():
    assert plain_loader(IMPORT_ROW)(FULL_ROW) == IMPORT_ROW.load(FULL_ROW)
    assert plain_loader(IMPORT_ROW)(FULL_ROW)["license"]["expires_on"] == dt.date.fromisoformat(NEXT_YEAR)


def test_a_schema_with_more_than_fields_and_text_cleaning_gets_no_quick_path():
    class Checked(ma.Schema):
        name = ma.fields.String()

        @ma.validates_schema
        def whole(self, data, **_kwargs):
            raise ma.ValidationError("no")

    assert plain_loader(Checked()) is None
    assert plain_loader(ImportIn()) is None  # defaults and its own hooks


def test_bad_rows_are_reported_by_row_and_field_with_the_schemas_messages():
    rows = ImportIn().load({"rows": [FULL_ROW, {**FULL_ROW, "npi": "x" * 20}, {"first_name": "A", "last_name": "B",
                                                                             "license": {**LICENSE, "state": "Illinois"}}]})["rows"]
    assert rows[0]["errors"] == [] and rows[0]["fields"]["first_name"] == "Row"
    assert rows[1]["fields"] is None and [e["field"] for e in rows[1]["errors"]] == ["npi"]
    assert rows[2]["fields"] is None and [e["field"] for e in rows[2]["errors"]] == ["license.state"]

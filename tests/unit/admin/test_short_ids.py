"""Tables fit an 80-column terminal with short ids, and every command takes a unique prefix back."""
import uuid

import pytest
import typer
from rich.console import Console

from rapport_admin import ids, output
from rapport_admin.claims import LIST_COLUMNS, _summary

A = "3f2a9c1e-0000-4000-8000-000000000001"
B = "3f2a9c1e-1111-4000-8000-000000000002"
C = "7b1d0f44-2222-4000-8000-000000000003"


class FakeApi:
    """Lists of records by path, a page of two at a time, as the API pages them."""

    def __init__(self, lists: dict[str, list[str]]):
        self.lists = lists

    def get(self, path, params=None):
        items = self.lists[path]
        start = int((params or {}).get("cursor") or 0)
        end = start + 2
        return {"items": [{"id": i} for i in items[start:end]], "next_cursor": str(end) if end < len(items) else None}


def test_a_unique_prefix_names_the_whole_id_even_on_a_later_page():
    api = FakeApi({"/v1/claims": [A, B, C]})
    assert ids.resolve(api, "claim", "7b1d") == C
    assert ids.resolve(api, "claim", "3F2A9C1E-1") == B


def test_a_whole_id_is_taken_as_it_is_without_listing():
    assert ids.resolve(FakeApi({}), "claim", A) == A


def test_an_ambiguous_or_unknown_prefix_is_a_clear_error():
    api = FakeApi({"/v1/claims": [A, B, C]})
    with pytest.raises(typer.BadParameter, match="ambiguous: 2 claim ids"):
        ids.resolve(api, "claim", "3f2a")
    with pytest.raises(typer.BadParameter, match="no claim id starts with 'ffff'"):
        ids.resolve(api, "claim", "ffff")


def test_the_claims_table_fits_80_columns_with_ids_on_one_line(monkeypatch):
    console = Console(width=80, record=True, force_terminal=False)
    monkeypatch.setattr(output, "console", console)
    claims = [{"id": str(uuid.uuid4()), "status": "partially_paid", "frequency": "1", "client_id": str(uuid.uuid4()),
               "total_cents": 19000, "paid_cents": 10500, "patient_responsibility_cents": 3000, "errors": [],
               "submitted_at": "2026-11-28T09:05:31.123456+00:00"} for _ in range(3)]
    output.emit([_summary(c) for c in claims], as_json=False, columns=LIST_COLUMNS, title="Claims")
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    for claim in claims:
        assert claim["id"][:ids.SHORT] in text and claim["client_id"][:ids.SHORT] in text
    assert "2026-11-28" in text


def test_a_list_answered_whole_is_asked_without_a_page_size():
    class WholeList:
        def get(self, path, params=None):
            assert path == "/v1/plans" and not params, "a list that reads no query refuses one (422)"
            return [{"id": A}, {"id": C}]

    assert ids.resolve(WholeList(), "plan", "7b1d") == C

"""Therapist rows of a CSV file, shaped as `POST /v1/therapists/import` takes them.

One profile per line; list columns are separated by `;`; a license and one office location have
their own columns. Empty cells are left out, so the API's own defaults apply. Checking the values is
the API's job: this only reshapes them, and says which file line each row came from.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

LIST_COLUMNS = {"specialties", "issues", "modalities", "populations", "formats", "languages", "identities",
                "payer_ids", "teletherapy_states"}
INTEGER_COLUMNS = {"self_pay_fee_cents", "sliding_scale_min_cents"}
BOOLEAN_COLUMNS = {"sliding_scale", "accepting_new_clients"}
LICENSE_PREFIX, LOCATION_PREFIX = "license_", "location_"
TRUE, FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0"}


@dataclass(frozen=True)
class Row:
    line: int  # the file line it came from (the header is line 1)
    body: dict


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str


def read_rows(path: Path) -> tuple[list[Row], list[RowError]]:
    """The file's rows, and the cells that are not even the right kind of value."""
    rows, errors = [], []
    with path.open(newline="", encoding="utf-8-sig") as handle:  # -sig: spreadsheets add a BOM
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"first_name", "last_name"} <= set(reader.fieldnames):
            raise ValueError("the header must name at least first_name and last_name")
        for record in reader:
            line = reader.line_num
            body, problems = _shape(record)
            rows.append(Row(line, body))
            errors += [RowError(line, field, message) for field, message in problems]
    return rows, errors


def _shape(record: dict) -> tuple[dict, list[tuple[str, str]]]:
    body: dict = {}
    problems = []
    license_, location = {}, {}
    for column, raw in record.items():
        if column is None:  # more cells than header names
            problems.append(("(row)", "more cells than the header has columns"))
            continue
        value = (raw or "").strip()
        if not value:
            continue
        if column.startswith(LICENSE_PREFIX):
            license_[column[len(LICENSE_PREFIX):]] = value
        elif column.startswith(LOCATION_PREFIX):
            location[column[len(LOCATION_PREFIX):]] = value
        elif column in LIST_COLUMNS:
            body[column] = [item.strip() for item in value.split(";") if item.strip()]
        elif column in INTEGER_COLUMNS:
            try:
                body[column] = int(value)
            except ValueError:
                problems.append((column, "a whole number of cents"))
        elif column in BOOLEAN_COLUMNS:
            if value.lower() not in TRUE | FALSE:
                problems.append((column, "yes or no"))
            else:
                body[column] = value.lower() in TRUE
        else:
            body[column] = value
    if license_:
        body["license"] = license_
    if location:
        body["locations"] = [location]
    return body, problems

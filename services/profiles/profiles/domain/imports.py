"""Bulk import of therapists from a file: each row's problems, duplicates within the file, the report."""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from rapport_shared.errors import Invalid

# A practice's roster, not a data dump: bigger files are split by the caller (and stay one transaction each).
MAX_ROWS = 2000


@dataclass
class ImportReport:
    dry_run: bool
    rows: int
    created: list[dict] = field(default_factory=list)  # [{row, id, license_id}]
    errors: list[dict] = field(default_factory=list)  # [{in, row, field, message}]
    valid_rows: int = 0

    @property
    def complete(self) -> bool:
        """Every row of the file was created (not a dry run, nothing skipped)."""
        return not self.dry_run and len(self.created) == self.rows


def row_problems(row: int, errors: Iterable[dict], prefix: str = "") -> list[dict]:
    """Field problems of one row, named as the file names them (`license.expires_on`)."""
    return [{"in": "json", "row": row, "field": f"{prefix}{e.get('field', '_')}", "message": e["message"]}
            for e in errors]


def invalid_row(row: int, problem: Invalid, prefix: str = "") -> list[dict]:
    """An Invalid a rule raised for one row, as that row's problems."""
    return row_problems(row, problem.errors or [{"field": "_", "message": problem.detail}], prefix)


def repeated(keys: Sequence[Hashable | None]) -> dict[int, int]:
    """Rows whose key (when there is one) an earlier row already has: row -> the first such row."""
    first: dict[Hashable, int] = {}
    twins: dict[int, int] = {}
    for row, key in enumerate(keys):
        if key is None:
            continue
        if key in first:
            twins[row] = first[key]
        else:
            first[key] = row
    return twins


def license_key(fields: dict | None) -> tuple | None:
    """One license however the file spells its number (case, surrounding spaces)."""
    if not fields:
        return None
    return fields["type"], fields["state"], fields["number"].strip().upper()


def duplicate_problems(npis: list[str | None], licenses: list[tuple | None]) -> dict[int, list[dict]]:
    """The same NPI, or the same license (type, state, number), on a later row than its first."""
    found: dict[int, list[dict]] = {}
    for row, first in repeated(npis).items():
        found.setdefault(row, []).extend(
            row_problems(row, [{"field": "npi", "message": f"the same NPI as row {first}"}]))
    for row, first in repeated(licenses).items():
        found.setdefault(row, []).extend(
            row_problems(row, [{"field": "license.number", "message": f"the same license as row {first}"}]))
    return found

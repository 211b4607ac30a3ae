"""Use case: import a practice's therapists (each with an optional license) from a file, in one transaction."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid
from rapport_shared.principal import Principal

from ..domain import imports as rules
from ..domain.licenses import License
from ..domain.therapists import Therapist
from .licenses import new_license
from .therapists import new_therapist, practice_for_new_therapists
from .unit_of_work import UnitOfWork


@dataclass
class _Checked:
    row: int
    therapist: Therapist
    license: License | None


def import_therapists(uow: UnitOfWork, principal: Principal, request: dict) -> rules.ImportReport:
    """Check every row, then create the valid ones as drafts with unverified licenses.

    `request["rows"]` holds each row as {"fields": what its schema loaded, or None, "errors": the schema's
    problems}. With any problem nothing is written (422) unless `allow_partial`; `dry_run` writes nothing.
    """
    with uow:
        practice_id = practice_for_new_therapists(uow, principal, request.get("practice_id"))
        rows = request["rows"]
        dry_run = request.get("dry_run", False)
        report = rules.ImportReport(dry_run=dry_run, rows=len(rows))
        now = utcnow()
        loaded = [row["fields"] or {} for row in rows]
        duplicates = rules.duplicate_problems([f.get("npi") for f in loaded],
                                              [rules.license_key(f.get("license")) for f in loaded])
        checked = []
        for index, row in enumerate(rows):
            problems = rules.row_problems(index, row["errors"])
            if row["fields"] is not None:  # the rules need well-formed fields: a row refused by its schema stops there
                problems += duplicates.get(index, [])
                result = _check_row(uow, practice_id, index, row["fields"], now)
                if isinstance(result, _Checked):
                    if not problems:
                        checked.append(result)
                else:
                    problems += result
            report.errors += problems
        report.valid_rows = len(checked)
        if report.errors and not request.get("allow_partial", False) and not dry_run:
            bad_rows = len({e["row"] for e in report.errors})
            raise Invalid(f"{bad_rows} of {len(rows)} rows have problems; nothing was imported", slug="import-rejected",
                          errors=report.errors)
        if dry_run:
            return report
        # Stored as stage_therapist and stage_license store one (drafts and unverified licenses are not
        # announced), but in one statement per table: a round trip per row was most of an import's time.
        uow.therapists.add_many([item.therapist for item in checked])
        uow.licenses.add_many([item.license for item in checked if item.license is not None])
        for item in checked:
            report.created.append({"row": item.row, "id": item.therapist.id,
                                   "license_id": item.license.id if item.license else None})
        uow.commit()
        return report


def _check_row(uow: UnitOfWork, practice_id: str, index: int, fields: dict,
               now: dt.datetime) -> _Checked | list[dict]:
    """The row's therapist and license as the single endpoints would make them, or all its problems."""
    fields = dict(fields)
    license_fields = fields.pop("license", None)
    therapist_id = str(uuid.uuid4())
    problems: list[dict] = []
    therapist = license_ = None
    try:
        therapist = new_therapist(uow, practice_id, fields, therapist_id)
    except Invalid as problem:
        problems += rules.invalid_row(index, problem)
    if license_fields is not None:
        try:  # checked even when the therapist's fields were not, so the row's whole list comes back at once
            license_ = new_license(therapist_id, license_fields, now)
        except Invalid as problem:
            problems += rules.invalid_row(index, problem, prefix="license.")
    if problems or therapist is None:
        return problems
    return _Checked(index, therapist, license_)

"""Therapist profiles: list, show, create, import from CSV, licenses, publish, unpublish."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from .api import ApiProblem
from .context import command, options
from .csv_rows import Row, RowError, read_rows
from .output import emit, more, progress, write_csv
from .output import errors as stderr

app = typer.Typer(help="Therapist profiles.")
COLUMNS = ["id", "display_name", "status", "npi", "practice_id"]
LICENSE_COLUMNS = ["id", "type", "number", "state", "expires_on", "status", "verified_at"]


@app.command("list")
@command
def list_(ctx: typer.Context, limit: int = typer.Option(20, min=1, max=100), cursor: str = typer.Option(None)) -> None:
    """Published therapists, a page at a time."""
    opts = options(ctx)
    params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
    page = opts.api(signed_in=False).get("/v1/therapists", params=params)
    if opts.as_json:
        emit(page, as_json=True)
        return
    emit(page["items"], as_json=False, columns=["id", "display_name", "pronouns"], title="Published therapists")
    more(page)


@app.command()
@command
def show(ctx: typer.Context, therapist_id: str) -> None:
    """One therapist (drafts only to their own practice)."""
    opts = options(ctx)
    emit(opts.api().get(f"/v1/therapists/{opts.resolve('therapist', therapist_id)}"), as_json=opts.as_json,
         columns=COLUMNS)


@app.command()
@command
def create(ctx: typer.Context, first_name: str = typer.Option(...), last_name: str = typer.Option(...),
           credentials: str = typer.Option(None), pronouns: str = typer.Option(None),
           npi: str = typer.Option(None), taxonomy_code: str = typer.Option(None, help="NUCC code, e.g. 1041C0700X"),
           specialty: list[str] = typer.Option(None, help="repeatable; slugs from GET /v1/taxonomy"),
           population: list[str] = typer.Option(None, help="repeatable"),
           modality: list[str] = typer.Option(None, help="repeatable"),
           format_: list[str] = typer.Option(None, "--format", help="repeatable: in_person, video, phone"),
           language: list[str] = typer.Option(None, help="repeatable, e.g. en, es"),
           payer: list[str] = typer.Option(None, help="repeatable: payer ids the therapist is in network with"),
           teletherapy_state: list[str] = typer.Option(None, help="repeatable: states licensed for video"),
           approach: str = typer.Option(None, help="the approach statement shown on the profile")) -> None:
    """Create a draft profile in your practice."""
    opts = options(ctx)
    body: dict[str, Any] = {"first_name": first_name, "last_name": last_name}
    body.update({k: v for k, v in {
        "credentials": credentials, "pronouns": pronouns, "npi": npi, "taxonomy_code": taxonomy_code,
        "specialties": specialty, "populations": population, "modalities": modality, "formats": format_,
        "languages": language, "payer_ids": payer, "teletherapy_states": teletherapy_state,
        "approach_statement": approach}.items() if v})
    emit(opts.api().post("/v1/therapists", json=body), as_json=opts.as_json, columns=COLUMNS)


@app.command("add-license")
@command
def add_license(ctx: typer.Context, therapist_id: str,
                type_: str = typer.Option(..., "--type", help="license type slug, e.g. lcsw, lmft, lpc"),
                number: str = typer.Option(...), state: str = typer.Option(..., help="two-letter state"),
                expires_on: str = typer.Option(..., help="YYYY-MM-DD")) -> None:
    """Record a license (unverified until staff verify it against the state board)."""
    opts = options(ctx)
    license_ = opts.api().post(f"/v1/therapists/{opts.resolve('therapist', therapist_id)}/licenses",
                               json={"type": type_, "number": number, "state": state, "expires_on": expires_on})
    emit(license_, as_json=opts.as_json, columns=LICENSE_COLUMNS)


@app.command("verify-license")
@command
def verify_license(ctx: typer.Context, therapist_id: str, license_id: str) -> None:
    """Mark a license verified (staff or administrators; never the therapist themself)."""
    opts = options(ctx)
    therapist_id = opts.resolve("therapist", therapist_id)
    license_id = opts.resolve("license", license_id, f"/v1/therapists/{therapist_id}/licenses")
    emit(opts.api().post(f"/v1/therapists/{therapist_id}/licenses/{license_id}/verify"), as_json=opts.as_json,
         columns=LICENSE_COLUMNS)


@app.command()
@command
def licenses(ctx: typer.Context, therapist_id: str) -> None:
    """A therapist's licenses and whether each is verified."""
    opts = options(ctx)
    therapist_id = opts.resolve("therapist", therapist_id)
    emit(opts.api().get(f"/v1/therapists/{therapist_id}/licenses")["items"], as_json=opts.as_json,
         columns=LICENSE_COLUMNS)


@app.command()
@command
def publish(ctx: typer.Context, therapist_id: str) -> None:
    """List the therapist in the public directory."""
    opts = options(ctx)
    therapist_id = opts.resolve("therapist", therapist_id)
    emit(opts.api().post(f"/v1/therapists/{therapist_id}/publish"), as_json=opts.as_json, columns=COLUMNS)


@app.command()
@command
def unpublish(ctx: typer.Context, therapist_id: str, reason: str = typer.Option(..., help="shown to staff")) -> None:
    """Take the therapist out of the public directory, saying why."""
    opts = options(ctx)
    therapist_id = opts.resolve("therapist", therapist_id)
    result = opts.api().post(f"/v1/therapists/{therapist_id}/unpublish", json={"reason": reason})
    emit(result, as_json=opts.as_json, columns=COLUMNS + ["status_reason"])


IMPORT_PATH = "/v1/therapists/import"


def _row_errors(problem_errors: list[dict], chunk: list[Row]) -> list[RowError]:
    """The API numbers rows within one request; people want the line of their file."""
    found = []
    for error in problem_errors:
        index = error.get("row")
        line = chunk[index].line if isinstance(index, int) and 0 <= index < len(chunk) else 0
        found.append(RowError(line, error.get("field", "(row)"), error.get("message", "")))
    return found


def _send(api, rows: list[Row], practice_id: str | None, *, dry_run: bool, allow_partial: bool) -> dict:
    body = {"rows": [row.body for row in rows], "dry_run": dry_run, "allow_partial": allow_partial}
    if practice_id:
        body["practice_id"] = practice_id
    try:
        report = api.post(IMPORT_PATH, json=body)
    except ApiProblem as problem:
        if problem.status != 422 or not any("row" in e for e in problem.errors):
            raise
        return {"created": [], "errors": _row_errors(problem.errors, rows), "refused": True}
    return {"created": [{"line": rows[c["row"]].line, "id": c["id"], "license_id": c.get("license_id")}
                        for c in report.get("created", [])],
            "errors": _row_errors(report.get("errors", []), rows), "refused": False}


def _chunks(rows: list[Row], size: int):
    return [rows[i:i + size] for i in range(0, len(rows), size)]


@app.command("import")
@command
def import_(ctx: typer.Context,
            file: Path = typer.Argument(..., exists=True, dir_okay=False, help="CSV with a header line"),
            allow_partial: bool = typer.Option(False, "--allow-partial",
                                               help="import the good rows even if some are bad"),
            practice_id: str = typer.Option(None, help="administrators: the practice to import into"),
            report: Path = typer.Option(None, help="also write the per-row error report to this CSV file"),
            chunk: int = typer.Option(200, min=1, max=2000, help="rows per request while checking")) -> None:
    """Create draft therapists (and their licenses) from a CSV file: all of them, or none.

    Columns: first_name, last_name, credentials, pronouns, npi, taxonomy_code, any profile field
    (lists separated by ';'), license_type/number/state/expires_on, location_line1/city/state/zip.
    """
    opts = options(ctx)
    api = opts.api()
    try:
        rows, problems = read_rows(file)
    except (ValueError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"{file}: {exc}") from None
    if not rows:
        raise typer.BadParameter(f"{file} has no rows")

    # First every row is checked by the API (nothing written), a chunk at a time so progress shows;
    # then the import itself is one request, so a bad row anywhere means nothing was imported.
    with progress() as bar:
        task = bar.add_task("Checking", total=len(rows))
        for part in _chunks(rows, chunk):
            problems += _send(api, part, practice_id, dry_run=True, allow_partial=True)["errors"]
            bar.advance(task, len(part))
    bad_lines = {p.line for p in problems}
    created: list[dict] = []
    if not problems or allow_partial:
        good = [row for row in rows if row.line not in bad_lines]
        with progress() as bar:
            task = bar.add_task("Importing", total=len(good))
            parts = _chunks(good, chunk) if allow_partial else [good]
            for part in parts:
                if not part:
                    continue
                result = _send(api, part, practice_id, dry_run=False, allow_partial=allow_partial)
                created += result["created"]
                problems += result["errors"]
                bar.advance(task, len(part))
    problems.sort(key=lambda p: p.line)
    if report:
        write_csv(report, ["line", "field", "message"], [vars(p) for p in problems])
    outcome = {"file": str(file), "rows": len(rows), "imported": len(created), "created": created,
               "errors": [vars(p) for p in problems]}
    if opts.as_json:
        emit(outcome, as_json=True)
    else:
        if problems:
            emit([vars(p) for p in problems], as_json=False, columns=["line", "field", "message"],
                 title=f"{len({p.line for p in problems})} of {len(rows)} rows have problems")
        if created or not problems:
            emit(created, as_json=False, columns=["line", "id", "license_id"], title=f"Imported {len(created)}")
        if problems and not created:
            stderr.print("Nothing was imported. Fix the rows above, or pass --allow-partial to import the others.")
    if problems and not created:
        raise typer.Exit(1)

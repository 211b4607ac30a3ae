"""Therapist profiles: list, show, create, licenses, publish, unpublish."""
from __future__ import annotations

import typer

from .context import command, options
from .output import emit

app = typer.Typer(help="Therapist profiles.")
COLUMNS = ["id", "display_name", "status", "npi", "practice_id"]
LICENSE_COLUMNS = ["id", "type", "number", "state", "expires_on", "status", "verified_at"]


@app.command("list")
@command
def list_(ctx: typer.Context, limit: int = typer.Option(20, min=1, max=100), cursor: str = typer.Option(None)) -> None:
    """Published therapists, a page at a time."""
    opts = options(ctx)
    page = opts.api(signed_in=False).get("/v1/therapists", params={"limit": limit, **({"cursor": cursor} if cursor else {})})
    if opts.as_json:
        emit(page, as_json=True)
        return
    emit(page["items"], as_json=False, columns=["id", "display_name", "pronouns"], title="Published therapists")
    if page.get("next_cursor"):
        typer.echo(f"more: --cursor {page['next_cursor']}")


@app.command()
@command
def show(ctx: typer.Context, therapist_id: str) -> None:
    """One therapist (drafts only to their own practice)."""
    opts = options(ctx)
    emit(opts.api().get(f"/v1/therapists/{therapist_id}"), as_json=opts.as_json, columns=COLUMNS)


@app.command()
@command
def create(ctx: typer.Context, first_name: str = typer.Option(...), last_name: str = typer.Option(...),
           credentials: str = typer.Option(None), pronouns: str = typer.Option(None),
           npi: str = typer.Option(None)) -> None:
    """Create a draft profile in your practice."""
    opts = options(ctx)
    body = {"first_name": first_name, "last_name": last_name}
    body.update({k: v for k, v in {"credentials": credentials, "pronouns": pronouns, "npi": npi}.items() if v})
    emit(opts.api().post("/v1/therapists", json=body), as_json=opts.as_json, columns=COLUMNS)


@app.command("add-license")
@command
def add_license(ctx: typer.Context, therapist_id: str,
                type_: str = typer.Option(..., "--type", help="license type slug, e.g. lcsw, lmft, lpc"),
                number: str = typer.Option(...), state: str = typer.Option(..., help="two-letter state"),
                expires_on: str = typer.Option(..., help="YYYY-MM-DD")) -> None:
    """Record a license (unverified until staff verify it against the state board)."""
    opts = options(ctx)
    license_ = opts.api().post(f"/v1/therapists/{therapist_id}/licenses",
                               json={"type": type_, "number": number, "state": state, "expires_on": expires_on})
    emit(license_, as_json=opts.as_json, columns=LICENSE_COLUMNS)


@app.command("verify-license")
@command
def verify_license(ctx: typer.Context, therapist_id: str, license_id: str) -> None:
    """Mark a license verified (staff or administrators; never the therapist themself)."""
    opts = options(ctx)
    emit(opts.api().post(f"/v1/therapists/{therapist_id}/licenses/{license_id}/verify"), as_json=opts.as_json,
         columns=LICENSE_COLUMNS)


@app.command()
@command
def licenses(ctx: typer.Context, therapist_id: str) -> None:
    """A therapist's licenses and whether each is verified."""
    opts = options(ctx)
    emit(opts.api().get(f"/v1/therapists/{therapist_id}/licenses")["items"], as_json=opts.as_json,
         columns=LICENSE_COLUMNS)


@app.command()
@command
def publish(ctx: typer.Context, therapist_id: str) -> None:
    """List the therapist in the public directory."""
    opts = options(ctx)
    emit(opts.api().post(f"/v1/therapists/{therapist_id}/publish"), as_json=opts.as_json, columns=COLUMNS)


@app.command()
@command
def unpublish(ctx: typer.Context, therapist_id: str, reason: str = typer.Option(..., help="shown to staff")) -> None:
    """Take the therapist out of the public directory, saying why."""
    opts = options(ctx)
    result = opts.api().post(f"/v1/therapists/{therapist_id}/unpublish", json={"reason": reason})
    emit(result, as_json=opts.as_json, columns=COLUMNS + ["status_reason"])

"""Therapist profiles: list, show, create, publish, unpublish."""
from __future__ import annotations

import typer

from .context import command, options
from .output import emit

app = typer.Typer(help="Therapist profiles.")
COLUMNS = ["id", "display_name", "status", "npi", "practice_id"]


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

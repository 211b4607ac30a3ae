"""Claims: by status with the scrubber's errors, submit, correct, void, and the 837P itself."""
from __future__ import annotations

from pathlib import Path

import typer

from .context import command, options
from .output import console, emit, money, more, write_private

app = typer.Typer(help="Insurance claims.")
STATUSES = ("draft", "scrubbed", "submitted", "accepted", "rejected", "paid", "partially_paid", "denied",
            "corrected", "voided")
LIST_COLUMNS = ["id", "status", "client_id", "total", "paid", "share", "errors", "submitted"]
LINE_COLUMNS = ["line_number", "service_date", "cpt", "modifiers", "units", "charge"]
ERROR_COLUMNS = ["code", "field", "message"]


def _summary(claim: dict) -> dict:
    """What staff act on; diagnoses and member ids stay out of the table (`--json` has the whole claim)."""
    return {**claim, "total": money(claim.get("total_cents")), "paid": money(claim.get("paid_cents")),
            "share": money(claim.get("patient_responsibility_cents")),  # the client's share
            "errors": len(claim.get("errors") or []), "submitted": (claim.get("submitted_at") or "")[:10]}


def _show(claim: dict, as_json: bool) -> None:
    if as_json:
        emit(claim, as_json=True)
        return
    emit(_summary(claim), as_json=False, columns=LIST_COLUMNS, title=f"Claim {claim['patient_control_number']}")
    emit([{**line, "charge": money(line.get("charge_cents"))} for line in claim.get("lines", [])], as_json=False,
         columns=LINE_COLUMNS, title="Lines")
    if claim.get("errors"):
        emit(claim["errors"], as_json=False, columns=ERROR_COLUMNS, title="What stops it")


@app.command("list")
@command
def list_(ctx: typer.Context, status: str = typer.Option(None, help=", ".join(STATUSES)),
          limit: int = typer.Option(50, min=1, max=100), cursor: str = typer.Option(None)) -> None:
    """Your practice's claims, newest first, with how many scrubber or payer errors each has."""
    opts = options(ctx)
    params = {"limit": limit, **({"status": status} if status else {}), **({"cursor": cursor} if cursor else {})}
    page = opts.api().get("/v1/claims", params=params)
    if opts.as_json:
        emit(page, as_json=True)
        return
    emit([_summary(c) for c in page["items"]], as_json=False, columns=LIST_COLUMNS,
         title=f"Claims{f' ({status})' if status else ''}")
    for claim in page["items"]:
        for error in claim.get("errors") or []:
            console.print(f"  {claim['id']}: [red]{error.get('code')}[/] {error.get('field')}: {error.get('message')}")
    more(page)


@app.command()
@command
def show(ctx: typer.Context, claim_id: str) -> None:
    """One claim: status, lines, money, and what stops it if anything does."""
    opts = options(ctx)
    _show(opts.api().get(f"/v1/claims/{opts.resolve('claim', claim_id)}"), opts.as_json)


def _act(ctx: typer.Context, claim_id: str, action: str) -> None:
    opts = options(ctx)
    _show(opts.api().post(f"/v1/claims/{opts.resolve('claim', claim_id)}/{action}"), opts.as_json)


@app.command()
@command
def scrub(ctx: typer.Context, claim_id: str) -> None:
    """Run the scrubber again (after fixing a client's details or diagnoses)."""
    _act(ctx, claim_id, "scrub")


@app.command()
@command
def submit(ctx: typer.Context, claim_id: str) -> None:
    """Scrub and send the claim to its payer; refused with the errors if it does not pass."""
    _act(ctx, claim_id, "submit")


@app.command()
@command
def correct(ctx: typer.Context, claim_id: str) -> None:
    """Replace an adjudicated claim with a corrected one (frequency 7); prints the new claim."""
    _act(ctx, claim_id, "correct")


@app.command()
@command
def void(ctx: typer.Context, claim_id: str) -> None:
    """Ask the payer to void a claim (frequency 8)."""
    _act(ctx, claim_id, "void")


@app.command()
@command
def x12(ctx: typer.Context, claim_id: str, out: Path = typer.Option(..., "--out", "-o", dir_okay=False)) -> None:
    """Write the claim's X12 837P to a file (it holds PHI: mode 600)."""
    opts = options(ctx)
    claim_id = opts.resolve("claim", claim_id)
    text = opts.api().get(f"/v1/claims/{claim_id}/x12", expect_json=False).content
    write_private(out, text)
    emit({"claim_id": claim_id, "file": str(out), "bytes": len(text)}, as_json=opts.as_json,
         columns=["claim_id", "file", "bytes"])


@app.command()
@command
def charges(ctx: typer.Context, client_id: str = typer.Option(None, "--client-id"),
            limit: int = typer.Option(50, min=1, max=100), cursor: str = typer.Option(None)) -> None:
    """Charges billing made of completed sessions (screening calls are never charged), newest first."""
    opts = options(ctx)
    client_id = opts.resolve("client", client_id)
    params = {"limit": limit, **({"client_id": client_id} if client_id else {}),
              **({"cursor": cursor} if cursor else {})}
    page = opts.api().get("/v1/charges", params=params)
    if opts.as_json:
        emit(page, as_json=True)
        return
    emit([{**c, "charge": money(c["charge_cents"])} for c in page["items"]], as_json=False,
         columns=["id", "service_date", "cpt", "modifiers", "pos", "charge", "status", "appointment_id", "claim_id"],
         title="Charges")
    more(page)

"""Clients: register, list, show; their diagnoses, balance, statements and superbills.

Names and contact details are PHI: lists show ids only unless `--names` is asked for, and
statements and superbills go to files (mode 600), never to the terminal.
"""
from __future__ import annotations

from pathlib import Path
from typing import cast

import typer

from .context import command, options
from .output import console, emit, money, more, write_private

app = typer.Typer(help="Clients, their diagnoses, balances, statements and superbills.")
LIST_COLUMNS = ["id", "created_at"]
DETAIL_COLUMNS = ["id", "first_name", "last_name", "date_of_birth", "sex", "email", "phone", "timezone"]
ENTRY_COLUMNS = ["created_at", "kind", "amount", "memo", "claim_id"]


@app.command()
@command
def create(ctx: typer.Context, first_name: str = typer.Option(...), last_name: str = typer.Option(...),
           email: str = typer.Option(None), phone: str = typer.Option(None, help="E.164, e.g. +13125550142"),
           timezone: str = typer.Option(None, help="IANA, e.g. America/Chicago"),
           date_of_birth: str = typer.Option(None, help="YYYY-MM-DD (needed on claims)"),
           sex: str = typer.Option(None, help="F, M or U (needed on claims)"),
           street: str = typer.Option(None, help="address line 1 (needed on claims)"),
           city: str = typer.Option(None), state: str = typer.Option(None, help="two letters, e.g. IL"),
           zip_: str = typer.Option(None, "--zip", help="5 or 9 digits"),
           consent_email: bool = typer.Option(False, help="the client agreed to email reminders")) -> None:
    """Register a client of your practice (prints only the new id)."""
    opts = options(ctx)
    body = {"first_name": first_name, "last_name": last_name, "consent_email": consent_email}
    body.update({k: v for k, v in {"email": email, "phone": phone, "timezone": timezone,
                                   "date_of_birth": date_of_birth, "sex": sex}.items() if v})
    address = {k: v for k, v in {"line1": street, "city": city, "state": state, "zip": zip_}.items() if v}
    if address:
        body["address"] = address  # partial addresses are refused by the API, field by field
    client = opts.api().post("/v1/clients", json=body)
    emit({"id": client["id"], "created_at": client["created_at"]}, as_json=opts.as_json, columns=LIST_COLUMNS)


@app.command("list")
@command
def list_(ctx: typer.Context, names: bool = typer.Option(False, "--names", help="also show names (PHI)"),
          limit: int = typer.Option(50, min=1, max=100), cursor: str = typer.Option(None)) -> None:
    """Your practice's clients, oldest first."""
    opts = options(ctx)
    params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
    page = opts.api().get("/v1/clients", params=params)
    columns = LIST_COLUMNS + (["first_name", "last_name"] if names else [])
    rows = [{k: item.get(k) for k in columns} for item in page["items"]]
    if opts.as_json:
        emit({"items": rows, "next_cursor": page.get("next_cursor")}, as_json=True)
        return
    emit(rows, as_json=False, columns=columns, title="Clients")
    more(page)


@app.command()
@command
def show(ctx: typer.Context, client_id: str) -> None:
    """One client's details (you asked for them: names and contacts are shown)."""
    opts = options(ctx)
    emit(opts.api().get(f"/v1/clients/{opts.resolve('client', client_id)}"), as_json=opts.as_json,
         columns=DETAIL_COLUMNS)


@app.command()
@command
def diagnoses(ctx: typer.Context, client_id: str,
              codes: list[str] = typer.Argument(None,
                                                help="ICD-10-CM codes, primary first; none to show them")) -> None:
    """Show, or replace, the diagnoses billed on the client's claims."""
    opts = options(ctx)
    path = f"/v1/clients/{opts.resolve('client', client_id)}/diagnoses"
    result = opts.api().request("PUT", path, json={"codes": codes}) if codes else opts.api().get(path)
    emit(result["items"], as_json=opts.as_json, columns=["position", "code"])


@app.command()
@command
def balance(ctx: typer.Context, client_id: str) -> None:
    """What the client owes, and the entries it is made of."""
    opts = options(ctx)
    result = opts.api().get(f"/v1/clients/{opts.resolve('client', client_id)}/balance")
    if opts.as_json:
        emit(result, as_json=True)
        return
    entries = [{**e, "amount": money(e["amount_cents"])} for e in result["entries"]]
    emit(entries, as_json=False, columns=ENTRY_COLUMNS, title=f"Balance {money(result['balance_cents'])}")


def _document(ctx: typer.Context, client_id: str, kind: str, out: Path, fmt: str) -> None:
    opts = options(ctx)
    client_id = opts.resolve("client", client_id)
    response = opts.api().get(f"/v1/clients/{client_id}/{kind}s", params={"format": fmt}, expect_json=False)
    write_private(out, response.content)
    summary = {"client_id": client_id, "document": kind, "format": fmt, "file": str(out),
               "bytes": len(response.content)}
    if fmt == "json":
        body = response.json()
        summary.update({k: body[k] for k in ("balance_cents", "total_charged_cents", "total_patient_share_cents",
                                             "total_insurance_paid_cents", "total_paid_cents") if k in body})
    if opts.as_json:
        emit(summary, as_json=True)
    else:
        console.print(f"Wrote the {kind} ({fmt}, {summary['bytes']} bytes) to {out} (readable by you only).")
        for key, value in summary.items():
            if key.endswith("_cents"):
                console.print(f"  {key[:-6].replace('_', ' ')}: {money(cast(int, value))}")


def _format_for(out: Path, fmt: str | None) -> str:
    fmt = fmt or ("pdf" if out.suffix.lower() == ".pdf" else "json")
    if fmt not in ("pdf", "json"):
        raise typer.BadParameter("format is pdf or json")
    return fmt


@app.command()
@command
def statement(ctx: typer.Context, client_id: str, out: Path = typer.Option(..., "--out", "-o", dir_okay=False),
              fmt: str = typer.Option(None, "--format", help="pdf or json (default: from the file's name)")) -> None:
    """Write the client's statement (what they owe and why) to a file."""
    _document(ctx, client_id, "statement", out, _format_for(out, fmt))


@app.command()
@command
def superbill(ctx: typer.Context, client_id: str, out: Path = typer.Option(..., "--out", "-o", dir_okay=False),
              fmt: str = typer.Option(None, "--format", help="pdf or json (default: from the file's name)")) -> None:
    """Write the client's superbill (services, codes, what insurance paid, their share) to a file."""
    _document(ctx, client_id, "superbill", out, _format_for(out, fmt))

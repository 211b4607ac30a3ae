"""Payments posted: what insurers paid (with their adjustments) and what clients paid."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import typer

from .context import command, options
from .output import emit, money, more

app = typer.Typer(help="Payments posted, and recording a client's payment.")
COLUMNS = ["posted_at", "source", "amount", "adjustments", "patient_share", "claim_id", "client_id", "method"]


def _adjustments(items: list[dict]) -> str:
    return ", ".join(f"{a['group']}-{a['reason']} {money(a['amount_cents'])}" for a in items)


@app.command("list")
@command
def list_(ctx: typer.Context, client_id: str = typer.Option(None, "--client-id"),
          claim_id: str = typer.Option(None, "--claim-id"),
          source: str = typer.Option(None, help="insurer or client"),
          limit: int = typer.Option(50, min=1, max=100), cursor: str = typer.Option(None)) -> None:
    """Payments posted, newest first: insurers' (from adjudications and 835s) and clients'."""
    opts = options(ctx)
    client_id, claim_id = opts.resolve("client", client_id), opts.resolve("claim", claim_id)
    params = {k: v for k, v in {"client_id": client_id, "claim_id": claim_id, "source": source, "limit": limit,
                                "cursor": cursor}.items() if v}
    page = opts.api().get("/v1/payments", params=params)
    if opts.as_json:
        emit(page, as_json=True)
        return
    rows = [{**p, "amount": money(p["amount_cents"]), "adjustments": _adjustments(p.get("adjustments") or []),
             "patient_share": money(p.get("patient_responsibility_cents"))} for p in page["items"]]
    emit(rows, as_json=False, columns=COLUMNS, title="Payments posted")
    more(page)


def _cents(amount: str) -> int:
    try:
        value = Decimal(amount.replace("$", "").replace(",", ""))
    except InvalidOperation:
        raise typer.BadParameter(f"{amount!r} is not an amount like 25.00") from None
    if value <= 0 or value != value.quantize(Decimal("0.01")):
        raise typer.BadParameter("an amount above zero, in dollars and cents")
    return int(value * 100)


@app.command()
@command
def record(ctx: typer.Context, client_id: str, amount: str = typer.Option(..., help="dollars, e.g. 25.00"),
           method: str = typer.Option(..., help="card, cash, check or other")) -> None:
    """Record a payment the client made against their balance."""
    opts = options(ctx)
    client_id = opts.resolve("client", client_id)
    entry = opts.api().post("/v1/payments", json={"client_id": client_id, "amount_cents": _cents(amount),
                                                  "method": method})
    emit({**entry, "amount": money(entry["amount_cents"])}, as_json=opts.as_json,
         columns=["id", "kind", "amount", "memo", "created_at"])

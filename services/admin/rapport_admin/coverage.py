"""Insurance: plans, a client's coverage, eligibility checks and cost estimates."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from .context import command, options
from .output import console, emit, money, write_private

app = typer.Typer(help="Plans, coverage, eligibility and estimates.")
PLAN_COLUMNS = ["id", "payer_id", "payer", "name", "in_network", "deductible", "oop_max", "coinsurance"]
COVERAGE_COLUMNS = ["id", "plan_id", "payer_ref", "member_id", "group_number", "effective_from", "effective_to"]
ESTIMATE_COLUMNS = ["cpt", "covered", "charge", "allowed", "deductible", "coinsurance", "copay", "patient", "plan",
                    "not_covered_reason"]


@app.command()
@command
def plans(ctx: typer.Context, payer: str = typer.Option(None, help="a payer's id (e.g. RLB02) or reference")) -> None:
    """The plans billing knows, with their payer and benefits."""
    opts = options(ctx)
    api = opts.api()
    payers = {p["id"]: p for p in api.get("/v1/payers")}
    wanted = {ref for ref, p in payers.items() if payer in (ref, p["payer_id"])} if payer else set(payers)
    items = [{**plan, "payer_id": payers[plan["payer_ref"]]["payer_id"], "payer": payers[plan["payer_ref"]]["name"]}
             for plan in api.get("/v1/plans") if plan["payer_ref"] in wanted]
    if opts.as_json:
        emit(items, as_json=True)
        return
    rows = [{**p, "deductible": money(p["deductible_cents"]), "oop_max": money(p["oop_max_cents"]),
             "coinsurance": f"{p.get('coinsurance_bp', 0) / 100:g}%"} for p in items]
    emit(rows, as_json=False, columns=PLAN_COLUMNS, title="Plans")


@app.command()
@command
def add(ctx: typer.Context, client_id: str, plan_id: str = typer.Option(..., "--plan-id"),
        member_id: str = typer.Option(...), group_number: str = typer.Option(None),
        effective_from: str = typer.Option(..., "--from", help="YYYY-MM-DD"),
        effective_to: str = typer.Option(None, "--to", help="YYYY-MM-DD, if it ends"),
        relationship: str = typer.Option(None, help="18 self (default), 01 spouse, 19 child, G8 other"),
        deductible_met: int = typer.Option(None, help="cents of this year's deductible already met"),
        oop_met: int = typer.Option(None, help="cents of this year's out-of-pocket maximum already met")) -> None:
    """Record a client's insurance coverage."""
    opts = options(ctx)
    client_id, plan_id = opts.resolve("client", client_id), opts.resolve("plan", plan_id)
    body: dict[str, Any] = {"plan_id": plan_id, "member_id": member_id, "effective_from": effective_from}
    body.update({k: v for k, v in {"group_number": group_number, "effective_to": effective_to,
                                   "relationship": relationship, "deductible_met_cents": deductible_met,
                                   "oop_met_cents": oop_met}.items() if v is not None})
    emit(opts.api().post(f"/v1/clients/{client_id}/coverages", json=body), as_json=opts.as_json,
         columns=COVERAGE_COLUMNS)


@app.command("list")
@command
def list_(ctx: typer.Context, client_id: str) -> None:
    """A client's coverages."""
    opts = options(ctx)
    emit(opts.api().get(f"/v1/clients/{opts.resolve('client', client_id)}/coverages")["items"], as_json=opts.as_json,
         columns=COVERAGE_COLUMNS, title="Coverage")


@app.command()
@command
def check(ctx: typer.Context, coverage_id: str,
          service_date: str = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)")) -> None:
    """Check eligibility now: in force, what remains of the deductible and out-of-pocket maximum."""
    opts = options(ctx)
    body = {"coverage_id": coverage_id, **({"service_date": service_date} if service_date else {})}
    answer = opts.api().post("/v1/eligibility-checks", json=body)
    if opts.as_json:
        emit(answer, as_json=True)
        return
    result = answer["result"]
    emit({"active": result.get("active"), "in_network": result.get("in_network"),
          "deductible_remaining": money(result.get("deductible_remaining_cents")),
          "oop_remaining": money(result.get("oop_remaining_cents")),
          "coinsurance": f"{result.get('coinsurance_bp', 0) / 100:g}%", "checked_at": answer["checked_at"],
          "stale": answer["stale"]}, as_json=False,
         columns=["active", "in_network", "deductible_remaining", "oop_remaining", "coinsurance", "checked_at",
                  "stale"], title="Eligibility")
    if answer["stale"]:
        console.print(f"[yellow]The payer could not be asked: this is the answer of {answer['age_seconds']} s ago.[/]")


@app.command()
@command
def estimate(ctx: typer.Context, client_id: str,
             cpt: list[str] = typer.Option(..., "--cpt", help="a planned service; repeat for more"),
             service_date: str = typer.Option(..., "--date", help="YYYY-MM-DD"),
             self_pay: bool = typer.Option(False, "--self-pay", help="without insurance (a Good Faith Estimate)"),
             tier: str = typer.Option(None, help="sliding-scale tier, when self-pay"),
             pdf: Path = typer.Option(None, dir_okay=False,
                                      help="self-pay: write the Good Faith Estimate PDF here")) -> None:
    """What the client will likely owe for planned services, line by line."""
    opts = options(ctx)
    api = opts.api()
    body: dict[str, Any] = {"client_id": opts.resolve("client", client_id), "service_date": service_date,
                            "services": [{"cpt": c} for c in cpt]}
    if self_pay:
        body["self_pay"] = True
    if tier:
        body["sliding_scale_tier"] = tier
    result = api.post("/v1/estimates", json=body)
    if pdf:
        document = api.get(f"/v1/estimates/{result['id']}", params={"format": "pdf"}, expect_json=False)
        write_private(pdf, document.content)
    if opts.as_json:
        emit(result, as_json=True)
        return
    rows = [{**line, **{k[:-6]: money(v) for k, v in line.items() if k.endswith("_cents")}} for line in result["lines"]]
    totals = result["totals"]
    emit(rows, as_json=False, columns=ESTIMATE_COLUMNS,
         title=f"Estimate {result['id']} ({result['kind']}): client pays {money(totals['patient_cents'])}")
    if pdf:
        console.print(f"Good Faith Estimate written to {pdf}.")

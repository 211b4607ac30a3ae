"""Health, readiness, outbox backlogs and dead letters of every service; replaying dead letters."""
from __future__ import annotations

from typing import Any

import typer

from .api import ApiProblem
from .context import command, options
from .output import emit

SERVICES = ("profiles", "booking", "billing")
app = typer.Typer(help="Operate the system: outbox backlog, dead letters, replay (administrators).")


@command
def health(ctx: typer.Context) -> None:
    """Liveness and readiness (database, broker) of each service, through the gateway."""
    opts = options(ctx)
    api = opts.api(signed_in=False)
    rows = []
    for service in SERVICES:
        row: dict[str, Any] = {"service": service}
        try:
            row["live"] = api.get(f"/healthz/{service}")["status"] == "ok"
        except ApiProblem:
            row["live"] = False
        try:
            ready = api.get(f"/readyz/{service}")
            checks = ready["checks"]
        except ApiProblem as problem:
            checks = {"database": {"ok": False}, "broker": {"ok": False}} if problem.status == 503 else {}
        row["database"] = checks.get("database", {}).get("ok", False)
        row["broker"] = checks.get("broker", {}).get("ok", False)
        row["ready"] = row["database"] and row["broker"]
        rows.append(row)
    emit(rows, as_json=opts.as_json, columns=["service", "live", "ready", "database", "broker"], title="Health")
    if not all(r["live"] and r["ready"] for r in rows):
        raise typer.Exit(2)


@app.command()
@command
def outbox(ctx: typer.Context) -> None:
    """Events each service has not yet published: count, oldest age, failing ones (admins)."""
    opts = options(ctx)
    api = opts.api()
    rows = [{"service": s, **api.get(f"/v1/{s}/ops/outbox")} for s in SERVICES]
    emit(rows, as_json=opts.as_json, columns=["service", "unsent", "failing", "oldest_age_seconds"],
         title="Outbox backlog")


@app.command("dead-letters")
@command
def dead_letters(ctx: typer.Context) -> None:
    """Each consumer queue: waiting, dead-lettered, and why (admins)."""
    opts = options(ctx)
    api = opts.api()
    rows = []
    for service in SERVICES:
        for queue in api.get(f"/v1/{service}/ops/dead-letters"):
            reasons = sorted({f"{d['type']}: {d['reason']}" for d in queue["dead_letters"]})
            rows.append({"service": service, "queue": queue["queue"], "ready": queue["ready"], "dead": queue["dead"],
                         "why": reasons, "dead_letters": queue["dead_letters"]})
    emit(rows, as_json=opts.as_json, columns=["service", "queue", "ready", "dead", "why"], title="Dead letters")


@app.command()
@command
def replay(ctx: typer.Context, service: str = typer.Argument(..., help="profiles, booking or billing"),
           queue: str = typer.Argument(..., help="queue name without namespace, e.g. profiles-events"),
           limit: int = typer.Option(1000, min=1, max=10000)) -> None:
    """Send a queue's dead letters back to it, after the fault that stopped them is fixed."""
    if service not in SERVICES:
        raise typer.BadParameter(f"service must be one of {', '.join(SERVICES)}")
    opts = options(ctx)
    result = opts.api().post(f"/v1/{service}/ops/dead-letters/{queue}/replay", params={"limit": limit})
    emit(result, as_json=opts.as_json, columns=["queue", "replayed"])

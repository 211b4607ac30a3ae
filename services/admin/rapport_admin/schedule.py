"""Therapists' schedules: availability from a small file, screening calls and what happens to them."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer
import yaml

from .context import command, options
from .output import emit

app = typer.Typer(help="Availability and screening calls.")
# Names, contacts and concerns are never listed here: ask for one call with `show` for those.
CALL_COLUMNS = ["id", "start", "end", "format", "status", "participant_count"]


def _read_availability(path: Path) -> dict:
    text = path.read_text()
    body = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    if not isinstance(body, dict):
        raise typer.BadParameter(f"{path} must hold a mapping (timezone, weekly, exceptions, settings)")
    # YAML reads 2026-12-24 as a date; the API takes JSON strings.
    return json.loads(json.dumps(body, default=str))


@app.command("set-availability")
@command
def set_availability(ctx: typer.Context, therapist_id: str,
                     file: Path = typer.Argument(..., exists=True, dir_okay=False, help="YAML or JSON")) -> None:
    """Replace a therapist's availability with the one in FILE (YAML or JSON, as the API takes it)."""
    opts = options(ctx)
    therapist_id = opts.resolve("therapist", therapist_id)
    result = opts.api().request("PUT", f"/v1/therapists/{therapist_id}/availability", json=_read_availability(file))
    emit(result, as_json=opts.as_json, columns=["therapist_id", "display_name", "timezone", "configured"])


@app.command("show-availability")
@command
def show_availability(ctx: typer.Context, therapist_id: str) -> None:
    """A therapist's weekly windows, exceptions and screening-call settings."""
    opts = options(ctx)
    result = opts.api().get(f"/v1/therapists/{opts.resolve('therapist', therapist_id)}/availability")
    if opts.as_json:
        emit(result, as_json=True)
        return
    emit(result.get("weekly", []), as_json=False, columns=["weekday", "start", "end"],
         title=f"{result['display_name']} ({result['timezone']})")
    emit(result.get("settings", {}), as_json=False, columns=list(result.get("settings", {}).keys()))


def _window(period: str) -> tuple[str, str]:
    today = dt.date.today()
    if period == "today":
        start, end = today, today + dt.timedelta(days=1)
    else:  # this week, Monday to Sunday
        start = today - dt.timedelta(days=today.weekday())
        end = start + dt.timedelta(days=7)
    return start.isoformat(), end.isoformat()


def _local_midnight(day: str) -> str:
    """The start of `day` in this computer's time zone, as the API wants it (RFC 3339)."""
    try:
        date = dt.date.fromisoformat(day)
    except ValueError as exc:
        raise typer.BadParameter(f"{day!r} is not a YYYY-MM-DD date") from exc
    return dt.datetime.combine(date, dt.time.min).astimezone().isoformat()


@app.command()
@command
def calls(ctx: typer.Context, therapist_id: str = typer.Option(..., "--therapist-id"),
          period: str = typer.Option("week", help="today or week"),
          since: str = typer.Option(None, "--from", help="YYYY-MM-DD, instead of --period"),
          until: str = typer.Option(None, "--to", help="YYYY-MM-DD (exclusive), with --from"),
          status: str = typer.Option(None, help="requested, confirmed, completed, ...")) -> None:
    """Screening calls of a therapist today, this week, or between two dates (no names or concerns)."""
    if period not in ("today", "week"):
        raise typer.BadParameter("period is today or week")
    opts = options(ctx)
    start, end = (since, until) if since and until else _window(period)
    params = {"therapist_id": opts.resolve("therapist", therapist_id), "from": _local_midnight(start),
              "to": _local_midnight(end), "limit": 100}
    if status:
        params["status"] = status
    page = opts.api().get("/v1/consultations", params=params)
    rows = [{k: item.get(k) for k in CALL_COLUMNS} for item in page["items"]]
    title = f"Screening calls, {start} to {end}" if since and until else f"Screening calls, {period}"
    emit(rows, as_json=opts.as_json, columns=CALL_COLUMNS, title=title)


def _act(ctx: typer.Context, consultation_id: str, action: str, body: dict | None = None) -> None:
    opts = options(ctx)
    consultation_id = opts.resolve("consultation", consultation_id)
    result = opts.api().post(f"/v1/consultations/{consultation_id}/{action}", json=body or {})
    emit({k: result.get(k) for k in CALL_COLUMNS + ["status_reason"]}, as_json=opts.as_json,
         columns=CALL_COLUMNS + ["status_reason"])


@app.command()
@command
def confirm(ctx: typer.Context, consultation_id: str) -> None:
    """Confirm a requested screening call."""
    _act(ctx, consultation_id, "confirm")


@app.command()
@command
def decline(ctx: typer.Context, consultation_id: str, reason: str = typer.Option(...),
            suggest: str = typer.Option(None, help="a colleague's therapist id to suggest")) -> None:
    """Decline a requested call, optionally suggesting another therapist."""
    body = {"reason": reason}
    if suggest:
        body["suggested_therapist_id"] = options(ctx).resolve("therapist", suggest)
    _act(ctx, consultation_id, "decline", body)


@app.command()
@command
def complete(ctx: typer.Context, consultation_id: str) -> None:
    """Mark a call held (after its start). Screening calls are never billed."""
    _act(ctx, consultation_id, "complete")


@app.command("no-show")
@command
def no_show(ctx: typer.Context, consultation_id: str) -> None:
    """Record that the client did not come (after the start)."""
    _act(ctx, consultation_id, "no-show")

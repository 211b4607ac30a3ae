"""Billable therapy appointments: create and complete (billing charges completed ones)."""
from __future__ import annotations

import typer

from .context import command, options
from .output import emit

app = typer.Typer(help="Billable therapy appointments.")
COLUMNS = ["id", "therapist_id", "client_id", "start", "service_code", "format", "duration_min", "status"]


@app.command()
@command
def create(ctx: typer.Context, therapist_id: str = typer.Option(..., "--therapist-id"),
           client_id: str = typer.Option(..., "--client-id"),
           start: str = typer.Option(..., help="RFC 3339 with offset, e.g. 2026-12-01T10:00:00-06:00"),
           service_code: str = typer.Option(..., help="CPT, e.g. 90837"),
           format_: str = typer.Option(..., "--format", help="in_person, video or phone"),
           duration: int = typer.Option(..., help="minutes")) -> None:
    """Schedule a billable session."""
    opts = options(ctx)
    therapist_id, client_id = opts.resolve("therapist", therapist_id), opts.resolve("client", client_id)
    body = {"therapist_id": therapist_id, "client_id": client_id, "start": start, "service_code": service_code,
            "format": format_, "duration_min": duration}
    emit(opts.api().post("/v1/appointments", json=body), as_json=opts.as_json, columns=COLUMNS)


@app.command()
@command
def complete(ctx: typer.Context, appointment_id: str,
             minutes: int = typer.Option(None, help="actual minutes, if not as scheduled")) -> None:
    """Mark a session held; billing then creates its charge and claim."""
    opts = options(ctx)
    appointment_id = opts.resolve("appointment", appointment_id)
    body = {"actual_duration_min": minutes} if minutes else {}
    emit(opts.api().post(f"/v1/appointments/{appointment_id}/complete", json=body), as_json=opts.as_json,
         columns=COLUMNS)

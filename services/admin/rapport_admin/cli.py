"""`rapport-admin`: the practice staff's client. It talks only to the public API, through the gateway."""
from __future__ import annotations

import typer

from . import appointments, claims, clients, coverage, credentials, operations, payments, schedule, session, therapists
from .context import Options

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)
app.add_typer(therapists.app, name="therapists")
app.add_typer(schedule.app, name="schedule")
app.add_typer(appointments.app, name="appointments")
app.add_typer(clients.app, name="clients")
app.add_typer(coverage.app, name="coverage")
app.add_typer(claims.app, name="claims")
app.add_typer(payments.app, name="payments")
app.add_typer(operations.app, name="ops")
app.command()(session.login)
app.command()(session.logout)
app.command()(session.whoami)
app.command()(operations.health)


@app.callback()
def main(ctx: typer.Context,
         gateway: str = typer.Option(None, envvar="RAPPORT_GATEWAY", help="gateway URL (default: last used, or http://127.0.0.1:8080)"),
         as_json: bool = typer.Option(False, "--json", help="machine-readable output")) -> None:
    ctx.obj = Options(gateway=credentials.current_gateway(gateway), as_json=as_json)

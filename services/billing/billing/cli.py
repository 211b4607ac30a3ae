"""`rapport-billing`: migrate, declare-queues, worker, seed-demo, openapi, provision-insurers."""
from pathlib import Path

import typer

from rapport_shared.cli import service_cli

from . import SERVICE, create_app
from .config import BillingSettings
from .demo import seed_demo
from .entrypoints.consumers import subscriptions
from .entrypoints.worker import build_worker
from .operations.insurer_accounts import CannotManageUsers, deprovision, provision
from .operations.insurer_list import load_insurers

app = service_cli(
    SERVICE,
    settings=BillingSettings,
    create_app=create_app,
    build_worker=build_worker,
    subscriptions=subscriptions,
    seed_demo=seed_demo,
)


@app.command("provision-insurers")
def provision_insurers(config: Path = typer.Option(None, help="Insurers file (default BILLING_INSURERS_FILE, else "
                                                                "the list shipped in the package)")) -> None:
    """Declare each insurer's claims queue and make its RabbitMQ user, allowed only that queue."""
    settings = BillingSettings.from_env()
    insurers = load_insurers(config or settings.insurers_file)
    try:
        provision(settings.amqp_url, settings.amqp_namespace, insurers, settings.var_dir)
    except CannotManageUsers as exc:
        # Queues are declared, so claims wait in them; only the insurers' logins are missing.
        typer.echo(f"billing: WARNING insurer users not created ({exc}). Claims will wait in their queues; "
                   "run `sudo .venv/bin/rapport-billing provision-insurers` to let the insurers in.", err=True)
        return
    typer.echo(f"billing: {len(insurers)} insurer(s) provisioned")


@app.command("deprovision-insurers")
def deprovision_insurers(config: Path = typer.Option(None, help="Insurers file, as for provision-insurers")) -> None:
    """Delete the insurers' RabbitMQ users of this namespace (a test or bench stack going away)."""
    settings = BillingSettings.from_env()
    insurers = load_insurers(config or settings.insurers_file)
    deprovision(settings.amqp_namespace, insurers)
    typer.echo(f"billing: {len(insurers)} insurer user(s) removed")

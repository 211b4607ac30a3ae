"""The commands every service has: migrate, worker, openapi. A service adds its own to the app."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import pika
import typer

from .amqp import connection_parameters
from .config import Settings
from .logs import configure_logging
from .migrations import upgrade
from .topology import Subscription, declare_subscription
from .worker import Worker


def service_cli(
    service: str,
    *,
    settings: type[Settings],
    create_app: Callable,
    build_worker: Callable[[Settings], Worker],
    subscriptions: Callable[[str], list[Subscription]] = lambda namespace: [],
    seed_demo: Callable[[Settings], bool] | None = None,
) -> typer.Typer:
    app = typer.Typer(help=f"Operate the {service} service.", no_args_is_help=True, add_completion=False)

    @app.command()
    def migrate() -> None:
        """Apply this service's database migrations (idempotent)."""
        loaded = settings.from_env()
        configure_logging(service)
        logging.getLogger("alembic").setLevel(logging.WARNING)
        upgrade(f"{service}:migrations", loaded.database_url)
        typer.echo(f"{service}: database at head")

    @app.command("declare-queues")
    def declare_queues() -> None:
        """Declare this service's queues and bindings, so events published before its worker
        first starts are routed and kept rather than returned as unroutable."""
        loaded = settings.from_env()
        subs = subscriptions(loaded.amqp_namespace)
        connection = pika.BlockingConnection(connection_parameters(loaded.amqp_url, f"{service}-setup"))
        try:
            channel = connection.channel()
            for sub in subs:
                declare_subscription(channel, sub)
        finally:
            connection.close()
        typer.echo(f"{service}: {len(subs)} queue(s) declared")

    @app.command()
    def worker() -> None:
        """Run the outbox relay, the event consumer and periodic jobs until stopped."""
        loaded = settings.from_env()
        configure_logging(service)
        build_worker(loaded).run_forever()

    @app.command("seed-demo")
    def seed_demo_command() -> None:
        """Seed this service's demo data into an empty database (never over real data)."""
        if seed_demo is None:
            typer.echo(f"{service}: no demo data")
            return
        created = seed_demo(settings.from_env())
        typer.echo(f"{service}: demo data {'seeded' if created else 'already present'}")

    @app.command()
    def openapi(out: Path = typer.Option(None, help="File to write; stdout if omitted")) -> None:
        """Print this service's OpenAPI document."""
        flask_app = create_app()
        logging.disable(logging.INFO)  # the request log line would land in the document on stdout
        with flask_app.test_client() as client:
            spec = client.get("/openapi.json").get_json()
        text = json.dumps(spec, indent=2, sort_keys=True)
        if out:
            out.write_text(text + "\n")
        else:
            typer.echo(text)

    return app

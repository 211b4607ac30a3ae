"""`rapport-booking`: migrate, declare-queues, worker, seed-demo, openapi, plus keys and mailsink."""
from pathlib import Path

import typer

from rapport_shared.cli import service_cli

from . import SERVICE, create_app
from .demo import seed_demo
from .messaging.handlers import subscriptions
from .messaging.worker import build_worker

app = service_cli(
    SERVICE,
    migrations_dir=Path(__file__).resolve().parents[1] / "migrations",
    create_app=create_app,
    build_worker=build_worker,
    subscriptions=subscriptions,
    seed_demo=seed_demo,
)


@app.command()
def keys() -> None:
    """Create the local PHI encryption key (var/keys/booking-phi.key) unless BOOKING_PHI_KEY is set."""
    import os

    from .adapters.sealing import ensure_key_file, key_file

    if os.environ.get("BOOKING_PHI_KEY"):
        typer.echo("booking: PHI key from BOOKING_PHI_KEY")
        return
    created = ensure_key_file()
    typer.echo(f"booking: PHI key {'created' if created else 'present'}: {key_file()}")


@app.command()
def mailsink(port: int = typer.Option(None, help="default: MAILSINK_PORT or 8025"),
             host: str = typer.Option("127.0.0.1", help="0.0.0.0 in a container")) -> None:
    """Run a local SMTP sink that writes every mail to var/mail/*.eml (for `make run`)."""
    import os

    from rapport_shared.config import var_dir

    from .mailsink import MailSink

    port = port or int(os.environ.get("MAILSINK_PORT", "8025"))
    directory = var_dir() / "mail"
    typer.echo(f"mail sink on {host}:{port}; mails are written to {directory}")
    MailSink(host=host, port=port, directory=directory).serve_forever()

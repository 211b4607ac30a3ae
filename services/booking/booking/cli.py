"""`rapport-booking`: migrate, declare-queues, worker, seed-demo, openapi, plus keys and mailsink."""
import typer

from rapport_shared.cli import service_cli

from . import SERVICE, create_app
from .config import BookingSettings
from .demo import seed_demo
from .entrypoints.consumers import subscriptions
from .entrypoints.worker import build_worker

app = service_cli(
    SERVICE,
    settings=BookingSettings,
    create_app=create_app,
    build_worker=build_worker,
    subscriptions=subscriptions,
    seed_demo=seed_demo,
)


@app.command()
def keys() -> None:
    """Create the local PHI encryption key (var/keys/booking-phi.key) unless BOOKING_PHI_KEY is set."""
    from .adapters.sealing import ensure_key_file

    settings = BookingSettings.from_env()
    if settings.phi_key:
        typer.echo("booking: PHI key from BOOKING_PHI_KEY")
        return
    created = ensure_key_file(settings.phi_key_file)
    typer.echo(f"booking: PHI key {'created' if created else 'present'}: {settings.phi_key_file}")


@app.command()
def mailsink(port: int = typer.Option(None, help="default: MAILSINK_PORT or 8025"),
             host: str = typer.Option("127.0.0.1", help="0.0.0.0 in a container")) -> None:
    """Run a local SMTP sink that writes every mail to var/mail/*.eml (for `make run`)."""
    from .mailsink import MailSink

    settings = BookingSettings.from_env()
    port = port or settings.smtp_port
    directory = settings.mail_dir
    typer.echo(f"mail sink on {host}:{port}; mails are written to {directory}")
    MailSink(host=host, port=port, directory=directory).serve_forever()

"""`rapport-profiles`: migrate, declare-queues, worker, seed-demo, openapi, plus keys."""
from pathlib import Path

import typer

from rapport_shared.cli import service_cli
from rapport_shared.config import Settings

from . import SERVICE, create_app, private_key_file
from .adapters.tokens import generate_key_pair
from .demo import seed_demo
from .messaging.handlers import subscriptions
from .messaging.worker import build_worker

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"

app = service_cli(SERVICE, migrations_dir=MIGRATIONS, create_app=create_app, build_worker=build_worker,
                  subscriptions=subscriptions, seed_demo=seed_demo)


@app.command()
def keys() -> None:
    """Create the token signing key pair if it does not exist yet."""
    settings = Settings.from_env(SERVICE)
    created = generate_key_pair(private_key_file(settings), settings.jwt_public_key_file)
    typer.echo(f"signing keys {'created' if created else 'present'}: {settings.jwt_public_key_file.parent}")

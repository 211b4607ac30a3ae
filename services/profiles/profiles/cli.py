"""`rapport-profiles`: migrate, worker, openapi, plus keys and the demo seed."""
from pathlib import Path

import typer

from rapport_shared.cli import service_cli
from rapport_shared.config import Settings

from . import SERVICE, create_app, private_key_file
from .adapters.tokens import generate_key_pair
from .messaging.worker import build_worker

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"

app = service_cli(SERVICE, migrations_dir=MIGRATIONS, create_app=create_app, build_worker=build_worker)


@app.command()
def keys() -> None:
    """Create the token signing key pair if it does not exist yet."""
    settings = Settings.from_env(SERVICE)
    created = generate_key_pair(private_key_file(settings), settings.jwt_public_key_file)
    typer.echo(f"signing keys {'created' if created else 'present'}: {settings.jwt_public_key_file.parent}")


@app.command("seed-demo")
def seed_demo() -> None:
    """Seed the demo practice and logins when the database has none."""
    from .demo import ADMIN_EMAIL, STAFF_EMAIL, seed_demo as seed

    created = seed(Settings.from_env(SERVICE))
    typer.echo(f"demo data {'seeded' if created else 'already present'} ({ADMIN_EMAIL}, {STAFF_EMAIL})")

"""`rapport-profiles`: migrate, declare-queues, worker, seed-demo, openapi, plus keys."""
import typer

from rapport_shared.cli import service_cli

from . import SERVICE, create_app
from .adapters.tokens import generate_key_pair
from .config import ProfilesSettings
from .demo import seed_demo
from .entrypoints.consumers import subscriptions
from .entrypoints.worker import build_worker

app = service_cli(SERVICE, settings=ProfilesSettings, create_app=create_app, build_worker=build_worker,
                  subscriptions=subscriptions, seed_demo=seed_demo)


@app.command()
def keys() -> None:
    """Create the token signing key pair if it does not exist yet."""
    settings = ProfilesSettings.from_env()
    created = generate_key_pair(settings.jwt_private_key_file, settings.jwt_public_key_file)
    typer.echo(f"signing keys {'created' if created else 'present'}: {settings.jwt_public_key_file.parent}")

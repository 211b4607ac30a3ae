"""`rapport-booking`: migrate, declare-queues, worker, openapi."""
from pathlib import Path

from rapport_shared.cli import service_cli

from . import SERVICE, create_app
from .messaging.handlers import subscriptions
from .messaging.worker import build_worker

app = service_cli(
    SERVICE,
    migrations_dir=Path(__file__).resolve().parents[1] / "migrations",
    create_app=create_app,
    build_worker=build_worker,
    subscriptions=subscriptions,
)

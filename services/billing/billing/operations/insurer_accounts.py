"""Insurers' broker accounts: their claims queues, and RabbitMQ users allowed only their own queue.

Uses `rabbitmqctl` (local broker, run as root or the rabbitmq user): no management plugin to
enable, and the same calls an operator would type.
"""
from __future__ import annotations

import secrets
import subprocess
from pathlib import Path

import pika

from rapport_shared.amqp import connection_parameters
from rapport_shared.topology import declare_exchange, declare_subscription

from ..messaging.insurers import (
    answers_exchange,
    answers_subscription,
    claims_queue,
    insurer_exchange,
    insurer_username,
)
from .insurer_list import Insurer


class CannotManageUsers(RuntimeError):
    """rabbitmqctl is missing or may not talk to the broker (it needs root or the rabbitmq user)."""


def password_file(var_dir: Path, namespace: str, payer_id: str) -> Path:
    """Where the insurer's broker password is kept locally (created on first provisioning)."""
    return var_dir / "insurers" / f"{insurer_username(namespace, payer_id)}.password"


def _rabbitmqctl(*args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["rabbitmqctl", "-q", *args], capture_output=True, text=True, timeout=60)
    except (FileNotFoundError, PermissionError) as exc:
        raise CannotManageUsers(f"rabbitmqctl cannot run: {exc}") from exc


def _escape(name: str) -> str:
    return "^" + name.replace(".", r"\.") + "$"


def provision(amqp_url: str, namespace: str, insurers: list[Insurer], var_dir: Path,
              vhost: str = "/") -> dict[str, str]:
    """Declare the exchanges, billing's answers queue and each insurer's claims queue, and make each insurer's
    user with only its rights.
    Returns {payer_id: password}."""
    connection = pika.BlockingConnection(connection_parameters(amqp_url, "billing-provision"))
    try:
        channel = connection.channel()
        declare_exchange(channel, insurer_exchange(namespace))  # topic, as the relay declares it
        declare_subscription(channel, answers_subscription(namespace))  # the answers exchange and billing's queue
        for insurer in insurers:
            queue = claims_queue(namespace, insurer.payer_id)
            channel.queue_declare(queue, durable=True, arguments={"x-queue-type": "quorum"})
            channel.queue_bind(queue, insurer_exchange(namespace), routing_key=insurer.payer_id)
    finally:
        connection.close()
    passwords = {}
    for insurer in insurers:
        user = insurer_username(namespace, insurer.payer_id)
        file = password_file(var_dir, namespace, insurer.payer_id)
        if not file.exists():
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(secrets.token_hex(24))  # hex: never starts with "-" (an option to rabbitmqctl)
            file.chmod(0o600)
        password = file.read_text().strip()
        if _rabbitmqctl("add_user", user, password).returncode != 0:
            changed = _rabbitmqctl("change_password", user, password)
            if changed.returncode != 0:
                raise CannotManageUsers(f"cannot create broker user {user}: {changed.stderr.strip()[:300]}")
        # configure: nothing; write: the answers exchange only; read: its own claims queue only.
        result = _rabbitmqctl("set_permissions", "-p", vhost, user, "^$",
                              _escape(answers_exchange(namespace)), _escape(claims_queue(namespace, insurer.payer_id)))
        if result.returncode != 0:
            raise CannotManageUsers(f"cannot set permissions for {user}: {result.stderr.strip()[:300]}")
        passwords[insurer.payer_id] = password
    return passwords


def deprovision(namespace: str, insurers: list[Insurer]) -> None:
    """Delete the insurers' users (tests clean up after themselves)."""
    for insurer in insurers:
        _rabbitmqctl("delete_user", insurer_username(namespace, insurer.payer_id))

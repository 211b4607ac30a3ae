"""The insurer side of the broker: names, the config of who the insurers are, their RabbitMQ users.

Each insurer gets its own RabbitMQ user that may read only its own claims queue and write only to
the answers exchange. Billing learns who sent an answer from the message's `user_id`, which
RabbitMQ checks against the connection's user, never from the body.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pika

from rapport_shared.amqp import connection_parameters
from rapport_shared.config import repo_root, var_dir
from rapport_shared.topology import Subscription, declare_exchange

DEFAULT_CONFIG = repo_root() / "deploy" / "insurer" / "insurers.json"


def insurer_exchange(namespace: str) -> str:
    """Claims for insurers, routing key = payer id."""
    return f"{namespace}.billing.insurers"


def answers_exchange(namespace: str) -> str:
    """Insurers' acknowledgements and adjudications for billing."""
    return f"{namespace}.insurer-answers"


def claims_queue(namespace: str, payer_id: str) -> str:
    return f"{namespace}.insurer.{payer_id}.claims"


def insurer_username(namespace: str, payer_id: str) -> str:
    return f"{namespace}.insurer.{payer_id}"


def answers_subscription(namespace: str) -> Subscription:
    return Subscription(namespace=namespace, consumer="billing", name="insurer-answers",
                        exchange=answers_exchange(namespace), routing_keys=("rapport.insurer.#",))


@dataclass(frozen=True)
class Insurer:
    payer_id: str
    name: str


def load_insurers(path: Path | None = None) -> list[Insurer]:
    """The insurers billing sends claims to (`BILLING_INSURERS_FILE`, else deploy/insurer/insurers.json)."""
    path = Path(path or os.environ.get("BILLING_INSURERS_FILE") or DEFAULT_CONFIG)
    return [Insurer(item["payer_id"], item["name"]) for item in json.loads(path.read_text())["insurers"]]


def load_insurers_with_rules(path: Path | None = None) -> list[tuple[Insurer, dict]]:
    """Each insurer with the plan rules the reference insurer adjudicates by (demo seed)."""
    path = Path(path or os.environ.get("BILLING_INSURERS_FILE") or DEFAULT_CONFIG)
    return [(Insurer(i["payer_id"], i["name"]), i.get("rules", {})) for i in json.loads(path.read_text())["insurers"]]


def password_file(namespace: str, payer_id: str) -> Path:
    """Where the insurer's broker password is kept locally (created on first provisioning)."""
    return var_dir() / "insurers" / f"{insurer_username(namespace, payer_id)}.password"


class CannotManageUsers(RuntimeError):
    """rabbitmqctl is missing or may not talk to the broker (it needs root or the rabbitmq user)."""


def _rabbitmqctl(*args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["rabbitmqctl", "-q", *args], capture_output=True, text=True, timeout=60)
    except (FileNotFoundError, PermissionError) as exc:
        raise CannotManageUsers(f"rabbitmqctl cannot run: {exc}") from exc


def _escape(name: str) -> str:
    return "^" + name.replace(".", r"\.") + "$"


def provision(amqp_url: str, namespace: str, insurers: list[Insurer], vhost: str = "/") -> dict[str, str]:
    """Declare the exchanges and each insurer's queue, and make its user with only its rights.

    Uses `rabbitmqctl` (local broker, run as root or the rabbitmq user): no management plugin to
    enable, and the same three calls an operator would type. Returns {payer_id: password}.
    """
    connection = pika.BlockingConnection(connection_parameters(amqp_url, "billing-provision"))
    try:
        channel = connection.channel()
        declare_exchange(channel, insurer_exchange(namespace))  # topic, as the relay declares it
        declare_exchange(channel, answers_exchange(namespace))
        for insurer in insurers:
            queue = claims_queue(namespace, insurer.payer_id)
            channel.queue_declare(queue, durable=True, arguments={"x-queue-type": "quorum"})
            channel.queue_bind(queue, insurer_exchange(namespace), routing_key=insurer.payer_id)
    finally:
        connection.close()
    passwords = {}
    for insurer in insurers:
        user = insurer_username(namespace, insurer.payer_id)
        file = password_file(namespace, insurer.payer_id)
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

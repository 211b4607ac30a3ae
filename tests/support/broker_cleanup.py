"""Removing the exchanges and queues test runs leave on the shared local broker.

Every test namespace starts with `test-<pid>-`, the pid of the process that made it (pytest or a
benchmark). Quorum queues hold files open, so left-overs would slowly exhaust the broker's file
descriptors; a run removes its own at the end, and those of runs that died, at the start.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pika

from rapport_shared.amqp import connection_parameters

OWNER = re.compile(r"^test-(\d+)-")


def namespace_prefix(pid: int | None = None) -> str:
    return f"test-{pid or os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _names(kind: str) -> list[str]:
    if shutil.which("rabbitmqctl") is None:
        return []
    result = subprocess.run(["rabbitmqctl", "-q", f"list_{kind}", "--no-table-headers", "name"],
                            capture_output=True, text=True, timeout=120)
    return [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("test-")]


def sweep(amqp_url: str, *, own: bool) -> int:
    """Delete test queues and exchanges of dead runs (and this run's too when `own`)."""
    def doomed(name: str) -> bool:
        match = OWNER.match(name)
        if not match:
            return False
        pid = int(match.group(1))
        return (own and pid == os.getpid()) or not _alive(pid)

    queues = [q for q in _names("queues") if doomed(q)]
    exchanges = [e for e in _names("exchanges") if doomed(e)]
    if not queues and not exchanges:
        return 0
    connection = pika.BlockingConnection(connection_parameters(amqp_url, "test-sweeper"))
    try:
        channel = connection.channel()
        for queue in queues:
            channel.queue_delete(queue)
        for exchange in exchanges:
            channel.exchange_delete(exchange)
    finally:
        connection.close()
    return len(queues) + len(exchanges)

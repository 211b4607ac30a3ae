"""Benchmark harness: starts the system, drives HTTP load through the gateway, prints figures.

Figures are printed, never asserted: machines are noisy. Each figure sits beside a ceiling
measured in the same run on the same machine, so the ratio is what to read.
"""
from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "deploy" / "local"), str(ROOT / "tests")]

from stack import SERVICES, Stack, free_port, prepare  # noqa: E402
from support.http import DEMO_STAFF, Gateway  # noqa: E402

PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@dataclass
class Figure:
    name: str
    rps: float
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    requests: int = 0
    errors: int = 0
    unit: str = "req/s"
    ceiling: "Figure | None" = None
    note: str = ""


@dataclass
class Request:
    method: str
    path: str
    body: dict | None = None
    headers: dict[str, str] = field(default_factory=dict)
    expect: tuple[int, ...] = (200,)


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q / 100 * (len(sorted_values) - 1))))
    return sorted_values[index]


class Context:
    def __init__(self, stack: Stack, backend: str, duration: float, concurrency: int):
        self.stack = stack
        self.backend = backend
        self.duration = duration
        self.concurrency = concurrency
        self.gateway = Gateway(stack.url)
        self.staff_token = self.gateway.login(*DEMO_STAFF)
        self.ceiling: Figure | None = None

    def load(self, name: str, make_request: Callable[[int], Request], *, concurrency: int | None = None,
             duration: float | None = None, ceiling: Figure | None = None) -> Figure:
        """Closed-loop load: `concurrency` clients each send `make_request(i)` back to back."""
        concurrency = concurrency or self.concurrency
        duration = duration or self.duration
        target = urlsplit(self.stack.url)
        latencies: list[list[float]] = [[] for _ in range(concurrency)]
        errors = [0] * concurrency
        counter = iter(range(10**9))
        lock = threading.Lock()
        deadline = time.perf_counter() + duration

        def client(slot: int) -> None:
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
            while time.perf_counter() < deadline:
                with lock:
                    i = next(counter)
                req = make_request(i)
                body = json.dumps(req.body).encode() if req.body is not None else None
                headers = {"Content-Type": "application/json", **req.headers} if body else dict(req.headers)
                started = time.perf_counter()
                try:
                    conn.request(req.method, req.path, body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    ok = response.status in req.expect
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                    ok = False
                latencies[slot].append((time.perf_counter() - started) * 1000)
                if not ok:
                    errors[slot] += 1
            conn.close()

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        values = sorted(v for per_client in latencies for v in per_client)
        return Figure(name, rps=len(values) / elapsed, p50_ms=percentile(values, 50), p95_ms=percentile(values, 95),
                      p99_ms=percentile(values, 99), requests=len(values), errors=sum(errors),
                      ceiling=ceiling or self.ceiling)

    def timed(self, name: str, fn: Callable[[], object], repeat: int, *, unit: str = "ops/s",
              ceiling: Figure | None = None, note: str = "") -> Figure:
        """In-process measurement of `fn` repeated `repeat` times."""
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        return Figure(name, rps=1000 / statistics.mean(samples), p50_ms=percentile(samples, 50),
                      p95_ms=percentile(samples, 95), p99_ms=percentile(samples, 99), requests=repeat,
                      unit=unit, ceiling=ceiling, note=note)

    def postgres_database(self, label: str) -> str:
        """A throwaway PostgreSQL database for in-process measurements (dropped at exit)."""
        return create_postgres_database(label)


_created_databases: list[str] = []


def create_postgres_database(label: str) -> str:
    from sqlalchemy import create_engine, text

    name = f"rapport_bench_{label}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    _created_databases.append(name)
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_databases() -> None:
    from sqlalchemy import create_engine, text

    if not _created_databases:
        return
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in _created_databases:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def start_system(backend: str, var_dir: Path) -> tuple[Stack, subprocess.Popen]:
    """The whole system plus the hello-world ceiling app, both behind the gateway."""
    ceiling_port = free_port()
    overrides = {"CEILING_UPSTREAM": f"127.0.0.1:{ceiling_port}",
                 "GATEWAY_PUBLIC_POST_RATE": "100000r/s", "GATEWAY_PUBLIC_POST_BURST": "100000"}
    if backend == "postgresql":
        for service in SERVICES:
            overrides[f"{service.upper()}_DATABASE_URL"] = create_postgres_database(service)
    stack = Stack.isolated(var_dir, overrides)
    prepare(stack.env)
    ceiling = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "deploy/local/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{ceiling_port}", "--chdir", str(ROOT / "bench"), "hello:app"],
        cwd=ROOT, env=stack.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    stack.start()
    return stack, ceiling


def format_table(figures: list[Figure]) -> str:
    header = f"{'measurement':<52} {'rate':>12} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}   ceiling (same run)"
    lines = [header, "-" * len(header)]
    for f in figures:
        rate = f"{f.rps:,.0f} {f.unit}"
        def ms(v):
            return f"{v:8.1f}" if v is not None else f"{'':8}"
        ceiling = ""
        if f.ceiling is not None and f.ceiling is not f:
            ratio = f.rps / f.ceiling.rps * 100 if f.ceiling.rps else 0
            ceiling = f"{f.ceiling.name}: {f.ceiling.rps:,.0f} {f.ceiling.unit} -> {ratio:.0f}% of it"
        lines.append(f"{f.name:<52} {rate:>12} {ms(f.p50_ms)} {ms(f.p95_ms)} {ms(f.p99_ms)} {f.errors:>7}   {ceiling}")
        if f.note:
            lines.append(f"{'':<52}   {f.note}")
    return "\n".join(lines)

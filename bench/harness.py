"""Benchmark harness: starts the system, drives HTTP load through the gateway, prints figures.

Figures are printed, never asserted: machines are noisy. Each figure sits beside a ceiling
measured in the same run on the same machine, so the ratio is what to read.
"""
from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "deploy" / "local"), str(ROOT / "tests")]

from stack import SERVICES, Stack, free_port, prepare  # noqa: E402
from support.http import DEMO_STAFF, Gateway  # noqa: E402
from wrk_load import run_wrk  # noqa: E402

PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
ROTATION = 1000  # requests in a list that rotates (GETs): longer than any set of query shapes


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
    client_cpu: float | None = None  # the load generator's share of all cores during the run
    key: str | None = None  # the row of issue 12's table this figure answers, if any


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
    def __init__(self, stack: Stack, backend: str, duration: float, concurrency: int, scale: str = "full",
                 wrk_threads: int = 1):
        self.stack = stack
        self.backend = backend
        self.duration = duration
        self.concurrency = concurrency
        self.scale = scale
        self.wrk_threads = wrk_threads
        self.gateway = Gateway(stack.url)
        self.staff_token = self.gateway.login(*DEMO_STAFF)
        self.ceiling: Figure | None = None

    def load(self, name: str, make_request: Callable[[int], Request], *, distinct: bool = False,
             concurrency: int | None = None, duration: float | None = None, ceiling: Figure | None = None,
             key: str | None = None, cached: bool = False) -> Figure:
        """Closed-loop load from wrk: `concurrency` connections send `make_request(0), (1), ...` in turn.

        `distinct`: every request must differ (each POST books its own slot), so the list is made
        longer than the run can send (see `most_requests`); otherwise a short list rotates.
        GETs ask for the origin (`Cache-Control: no-cache` passes the gateway's shared cache of
        public reads: issue 12's goals are for the origin) unless `cached`."""
        concurrency = concurrency or self.concurrency
        duration = duration or self.duration
        count = self.most_requests(duration) if distinct else ROTATION
        requests = [make_request(i) for i in range(count)]
        if not cached:
            for req in requests:
                if req.method == "GET":
                    req.headers.setdefault("Cache-Control", "no-cache")
        expect = tuple(sorted({status for req in requests for status in req.expect}))
        result = run_wrk(self.stack.url, requests, connections=concurrency, threads=self.wrk_threads,
                         duration=duration)
        statuses = ", ".join(f"{status}: {n:,}" for status, n in sorted(result.statuses.items()))
        note = f"{concurrency} connection{'s' if concurrency > 1 else ''}; statuses {statuses or 'none'}"
        if result.cache_hits:
            note += f"; {result.cache_hits:,} from the gateway's cache"
        if result.socket_errors:
            note += f"; {result.socket_errors} socket errors"
        if distinct and result.requests > count:
            note += f"; only {count:,} distinct requests for {result.requests:,} sent"
        return progress(Figure(name, rps=result.requests / result.seconds, p50_ms=result.p50_ms,
                               p95_ms=result.p95_ms, p99_ms=result.p99_ms, requests=result.requests,
                               errors=result.socket_errors + result.unexpected(expect),
                               ceiling=ceiling or self.ceiling, client_cpu=result.cpu_share, note=note, key=key))

    def most_requests(self, duration: float | None = None) -> int:
        """More requests than one measurement can send: no path runs faster than the ceiling."""
        rate = self.ceiling.rps if self.ceiling else 5000
        return int(rate * (duration or self.duration) * 1.2) + 1000

    def timed(self, name: str, fn: Callable[[], object], repeat: int, *, unit: str = "ops/s",
              ceiling: Figure | None = None, note: str = "", key: str | None = None) -> Figure:
        """In-process measurement of `fn` repeated `repeat` times."""
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        return progress(Figure(name, rps=1000 / statistics.mean(samples), p50_ms=percentile(samples, 50),
                               p95_ms=percentile(samples, 95), p99_ms=percentile(samples, 99), requests=repeat,
                               unit=unit, ceiling=ceiling, note=note, key=key))

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
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "python:rapport_shared.gunicorn_config",
         "--bind", f"127.0.0.1:{ceiling_port}", "--chdir", str(ROOT / "bench"), "hello:app"],
        cwd=ROOT, env=stack.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        stack.start()
    except BaseException:
        os.killpg(ceiling.pid, signal.SIGTERM)
        ceiling.wait(10)
        raise
    return stack, ceiling


def progress(figure: Figure) -> Figure:
    """One line on stderr per figure as it is measured: a long run shows where it is."""
    p95 = f", p95 {figure.p95_ms:,.1f} ms" if figure.p95_ms is not None else ""
    print(f"    {figure.name}: {figure.rps:,.0f} {figure.unit}{p95}, {figure.errors} errors", file=sys.stderr, flush=True)
    return figure


def compare(later: list[Figure], earlier: list[Figure], label: str) -> None:
    """Note on each figure of a larger scale the same figure at the smaller one: flat is the goal."""
    for now, before in zip(later, earlier, strict=True):
        p95 = f", p95 {before.p95_ms:,.1f} ms" if before.p95_ms is not None else ""
        change = f" (rate x{now.rps / before.rps:.2f})" if before.rps else ""
        now.note = f"{label}: {before.rps:,.0f} {before.unit}{p95}{change}; {now.note}"


def format_table(figures: list[Figure]) -> str:
    header = (f"{'measurement':<64} {'rate':>15} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} "
              f"{'wrk CPU':>8}   ceiling (same run)")
    lines = [header, "-" * len(header)]
    for f in figures:
        rate = f"{f.rps:,.0f} {f.unit}"
        def ms(v):
            return f"{v:8.1f}" if v is not None else f"{'':8}"
        cpu = f"{f.client_cpu:8.1%}" if f.client_cpu is not None else f"{'':8}"
        ceiling = ""
        if f.ceiling is not None and f.ceiling is not f:
            ceiling = f"{f.ceiling.name}: {f.ceiling.rps:,.0f} {f.ceiling.unit} -> {share(f):.1%} of it"
        lines.append(f"{f.name:<64} {rate:>15} {ms(f.p50_ms)} {ms(f.p95_ms)} {ms(f.p99_ms)} {f.errors:>7} {cpu}   "
                     f"{ceiling}")
        if f.note:
            lines.append(f"{'':<64}   {f.note}")
    return "\n".join(lines)


def share(figure: Figure) -> float:
    """The figure's rate as a share of its ceiling's (0 without one)."""
    if figure.ceiling is None or not figure.ceiling.rps:
        return 0.0
    return figure.rps / figure.ceiling.rps

"""Run the benchmarks: `make bench` (or `python bench/run.py --help`).

Starts the whole system on PostgreSQL (or SQLite) with a hello-world ceiling app behind the
same gateway, then runs every module in bench/scenarios/ and prints one table.
"""
from __future__ import annotations

import argparse
import importlib
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Context, Request, drop_databases, format_table, start_system  # noqa: E402
from support.broker_cleanup import sweep  # noqa: E402

SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds of load per HTTP measurement")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent closed-loop clients")
    parser.add_argument("--only", nargs="*", help="scenario modules to run (default: all)")
    args = parser.parse_args()

    names = sorted(p.stem for p in SCENARIOS.glob("*.py") if not p.stem.startswith("_"))
    names = [n for n in names if not args.only or n in args.only]
    stack, ceiling_process = start_system(args.backend, Path(tempfile.mkdtemp(prefix="rapport-bench-")))
    figures = []
    try:
        ctx = Context(stack, args.backend, args.duration, args.concurrency)
        ctx.ceiling = ctx.load("ceiling: hello world via gateway", lambda i: Request("GET", "/_ceiling"))
        figures.append(ctx.ceiling)
        for name in ["platform"] + [n for n in names if n != "platform"]:
            if name not in names:
                continue
            module = importlib.import_module(f"scenarios.{name}")
            started = time.perf_counter()
            figures.extend(module.run(ctx))
            print(f"  ran {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    finally:
        stack.stop()
        os.killpg(ceiling_process.pid, signal.SIGTERM)
        ceiling_process.wait(10)
        drop_databases()
        subprocess.run(["rapport-billing", "deprovision-insurers"], env=stack.env, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        sweep(stack.env["AMQP_URL"], own=True)
    print()
    print(f"Rapport benchmarks: backend {args.backend}; {os.cpu_count()} cores ({platform.processor() or platform.machine()}); "
          f"{args.duration:g} s per HTTP figure; {args.concurrency} closed-loop Python clients on the same machine")
    print(format_table(figures))


if __name__ == "__main__":
    main()

"""Run the benchmarks: `make bench` (or `python bench/run.py --help`).

Starts the whole system on PostgreSQL (or SQLite) with a hello-world ceiling app behind the
same gateway, then runs every module in bench/scenarios/ and prints one table of figures (HTTP
load from wrk), then issue 12's table of goals with this run's figures.
"""
from __future__ import annotations

import argparse
import importlib
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Context, Figure, Request, drop_databases, format_table, start_system  # noqa: E402
from issue12 import summary  # noqa: E402
from support.broker_cleanup import sweep  # noqa: E402
from wrk_load import wrk_path  # noqa: E402

SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--scale", choices=["small", "full"], default="full",
                        help="small: 10k therapists, booking as created; full: then 100k therapists and "
                             "1M consultations / 100k clients in booking")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds of load per HTTP measurement")
    parser.add_argument("--concurrency", type=int, default=8, help="wrk connections (closed loop)")
    parser.add_argument("--wrk-threads", type=int, default=1, help="wrk threads (one keeps up on 2 cores)")
    parser.add_argument("--only", nargs="*", help="scenario modules to run (default: all)")
    parser.add_argument("--keep-var", action="store_true", help="keep the run's var dir (logs) instead of removing it")
    args = parser.parse_args()
    wrk_path()  # fail before starting anything if the load generator is missing

    names = sorted(p.stem for p in SCENARIOS.glob("*.py") if not p.stem.startswith("_"))
    names = [n for n in names if not args.only or n in args.only]
    var_dir = Path(tempfile.mkdtemp(prefix="rapport-bench-"))
    figures: list[Figure] = []
    failed: list[str] = []
    run_started = time.perf_counter()
    stack = ceiling_process = None
    try:
        stack, ceiling_process = start_system(args.backend, var_dir)
        ctx = Context(stack, args.backend, args.duration, args.concurrency, args.scale, args.wrk_threads)
        ctx.ceiling = ctx.load("ceiling: hello world via gateway", lambda i: Request("GET", "/_ceiling"))
        figures.append(ctx.ceiling)
        for name in ["platform"] + [n for n in names if n != "platform"]:
            if name not in names:
                continue
            started = time.perf_counter()
            try:
                figures.extend(importlib.import_module(f"scenarios.{name}").run(ctx))
            except Exception:  # noqa: BLE001 - one broken scenario must not cost the others' figures
                traceback.print_exc()
                failed.append(name)
            print(f"  ran {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    finally:
        if stack is not None:
            stack.stop()
            subprocess.run(["rapport-billing", "deprovision-insurers"], env=stack.env, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            sweep(stack.env["AMQP_URL"], own=True)
        if ceiling_process is not None:
            os.killpg(ceiling_process.pid, signal.SIGTERM)
            ceiling_process.wait(10)
        drop_databases()
        if args.keep_var:
            print(f"  var dir kept: {var_dir}", file=sys.stderr)
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
    scale = ("10k then 100k therapists; booking before and after 1M consultations / 100k clients"
             if args.scale == "full" else "10k therapists; booking without the bulk load")
    print()
    print(f"Rapport benchmarks: backend {args.backend}; scale {args.scale} ({scale}); {os.cpu_count()} cores "
          f"({platform.processor() or platform.machine()}); {args.duration:g} s per HTTP figure from wrk, "
          f"{args.concurrency} connections, {args.wrk_threads} thread(s), on the same machine; "
          f"whole run {time.perf_counter() - run_started:.0f} s")
    print(format_table(figures))
    print()
    print("issue-12 table" + ("" if args.scale == "full" else
                              " (small scale: search at 10k, booking without the bulk load; goals are for full)"))
    print(summary(figures))
    if failed:
        print(f"\nfailed scenarios (traceback above): {', '.join(failed)}")
        sys.exit(1)


if __name__ == "__main__":
    main()

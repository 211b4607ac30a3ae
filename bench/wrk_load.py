"""HTTP load from wrk, a native closed-loop generator, so the client is not what limits a figure.

The harness writes the requests (method, path, headers, body) to a file; bench/wrk/requests.lua
replays them, each wrk thread its own share, and reports requests, latency percentiles and the
count of each status. The generator's own CPU share (utime + stime from /proc/<pid>/stat over the
run's wall time x cores) is measured too, so a reader can see it was not the bottleneck.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "wrk" / "requests.lua"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    socket_errors: int
    statuses: dict[int, int]
    cache_hits: int
    cpu_share: float  # of all cores, over the run's wall time

    def unexpected(self, expect: tuple[int, ...]) -> int:
        return sum(n for status, n in self.statuses.items() if status not in expect)


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is not installed: `apt-get install wrk` (as root), then run again")
    return path


def write_requests(path: Path, requests: list) -> None:
    """The file requests.lua reads: see its header for the format."""
    with path.open("wb") as out:
        out.write(f"{len(requests)}\n".encode())
        for req in requests:
            body = json.dumps(req.body, separators=(",", ":")).encode() if req.body is not None else b""
            headers = dict(req.headers)
            if body:
                headers.setdefault("Content-Type", "application/json")
            out.write(f"{req.method} {req.path} {len(headers)} {len(body)}\n".encode())
            for name, value in headers.items():
                out.write(f"{name}: {value}\n".encode())
            out.write(body + b"\n")


def run_wrk(url: str, requests: list, *, connections: int, threads: int, duration: float,
            timeout_s: int = 10) -> WrkResult:
    threads = max(1, min(threads, connections))
    with tempfile.TemporaryDirectory(prefix="rapport-bench-wrk-") as tmp:
        request_file, output = Path(tmp) / "requests", Path(tmp) / "out"
        write_requests(request_file, requests)
        with output.open("wb") as out:
            started = time.perf_counter()
            process = subprocess.Popen(
                [wrk_path(), f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration))}s",
                 f"--timeout={timeout_s}s", "-s", str(SCRIPT), url, "--", str(request_file), str(threads)],
                stdout=out, stderr=subprocess.STDOUT)
            cpu_ticks = _cpu_ticks_at_exit(process.pid)
            elapsed = time.perf_counter() - started
            process.wait()
        text = output.read_text(errors="replace")
    line = next((x for x in text.splitlines() if x.startswith("wrk-result ")), None)
    if process.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({process.returncode}): {text[-2000:]}")
    data = json.loads(line.removeprefix("wrk-result "))
    return WrkResult(
        requests=data["requests"], seconds=data["duration_us"] / 1e6, p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000, p99_ms=data["p99_us"] / 1000,
        socket_errors=sum(data[k] for k in ("connect", "read", "write", "timeout")),
        statuses={int(k): v for k, v in data["statuses"].items()}, cache_hits=data["cache_hits"],
        cpu_share=cpu_ticks / CLOCK_TICKS / (elapsed * (os.cpu_count() or 1)))


def _cpu_ticks_at_exit(pid: int) -> int:
    """utime + stime of `pid`, read once it has exited but before it is reaped: its final count."""
    ticks = 0
    while True:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            return ticks
        # After the command name: state is field 3, utime and stime fields 14 and 15 (1-based).
        ticks = int(fields[11]) + int(fields[12])
        if fields[0] == "Z":
            return ticks
        time.sleep(0.05)

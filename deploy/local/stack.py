"""Run the whole system on this machine: gateway, three services, their workers.

`python deploy/local/stack.py run` prepares (keys, migrations, demo seed, gateway config) and runs
every process of the Procfile in the foreground under honcho. Tests and benchmarks use `Stack`
to start the same processes with their own ports, databases and broker namespace.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROCFILE = ROOT / "deploy" / "local" / "Procfile"
SERVICES = ("profiles", "booking", "billing")
DEFAULTS = {
    "GATEWAY_LISTEN": "127.0.0.1:8080",
    "PROFILES_PORT": "8101",
    "BOOKING_PORT": "8102",
    "BILLING_PORT": "8103",
    "CONSOLE_PORT": "8104",
    "MAILSINK_PORT": "8025",
    "AMQP_URL": "amqp://guest:guest@127.0.0.1:5672/%2F",
}


def stack_env(overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The environment every process of the stack gets; the one place its settings are made."""
    env = {**os.environ, **DEFAULTS}
    env.update({k: v for k, v in os.environ.items() if k in DEFAULTS})
    env.update(overrides or {})
    var = Path(env.get("RAPPORT_VAR_DIR") or ROOT / "var")
    env["RAPPORT_VAR_DIR"] = str(var)
    env.setdefault("GATEWAY_PREFIX", str(var / "gateway"))
    for service in SERVICES:
        env[f"{service.upper()}_UPSTREAM"] = f"127.0.0.1:{env[f'{service.upper()}_PORT']}"
    env["CONSOLE_UPSTREAM"] = f"127.0.0.1:{env['CONSOLE_PORT']}"
    env["CONSOLE_GATEWAY_URL"] = gateway_url(env)  # the console calls the API through the gateway, like the CLI
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([bin_dir, env.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])
    env["PYTHONUNBUFFERED"] = "1"
    return env


def gateway_url(env: dict[str, str]) -> str:
    return f"http://{env['GATEWAY_LISTEN']}"


def _run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, env=env, cwd=ROOT, check=True)


def prepare(env: dict[str, str], seed_demo: bool = True) -> None:
    """Keys, migrations, queues, the demo seed (into empty databases only), the gateway's config."""
    Path(env["RAPPORT_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    _run(["rapport-profiles", "keys"], env)
    for service in SERVICES:
        _run([f"rapport-{service}", "migrate"], env)
        _run([f"rapport-{service}", "declare-queues"], env)
    # Each reference insurer's queue and RabbitMQ user (read: its own queue only), before it starts.
    _run(["rapport-billing", "provision-insurers"], env)
    if seed_demo:
        for service in SERVICES:
            _run([f"rapport-{service}", "seed-demo"], env)
    _run([sys.executable, str(ROOT / "deploy" / "gateway" / "render.py"), "--out",
          str(Path(env["GATEWAY_PREFIX"]) / "nginx.conf")], env)


def procfile() -> dict[str, str]:
    entries = {}
    for line in PROCFILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, command = line.partition(":")
            entries[name.strip()] = command.strip()
    return entries


def wait_until_ready(env: dict[str, str], timeout: float = 180.0, console: bool = False) -> None:
    """Until every service answers /readyz through the gateway (database and broker reachable),
    and, with `console`, the console."""
    deadline = time.monotonic() + timeout
    pending = [f"/readyz/{service}" for service in SERVICES] + (["/console/healthz"] if console else [])
    while pending:
        path = pending[0]
        try:
            with urllib.request.urlopen(f"{gateway_url(env)}{path}", timeout=2) as response:
                if response.status == 200:
                    pending.pop(0)
                    continue
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} not ready through the gateway after {timeout}s")
        time.sleep(0.2)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    """The Procfile's processes, started in the background (for tests and benchmarks)."""

    def __init__(self, env: dict[str, str], log_dir: Path, scratch: tuple[Path, ...] = ()):
        self.env = env
        self.log_dir = log_dir
        self.scratch = scratch  # folders outside var_dir that are this stack's alone: removed by stop()
        self.processes: dict[str, subprocess.Popen] = {}

    @classmethod
    def isolated(cls, var_dir: Path, overrides: dict[str, str] | None = None) -> "Stack":
        """A stack on free ports, its own var dir, its own gateway cache, and its own broker namespace."""
        cache = None if "GATEWAY_CACHE_DIR" in (overrides or {}) else tempfile.mkdtemp(prefix="rapport-gateway-cache-")
        env = stack_env({
            "RAPPORT_VAR_DIR": str(var_dir),
            "GATEWAY_LISTEN": f"127.0.0.1:{free_port()}",
            "PROFILES_PORT": str(free_port()),
            "BOOKING_PORT": str(free_port()),
            "BILLING_PORT": str(free_port()),
            "CONSOLE_PORT": str(free_port()),
            "MAILSINK_PORT": str(free_port()),
            # test-<pid>-...: test support removes a dead run's exchanges and queues by this pid.
            "AMQP_NAMESPACE": f"test-{os.getpid()}-{var_dir.name}",
            **({"GATEWAY_CACHE_DIR": cache} if cache else {}),
            **(overrides or {}),
        })
        return cls(env, var_dir / "logs", (Path(cache),) if cache else ())

    @property
    def url(self) -> str:
        return gateway_url(self.env)

    def start(self, names: list[str] | None = None, timeout: float = 180.0) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for name, command in procfile().items():
            if names is not None and name not in names:
                continue
            log = open(self.log_dir / f"{name}.log", "ab")
            self.processes[name] = subprocess.Popen(
                ["bash", "-c", f"exec {command}"], env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_until_ready(self.env, timeout, console="console" in self.processes)
        except TimeoutError:
            self.stop()
            raise

    def stop(self, names: list[str] | None = None) -> None:
        chosen = {n: p for n, p in self.processes.items() if names is None or n in names}
        for process in chosen.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for name, process in chosen.items():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            del self.processes[name]
        if not self.processes:
            for folder in self.scratch:
                shutil.rmtree(folder, ignore_errors=True)

    def log(self, name: str) -> str:
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""


def banner(env: dict[str, str]) -> str:
    url = gateway_url(env)
    return "\n".join([
        "",
        "Rapport is starting (Ctrl-C stops everything).",
        f"  API gateway      {url}/v1/...",
        f"  practice console {url}/console/",
        f"  API docs         {url}/docs",
        f"  health           {url}/healthz   readiness {url}/readyz/<profiles|booking|billing>",
        "  demo logins      admin@rapport.example / demo-admin-pass",
        "                   staff@northside.example / demo-staff-pass",
        f"  get a token      curl -s {url}/v1/auth/token -H 'Content-Type: application/json' \\",
        "                     -d '{\"email\":\"staff@northside.example\",\"password\":\"demo-staff-pass\"}'",
        f"  reminder mails   {env['RAPPORT_VAR_DIR']}/mail/*.eml (local SMTP sink on port {env['MAILSINK_PORT']})",
        f"  data and logs    {env['RAPPORT_VAR_DIR']}",
        "",
    ])


class _TerminalOutput:
    """stdout that survives its terminal going away, so shutting the processes down still finishes."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except OSError:
            pass

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return self.stream.isatty()


def run_foreground(env: dict[str, str]) -> int:
    """Every Procfile process under honcho, in the foreground, until Ctrl-C (or SIGTERM/SIGHUP)."""
    from honcho.manager import Manager
    from honcho.printer import Printer

    output = _TerminalOutput(sys.stdout)
    manager = Manager(Printer(output, colour=output.isatty()))
    for name, command in procfile().items():
        manager.add_process(name, command, env=env, cwd=str(ROOT))
    # The processes run in sessions of their own; a closed terminal must still stop them.
    signal.signal(signal.SIGHUP, lambda *_: os.kill(os.getpid(), signal.SIGTERM))
    manager.loop()
    return manager.returncode or 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["run", "prepare"])
    args = parser.parse_args()
    env = stack_env()
    prepare(env)
    if args.command == "run":
        print(banner(env), flush=True)
        sys.exit(run_foreground(env))


if __name__ == "__main__":
    main()

"""Where a signed-in session's token is kept: one file, readable by its owner only (mode 600)."""
from __future__ import annotations

import json
import os
from pathlib import Path

DEFAULT_GATEWAY = "http://127.0.0.1:8080"


def config_dir() -> Path:
    base = os.environ.get("RAPPORT_ADMIN_CONFIG_DIR") or Path(
        os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "rapport"
    return Path(base)


def _file() -> Path:
    return config_dir() / "credentials.json"


def load() -> dict:
    path = _file()
    if not path.exists():
        return {}
    return json.loads(path.read_text())


def save(gateway: str, token: str, email: str) -> Path:
    """Store the token for `gateway`; the file is created 600 before anything is written to it."""
    data = load()
    data["current"] = gateway
    data.setdefault("sessions", {})[gateway] = {"token": token, "email": email}
    directory = config_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = _file()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle)
    os.chmod(path, 0o600)  # in case the file existed with looser permissions
    return path


def forget(gateway: str) -> bool:
    data = load()
    removed = data.get("sessions", {}).pop(gateway, None) is not None
    if removed:
        save_all(data)
    return removed


def save_all(data: dict) -> None:
    fd = os.open(_file(), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle)


def current_gateway(explicit: str | None) -> str:
    return (explicit or os.environ.get("RAPPORT_GATEWAY") or load().get("current") or DEFAULT_GATEWAY).rstrip("/")


def session_for(gateway: str) -> dict | None:
    return load().get("sessions", {}).get(gateway)

"""The console's settings, read once from the environment when the app is made."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

IDLE_SECONDS = 15 * 60  # HIPAA automatic logoff: 15 idle minutes


@dataclass(frozen=True)
class ConsoleSettings:
    gateway_url: str  # where the console reaches the public API (the gateway), server side
    session_db: Path  # server-side sessions: the access token never leaves the console
    idle_seconds: int = IDLE_SECONDS

    @classmethod
    def from_env(cls) -> "ConsoleSettings":
        var = Path(os.environ.get("RAPPORT_VAR_DIR") or "var")
        return cls(
            gateway_url=(os.environ.get("CONSOLE_GATEWAY_URL") or "http://127.0.0.1:8080").rstrip("/"),
            session_db=Path(os.environ.get("CONSOLE_SESSION_DB") or var / "console" / "sessions.sqlite3"),
            idle_seconds=int(os.environ.get("CONSOLE_IDLE_SECONDS") or IDLE_SECONDS),
        )

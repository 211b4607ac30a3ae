"""Tables for people, JSON for scripts, and problem+json answers explained."""
from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .api import ApiProblem
from .ids import short

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
console = Console()
errors = Console(stderr=True)

HINTS = {
    0: "Start the system with `make run`, or pass --gateway.",
    401: "Sign in again: rapport-admin login",
    403: "Your account's role or practice does not allow this.",
    404: "Not found, or not visible to your practice.",
    409: "It conflicts with the current state; reload and try again.",
    412: "Someone else changed it since you read it; show it again and retry.",
    422: "Some fields are invalid:",
    429: "Too many requests; wait a moment.",
}


def emit(data, *, as_json: bool, columns: Sequence[str] = (), title: str | None = None) -> None:
    """Print `data` (a dict or a list of dicts) as JSON, or as a table of `columns`."""
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
        return
    rows: Iterable[dict] = data if isinstance(data, list) else [data]
    # No rules and one space between columns: tables fit an 80-column terminal.
    table = Table(title=title, box=None, padding=(0, 1, 0, 0), pad_edge=False, header_style="bold underline")
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=_is_id(column))  # wrap, never cut; ids stay on one line
    for row in rows:
        # Ids shortened to a prefix every command accepts, so a table fits an 80-column terminal.
        table.add_row(*[_cell(short(row.get(column)) if _is_id(column) else row.get(column)) for column in columns])
    console.print(table)


def _is_id(column: str) -> bool:
    return column == "id" or column.endswith(("_id", "_ref"))


def more(page: dict) -> None:
    """After a table of one page: how to ask for the next."""
    if page.get("next_cursor"):
        console.print(f"more: --cursor {page['next_cursor']}", highlight=False, soft_wrap=True)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and TIMESTAMP.match(value):
        return value[:16].replace("T", " ")  # to the minute: seconds and offset only widen the table
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)


def explain(problem: ApiProblem, *, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps({"status": problem.status, "title": problem.title, "detail": problem.detail,
                                     "type": problem.type, "errors": problem.errors}) + "\n")
        return
    status = f"{problem.status} " if problem.status else ""
    errors.print(f"[bold red]{status}{problem.title}[/]: {problem.detail}".rstrip(": "))
    hint = HINTS.get(problem.status)
    if hint:
        errors.print(hint)
    for error in problem.errors:
        errors.print(f"  - {error.get('field', '?')}: {error.get('message', '')}")


def progress() -> Progress:
    """A progress bar on stderr, so `--json` output on stdout stays clean."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=errors, transient=True)


def money(cents: int | None) -> str:
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents) // 100:,}.{abs(cents) % 100:02d}"


def write_private(path: Path, content: bytes) -> None:
    """Documents hold PHI: create them readable by their owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)

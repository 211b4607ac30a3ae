"""Conditional writes: how many rows an UPDATE or DELETE changed is how a lost race shows."""
from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Executable
from sqlalchemy.orm import Session


def rows_changed(session: Session, statement: Executable) -> int:
    return cast("CursorResult[Any]", session.execute(statement)).rowcount

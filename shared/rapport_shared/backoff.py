"""The one backoff: exponential with a cap (tenacity's), for retries measured in attempts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tenacity import wait_exponential


@dataclass(frozen=True)
class _Attempt:
    attempt_number: int  # what tenacity's wait strategies read from a retry state


def backoff_seconds(attempt: int, *, base: float, cap: float) -> float:
    """Seconds to wait after the `attempt`-th failure (1-based): base, 2*base, 4*base ... cap."""
    state: Any = _Attempt(max(1, attempt))  # duck-typed: the strategy reads only attempt_number
    return float(wait_exponential(multiplier=base, min=base, max=cap)(state))

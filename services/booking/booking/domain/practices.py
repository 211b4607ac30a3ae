"""What booking knows of a practice: that profiles announced it (a read model fed by events)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class KnownPractice:
    id: str
    announced_at: dt.datetime  # when profiles' first event about it happened

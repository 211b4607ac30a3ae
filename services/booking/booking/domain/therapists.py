"""What booking knows of a therapist: a read model fed by profiles' events."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class BookableTherapist:
    id: str
    practice_id: str
    display_name: str
    time_zone: str
    listed: bool  # published in the directory: only listed therapists take new bookings
    version: int
    updated_at: dt.datetime

    def is_newer(self, version: int) -> bool:
        """Events can arrive out of order; an older version never overwrites a newer one."""
        return version > self.version

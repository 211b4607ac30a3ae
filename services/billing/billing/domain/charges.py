"""A charge: what one completed appointment costs, billed to insurance or to the client."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class Charge:
    id: str
    practice_id: str
    client_id: str
    therapist_id: str
    appointment_id: str  # one charge per appointment
    service_date: dt.date
    cpt: str
    modifiers: list[str]
    pos: str
    units: int
    duration_min: int
    charge_cents: int
    coverage_id: str | None
    claim_id: str | None
    status: str  # insurance | self_pay
    created_at: dt.datetime
    version: int = 1

    def claim_line(self, dx_pointers: list[int]) -> dict:
        """The charge as the first line of its claim (claims keep their lines as JSON)."""
        return {"line_number": 1, "charge_id": self.id, "cpt": self.cpt, "modifiers": list(self.modifiers),
                "units": self.units, "charge_cents": self.charge_cents,
                "service_date": self.service_date.isoformat(), "pos": self.pos, "dx_pointers": dx_pointers}

"""Booking's availability summaries, kept as a read model for matching."""
from __future__ import annotations

from .unit_of_work import UnitOfWork


def record_availability(uow: UnitOfWork, data: dict) -> bool:
    """Keep a summary unless a newer one is held (events may arrive out of order)."""
    with uow:
        kept = uow.availability.record({
            "therapist_id": data["therapist_id"],
            "practice_id": data.get("practice_id"),
            "timezone": data.get("timezone"),
            "booking_mode": data.get("booking_mode"),
            "formats": list(data.get("formats") or []),
            "next_slots": [s.isoformat() for s in data.get("next_slots") or []],
            "computed_at": data.get("computed_at"),
            "version": data["version"],
        })
        uow.commit()
        return kept

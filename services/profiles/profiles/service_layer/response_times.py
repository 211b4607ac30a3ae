"""Booking's screening requests and answers, kept to tell each therapist's typical time to answer."""
from __future__ import annotations

from ..domain.response_times import WINDOW, ScreeningAnswer, merged, typical_hours
from .unit_of_work import UnitOfWork

EXPIRED = "expired"


def record_screening_answer(uow: UnitOfWork, data: dict) -> ScreeningAnswer:
    """Fold one consultation event into its request's times (idempotent, in any order)."""
    heard = ScreeningAnswer(data["consultation_id"], data["therapist_id"], data.get("requested_at"),
                            data.get("answered_at"), data.get("answered_at") is not None and data["status"] == EXPIRED)
    with uow:
        held = uow.screening_answers.get(heard.consultation_id)
        if held is None:
            uow.screening_answers.add(heard)
            kept = heard
        else:
            kept = merged(held, heard)
            if kept != held:
                uow.screening_answers.update(kept)
        uow.commit()
        return kept


def typical_response_hours(uow: UnitOfWork, therapist_ids: list[str]) -> dict[str, float | None]:
    """Each therapist's median hours to answer over their recent answers (None with too few)."""
    recent = uow.screening_answers.recent_hours(therapist_ids, WINDOW)
    return {therapist_id: typical_hours(recent.get(therapist_id, [])) for therapist_id in therapist_ids}

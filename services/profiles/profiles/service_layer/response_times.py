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
        answers = uow.screening_answers
        answers.hold(heard.therapist_id)
        held = answers.get(heard.consultation_id)
        if held is None:
            answers.add(heard)
            kept = heard
        else:
            kept = merged(held, heard)
            if kept != held:
                answers.update(kept)
        if kept != held:
            answers.set_typical(heard.therapist_id, typical_hours(answers.latest_hours(heard.therapist_id, WINDOW)))
        uow.commit()
        return kept


def typical_response_hours(uow: UnitOfWork, therapist_ids: list[str]) -> dict[str, float | None]:
    """Each therapist's median hours to answer over their latest answers (None with too few), as kept."""
    known = uow.screening_answers.typical(therapist_ids)
    return {therapist_id: known.get(therapist_id) for therapist_id in therapist_ids}

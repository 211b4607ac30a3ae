from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..domain.therapists import BookableTherapist
from . import orm


class TherapistRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, therapist_id: str) -> BookableTherapist | None:
        row = self.session.execute(select(orm.therapists).where(orm.therapists.c.id == therapist_id)).first()
        return BookableTherapist(**row._mapping) if row else None

    def upsert(self, therapist: BookableTherapist, existed: bool) -> None:
        values = asdict(therapist)
        if existed:
            self.session.execute(update(orm.therapists).where(orm.therapists.c.id == therapist.id).values(**values))
        else:
            self.session.execute(insert(orm.therapists).values(**values))

"""Scheduled work, claimed through the database so two workers running it stay correct."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rapport_shared.db import Database, utcnow

from . import summaries
from .idempotency import forget_answers_before
from .slot_holds import expire_unanswered
from .unit_of_work import UnitOfWork

IDEMPOTENCY_TTL = dt.timedelta(days=1)
Clock = Callable[[], dt.datetime]


def release_holds(database: Database, exchange: str, now: Clock = utcnow) -> int:
    """Expire requests the therapist left unanswered; a row another worker took is skipped."""
    with database.writer() as session:
        return expire_unanswered(UnitOfWork(session, exchange), now())


def refresh_summaries(database: Database, exchange: str, now: Clock = utcnow) -> int:
    """Re-publish every listed therapist's next slots: time passing changes them."""
    with database.reader() as session:
        ids = UnitOfWork(session, exchange).therapists.listed_ids()
    emitted = 0
    for therapist_id in ids:  # one transaction each: one therapist's failure does not undo the others
        with database.writer() as session:
            emitted += summaries.refresh_one(UnitOfWork(session, exchange), therapist_id, now())
    return emitted


def purge_idempotency_keys(database: Database, exchange: str, now: Clock = utcnow) -> int:
    """Forget stored Idempotency-Key answers older than a day."""
    with database.writer() as session:
        return forget_answers_before(UnitOfWork(session, exchange), now() - IDEMPOTENCY_TTL)

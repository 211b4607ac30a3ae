"""Scheduled work, claimed through the database so two workers running it stay correct."""
from __future__ import annotations

import datetime as dt

from rapport_shared.db import Database, utcnow

from . import summaries
from .consultations import release_expired_holds
from .unit_of_work import UnitOfWork

IDEMPOTENCY_TTL = dt.timedelta(days=1)


def release_holds(database: Database, exchange: str, now=utcnow) -> int:
    """Expire requests the therapist left unanswered; a row another worker took is skipped."""
    with database.writer() as session:
        uow = UnitOfWork(session, exchange)
        released = release_expired_holds(uow, now())
        uow.commit()
    return released


def refresh_summaries(database: Database, exchange: str, now=utcnow) -> int:
    """Re-publish every listed therapist's next slots: time passing changes them."""
    with database.reader() as session:
        ids = UnitOfWork(session, exchange).therapists.listed_ids()
    emitted = 0
    for therapist_id in ids:
        with database.writer() as session:
            uow = UnitOfWork(session, exchange)
            if summaries.refresh(uow, therapist_id, now()):
                emitted += 1
            uow.commit()
    return emitted


def purge_idempotency_keys(database: Database, exchange: str, now=utcnow) -> int:
    with database.writer() as session:
        uow = UnitOfWork(session, exchange)
        purged = uow.idempotency.purge_older_than(now() - IDEMPOTENCY_TTL)
        uow.commit()
    return purged

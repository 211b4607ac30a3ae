"""Requests staff may safely send twice: the first answer given under a practice's Idempotency-Key is the answer."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rapport_shared.db import utcnow
from rapport_shared.idempotency import IdempotentRequest, Reply, twins_answer

from .ports import BillingUnitOfWork

KEPT = dt.timedelta(days=1)  # a retry comes within minutes, not days


def answer_once(uow: BillingUnitOfWork, practice_id: str, request: IdempotentRequest | None,
                run: Callable[[], Reply]) -> Reply:
    """The reply of `run` (which writes without committing), committed together with the reply stored under
    the practice's key; or, when the key was answered before (or meanwhile, by a concurrent twin), that answer."""
    with uow:
        if request is None:
            reply = run()
            uow.commit()
            return reply
        if (earlier := _earlier(uow, practice_id, request)) is not None:
            return earlier
        status, body = run()
        if not uow.idempotency.add(practice_id, request.key, request.digest, status, body, utcnow()):
            uow.rollback()  # a concurrent twin stored its answer first: ours is undone, and theirs is ours
            return twins_answer(_earlier(uow, practice_id, request))
        uow.commit()
        return status, body


def _earlier(uow: BillingUnitOfWork, practice_id: str, request: IdempotentRequest) -> Reply | None:
    stored = uow.idempotency.get(practice_id, request.key)
    if stored is None:
        return None
    request.check_same(stored["request_hash"])
    return stored["status_code"], stored["response"]


def forget_old_answers(uow: BillingUnitOfWork, now: dt.datetime) -> int:
    """Drop answers stored more than KEPT before `now`."""
    with uow:
        purged = uow.idempotency.purge_older_than(now - KEPT)
        uow.commit()
    return purged

"""Requests a client may safely send twice: the first answer given under an Idempotency-Key is the answer."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rapport_shared.idempotency import IdempotentRequest, Reply, twins_answer

from ..adapters.sealing import Sealer
from ..domain.slots import SlotTaken
from .ports import UnitOfWork


def answer_once(uow: UnitOfWork, request: IdempotentRequest | None, sealer: Sealer, now: dt.datetime,
                run: Callable[[], Reply]) -> Reply:
    """The reply of `run` (which writes without committing), committed together with the reply stored
    under the key; or, when the key was answered before (or meanwhile, by a concurrent twin), that answer."""
    with uow:
        if request is not None and (earlier := _earlier(uow, request, sealer)) is not None:
            return earlier
        try:
            status, body = run()
        except SlotTaken:
            uow.rollback()
            if request is not None and (earlier := _earlier(uow, request, sealer)) is not None:
                return earlier  # a concurrent twin took the slot first: its answer is ours
            raise
        if request is not None and not uow.idempotency.add(request.key, request.digest, status, sealer.seal(body),
                                                           now):
            uow.rollback()  # a concurrent twin stored its answer first: ours is undone, and theirs is ours
            return twins_answer(_earlier(uow, request, sealer))
        uow.commit()
        return status, body


def _earlier(uow: UnitOfWork, request: IdempotentRequest, sealer: Sealer) -> Reply | None:
    stored = uow.idempotency.get(request.key)
    if stored is None:
        return None
    request.check_same(stored.request_hash)
    return stored.status_code, sealer.open(stored.response_sealed)


def forget_answers_before(uow: UnitOfWork, cutoff: dt.datetime) -> int:
    """Drop answers stored before `cutoff`: a retry comes within minutes, not days."""
    with uow:
        purged = uow.idempotency.purge_older_than(cutoff)
        uow.commit()
    return purged

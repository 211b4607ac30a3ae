"""Billing's copies of other services' records (practices, therapists, clients), kept at their newest version."""
from __future__ import annotations

from typing import Protocol, TypeVar

from .ports import BillingUnitOfWork, Repository


class Versioned(Protocol):
    id: str
    version: int


V = TypeVar("V", bound=Versioned)


def keep_newest(uow: BillingUnitOfWork, store: Repository[V], copy: V) -> None:
    """Store `copy` unless a version as new is stored already (an older or repeated event changes nothing).
    It is saved over the version read, so of two versions applied at once the older can never overwrite
    the newer: its consumer retries, and then skips it."""
    with uow:
        current = store.get(copy.id)
        if current is not None and copy.version <= current.version:
            return
        if current is None:
            store.add(copy)
        else:
            store.save(copy, current.version)
        uow.commit()

"""What every service's in-memory fakes share: a repository of objects by id with the SQL one's
optimistic version check."""
from __future__ import annotations

import copy

from rapport_shared.errors import ChangedMeanwhile


class FakeRepository:
    """Objects by id, copied in and out like rows; `save` checks the version as the SQL one does."""

    def __init__(self):
        self.rows: dict[str, object] = {}

    def get(self, id_):
        return copy.deepcopy(self.rows.get(id_))

    def add(self, obj):
        self.rows[obj.id] = copy.deepcopy(obj)

    def save(self, obj, expected_version):
        held = self.rows.get(obj.id)
        if held is None or held.version != expected_version:
            raise ChangedMeanwhile("someone else changed this record; reload it and try again")
        self.rows[obj.id] = copy.deepcopy(obj)


class FakeTransaction:
    """`with uow:` as the real unit of work: only the outermost exit rolls back (whatever is not
    committed); events wait in `pending` until commit. Subclasses set `pending` and define commit/rollback."""

    pending: list
    _depth = 0

    def __enter__(self):
        self._depth += 1
        return self

    def __exit__(self, exc_type, *_):
        self._depth -= 1
        if exc_type is not None or self._depth == 0:
            self.rollback()

    def emit(self, event):
        self.pending.append(event)

    def rollback(self):
        raise NotImplementedError

"""In-memory stand-ins for profiles' repositories and unit of work (cosmicpython-style fakes)."""
from __future__ import annotations

import copy

from rapport_shared.errors import PreconditionFailed


class FakeRepository:
    def __init__(self):
        self.rows: dict[str, object] = {}

    def get(self, id_):
        return copy.deepcopy(self.rows.get(id_))

    def add(self, obj):
        self.rows[obj.id] = copy.deepcopy(obj)

    def save(self, obj, expected_version):
        if self.rows[obj.id].version != expected_version:
            raise PreconditionFailed("stale")
        self.rows[obj.id] = copy.deepcopy(obj)

    def by_email(self, email):
        return next((a for a in self.rows.values() if a.email == email), None)

    def list_published(self, after, limit):
        rows = sorted((t for t in self.rows.values() if t.status == "published"), key=lambda t: (t.last_name, t.id))
        return [t for t in rows if after is None or (t.last_name, t.id) > after][:limit]


class FakeUnitOfWork:
    def __init__(self):
        self.practices = FakeRepository()
        self.therapists = FakeRepository()
        self.accounts = FakeRepository()
        self.pending = []
        self.published = []
        self.committed = 0

    def emit(self, event):
        self.pending.append(event)

    def commit(self):
        self.published += self.pending
        self.pending = []
        self.committed += 1

    def rollback(self):
        self.pending = []

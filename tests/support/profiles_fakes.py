"""In-memory stand-ins for profiles' repositories and unit of work (cosmicpython-style fakes)."""
from __future__ import annotations

import copy

from rapport_shared.errors import PreconditionFailed
from rapport_shared.principal import Principal


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


class FakeLicenseRepository(FakeRepository):
    def for_therapist(self, therapist_id):
        found = [copy.deepcopy(lic) for lic in self.rows.values() if lic.therapist_id == therapist_id]
        return sorted(found, key=lambda lic: lic.created_at)

    def update(self, license_):
        self.rows[license_.id] = copy.deepcopy(license_)


class FakeDirectory:
    """Remembers what the service layer asked to be listed (the SQL search is tested for real)."""

    def __init__(self):
        self.listed: dict[str, list[str]] = {}

    def sync(self, therapist, licensed_states):
        if therapist.status == "published":
            self.listed[therapist.id] = list(licensed_states)
        else:
            self.listed.pop(therapist.id, None)


class FakeUnitOfWork:
    def __init__(self):
        self.practices = FakeRepository()
        self.therapists = FakeRepository()
        self.accounts = FakeRepository()
        self.licenses = FakeLicenseRepository()
        self.directory = FakeDirectory()
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


ADMIN = Principal("admin-1", "admin")


def staff_of(practice) -> Principal:
    return Principal("staff-1", "staff", practice_id=practice.id)

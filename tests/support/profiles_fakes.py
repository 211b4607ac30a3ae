"""In-memory stand-ins for profiles' repositories and unit of work (cosmicpython-style fakes).

Each implements a Protocol of `profiles.service_layer.ports`; tests/contract/test_ports.py holds them to it.
"""
from __future__ import annotations

import copy
import datetime as dt

from profiles.domain.licenses import ACTIVE
from profiles.domain.response_times import ScreeningAnswer
from profiles.domain.therapists import BY_NAME
from rapport_shared.principal import Principal
from support.fakes import FakeRepository, FakeTransaction


class FakePracticeRepository(FakeRepository):
    pass


class FakeTherapistRepository(FakeRepository):
    def add_many(self, therapists):
        for therapist in therapists:
            self.add(therapist)

    def of_practice(self, practice_id, status, name, after, limit):
        found = [copy.deepcopy(t) for t in self.rows.values() if t.practice_id == practice_id
                 and (not status or t.status == status)
                 and (not name or any(n.lower().startswith(name.lower()) for n in (t.first_name, t.last_name)))]
        return BY_NAME.sorted(found, after, limit)


class FakeAccountRepository(FakeRepository):
    def by_email(self, email):
        return copy.deepcopy(next((a for a in self.rows.values() if a.email == email), None))


class FakeLicenseRepository(FakeRepository):
    def add_many(self, licenses):
        for license_ in licenses:
            self.add(license_)

    def for_therapist(self, therapist_id):
        found = [copy.deepcopy(lic) for lic in self.rows.values() if lic.therapist_id == therapist_id]
        return sorted(found, key=lambda lic: lic.created_at)

    def update(self, license_):
        self.rows[license_.id] = copy.deepcopy(license_)

    def record_verification(self, license_):
        if self.rows[license_.id].verified:
            return False
        self.update(license_)
        return True

    def therapists_with_lapsed_licenses(self, today: dt.date):
        return sorted({lic.therapist_id for lic in self.rows.values()
                       if lic.verified and lic.status == ACTIVE and lic.expires_on < today})


class FakeDirectoryIndex:
    """Remembers what the service layer asked to be listed (the SQL search is tested for real)."""

    def __init__(self):
        self.listed: dict[str, list[str]] = {}

    def sync(self, therapist, licensed_states):
        if therapist.status == "published":
            self.listed[therapist.id] = list(licensed_states)
        else:
            self.listed.pop(therapist.id, None)


class FakeAvailabilityRepository:
    def __init__(self):
        self.summaries: dict[str, dict] = {}

    def get_many(self, therapist_ids):
        return {i: dict(self.summaries[i]) for i in therapist_ids if i in self.summaries}

    def record(self, summary):
        held = self.summaries.get(summary["therapist_id"])
        if held is not None and held["version"] >= summary["version"]:
            return False
        self.summaries[summary["therapist_id"]] = dict(summary)
        return True


class FakeScreeningAnswerRepository:
    def __init__(self):
        self.answers: dict[str, ScreeningAnswer] = {}
        self.typicals: dict[str, float | None] = {}

    def get(self, consultation_id):
        return self.answers.get(consultation_id)

    def add(self, answer):
        assert answer.consultation_id not in self.answers, "the SQL insert would fail on the primary key"
        self.answers[answer.consultation_id] = answer

    def update(self, answer):
        self.answers[answer.consultation_id] = answer

    def hold(self, therapist_id):
        self.typicals.setdefault(therapist_id, None)

    def latest_hours(self, therapist_id, limit):
        answered = sorted((a for a in self.answers.values() if a.therapist_id == therapist_id and a.hours is not None),
                          key=lambda a: (a.answered_at, a.consultation_id), reverse=True)
        return [a.hours for a in answered[:limit]]

    def set_typical(self, therapist_id, hours):
        assert therapist_id in self.typicals, "held first, as the SQL update needs the row"
        self.typicals[therapist_id] = hours

    def typical(self, therapist_ids):
        return {i: self.typicals[i] for i in therapist_ids if i in self.typicals}


class FakeUnitOfWork(FakeTransaction):
    def __init__(self):
        self.practices = FakePracticeRepository()
        self.therapists = FakeTherapistRepository()
        self.accounts = FakeAccountRepository()
        self.licenses = FakeLicenseRepository()
        self.directory = FakeDirectoryIndex()
        self.availability = FakeAvailabilityRepository()
        self.screening_answers = FakeScreeningAnswerRepository()
        self.pending = []
        self.published = []
        self.committed = 0

    def commit(self):
        self.published += self.pending
        self.pending = []
        self.committed += 1

    def rollback(self):
        self.pending = []


ADMIN = Principal("admin-1", "admin")


def staff_of(practice) -> Principal:
    return Principal("staff-1", "staff", practice_id=practice.id)

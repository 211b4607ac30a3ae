"""In-memory stand-ins for booking's ports (booking/service_layer/ports.py) and its unit of work.

The fake unit of work is transactional like the real one: leaving `with uow:` without a commit
restores every store to its last committed state, and drops the events emitted since."""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace

import support.fakes
from support.fakes import FakeTransaction

from booking.adapters.records import StoredReply, StoredSummary
from booking.domain.availability import Availability, ConsultationSettings, WeeklyWindow
from booking.domain.consultations import Consultation
from booking.domain.ordering import BY_START, OLDEST_FIRST
from booking.domain.reminders import SCHEDULED, SENDING, Reminder
from booking.domain.slots import Busy, SlotTaken
from rapport_shared.errors import ChangedMeanwhile
from rapport_shared.pagination import Order, Page
from rapport_shared.principal import Principal


class FakeRepository(support.fakes.FakeRepository):
    def _page(self, order: Order, after, limit: int, start_from=None, start_to=None, **equal) -> Page:
        """What keyset_query selects: equal to each given value, starting in [start_from, start_to)."""
        found = [copy.deepcopy(o) for o in self.rows.values()
                 if all(value is None or getattr(o, name) == value for name, value in equal.items())
                 and (start_from is None or o.start_at >= start_from) and (start_to is None or o.start_at < start_to)]
        return order.page(order.sorted(found, after, limit), limit)


class FakeTherapists(FakeRepository):
    def upsert(self, obj, existed):
        assert existed == (obj.id in self.rows)
        self.add(obj)

    def listed_ids(self):
        return [t.id for t in self.rows.values() if t.listed]

    def any_in_practice(self, practice_id):
        return any(t.practice_id == practice_id for t in self.rows.values())


class FakePractices(FakeRepository):
    pass


class FakeAvailability:
    def __init__(self):
        self.rows = {}

    def get(self, therapist_id, *, for_update=False):
        return copy.deepcopy(self.rows.get(therapist_id))

    def put(self, availability, now, existed):
        current = self.rows.get(availability.therapist_id)
        if existed and (current is None or current.version != availability.version - 1):
            raise ChangedMeanwhile("the availability changed meanwhile; reload and retry")
        self.rows[availability.therapist_id] = copy.deepcopy(availability)


class FakeClients(FakeRepository):
    def page(self, practice_id, after, limit):
        return self._page(OLDEST_FIRST, after, limit, practice_id=practice_id)


class FakeConsultations(FakeRepository):
    def __init__(self):
        super().__init__()
        self.token_hashes: dict[str, str] = {}  # consultation id -> manage token hash
        self.concerns: dict[str, str | None] = {}

    def add_new(self, consultation: Consultation, manage_token_hash, concerns_sealed):
        self.add(consultation)
        self.token_hashes[consultation.id] = manage_token_hash
        self.concerns[consultation.id] = concerns_sealed

    def by_token_hash(self, token_hash):
        return next((self.get(id_) for id_, hashed in self.token_hashes.items() if hashed == token_hash), None)

    def concerns_sealed(self, consultation_id):
        return self.concerns.get(consultation_id)

    def page(self, *, practice_id, therapist_id, status, start_from, start_to, after, limit):
        return self._page(BY_START, after, limit, start_from, start_to, practice_id=practice_id,
                          therapist_id=therapist_id, status=status)

    def upcoming_for_therapist(self, therapist_id, since, statuses):
        return sorted((copy.deepcopy(c) for c in self.rows.values()
                       if c.therapist_id == therapist_id and c.start_at >= since and c.status in statuses),
                      key=lambda c: c.start_at)

    def expired_holds(self, now, therapist_id=None, limit=100):
        return [c.id for c in self.rows.values() if c.status == "requested" and c.hold_expires_at <= now
                and therapist_id in (None, c.therapist_id)][:limit]


class FakeAppointments(FakeRepository):
    def page(self, *, practice_id, therapist_id, client_id, status, start_from, start_to, after, limit):
        return self._page(BY_START, after, limit, start_from, start_to, practice_id=practice_id,
                          therapist_id=therapist_id, client_id=client_id, status=status)

    def upcoming_for_therapist(self, therapist_id, since):
        return sorted((copy.deepcopy(a) for a in self.rows.values()
                       if a.therapist_id == therapist_id and a.start_at >= since and a.status == "scheduled"),
                      key=lambda a: a.start_at)


class FakeReservations:
    """Taken time by (holder, holder id); overlapping claims are refused as the database refuses them."""

    def __init__(self):
        self.rows: dict[tuple[str, str], tuple[str, dt.datetime, dt.datetime]] = {}

    def _check_free(self, therapist_id, start, end, ignore=None):
        for key, (other, taken_start, taken_end) in self.rows.items():
            if key != ignore and other == therapist_id and taken_start < end and start < taken_end:
                raise SlotTaken("that time is no longer free")

    def claim(self, therapist_id, start, end, holder, holder_id):
        self._check_free(therapist_id, start, end)
        self.rows[(holder, holder_id)] = (therapist_id, start, end)

    def move(self, holder, holder_id, start, end):
        if (holder, holder_id) not in self.rows:
            raise SlotTaken("this booking holds no time to move")
        therapist_id = self.rows[(holder, holder_id)][0]
        self._check_free(therapist_id, start, end, ignore=(holder, holder_id))
        self.rows[(holder, holder_id)] = (therapist_id, start, end)

    def release(self, holder, holder_id):
        self.rows.pop((holder, holder_id), None)

    def busy(self, therapist_id, start, end, exclude=None):
        return sorted((Busy(s, e, holder == "consultation") for (holder, holder_id), (t, s, e) in self.rows.items()
                       if t == therapist_id and s < end and e > start and holder_id != exclude),
                      key=lambda b: b.start)


class FakeIdempotency:
    def __init__(self):
        self.rows: dict[str, tuple[StoredReply, dt.datetime]] = {}

    def get(self, key):
        return self.rows[key][0] if key in self.rows else None

    def add(self, key, request_hash, status_code, response_sealed, now):
        if key in self.rows:
            return False
        self.rows[key] = (StoredReply(request_hash, status_code, response_sealed), now)
        return True

    def purge_older_than(self, cutoff):
        old = [key for key, (_, created) in self.rows.items() if created < cutoff]
        for key in old:
            del self.rows[key]
        return len(old)


class FakeAudit:
    def __init__(self):
        self.rows: list[dict] = []

    def record(self, *, actor, actor_role, action, resource, practice_id, request_id, now):
        self.rows.append({"occurred_at": now, "actor": actor, "actor_role": actor_role, "action": action,
                          "resource": resource, "practice_id": practice_id, "request_id": request_id})

    def for_resource_prefix(self, prefix, limit=200):
        return [dict(r) for r in self.rows if r["resource"].startswith(prefix)][:limit]


class FakeFeeds:
    def __init__(self):
        self.rows: dict[str, str] = {}  # therapist id -> token hash

    def rotate(self, therapist_id, token_hash, now):
        self.rows[therapist_id] = token_hash

    def therapist_for(self, token_hash):
        return next((t for t, hashed in self.rows.items() if hashed == token_hash), None)


class FakeSummaries:
    def __init__(self):
        self.rows: dict[str, tuple[StoredSummary, list[str]]] = {}

    def get(self, therapist_id):
        return self.rows[therapist_id][0] if therapist_id in self.rows else None

    def put(self, therapist_id, next_slots, digest, now, version):
        current = self.get(therapist_id)
        if (current.version if current else 0) != version - 1:
            return False
        self.rows[therapist_id] = (StoredSummary(digest, now, version), list(next_slots))
        return True


class FakeReminders:
    def __init__(self):
        self.rows: dict[str, Reminder] = {}

    def add(self, reminder):
        self.rows[reminder.id] = replace(reminder, next_attempt_at=reminder.next_attempt_at or reminder.due_at)

    def for_consultation(self, consultation_id):
        return sorted((copy.deepcopy(r) for r in self.rows.values() if r.consultation_id == consultation_id),
                      key=lambda r: (r.due_at, r.attendee_id, r.channel))

    def cancel_pending(self, consultation_id):
        for r in self.rows.values():
            if r.consultation_id == consultation_id and r.status in (SCHEDULED, SENDING):
                r.status = "cancelled"

    def claim_due(self, now, limit):
        due = sorted((r for r in self.rows.values() if r.status == SCHEDULED and r.next_attempt_at <= now),
                     key=lambda r: r.next_attempt_at)[:limit]
        for r in due:
            r.status = SENDING
        return [copy.deepcopy(r) for r in due]

    def finish(self, reminder):
        self.rows[reminder.id] = copy.deepcopy(reminder)


class FakeUnitOfWork(FakeTransaction):
    """Booking's unit of work in memory: `published` holds what commits emitted, in order."""

    def __init__(self):
        self.therapists = FakeTherapists()
        self.practices = FakePractices()
        self.availability = FakeAvailability()
        self.clients = FakeClients()
        self.consultations = FakeConsultations()
        self.appointments = FakeAppointments()
        self.reservations = FakeReservations()
        self.idempotency = FakeIdempotency()
        self.audit = FakeAudit()
        self.feeds = FakeFeeds()
        self.summaries = FakeSummaries()
        self.reminders = FakeReminders()
        self.pending: list = []
        self.published: list = []
        self.commits = 0
        self._committed = self._snapshot()

    def _stores(self) -> dict:
        return {name: store for name, store in vars(self).items() if hasattr(store, "rows")}

    def _snapshot(self) -> dict:
        return copy.deepcopy({name: vars(store) for name, store in self._stores().items()})

    def commit(self):
        self.published += self.pending
        self.pending = []
        self.commits += 1
        self._committed = self._snapshot()

    def rollback(self):
        self.pending = []
        for name, state in copy.deepcopy(self._committed).items():
            vars(getattr(self, name)).update(state)

    def types(self) -> list[str]:
        """The types of the events committed so far."""
        return [event.type for event in self.published]


# -- a world to test in ----------------------------------------------------------------------------
UTC = dt.timezone.utc
NOW = dt.datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # a Monday
SLOT = dt.datetime(2026, 11, 4, 9, 0, tzinfo=UTC)  # the first slot two days on; 20 minutes apart
STAFF = Principal("staff-1", "staff", practice_id="p1")
THERAPIST = Principal("t-1", "therapist", practice_id="p1", therapist_id="t1")
OUTSIDER = Principal("staff-2", "staff", practice_id="p2")


def open_every_day(version: int = 1, **settings) -> Availability:
    """Therapist t1's hours: 09:00 to 17:00 UTC every day, 15-minute calls 5 minutes apart."""
    return Availability("t1", "UTC", [WeeklyWindow(d, dt.time(9), dt.time(17)) for d in range(7)],
                        settings=ConsultationSettings(**{"min_notice_min": 0, "horizon_days": 60, **settings}),
                        version=version)


def booking_fields(start: dt.datetime = SLOT, **extra) -> dict:
    return {"therapist_id": "t1", "start": start, "format": "video",
            "client": {"name": "Jordan Ash", "email": "jordan@example.com", "timezone": "America/Chicago"},
            "concerns": "arguing since the move", "consent": {"email": True}, **extra}


def present(booked) -> dict:
    """What the API would answer, reduced to what the tests look at."""
    c = booked.consultation
    return {"id": c.id, "status": c.status, "start": c.start_at.isoformat(), "manage_token": booked.manage_token}

"""Load and save booking's domain objects."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, fields

from sqlalchemy import Select, Table, and_, insert, select, update
from sqlalchemy.orm import Session

from rapport_shared.db import rows_changed
from rapport_shared.errors import ChangedMeanwhile
from rapport_shared.keyset import keyset_query
from rapport_shared.pagination import Page
from rapport_shared.repository import TableRepository

from ..domain.appointments import Appointment
from ..domain.availability import Availability, ConsultationSettings, DateException, WeeklyWindow
from ..domain.clients import Client
from ..domain.consultations import Attendee, Consultation
from ..domain.ordering import BY_START, OLDEST_FIRST
from ..domain.practices import KnownPractice
from ..domain.therapists import BookableTherapist
from . import orm

ATTENDEE_FIELDS = frozenset(f.name for f in fields(Attendee))


def _filtered(query: Select, table: Table, start_from: dt.datetime | None, start_to: dt.datetime | None,
              **equal: str | None) -> Select:
    """`query` narrowed to the given column values (None: any) and starts in [start_from, start_to)."""
    for name, value in equal.items():
        if value is not None:
            query = query.where(table.c[name] == value)
    if start_from is not None:
        query = query.where(table.c.start_at >= start_from)
    if start_to is not None:
        query = query.where(table.c.start_at < start_to)
    return query


class TherapistRepository(TableRepository[BookableTherapist]):
    """Booking's copy of the directory (a read model fed by profiles' events)."""

    table, model = orm.therapists, BookableTherapist

    def listed_ids(self) -> list[str]:
        return list(self.session.scalars(select(orm.therapists.c.id).where(orm.therapists.c.listed.is_(True))))

    def any_in_practice(self, practice_id: str) -> bool:
        found = select(orm.therapists.c.id).where(orm.therapists.c.practice_id == practice_id).limit(1)
        return self.session.scalar(found) is not None


class PracticeRepository(TableRepository[KnownPractice]):
    """The practices profiles announced (a read model fed by profiles' events)."""

    table, model = orm.practices, KnownPractice


class ClientRepository(TableRepository[Client]):
    table, model = orm.clients, Client

    def page(self, practice_id: str | None, after: tuple | None, limit: int) -> Page[Client]:
        c = self.table.c
        query = _filtered(select(self.table), self.table, None, None, practice_id=practice_id)
        query = keyset_query(query, OLDEST_FIRST, {"created_at": c.created_at, "id": c.id}, after, limit)
        return OLDEST_FIRST.page([self._from_row(r) for r in self.session.execute(query)], limit)


class AppointmentRepository(TableRepository[Appointment]):
    table, model = orm.appointments, Appointment

    def page(self, *, practice_id: str | None, therapist_id: str | None, client_id: str | None,
             status: str | None, start_from: dt.datetime | None, start_to: dt.datetime | None,
             after: tuple | None, limit: int) -> Page[Appointment]:
        a = self.table.c
        query = _filtered(select(self.table), self.table, start_from, start_to, practice_id=practice_id,
                          therapist_id=therapist_id, client_id=client_id, status=status)
        query = keyset_query(query, BY_START, {"start_at": a.start_at, "id": a.id}, after, limit)
        return BY_START.page([self._from_row(r) for r in self.session.execute(query)], limit)

    def upcoming_for_therapist(self, therapist_id: str, since: dt.datetime) -> list[Appointment]:
        a = self.table.c
        rows = self.session.execute(select(self.table).where(
            a.therapist_id == therapist_id, a.start_at >= since, a.status == "scheduled")
            .order_by(a.start_at).limit(500))
        return [self._from_row(r) for r in rows]


class AvailabilityRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, therapist_id: str, *, for_update: bool = False) -> Availability | None:
        """The therapist's availability; `for_update` also locks it (PostgreSQL) so bookings of one
        therapist check the soft rules (buffers, daily cap) one at a time. SQLite writers are serial anyway."""
        query = select(orm.availability).where(orm.availability.c.therapist_id == therapist_id)
        if for_update:
            query = query.with_for_update()
        row = self.session.execute(query).first()
        if row is None:
            return None
        settings = dict(row.settings)
        settings["formats"] = tuple(settings.get("formats", ()))
        return Availability(
            therapist_id=row.therapist_id,
            timezone=row.timezone,
            weekly=[WeeklyWindow(w["weekday"], dt.time.fromisoformat(w["start"]), dt.time.fromisoformat(w["end"]))
                    for w in row.weekly],
            exceptions=[DateException(dt.date.fromisoformat(e["date"]), e["kind"],
                                      dt.time.fromisoformat(e["start"]) if e.get("start") else None,
                                      dt.time.fromisoformat(e["end"]) if e.get("end") else None)
                        for e in row.exceptions],
            settings=ConsultationSettings(**{k: v for k, v in settings.items()
                                             if k in ConsultationSettings.__dataclass_fields__}),
            version=row.version,
        )

    def put(self, availability: Availability, now: dt.datetime, existed: bool) -> None:
        values = {
            "timezone": availability.timezone,
            "weekly": [{"weekday": w.weekday, "start": w.start.isoformat("minutes"), "end": w.end.isoformat("minutes")}
                       for w in availability.weekly],
            "exceptions": [{"date": e.date.isoformat(), "kind": e.kind,
                            "start": e.start.isoformat("minutes") if e.start else None,
                            "end": e.end.isoformat("minutes") if e.end else None} for e in availability.exceptions],
            "settings": {**asdict(availability.settings), "formats": list(availability.settings.formats)},
            "version": availability.version,
            "updated_at": now,
        }
        if existed:
            changed = rows_changed(self.session, update(orm.availability).where(and_(
                orm.availability.c.therapist_id == availability.therapist_id,
                orm.availability.c.version == availability.version - 1)).values(**values))
            if changed != 1:
                raise ChangedMeanwhile("the availability changed meanwhile; reload and retry")
        else:
            self.session.execute(insert(orm.availability).values(therapist_id=availability.therapist_id, **values))


class ConsultationRepository(TableRepository[Consultation]):
    table, model = orm.consultations, Consultation

    def _load(self, query: Select) -> list[Consultation]:
        """The consultations `query` selects, with their attendees (one query for all of them)."""
        consultations = [self._from_row(r) for r in self.session.execute(query)]
        by_id = {c.id: c for c in consultations}
        if by_id:
            a = orm.attendees.c
            rows = self.session.execute(select(orm.attendees).where(a.consultation_id.in_(list(by_id)))
                                        .order_by(a.consultation_id, a.position))
            for row in rows:
                by_id[row.consultation_id].attendees.append(
                    Attendee(**{k: v for k, v in row._mapping.items() if k in ATTENDEE_FIELDS}))
        return consultations

    def get(self, id_: str) -> Consultation | None:
        return next(iter(self._load(select(self.table).where(self.table.c.id == id_))), None)

    def by_token_hash(self, token_hash: str) -> Consultation | None:
        return next(iter(self._load(select(self.table).where(self.table.c.manage_token_hash == token_hash))), None)

    def add_new(self, consultation: Consultation, manage_token_hash: str, concerns_sealed: str | None) -> None:
        self.session.execute(insert(self.table).values(
            **self._values(consultation), manage_token_hash=manage_token_hash, concerns_sealed=concerns_sealed))
        for position, attendee in enumerate(consultation.attendees):
            self.session.execute(insert(orm.attendees).values(
                consultation_id=consultation.id, position=position, **asdict(attendee)))

    def concerns_sealed(self, consultation_id: str) -> str | None:
        return self.session.scalar(select(self.table.c.concerns_sealed).where(self.table.c.id == consultation_id))

    def page(self, *, practice_id: str | None, therapist_id: str | None, status: str | None,
             start_from: dt.datetime | None, start_to: dt.datetime | None,
             after: tuple | None, limit: int) -> Page[Consultation]:
        c = self.table.c
        query = _filtered(select(self.table), self.table, start_from, start_to, practice_id=practice_id,
                          therapist_id=therapist_id, status=status)
        query = keyset_query(query, BY_START, {"start_at": c.start_at, "id": c.id}, after, limit)
        return BY_START.page(self._load(query), limit)

    def upcoming_for_therapist(self, therapist_id: str, since: dt.datetime, statuses) -> list[Consultation]:
        c = self.table.c
        return self._load(select(self.table).where(
            c.therapist_id == therapist_id, c.start_at >= since, c.status.in_(statuses))
            .order_by(c.start_at).limit(500))

    def expired_holds(self, now: dt.datetime, therapist_id: str | None = None, limit: int = 100) -> list[str]:
        c = self.table.c
        query = select(c.id).where(c.status == "requested", c.hold_expires_at <= now).limit(limit)
        if therapist_id is not None:
            query = query.where(c.therapist_id == therapist_id)
        return list(self.session.scalars(query))

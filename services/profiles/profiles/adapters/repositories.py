"""Load and save domain objects; optimistic versions guard concurrent edits."""
from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy import Table, delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rapport_shared.db import any_of, insert_many, rows_changed
from rapport_shared.errors import Conflict
from rapport_shared.keyset import keyset_query
from rapport_shared.repository import TableRepository

from ..domain.accounts import Account
from ..domain.licenses import ACTIVE, License
from ..domain.practices import Practice
from ..domain.response_times import ScreeningAnswer
from ..domain.search import profile_document
from ..domain.therapists import BY_NAME, PUBLISHED, Therapist
from . import orm


def _shallow_values(table: Table, obj) -> dict:
    """A new object's columns for a bulk insert: the driver only reads them, so no deep copy as asdict makes
    (a third of an import's time went to copying its rows' lists)."""
    columns = table.c
    return {f.name: getattr(obj, f.name) for f in fields(obj) if f.name in columns}


class PracticeRepository(TableRepository[Practice]):
    table, model = orm.practices, Practice


class TherapistRepository(TableRepository[Therapist]):
    table, model = orm.therapists, Therapist

    def _values(self, obj: Therapist) -> dict:
        values = asdict(obj)
        document = profile_document(obj)
        values["search_document"] = func.to_tsvector("simple", document) if self.is_postgres else document
        return values

    def add_many(self, therapists: list[Therapist]) -> None:
        """New therapists stored as `add` stores each, in one statement (an import's rows, not a round trip each)."""
        rows = []
        for therapist in therapists:
            values = _shallow_values(self.table, therapist)
            values["search_document"] = profile_document(therapist)
            rows.append(values)
        insert_many(self.session, self.table, rows,
                    {"search_document": lambda document: func.to_tsvector("simple", document)})

    def of_practice(self, practice_id: str, status: str | None, name: str | None, after: tuple | None,
                    limit: int) -> list[Therapist]:
        """A practice's therapists whatever their status, by name; `name` matches a first or last name's start."""
        t = self.table.c
        query = select(self.table).where(t.practice_id == practice_id)
        if status:
            query = query.where(t.status == status)
        if name:
            start = name.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(or_(func.lower(t.first_name).like(start, escape="\\"),
                                    func.lower(t.last_name).like(start, escape="\\")))
        query = keyset_query(query, BY_NAME, {"last_name": t.last_name, "first_name": t.first_name, "id": t.id},
                             after, limit)
        return [self._from_row(row) for row in self.session.execute(query)]

    def get_many(self, ids: list[str]) -> dict[str, Therapist]:
        if not ids:
            return {}
        rows = self.session.execute(select(self.table).where(self.table.c.id.in_(ids))).all()
        return {row.id: self._from_row(row) for row in rows}


class LicenseRepository(TableRepository[License]):
    table, model = orm.licenses, License

    def add_many(self, licenses: list[License]) -> None:
        """New licenses in one statement (an import's rows)."""
        insert_many(self.session, self.table, [_shallow_values(self.table, license_) for license_ in licenses])

    def for_therapist(self, therapist_id: str) -> list[License]:
        rows = self.session.execute(
            select(self.table).where(self.table.c.therapist_id == therapist_id).order_by(self.table.c.created_at)
        ).all()
        return [self._from_row(r) for r in rows]

    def update(self, license_: License) -> None:
        self.session.execute(update(self.table).where(self.table.c.id == license_.id).values(**asdict(license_)))

    def record_verification(self, license_: License) -> bool:
        """Store who verified the license and when, unless someone verified it meanwhile (False then)."""
        lic = self.table.c
        return rows_changed(self.session, update(self.table).where(lic.id == license_.id, lic.verified_at.is_(None))
                            .values(verified_at=license_.verified_at, verified_by=license_.verified_by)) == 1

    def therapists_with_lapsed_licenses(self, today) -> list[str]:
        """Published therapists holding a verified, active license whose expiry date has passed."""
        lic, t = self.table, orm.therapists
        rows = self.session.execute(
            select(lic.c.therapist_id).distinct()
            .join(t, t.c.id == lic.c.therapist_id)
            .where(t.c.status == PUBLISHED, lic.c.status == ACTIVE, lic.c.verified_at.is_not(None),
                   lic.c.expires_on < today)
        ).all()
        return [r.therapist_id for r in rows]


class AccountRepository(TableRepository[Account]):
    table, model = orm.accounts, Account

    def by_email(self, email: str) -> Account | None:
        row = self.session.execute(select(self.table).where(self.table.c.email == email)).first()
        return self._from_row(row) if row else None

    def add(self, obj: Account) -> None:
        """The unique email decides between two sign-ups racing with one address (a savepoint keeps the
        transaction usable on PostgreSQL)."""
        try:
            with self.session.begin_nested():
                super().add(obj)
        except IntegrityError as exc:
            raise Conflict("an account with this email exists", slug="email-taken") from exc


class AvailabilityRepository:
    """Booking's availability summaries, as last heard (newer versions only)."""

    def __init__(self, session: Session):
        self.session = session

    def get_many(self, therapist_ids: list[str]) -> dict[str, dict]:
        if not therapist_ids:
            return {}
        table = orm.availability_summaries
        among = any_of(self.session, table.c.therapist_id, therapist_ids)
        result = self.session.execute(select(table).where(among))
        names = tuple(result.keys())  # once: a row's mapping view is built anew for each (a match reads ~110)
        return {row.therapist_id: dict(zip(names, row, strict=True)) for row in result.all()}

    def record(self, summary: dict) -> bool:
        """Keep `summary` unless a newer (or the same) version is already held; True if kept."""
        table, slots, therapist_id = orm.availability_summaries, orm.summary_slots, summary["therapist_id"]
        held = self.session.execute(
            select(table.c.version).where(table.c.therapist_id == therapist_id)
        ).scalar_one_or_none()
        if held is None:
            self.session.execute(insert(table).values(**summary))
        elif held >= summary["version"]:
            return False
        else:
            replaced = self.session.execute(update(table).where(table.c.therapist_id == therapist_id,
                                                                table.c.version == held).values(**summary))
            if not getattr(replaced, "rowcount", 0):
                return False  # a newer one was kept meanwhile
        self.session.execute(delete(slots).where(slots.c.therapist_id == therapist_id))
        starts = sorted(set(summary["next_slots"]))
        if starts:
            insert_many(self.session, slots, [{"therapist_id": therapist_id, "starts_at": s} for s in starts])
        return True


class ScreeningAnswerRepository:
    """Each screening request's times as booking's events told them."""

    table = orm.screening_answers

    def __init__(self, session: Session):
        self.session = session

    def get(self, consultation_id: str) -> ScreeningAnswer | None:
        row = self.session.execute(select(self.table).where(self.table.c.consultation_id == consultation_id)).first()
        return ScreeningAnswer(**row._mapping) if row else None

    def add(self, answer: ScreeningAnswer) -> None:
        self.session.execute(insert(self.table).values(**asdict(answer)))

    def update(self, answer: ScreeningAnswer) -> None:
        self.session.execute(update(self.table).where(self.table.c.consultation_id == answer.consultation_id)
                             .values(**asdict(answer)))

    def hold(self, therapist_id: str) -> None:
        """Lock the therapist's typical time (made if new) until commit: answers for one therapist are
        folded in one at a time, so each median is taken over every answer before it."""
        rt = orm.response_times
        dialect = self.session.get_bind().dialect.name
        insert_new = (postgresql.insert(rt) if dialect == "postgresql" else sqlite.insert(rt)).on_conflict_do_nothing()
        self.session.execute(insert_new.values(therapist_id=therapist_id, typical_hours=None))
        self.session.execute(select(rt.c.therapist_id).where(rt.c.therapist_id == therapist_id).with_for_update())

    def latest_hours(self, therapist_id: str, limit: int) -> list[float]:
        """The hours each of the therapist's latest `limit` answered requests took (newest first)."""
        t = self.table
        rows = self.session.execute(
            select(t).where(t.c.therapist_id == therapist_id, t.c.answered_at.is_not(None),
                            t.c.requested_at.is_not(None))
            .order_by(t.c.answered_at.desc(), t.c.consultation_id.desc()).limit(limit)).all()
        return [ScreeningAnswer(**row._mapping).hours or 0.0 for row in rows]

    def set_typical(self, therapist_id: str, hours: float | None) -> None:
        rt = orm.response_times
        self.session.execute(update(rt).where(rt.c.therapist_id == therapist_id).values(typical_hours=hours))

    def typical(self, therapist_ids: list[str]) -> dict[str, float | None]:
        rt = orm.response_times
        if not therapist_ids:
            return {}
        rows = self.session.execute(select(rt).where(any_of(self.session, rt.c.therapist_id, therapist_ids))).all()
        return {row.therapist_id: row.typical_hours for row in rows}


def clear_directory(session: Session, therapist_id: str) -> None:
    session.execute(delete(orm.directory_terms).where(orm.directory_terms.c.therapist_id == therapist_id))
    session.execute(delete(orm.directory_locations).where(orm.directory_locations.c.therapist_id == therapist_id))

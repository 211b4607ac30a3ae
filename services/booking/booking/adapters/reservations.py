"""Therapists' taken time: one `reservations` row per held stretch, guarded by the database."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain.availability import GRANULARITY_MIN
from ..domain.slots import Busy, SlotTaken
from . import orm

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
TAKEN_TIME = 0x7265  # the advisory-lock namespace of one therapist's reservations


def buckets(start: dt.datetime, end: dt.datetime) -> range:
    """The 5-minute buckets [start, end) covers, as integers (SQLite's claim keys)."""
    first = int((start - EPOCH).total_seconds() // 60) // GRANULARITY_MIN
    last = -(-int((end - EPOCH).total_seconds() // 60) // GRANULARITY_MIN)
    return range(first, last)


class ReservationRepository:
    def __init__(self, session: Session):
        self.session = session
        self.is_sqlite = session.get_bind().dialect.name == "sqlite"

    # Savepoints: a conflict leaves the rest of the transaction usable (PostgreSQL aborts it otherwise).
    def claim(self, therapist_id: str, start: dt.datetime, end: dt.datetime, holder: str, holder_id: str) -> None:
        """Reserve [start, end) for `holder`; SlotTaken if it overlaps another reservation."""
        reservation_id = str(uuid.uuid4())
        self._take_turns(therapist_id)
        try:
            with self.session.begin_nested():
                self.session.execute(insert(orm.reservations).values(
                    id=reservation_id, therapist_id=therapist_id, start_at=start, end_at=end,
                    holder=holder, holder_id=holder_id))
                if self.is_sqlite:
                    self._insert_claims(reservation_id, therapist_id, start, end)
        except IntegrityError as exc:
            raise SlotTaken("that time is no longer free", slug="slot-unavailable") from exc

    def move(self, holder: str, holder_id: str, start: dt.datetime, end: dt.datetime) -> None:
        """Move a reservation in one step: the old time is kept unless the new one is free."""
        row = self.session.execute(select(orm.reservations).where(
            orm.reservations.c.holder == holder, orm.reservations.c.holder_id == holder_id)).first()
        if row is None:
            raise SlotTaken("this booking holds no time to move")
        self._take_turns(row.therapist_id)
        try:
            with self.session.begin_nested():
                if self.is_sqlite:
                    self.session.execute(delete(orm.slot_claims).where(orm.slot_claims.c.reservation_id == row.id))
                self.session.execute(update(orm.reservations).where(orm.reservations.c.id == row.id)
                                     .values(start_at=start, end_at=end))
                if self.is_sqlite:
                    self._insert_claims(row.id, row.therapist_id, start, end)
        except IntegrityError as exc:
            raise SlotTaken("that time is no longer free", slug="slot-unavailable") from exc

    def release(self, holder: str, holder_id: str) -> None:
        ids = list(self.session.scalars(select(orm.reservations.c.id).where(
            orm.reservations.c.holder == holder, orm.reservations.c.holder_id == holder_id)))
        if ids:
            self.session.execute(delete(orm.slot_claims).where(orm.slot_claims.c.reservation_id.in_(ids)))
            self.session.execute(delete(orm.reservations).where(orm.reservations.c.id.in_(ids)))

    def busy(self, therapist_id: str, start: dt.datetime, end: dt.datetime, exclude: str | None = None) -> list[Busy]:
        """Taken time overlapping [start, end), except the holder `exclude` (a booking being moved)."""
        r = orm.reservations.c
        query = select(r.start_at, r.end_at, r.holder).where(
            r.therapist_id == therapist_id, r.start_at < end, r.end_at > start).order_by(r.start_at)
        if exclude is not None:
            query = query.where(r.holder_id != exclude)
        rows = self.session.execute(query)
        return [Busy(row.start_at, row.end_at, row.holder == "consultation") for row in rows]

    def _take_turns(self, therapist_id: str) -> None:
        """Writers of one therapist's time queue here until their transaction ends. Two overlapping inserts
        in flight at once would each wait on the other's exclusion check, a deadlock PostgreSQL ends with an
        error; one at a time, the later one sees the earlier committed and gets SlotTaken. SQLite writers
        are serial anyway."""
        if not self.is_sqlite:
            self.session.execute(select(func.pg_advisory_xact_lock(TAKEN_TIME, func.hashtext(therapist_id))))

    def _insert_claims(self, reservation_id: str, therapist_id: str, start: dt.datetime, end: dt.datetime) -> None:
        self.session.execute(insert(orm.slot_claims), [
            {"therapist_id": therapist_id, "minute_bucket": b, "reservation_id": reservation_id}
            for b in buckets(start, end)])

"""Reminders, claimed through the database so two workers never send the same one."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, fields

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.orm import Session

from rapport_shared.db import rows_changed

from ..domain.reminders import SCHEDULED, SENDING, Reminder
from . import orm

CLAIM_SECONDS = 120  # a worker that dies mid-send releases its claim after this long


class ReminderStore:
    def __init__(self, session: Session):
        self.session = session

    def _from_row(self, row) -> Reminder:
        names = {f.name for f in fields(Reminder)}
        return Reminder(**{k: v for k, v in row._mapping.items() if k in names})

    def add(self, reminder: Reminder) -> None:
        values = asdict(reminder)
        values["next_attempt_at"] = values["next_attempt_at"] or reminder.due_at
        self.session.execute(insert(orm.reminders).values(**values))

    def for_consultation(self, consultation_id: str) -> list[Reminder]:
        r = orm.reminders.c
        rows = self.session.execute(select(orm.reminders).where(r.consultation_id == consultation_id)
                                    .order_by(r.due_at, r.attendee_id, r.channel))
        return [self._from_row(row) for row in rows]

    def cancel_pending(self, consultation_id: str) -> None:
        r = orm.reminders.c
        self.session.execute(update(orm.reminders).where(
            r.consultation_id == consultation_id, r.status.in_((SCHEDULED, SENDING))).values(status="cancelled"))

    def claim_due(self, now: dt.datetime, limit: int) -> list[Reminder]:
        """Mark up to `limit` due reminders as being sent by this worker, and return them."""
        r = orm.reminders.c
        due = or_(and_(r.status == SCHEDULED, r.next_attempt_at <= now),
                  and_(r.status == SENDING, r.claimed_until <= now))
        query = select(r.id).where(due).order_by(r.next_attempt_at).limit(limit)
        if self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        ids = list(self.session.scalars(query))
        claimed = []
        for id_ in ids:
            # Conditional update: a row another worker claimed in between is not ours.
            if rows_changed(self.session, update(orm.reminders).where(r.id == id_, due).values(
                    status=SENDING, claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS))) == 1:
                claimed.append(id_)
        if not claimed:
            return []
        rows = self.session.execute(select(orm.reminders).where(r.id.in_(claimed)))
        return [self._from_row(row) for row in rows]

    def finish(self, reminder: Reminder) -> None:
        values = {k: v for k, v in asdict(reminder).items() if k in ("status", "attempts", "next_attempt_at",
                                                                     "last_error", "sent_at")}
        self.session.execute(update(orm.reminders).where(orm.reminders.c.id == reminder.id)
                             .values(claimed_until=None, **values))

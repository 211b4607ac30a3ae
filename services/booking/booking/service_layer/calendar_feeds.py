"""A therapist's secret iCalendar feed of upcoming calls."""
from __future__ import annotations

import datetime as dt
import secrets

from rapport_shared.db import utcnow
from rapport_shared.errors import NotFound
from rapport_shared.principal import Principal

from ..adapters.calendar import render_feed
from ..adapters.sealing import token_hash
from ..domain.consultations import HOLDS_TIME
from .directory import therapist_for_staff
from .ports import UnitOfWork


def issue(uow: UnitOfWork, principal: Principal, therapist_id: str, now: dt.datetime | None = None) -> str:
    """A new feed token (the old one stops working); shown once, stored hashed."""
    with uow:
        therapist = therapist_for_staff(uow, principal, therapist_id)
        token = secrets.token_urlsafe(32)
        uow.feeds.rotate(therapist.id, token_hash(token), now or utcnow())
        uow.commit()
    return token


def feed(uow: UnitOfWork, token: str, now: dt.datetime | None = None) -> bytes:
    """The feed a token opens: upcoming calls (initials only) and sessions, as iCalendar."""
    now = now or utcnow()
    therapist_id = uow.feeds.therapist_for(token_hash(token))
    therapist = uow.therapists.get(therapist_id) if therapist_id else None
    if therapist is None:
        raise NotFound("no such calendar feed")
    since = now - dt.timedelta(days=1)
    consultations = uow.consultations.upcoming_for_therapist(therapist.id, since, HOLDS_TIME)
    appointments = uow.appointments.upcoming_for_therapist(therapist.id, since)
    return render_feed(therapist.display_name, consultations, appointments, now)

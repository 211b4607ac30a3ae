"""The demo availability `make run` seeds into an empty booking database (made-up people only).

The demo therapists come from profiles' demo seed; their ids are the same uuid5 names, so no call
to profiles is needed. Their read-model rows arrive with profiles' events as usual."""
from __future__ import annotations

import datetime as dt
import uuid

from rapport_shared.config import Settings
from rapport_shared.db import Database, utcnow
from rapport_shared.topology import producer_exchange

from .domain.availability import Availability, ConsultationSettings, DateException, WeeklyWindow
from .service_layer.unit_of_work import UnitOfWork


def demo_id(name: str) -> str:
    """The same stable ids as profiles' demo seed (uuid5 of a readable name)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://rapport.example/demo/{name}"))


def _weekly(days: range, start: str, end: str) -> list[WeeklyWindow]:
    return [WeeklyWindow(d, dt.time.fromisoformat(start), dt.time.fromisoformat(end)) for d in days]


DEMO_AVAILABILITY = [
    # Instant booking, video and phone, weekday mornings and Thursday evenings.
    Availability(demo_id("therapist/maren-okafor"), "America/Chicago",
                 _weekly(range(0, 5), "09:00", "12:00") + _weekly(range(3, 4), "17:00", "19:00"),
                 settings=ConsultationSettings(duration_min=15, buffer_min=5, min_notice_min=12 * 60,
                                               horizon_days=24, daily_cap=4, formats=("video", "phone"))),
    # Request mode: the therapist approves each call; afternoons, in person too.
    Availability(demo_id("therapist/tobias-lindqvist"), "America/Chicago", _weekly(range(1, 5), "13:00", "16:00"),
                 settings=ConsultationSettings(duration_min=20, buffer_min=10, min_notice_min=24 * 60,
                                               horizon_days=28, formats=("in_person", "video", "phone"),
                                               booking_mode="request")),
]


def seed_demo(settings: Settings) -> bool:
    """Give the demo therapists availability; False if any availability exists already."""
    database = Database(settings.database_url)
    now = utcnow()
    with database.writer() as session:
        uow = UnitOfWork(session, producer_exchange(settings.amqp_namespace, "booking"))
        with uow:
            if any(uow.availability.get(a.therapist_id) is not None for a in DEMO_AVAILABILITY):
                return False
            for availability in DEMO_AVAILABILITY:
                holiday = [DateException(now.date() + dt.timedelta(days=10), "off")]
                uow.availability.put(Availability(availability.therapist_id, availability.timezone,
                                                  availability.weekly, holiday, availability.settings),
                                     now, existed=False)
            uow.commit()
    database.dispose()
    return True

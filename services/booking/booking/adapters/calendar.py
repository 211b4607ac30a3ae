"""A therapist's upcoming calls as iCalendar: times and initials only, never concerns or contacts."""
from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

FORMATS = {"video": "video", "phone": "phone", "in_person": "in person"}


def render_feed(therapist_name: str, consultations, appointments, now: dt.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Rapport//booking//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Rapport: {therapist_name}")
    for c in consultations:
        event = Event()
        event.add("uid", f"consultation-{c.id}@rapport.example")
        event.add("dtstamp", now)
        event.add("dtstart", c.start_at)
        event.add("dtend", c.end_at)
        initials = c.primary.initials if c.attendees else "?"
        extra = f" +{len(c.attendees) - 1}" if len(c.attendees) > 1 else ""
        event.add("summary", f"Screening call {initials}{extra} ({FORMATS.get(c.format, c.format)})")
        event.add("status", "CONFIRMED" if c.status == "confirmed" else "TENTATIVE")
        calendar.add_component(event)
    for a in appointments:
        event = Event()
        event.add("uid", f"appointment-{a.id}@rapport.example")
        event.add("dtstamp", now)
        event.add("dtstart", a.start_at)
        event.add("dtend", a.end_at)
        event.add("summary", f"Session ({FORMATS.get(a.format, a.format)})")
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()

"""Producers' event schemas and consumers' tolerant schemas held together.

Each consumer keeps its own copy of the fields it reads; these tests fail when a producer stops
sending something a consumer needs, or a consumer binds to an event type nobody publishes.
"""
from __future__ import annotations

import datetime as dt
import importlib
import re

import pytest

from profiles.domain.practices import Practice
from profiles.domain.therapists import Therapist
from profiles.messaging import published as profiles_published

NOW = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.timezone.utc)
PRODUCERS = {"profiles": profiles_published}


def sample_profiles_events():
    practice = Practice(id="p1", name="Practice", time_zone="America/Chicago", created_at=NOW, updated_at=NOW,
                        group_npi="1999999984", tax_id="123456789", address={"line1": "1 Main"})
    therapist = Therapist(id="t1", practice_id="p1", first_name="Kai", last_name="Reyes", created_at=NOW,
                          updated_at=NOW, credentials="LCSW", npi="1234567893", status="published", version=3)
    events = {}
    for event_type in profiles_published.SCHEMAS:
        if ".practice." in event_type:
            events[event_type] = profiles_published.practice_event(event_type, practice)
        else:
            events[event_type] = profiles_published.therapist_event(event_type, therapist, practice)
    return events


def consumers_of(service: str):
    """The module that wires a service's subscriptions to its handlers."""
    return importlib.import_module(f"{service}.entrypoints.consumers")


def unit_of_work_class(service: str):
    return importlib.import_module(f"{service}.service_layer.unit_of_work").UnitOfWork


CONSUMERS = ["booking", "billing"]


def topic_matches(pattern: str, key: str) -> bool:
    regex = "^" + re.escape(pattern).replace(r"\#", ".*").replace(r"\*", "[^.]+") + "$"
    return re.match(regex, key) is not None


@pytest.mark.parametrize("name", CONSUMERS)
def test_every_handled_type_is_published_and_bound(name):
    handlers_module = consumers_of(name)
    produced = sample_profiles_events()
    handled = {t for t in handlers_module.handlers() if t.startswith("rapport.profiles.")}
    bindings = [key for sub in handlers_module.subscriptions("rapport") for key in sub.routing_keys]
    for event_type in handled:
        assert event_type in produced, f"{name} handles {event_type}, which no producer publishes"
        assert any(topic_matches(b, event_type) for b in bindings), f"{name} is not bound to {event_type}"


@pytest.mark.parametrize("name", CONSUMERS)
def test_consumers_can_read_what_producers_send(name, databases):
    """Each handler applied to a real produced event: its schema loads and the effect commits."""
    from support.databases import migrations_dir

    from rapport_shared.db import Database
    from rapport_shared.migrations import upgrade

    url = databases.empty(f"contract_{name}", "sqlite")
    upgrade(migrations_dir(name), url)
    database = Database(url)
    produced = sample_profiles_events()
    for event_type, handler in consumers_of(name).handlers().items():
        if event_type not in produced:
            continue  # other producers' events have their own contract tests
        with database.writer() as session, unit_of_work_class(name)(session, "exchange") as uow:
            handler(uow, produced[event_type])
            uow.commit()
    database.dispose()


def test_producer_payloads_carry_no_secrets_or_contact_details():
    for event in sample_profiles_events().values():
        keys = set(event.data)
        assert not keys & {"email", "password", "password_hash", "phone_number", "token"}, event.type


def test_event_types_are_past_tense_and_versioned():
    for event_type in profiles_published.SCHEMAS:
        assert re.match(r"^rapport\.[a-z]+\.[a-z_]+\.[a-z_]+\.v\d+$", event_type), event_type
        assert event_type.split(".")[3].endswith("ed"), event_type

"""Use cases for clients: staff register them and complete what claims need."""
from __future__ import annotations

import datetime as dt
import uuid

from rapport_shared.access import acting_practice, visible
from rapport_shared.db import utcnow
from rapport_shared.errors import Forbidden, Invalid
from rapport_shared.if_match import IfMatch, check_if_match, save_if_match
from rapport_shared.pagination import Page
from rapport_shared.principal import Principal

from ..domain.clients import Client
from ..domain.ordering import OLDEST_FIRST
from ..messaging import published
from . import directory
from .ports import UnitOfWork

EDITABLE = ("first_name", "last_name", "email", "phone", "timezone", "date_of_birth", "sex", "address",
            "consent_email", "consent_sms", "consent_voicemail")


def _practice_for_new(uow: UnitOfWork, principal: Principal, requested: str | None) -> str:
    """The practice a new client joins: staff their own (naming another is refused, never ignored), admins the
    one they name, which profiles must have announced."""
    requested = requested.lower() if requested else None  # ids are issued in lower case; paths take either
    if not principal.is_admin:
        own = acting_practice(principal)
        if requested not in (None, own):
            raise Forbidden("staff register clients of their own practice only", errors=[
                {"in": "json", "field": "practice_id", "message": "only admins name another practice"}])
        return own
    if not requested:
        raise Invalid("practice_id is required",
                      errors=[{"in": "json", "field": "practice_id", "message": "required"}])
    if not directory.practice_is_known(uow, requested):
        raise Invalid("no such practice",
                      errors=[{"in": "json", "field": "practice_id", "message": "no such practice"}])
    return requested


def register(uow: UnitOfWork, principal: Principal, fields: dict, now: dt.datetime | None = None) -> Client:
    """Register a client of the caller's practice (admins name the practice)."""
    now = now or utcnow()
    with uow:
        practice_id = _practice_for_new(uow, principal, fields.get("practice_id"))
        client = Client(id=str(uuid.uuid4()), practice_id=practice_id, created_at=now, updated_at=now,
                        registered_at=now, **{k: fields[k] for k in EDITABLE if k in fields})
        uow.clients.add(client)
        uow.emit(published.client_event(published.CLIENT_REGISTERED, client))
        uow.commit()
    return client


def get(uow: UnitOfWork, principal: Principal, client_id: str) -> Client:
    """A client of the caller's practice (its staff, and admins)."""
    return visible(principal, uow.clients.get(client_id), "client", manage=True)


def update(uow: UnitOfWork, principal: Principal, client_id: str, fields: dict, expected_version: IfMatch,
           now: dt.datetime | None = None) -> Client:
    """Complete or correct a client's details, as of the version the caller read (412 if another edit came
    first); announced once they are the practice's client (billing's claims need it), never while they are a
    screening-call prospect."""
    with uow:
        client = get(uow, principal, client_id)
        version = client.version
        check_if_match(version, expected_version, "client")
        for key in EDITABLE:
            if key in fields:
                setattr(client, key, fields[key])
        client.version += 1
        client.updated_at = now or utcnow()
        save_if_match(uow.clients, client, version, "client")
        if client.is_registered:
            uow.emit(published.client_event(published.CLIENT_UPDATED, client))
        uow.commit()
    return client


def listing(uow: UnitOfWork, principal: Principal, cursor: str | None, limit: int) -> Page[Client]:
    """The practice's clients, oldest first (every practice's, to admins)."""
    return uow.clients.page(None if principal.is_admin else principal.practice_id, OLDEST_FIRST.position(cursor),
                            limit)

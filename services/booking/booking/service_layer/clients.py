"""Use cases for clients: staff register them and complete what claims need."""
from __future__ import annotations

import datetime as dt
import uuid

from rapport_shared.db import utcnow
from rapport_shared.errors import Invalid, NotFound
from rapport_shared.principal import Principal

from ..domain.clients import Client
from ..messaging import published
from .unit_of_work import UnitOfWork

EDITABLE = ("first_name", "last_name", "email", "phone", "timezone", "date_of_birth", "sex", "address",
            "consent_email", "consent_sms", "consent_voicemail")


def _practice_for_new(principal: Principal, practice_id: str | None) -> str:
    if principal.is_admin:
        if not practice_id:
            raise Invalid("practice_id is required", errors=[{"in": "json", "field": "practice_id", "message": "required"}])
        return practice_id
    return principal.practice_id


def register(uow: UnitOfWork, principal: Principal, fields: dict, now: dt.datetime | None = None) -> Client:
    now = now or utcnow()
    practice_id = _practice_for_new(principal, fields.get("practice_id"))
    client = Client(id=str(uuid.uuid4()), practice_id=practice_id, created_at=now, updated_at=now,
                    **{k: fields[k] for k in EDITABLE if k in fields})
    uow.clients.add(client)
    uow.emit(published.client_event(published.CLIENT_REGISTERED, client))
    uow.commit()
    return client


def get(uow: UnitOfWork, principal: Principal, client_id: str) -> Client:
    """A client of the caller's practice (its staff, and admins)."""
    client = uow.clients.get(client_id)
    if client is None or not principal.in_practice(client.practice_id):
        raise NotFound("no such client")
    return client


def update(uow: UnitOfWork, principal: Principal, client_id: str, fields: dict,
           now: dt.datetime | None = None) -> Client:
    client = get(uow, principal, client_id)
    version = client.version
    for key in EDITABLE:
        if key in fields:
            setattr(client, key, fields[key])
    client.version += 1
    client.updated_at = now or utcnow()
    uow.clients.save(client, version)
    uow.emit(published.client_event(published.CLIENT_UPDATED, client))
    uow.commit()
    return client


def listing(uow: UnitOfWork, principal: Principal, after, limit: int) -> list[Client]:
    return uow.clients.page(None if principal.is_admin else principal.practice_id, after, limit)

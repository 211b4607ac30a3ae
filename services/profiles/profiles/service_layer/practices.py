"""Use cases for practices and their members."""
from __future__ import annotations

import uuid

from rapport_shared.access import may_manage
from rapport_shared.db import utcnow
from rapport_shared.errors import Conflict, Forbidden, NotFound
from rapport_shared.if_match import IfMatch, check_if_match, save_if_match
from rapport_shared.principal import Principal

from ..adapters.passwords import hash_password
from ..domain.accounts import Account, check_new_member, normalise_email
from ..domain.npi import check_npi
from ..domain.practices import Practice, check_time_zone
from ..messaging import published
from .unit_of_work import UnitOfWork


def register_practice(uow: UnitOfWork, principal: Principal, fields: dict, practice_id: str | None = None) -> Practice:
    with uow:
        if not principal.is_admin:
            raise Forbidden("only an administrator registers practices")
        now = utcnow()
        practice = Practice(
            id=practice_id or str(uuid.uuid4()),
            name=fields["name"],
            time_zone=check_time_zone(fields["time_zone"]),
            phone=fields.get("phone"),
            group_npi=check_npi(fields.get("group_npi"), "group_npi"),
            tax_id=fields.get("tax_id"),
            address=fields.get("address") or {},
            created_at=now,
            updated_at=now,
        )
        uow.practices.add(practice)
        uow.emit(published.practice_event(published.PRACTICE_REGISTERED, practice))
        uow.commit()
        return practice


def get_practice(uow: UnitOfWork, principal: Principal, practice_id: str) -> Practice:
    practice = uow.practices.get(practice_id)
    # Another practice's existence is not disclosed: 404 either way.
    if practice is None or not principal.in_practice(practice_id):
        raise NotFound("no such practice")
    return practice


def edit_practice(uow: UnitOfWork, principal: Principal, practice_id: str, changes: dict,
                  expected_version: IfMatch) -> Practice:
    """Change a practice's details (its staff or an administrator); announced as practice.updated."""
    with uow:
        practice = get_practice(uow, principal, practice_id)
        if not may_manage(principal, practice_id):
            raise Forbidden("only administrators and practice staff edit a practice")
        check_if_match(practice.version, expected_version, "practice")
        if "time_zone" in changes:
            check_time_zone(changes["time_zone"])
        if changes.get("group_npi") is not None:
            check_npi(changes["group_npi"], "group_npi")
        version = practice.version
        for name, value in changes.items():
            setattr(practice, name, value)
        practice.updated_at = utcnow()
        practice.version += 1
        save_if_match(uow.practices, practice, version, "practice")
        uow.emit(published.practice_event(published.PRACTICE_UPDATED, practice))
        uow.commit()
        return practice


def add_member(uow: UnitOfWork, principal: Principal, practice_id: str, fields: dict) -> Account:
    with uow:
        get_practice(uow, principal, practice_id)
        if not may_manage(principal, practice_id):
            raise Forbidden("only administrators and practice staff add members")
        therapist_id = fields.get("therapist_id")
        therapist = uow.therapists.get(therapist_id) if therapist_id else None
        if therapist_id and therapist is None:
            raise NotFound("no such therapist")
        check_new_member(fields["role"], fields["password"], therapist_id,
                         therapist.practice_id if therapist else None, practice_id)
        email = normalise_email(fields["email"])
        if uow.accounts.by_email(email) is not None:
            raise Conflict("an account with this email exists", slug="email-taken")
        account = Account(
            id=str(uuid.uuid4()),
            email=email,
            password_hash=hash_password(fields["password"]),
            role=fields["role"],
            practice_id=practice_id,
            therapist_id=therapist_id,
            created_at=utcnow(),
        )
        uow.accounts.add(account)
        uow.commit()
        return account

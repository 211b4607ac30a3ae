"""Profiles' use cases on fakes: rules, authorization and the events they emit."""
from __future__ import annotations

import datetime as dt

import pytest
from support.profiles_fakes import ADMIN, staff_of

from profiles.messaging import published
from profiles.service_layer import licenses, practices, therapists
from rapport_shared.errors import Conflict, Forbidden, Invalid, NotFound
from rapport_shared.principal import Principal


def test_registering_a_practice_emits_its_event(uow, practice):
    assert [e.type for e in uow.published] == [published.PRACTICE_REGISTERED]
    assert uow.published[0].data["time_zone"] == "America/Denver"


def test_only_admins_register_practices_and_zones_are_checked(uow, practice):
    with pytest.raises(Forbidden):
        practices.register_practice(uow, staff_of(practice), {"name": "X", "time_zone": "UTC"})
    with pytest.raises(Invalid):
        practices.register_practice(uow, ADMIN, {"name": "X", "time_zone": "Mars/Olympus"})


def test_publish_emits_an_event_with_what_consumers_need(uow, practice):
    therapist = therapists.create_therapist(uow, staff_of(practice), {"first_name": "Lena", "last_name": "Moss",
                                                                       "credentials": "LMFT"})
    assert uow.published[-1].type == published.PRACTICE_REGISTERED  # creating a draft says nothing
    with pytest.raises(Conflict):  # no verified license yet
        therapists.publish_therapist(uow, staff_of(practice), therapist.id)
    license_ = licenses.add_license(uow, staff_of(practice), therapist.id, {
        "type": "lmft", "number": "LMFT-1", "state": "CO", "expires_on": dt.date.today() + dt.timedelta(days=30)})
    licenses.verify_license(uow, staff_of(practice), therapist.id, license_.id)
    therapists.publish_therapist(uow, staff_of(practice), therapist.id)
    event = uow.published[-1]
    assert event.type == published.THERAPIST_PUBLISHED and event.subject == f"therapists/{therapist.id}"
    assert event.data["display_name"] == "Lena Moss, LMFT" and event.data["time_zone"] == "America/Denver"
    assert event.data["version"] == 2
    assert event.data["license_types"] == ["lmft"] and event.data["licensed_states"] == ["CO"]
    assert event.data["taxonomy_code"] == "106H00000X"
    assert uow.directory.listed == {therapist.id: ["CO"]}
    with pytest.raises(Conflict):
        therapists.publish_therapist(uow, staff_of(practice), therapist.id)


def test_drafts_are_invisible_outside_their_practice(uow, practice):
    other = practices.register_practice(uow, ADMIN, {"name": "Westside", "time_zone": "UTC"})
    draft = therapists.create_therapist(uow, staff_of(practice), {"first_name": "A", "last_name": "B"})
    with pytest.raises(NotFound):
        therapists.get_therapist(uow, staff_of(other), draft.id)
    with pytest.raises(NotFound):
        therapists.get_therapist(uow, None, draft.id)
    with pytest.raises(NotFound):
        therapists.publish_therapist(uow, staff_of(other), draft.id)
    assert therapists.get_therapist(uow, staff_of(practice), draft.id).id == draft.id


def test_a_therapist_manages_only_themself(uow, practice):
    mine = therapists.create_therapist(uow, staff_of(practice), {"first_name": "A", "last_name": "B"})
    colleague = therapists.create_therapist(uow, staff_of(practice), {"first_name": "C", "last_name": "D"})
    me = Principal("t-1", "therapist", practice_id=practice.id, therapist_id=mine.id)
    assert therapists.get_therapist(uow, me, mine.id).id == mine.id
    with pytest.raises(NotFound):
        therapists.get_therapist(uow, me, colleague.id)
    with pytest.raises(Forbidden):
        therapists.publish_therapist(uow, me, mine.id)


def test_member_rules(uow, practice):
    staff = staff_of(practice)
    with pytest.raises(Invalid):
        practices.add_member(uow, staff, practice.id, {"email": "a@b.example", "password": "short", "role": "staff"})
    with pytest.raises(Invalid):
        practices.add_member(uow, staff, practice.id,
                             {"email": "a@b.example", "password": "long enough pass", "role": "therapist"})
    account = practices.add_member(uow, staff, practice.id,
                                   {"email": " New@B.example ", "password": "long enough pass", "role": "staff"})
    assert account.email == "new@b.example" and account.password_hash.startswith("$argon2id$")
    with pytest.raises(Conflict):
        practices.add_member(uow, staff, practice.id,
                             {"email": "new@b.example", "password": "long enough pass", "role": "staff"})

"""The public directory search on a real database: every filter, combined; pages; fair order."""
from __future__ import annotations

import datetime as dt

import pytest
from support.profiles import bearer
from support.profiles_directory import listed_therapist, record_free_slots, search_ids

from profiles.domain.search import SearchQuery
from profiles.service_layer.unit_of_work import UnitOfWork


@pytest.fixture
def directory(profiles, client, practice_a):
    """Four published therapists and one draft, with distinct profiles (Chicago, Evanston, Denver)."""
    staff = practice_a.staff_token
    people = {
        "maren": listed_therapist(
            client, staff, "Maren", "Okafor", credentials="LMFT",
            specialties=["couples-therapy", "trauma"], issues=["relational-trauma", "attachment"],
            modalities=["eft"], populations=["couples"], formats=["in_person", "video"], languages=["en", "es"],
            payer_ids=["60054", "62308"], identities=["lgbtq-affirming"],
            locations=[{"line1": "1 W Division St", "city": "Chicago", "state": "IL", "zip": "60622"}],
            approach_statement="Couples find their way back to each other through attachment work."),
        "tobias": listed_therapist(
            client, staff, "Tobias", "Lindqvist", specialties=["trauma"], issues=["complex-ptsd"],
            modalities=["emdr"], formats=["video", "phone"], payer_ids=["62308"], teletherapy_states=["WI"],
            locations=[{"line1": "1 Church St", "city": "Evanston", "state": "IL", "zip": "60201"}],
            approach_statement="Steady, paced EMDR for complex trauma."),
        "ines": listed_therapist(
            client, staff, "Inés", "Marlowe", license_state="CO", specialties=["family-therapy"],
            issues=["enmeshment"], modalities=["family-systems"], populations=["families"],
            formats=["in_person"], payer_ids=[], accepting_new_clients=False,
            locations=[{"line1": "1 Main St", "city": "Denver", "state": "CO", "zip": "80202"}]),
        "kai": listed_therapist(client, staff, "Kai", "Reyes", formats=["phone"], payer_ids=["60054"]),
    }
    people["draft"] = listed_therapist(client, staff, "Dana", "Draft", publish=False, specialties=["trauma"])
    # Maren and Kai have free screening slots; Tobias says he is accepting but has none.
    soon = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(days=2)
    for name in ("maren", "kai"):
        record_free_slots(profiles, people[name]["id"], soon)
    return {name: t["id"] for name, t in people.items()}


def test_each_filter_and_their_combinations(client, directory):
    d = directory
    assert set(search_ids(client)) == {d["maren"], d["tobias"], d["ines"], d["kai"]}  # never the draft
    assert set(search_ids(client, "specialty=trauma")) == {d["maren"], d["tobias"]}
    assert set(search_ids(client, "issue=enmeshment")) == {d["ines"]}
    assert set(search_ids(client, "modality=emdr")) == {d["tobias"]}
    assert set(search_ids(client, "population=couples")) == {d["maren"]}
    assert set(search_ids(client, "format=phone")) == {d["tobias"], d["kai"]}
    assert set(search_ids(client, "insurance=62308")) == {d["maren"], d["tobias"]}
    assert set(search_ids(client, "language=es")) == {d["maren"]}
    # Accepting new clients: the therapist says so and a free screening slot exists within the horizon.
    assert set(search_ids(client, "accepting=true")) == {d["maren"], d["kai"]}
    assert set(search_ids(client, "accepting=false")) == {d["ines"], d["tobias"]}
    # State: offices, teletherapy states and licensed states all count.
    assert set(search_ids(client, "state=CO")) == {d["ines"]}
    assert set(search_ids(client, "state=WI")) == {d["tobias"]}
    assert set(search_ids(client, "specialty=trauma&format=video&insurance=62308&language=es&accepting=true")) == \
        {d["maren"]}
    assert search_ids(client, "specialty=trauma&format=phone&insurance=60054") == []


def test_radius_search_around_a_zip(client, directory):
    d = directory
    # 60611 (Streeterville) is ~4 km from 60622 and ~18 km from 60201 (Evanston); Denver is far.
    assert set(search_ids(client, "near=60611&radius_km=8")) == {d["maren"]}
    assert set(search_ids(client, "near=60611&radius_km=30")) == {d["maren"], d["tobias"]}
    page = client.get("/v1/therapists?near=60611&radius_km=30&format=video").get_json()
    distances = {item["id"]: item["distance_km"] for item in page["items"]}
    assert 2 < distances[d["maren"]] < 6 and 14 < distances[d["tobias"]] < 22


def test_full_text_over_names_and_statements(client, directory):
    d = directory
    assert search_ids(client, "q=okafor") == [d["maren"]]
    assert search_ids(client, "q=ines") == [d["ines"]]  # accents folded
    assert set(search_ids(client, "q=EMDR%20complex")) == {d["tobias"]}
    assert set(search_ids(client, "q=attach")) == {d["maren"]}  # word prefixes
    assert search_ids(client, "q=nobody-writes-this") == []


def test_pages_walk_every_result_once(client, directory):
    ids = search_ids(client, "limit=1")
    assert len(ids) == 4 and len(set(ids)) == 4


def test_bad_filters_are_422_naming_the_field(client, directory):
    for query, field in (("specialty=astrology", "specialty"), ("near=00000", "near"), ("state=XX", "state"),
                         ("radius_km=5", "radius_km"), ("format=fax", "format"), ("cursor=bad", None),
                         # a misspelt filter is refused, not dropped: dropped, it would answer every therapist
                         ("max_fee=100", "max_fee"), ("specialties=trauma", "specialties"), ("zip=60622", "zip"),
                         # a one-value filter sent twice is refused, not read as its first value
                         ("limit=1&limit=abc", "limit"), ("near=60622&near=10001", "near"),
                         ("sort=fee&specialty=trauma&sort=distance", "sort")):
        response = client.get(f"/v1/therapists?{query}")
        assert response.status_code == 422, query
        assert response.content_type == "application/problem+json"
        if field:
            assert field in {e["field"] for e in response.get_json()["errors"]}, query


def test_rotation_moves_the_first_place_and_is_stable_within_a_walk(profiles, client, directory):
    """Different hours start the wheel at different places; one walk never repeats or skips."""
    database = profiles.extensions["rapport.db"]
    with database.reader() as session:
        uow = UnitOfWork(session, "x")
        firsts = set()
        for salt in range(0, 2**31, 2**31 // 16):
            walk: list[str] = []
            after = None
            while True:
                page = uow.directory.search(SearchQuery(), "rotation", salt, after, 1)[:1]
                if not page:
                    break
                therapist, keys = page[0]
                walk.append(therapist.id)
                after = (keys["wheel"], keys["id"])
            assert sorted(walk) == sorted(set(walk)) and len(walk) == 4
            firsts.add(walk[0])
    assert len(firsts) > 1  # nobody is always first


def test_unpublishing_removes_from_search(client, directory, practice_a):
    client.post(f"/v1/therapists/{directory['maren']}/unpublish", headers=bearer(practice_a.staff_token),
                json={"reason": "on leave"})
    assert directory["maren"] not in search_ids(client, "specialty=trauma")

"""Search that front ends build on: several values per filter, every facet, sorts, facet counts, slots."""
from __future__ import annotations

import datetime as dt

import pytest
from support.profiles_directory import listed_therapist, record_free_slots, search_ids


@pytest.fixture
def people(profiles, client, practice_a):
    """Three published therapists across the vocabulary; Bo's free slot is sooner than Ada's, Cy has none."""
    staff = practice_a.staff_token
    ada = listed_therapist(
        client, staff, "Ada", "Quill", issues=["anxiety"], languages=["cmn"], identities=["catholic", "latinx"],
        populations=["adults"], self_pay_fee_cents=12000, sliding_scale=True, payer_ids=["60054"],
        specialties=["couples-therapy"], specialty_statements={"couples-therapy": "Couples talk here."},
        locations=[{"line1": "1 W Division St", "city": "Chicago", "state": "IL", "zip": "60622"}],
        approach_statement="Anxiety, anxiety and panic: we work on them together.")
    bo = listed_therapist(
        client, staff, "Bo", "Stone", issues=["grief"], languages=["en"], identities=["jewish"],
        populations=["adolescents"], self_pay_fee_cents=9000, payer_ids=["62308"], specialties=["couples-therapy"],
        locations=[{"line1": "1 Church St", "city": "Evanston", "state": "IL", "zip": "60201"}],
        approach_statement="Grief and anxious teens.")
    cy = listed_therapist(
        client, staff, "Cy", "Lark", license_state="CO", issues=["anxiety", "grief"], languages=["es"],
        identities=["black"], populations=["adults", "adolescents"], payer_ids=["04112", "06102"],  # Medicare, twice
        locations=[{"line1": "1 Main St", "city": "Denver", "state": "CO", "zip": "80202"}],
        approach_statement="Anxiety-ish and panicky clients welcome.")
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    record_free_slots(profiles, bo["id"], now - dt.timedelta(hours=1), now + dt.timedelta(days=1))
    record_free_slots(profiles, ada["id"], now + dt.timedelta(days=3))
    return {"ada": ada["id"], "bo": bo["id"], "cy": cy["id"]}


def test_any_value_of_a_filter_all_filters_together(client, people):
    p = people
    assert set(search_ids(client, "issue=anxiety&issue=grief")) == {p["ada"], p["bo"], p["cy"]}
    assert set(search_ids(client, "issue=anxiety")) == {p["ada"], p["cy"]}
    assert search_ids(client, "issue=anxiety&issue=grief&language=es") == [p["cy"]]
    assert search_ids(client, "faith=catholic") == [p["ada"]]
    assert search_ids(client, "identity=jewish") == [p["bo"]]
    assert search_ids(client, "ethnicity=black&ethnicity=hispanic-latino&faith=catholic") == [p["ada"]]
    assert set(search_ids(client, "age_group=adolescents")) == {p["bo"], p["cy"]}
    assert search_ids(client, "max_fee_cents=10000") == [p["bo"]]
    assert search_ids(client, "sliding_scale=true") == [p["ada"]]
    assert set(search_ids(client, "sliding_scale=false")) == {p["bo"], p["cy"]}
    assert search_ids(client, "insurer=aetna") == [p["ada"]]
    assert set(search_ids(client, "insurer=aetna&insurer=cigna")) == {p["ada"], p["bo"]}
    assert search_ids(client, "insurer=medicare") == [p["cy"]]  # enrolled through two states' contractors
    assert search_ids(client, "insurance=06102") == [p["cy"]] and search_ids(client, "insurance=12502") == []
    assert set(search_ids(client, "state=CO&state=IL&issue=grief")) == {p["bo"], p["cy"]}
    assert search_ids(client, "issue=grief&age_group=adults&language=es&state=CO") == [p["cy"]]
    assert search_ids(client, "faith=catholic&issue=grief") == []


def test_renamed_terms_are_taken_as_their_successors(client, people):
    assert search_ids(client, "language=zh") == [people["ada"]]  # zh became cmn
    assert search_ids(client, "ethnicity=latinx") == [people["ada"]]  # stored as hispanic-latino


def test_unknown_terms_are_422_naming_field_and_term(client, people):
    for query, field, term in (("issue=anxiety&issue=astrology", "issue", "astrology"),
                               ("faith=black", "faith", "black"),  # an identity, but not a faith
                               ("insurer=acme-health", "insurer", "acme-health"),
                               ("state=XX", "state", "XX"), ("facets=colour", "facets", None),
                               ("sort=random", "sort", None)):
        response = client.get(f"/v1/therapists?{query}")
        assert response.status_code == 422, query
        errors = response.get_json()["errors"]
        assert field in {e["field"].split(".")[0] for e in errors}, (query, errors)
        if term:
            assert any(term in e["message"] for e in errors), (query, errors)


def test_the_document_states_exactly_the_values_accepted(profiles, client):
    spec = client.get("/openapi.json").get_json()
    parameters = {p["name"]: p for p in spec["paths"]["/v1/therapists"]["get"]["parameters"]}
    languages = parameters["language"]["schema"]["items"]["enum"]
    assert "cmn" in languages and "zh" in languages and "asl" in languages
    faiths = parameters["faith"]["schema"]["items"]["enum"]
    assert "catholic" in faiths and "black" not in faiths
    assert "aetna" in parameters["insurer"]["schema"]["items"]["enum"]
    assert set(parameters["sort"]["schema"]["enum"]) == {"relevance", "distance", "soonest", "fee", "rotation"}
    # Every listed value is taken.
    for name in ("issue", "faith", "ethnicity", "age_group", "language", "insurer"):
        for value in parameters[name]["schema"]["items"]["enum"][:40]:
            assert client.get(f"/v1/therapists?{name}={value}&limit=1").status_code == 200, (name, value)


def test_sorts(client, people):
    p = people
    assert search_ids(client, "sort=fee") == [p["bo"], p["ada"], p["cy"]]  # no stated fee last
    assert search_ids(client, "sort=soonest") == [p["bo"], p["ada"], p["cy"]]  # past slots do not count
    assert search_ids(client, "sort=distance&near=60611&radius_km=30") == [p["ada"], p["bo"]]
    # Relevance is the default with q: Ada says both words whole (and anxiety twice), Cy only prefixes one.
    assert search_ids(client, "q=anxiety%20panic") == [p["ada"], p["cy"]]
    assert search_ids(client, "q=anxiety%20panic&sort=fee") == [p["ada"], p["cy"]]


@pytest.mark.parametrize("query", ["sort=fee", "sort=soonest", "sort=distance&near=60611&radius_km=500",
                                   "q=anxiety", "sort=rotation", "", "near=60611&radius_km=500"])
def test_every_sort_pages_stably_by_keyset(client, people, query):
    whole = search_ids(client, f"{query}&limit=100")
    assert search_ids(client, f"{query}&limit=1") == whole and len(whole) == len(set(whole))


def test_a_radius_keeps_the_rotation_order(client, people):
    """Within a radius the rotation is sorted in one statement rather than walked: the same order."""
    everyone = search_ids(client, "limit=100")
    near = search_ids(client, "near=60611&radius_km=50&limit=100")
    assert set(near) == {people["ada"], people["bo"]}
    assert near == [i for i in everyone if i in near]


def test_a_cursor_belongs_to_its_sort(client, people):
    cursor = client.get("/v1/therapists?sort=fee&limit=1").get_json()["next_cursor"]
    response = client.get(f"/v1/therapists?sort=soonest&cursor={cursor}")
    assert response.status_code == 422 and response.get_json()["type"].endswith("invalid-cursor")


def test_sorts_that_need_an_argument_say_so(client, people):
    for query in ("sort=relevance", "sort=distance"):
        response = client.get(f"/v1/therapists?{query}")
        assert response.status_code == 422 and "sort" in {e["field"] for e in response.get_json()["errors"]}


def test_facet_counts_for_the_current_query(client, people):
    body = client.get("/v1/therapists?facets=issue,language,insurer,faith,age_group").get_json()
    assert body["facets"]["issue"] == {"anxiety": 2, "grief": 2}
    assert body["facets"]["language"] == {"cmn": 1, "en": 1, "es": 1}
    assert body["facets"]["insurer"] == {"aetna": 1, "cigna": 1, "medicare": 1}  # Cy once, for two payer ids
    assert body["facets"]["faith"] == {"catholic": 1, "jewish": 1}
    assert body["facets"]["age_group"] == {"adolescents": 2, "adults": 2}
    # A facet's own choice leaves its other values in view; the other filters narrow it.
    body = client.get("/v1/therapists?issue=anxiety&facets=issue,language").get_json()
    assert body["facets"] == {"issue": {"anxiety": 2, "grief": 2}, "language": {"cmn": 1, "es": 1}}
    body = client.get("/v1/therapists?language=es&facets=issue").get_json()
    assert body["facets"] == {"issue": {"anxiety": 1, "grief": 1}}
    assert client.get("/v1/therapists").get_json()["facets"] == {}


def test_results_carry_the_next_free_slot_and_truthful_accepting(client, people):
    items = {i["id"]: i for i in client.get("/v1/therapists").get_json()["items"]}
    soon = dt.datetime.fromisoformat(items[people["bo"]]["next_screening_slot"])
    assert dt.timedelta(hours=23) < soon - dt.datetime.now(dt.timezone.utc) < dt.timedelta(days=1)
    assert items[people["cy"]]["next_screening_slot"] is None
    assert [items[people[n]]["accepting_new_clients"] for n in ("ada", "bo", "cy")] == [True, True, False]
    assert set(search_ids(client, "accepting=true")) == {people["ada"], people["bo"]}
    assert search_ids(client, "accepting=false") == [people["cy"]]


def test_specialty_pages_feature_those_who_wrote_about_it(client, people):
    page = client.get("/v1/specialties/couples-therapy").get_json()
    assert [(s["therapist_id"], s["statement"]) for s in page["specialists"]] == [(people["ada"], "Couples talk here.")]
    assert page["specialists"][0]["accepting_new_clients"] is True  # she has a free slot


@pytest.mark.parametrize("strategy", ["slots walked in time order", "matches sorted whole"])
def test_soonest_orders_by_first_future_slot_then_the_wheel_across_pages(profiles, client, practice_a, strategy,
                                                                         monkeypatch):
    """Therapists with a free slot come by their first one still ahead (ties in the wheel's order), then
    those with none, or only past ones, in the wheel's order; one page at a time gives the same. Both ways
    the directory may take (by how many match) give this order."""
    from profiles.adapters import directory

    monkeypatch.setattr(directory, "SORTED_WHOLE", 0 if strategy == "slots walked in time order" else 10_000)
    staff = practice_a.staff_token
    ids = {name: listed_therapist(client, staff, name, "Soon")["id"] for name in ("Ann", "Ben", "Cas", "Dee", "Eve")}
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    day = dt.timedelta(days=1)
    record_free_slots(profiles, ids["Ann"], now + 2 * day)
    record_free_slots(profiles, ids["Ben"], now + 2 * day, now + 4 * day)
    record_free_slots(profiles, ids["Cas"], now - day, now + day, now + 5 * day)
    record_free_slots(profiles, ids["Dee"], now - 2 * day)
    wheel = search_ids(client, "limit=100")
    in_wheel_order = lambda *names: sorted((ids[n] for n in names), key=wheel.index)  # noqa: E731
    expected = [ids["Cas"], *in_wheel_order("Ann", "Ben"), *in_wheel_order("Dee", "Eve")]
    assert search_ids(client, "sort=soonest&limit=100") == expected
    assert search_ids(client, "sort=soonest&limit=1") == expected
    assert search_ids(client, "sort=soonest&limit=2") == expected
    assert search_ids(client, "sort=soonest&accepting=true&limit=1") == expected[:3]
    assert set(search_ids(client, "sort=soonest&accepting=false")) == {ids["Dee"], ids["Eve"]}
    first = client.get("/v1/therapists?sort=soonest&limit=1").get_json()["items"][0]
    assert first["id"] == ids["Cas"] and first["next_screening_slot"].startswith((now + day).strftime("%Y-%m-%d"))

"""The search's pure parts: filters and their allowed values, facet terms, the wheel, sort orders."""
from __future__ import annotations

from types import SimpleNamespace

from profiles.domain.search import FILTERS, SORTS, WHEEL, Position, facet_terms, profile_terms, wheel_place


def test_filters_accept_current_terms_and_renamed_ones_within_their_group():
    assert FILTERS["language"].values()["zh"] == "cmn" and FILTERS["language"].values()["cmn"] == "cmn"
    assert FILTERS["ethnicity"].values()["latinx"] == "hispanic-latino"
    assert "catholic" in FILTERS["faith"].values() and "black" not in FILTERS["faith"].values()
    assert set(FILTERS["age_group"].values()) >= {"adults", "adolescents"}
    assert "couples" not in FILTERS["age_group"].values()
    assert FILTERS["insurer"].term("aetna") == "insurer:aetna"
    assert FILTERS["insurance"].values() == {}  # any well-formed payer id


def test_facet_terms_map_directory_terms_back_to_values():
    assert facet_terms("insurer")["insurer:aetna"] == ["aetna"]
    assert facet_terms("insurance")["insurance:12502"] == ["12502"]  # a payer id of Medicare's
    assert "state:IL" in facet_terms("state")
    assert all(term.startswith("identity:") for term in facet_terms("faith"))
    assert "language:zh" not in facet_terms("language")  # counts go by current terms only


def test_a_position_after_a_wheel_place_is_where_the_walk_left_off():
    for salt in (0, 5, WHEEL - 1):
        for shuffle in (0, salt, (salt + 7) % WHEEL, WHEEL - 1):
            place = wheel_place(shuffle, salt)
            position = Position.after(salt, place, "id")
            assert position.shuffle == shuffle
            assert position.segment == (0 if shuffle >= salt else 1)


def test_every_sort_names_its_own_keys_so_cursors_do_not_cross():
    names = [order.names for order in SORTS.values()]
    assert len(set(names)) == len(names)
    assert all(order.names[0] == "salt" and order.names[-2:] == ("wheel", "id") for order in SORTS.values())


def test_statements_become_terms_for_specialty_pages():
    therapist = SimpleNamespace(specialties=["trauma"], issues=[], modalities=[], populations=[], formats=[],
                                payer_ids=[], serves_states=[], languages=[], identities=[],
                                specialty_statements={"trauma": "Paced work.", "grief": "  "})
    assert {"specialty:trauma", "statement:trauma"} <= profile_terms(therapist)
    assert "statement:grief" not in profile_terms(therapist)


def test_a_therapist_takes_an_insurer_by_any_of_its_payer_ids():
    therapist = SimpleNamespace(specialties=[], issues=[], modalities=[], populations=[], formats=[],
                                payer_ids=["12502", "60054", "ZZ999"], serves_states=[], languages=[], identities=[],
                                specialty_statements={})
    terms = profile_terms(therapist)
    # Pennsylvania's Medicare contractor is Medicare; a payer id no insurer of the vocabulary has stays a payer id
    assert {"insurer:medicare", "insurer:aetna", "insurance:12502", "insurance:ZZ999"} <= terms
    assert not any(term.startswith("insurer:") and "ZZ999" in term for term in terms)

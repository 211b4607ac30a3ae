"""The vocabulary's breadth and integrity: every term described, aliases pointing at live terms, real payers."""
from __future__ import annotations

import re

import pytest

from profiles.domain import taxonomy
from profiles.domain.lexicon import vocabulary_phrases
from rapport_shared.errors import Invalid


def groups(facet: dict[str, taxonomy.Term]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for term in facet.values():
        counts[term.group] = counts.get(term.group, 0) + 1
    return counts


def test_the_vocabulary_is_as_broad_as_the_national_directories():
    assert len(taxonomy.ISSUES) >= 90 and len(taxonomy.MODALITIES) >= 67 and len(taxonomy.LANGUAGES) >= 37
    assert "asl" in taxonomy.LANGUAGES and {"transgender", "non-binary"} <= set(taxonomy.IDENTITIES)
    identity_groups, population_groups = groups(taxonomy.IDENTITIES), groups(taxonomy.POPULATIONS)
    assert identity_groups["faith"] == 9 and identity_groups["ethnicity"] == 9 and population_groups["age"] == 6
    assert 50 <= len(taxonomy.INSURERS) <= 100


def test_every_term_has_a_label_and_a_plain_description_and_issues_have_lay_words():
    for facet, terms in taxonomy.FACETS.items():
        for term in terms.values():
            assert re.fullmatch(r"[a-z0-9_]+(-[a-z0-9]+)*", term.slug), (facet, term.slug)
            assert term.label and (term.description or facet in ("formats", "languages", "insurers")), term.slug
    for issue in taxonomy.ISSUES.values():
        assert issue.synonyms and issue.synonyms_es, issue.slug
        assert not issue.icd10 or re.fullmatch(r"[A-Z]\d\d(\.\d+)?(-[A-Z]\d\d)?", issue.icd10), issue.icd10


def test_insurers_carry_distinct_payer_ids():
    payer_ids = [p for t in taxonomy.INSURERS.values() for p in t.payer_ids]
    assert all(re.fullmatch(r"[A-Z0-9]{5}", p) for p in payer_ids) and len(set(payer_ids)) == len(payer_ids)
    assert all(t.payer_ids for t in taxonomy.INSURERS.values())
    assert taxonomy.INSURER_BY_PAYER_ID["60054"].label == "Aetna"


def test_medicare_is_billed_to_each_states_contractor_and_every_state_has_one():
    medicare = taxonomy.INSURERS["medicare"]
    assert not medicare.payer_id and {s for p in medicare.payers for s in p.states} == taxonomy.US_STATES
    assert medicare.payer_for("PA") == "12502" and medicare.payer_for("CA") in ("01112", "01182")
    assert taxonomy.INSURER_BY_PAYER_ID["04412"] is medicare  # Texas
    assert taxonomy.INSURERS["aetna"].payer_for("PA") == "60054"  # one id wherever the therapist practises
    served = next(t for t in taxonomy.as_document()["insurers"] if t["slug"] == "medicare")
    assert "payer_id" not in served and {"payer_id": "12502", "name": "Novitas JL Part B, Pennsylvania",
                                          "states": ["PA"]} in served["payers"]


def test_specialties_cover_only_known_issues_and_every_alias_names_a_live_successor():
    for specialty in taxonomy.SPECIALTIES.values():
        assert specialty.covers and set(specialty.covers) <= set(taxonomy.ISSUES), specialty.slug
    for facet, pairs in taxonomy.ALIASES.items():
        for old, new in pairs.items():
            assert old not in taxonomy.FACETS[facet] and new in taxonomy.FACETS[facet], (facet, old)


def test_old_slugs_resolve_to_their_successors_on_write_and_unknown_ones_are_refused():
    assert taxonomy.check_terms("issues", "issues", ["chronic-pain-or-illness", "chronic-illness", "grief"]) == [
        "chronic-illness", "grief"]
    assert taxonomy.check_term("language", "languages", "zh") == "cmn"
    with pytest.raises(Invalid) as refused:
        taxonomy.check_terms("issues", "issues", ["grief", "astrology"])
    assert refused.value.errors == [{"in": "json", "field": "issues", "message": "unknown term 'astrology'"}]


def test_the_document_and_its_etag_are_stable():
    doc = taxonomy.as_document()
    assert doc == taxonomy.DOCUMENT and doc["version"] == taxonomy.VERSION
    assert taxonomy.DOCUMENT_ETAG.startswith('"') and len(taxonomy.DOCUMENT_ETAG) == 34


def test_every_lay_word_belongs_to_a_term_the_matcher_can_name():
    phrases = vocabulary_phrases()
    assert len(phrases) > 1500
    assert {term.split(":", 1)[0] for term, _, _ in phrases} == {"issue", "population", "language", "modality",
                                                                  "identity", "specialty", "insurer", "none"}


def test_every_lay_word_pattern_is_well_formed():
    """"&" starts the words a pattern needs beside it, so it cannot stand inside a phrase ("l&d nurse")."""
    for term, _, phrase in vocabulary_phrases():
        said = phrase.partition("&")[0]
        assert said.count("(") == said.count(")") and said.strip(), (term, phrase)

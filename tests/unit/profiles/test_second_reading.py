"""The second reading: what it keeps, drops and adds, and that the shipped model is the one for today's rows."""
from __future__ import annotations

import json
import math
from pathlib import Path

from profiles.domain import second_reading
from profiles.domain.second_reading import Model, features, revised
from profiles.domain.understanding import CRISIS_TERMS, understand

PHRASINGS = [json.loads(line) for line in (Path(__file__).parent / "data" / "phrasings.jsonl").read_text().splitlines()]


def _model(bias: dict[str, float], weights: dict[str, dict[str, float]] | None = None) -> Model:
    return Model({"sleep": 1.0, "cannot sleep": 2.0, "sad": 1.5}, bias, weights or {})


def test_the_shipped_model_was_trained_on_todays_dev_rows():
    # Rows added or relabelled without retraining (services/profiles/tools/train_second_reading.py) fail here.
    assert second_reading.default().trained_on == second_reading.fingerprint(r for r in PHRASINGS if r["split"] == "dev")


def test_features_are_unit_length_words_and_pairs_beside_what_was_heard():
    vector = features("I cannot sleep, sleep, sleep", ["issue:insomnia", "issue:stress"], _model({}).idf)
    words = {k: v for k, v in vector.items() if not k.startswith(second_reading.HEARD)}
    assert set(words) == {"sleep", "cannot sleep"}
    assert math.isclose(sum(v * v for v in words.values()), 1.0)
    assert words["sleep"] > words["cannot sleep"] / 2  # three times said counts, sublinearly
    assert vector["heard issue:insomnia"] == vector["heard issue:stress"] == 1.0
    assert vector["heard first issue:insomnia"] == vector["heard 2 terms"] == 1.0
    assert features("", [], {}) == {}


def test_a_heard_term_a_reader_would_not_name_is_dropped_and_an_unmodelled_one_kept():
    model = _model({"issue:stress": -6.0, "issue:insomnia": 2.0})
    assert revised("so stressed I cannot sleep", ["issue:insomnia", "issue:stress", "issue:hoarding"], set(),
                   CRISIS_TERMS, model) == ["issue:insomnia", "issue:hoarding"]


def test_a_concern_far_less_likely_than_the_likeliest_is_dropped_unless_named():
    # 0.27 would be kept on its own (KEEP 0.2), but not beside a concern at 0.95: 0.27 < 0.4 * 0.95.
    model = _model({"issue:grief": 3.0, "issue:insomnia": -1.0, "population:adults": -1.0})
    heard = ["issue:grief", "issue:insomnia", "population:adults"]
    assert revised("since mom died I cannot sleep", heard, set(), CRISIS_TERMS, model) == [
        "issue:grief", "population:adults"]  # a population is weighed on its own
    assert revised("since mom died, insomnia", heard, set(), CRISIS_TERMS | {"issue:insomnia"}, model) == heard
    alone = _model({"issue:insomnia": -1.0})  # the likeliest concern of its text
    assert revised("I cannot sleep", ["issue:insomnia"], set(), CRISIS_TERMS, alone) == ["issue:insomnia"]


def test_a_likely_unheard_term_is_added_after_what_was_heard_likeliest_first():
    model = _model({"issue:depression": -3.0, "issue:grief": 0.5, "issue:anxiety": 1.5},
                   {"sad": {"issue:depression": 8.0}})
    assert revised("so sad", [], set(), CRISIS_TERMS, model) == ["issue:depression", "issue:anxiety",
                                                                 "issue:grief"]
    assert revised("so tired", [], set(), CRISIS_TERMS, model) == ["issue:anxiety", "issue:grief"]


def test_crisis_terms_and_the_language_written_are_never_dropped():
    model = _model({"issue:suicidal-ideation": -9.0, "issue:self-harm": -9.0, "language:ko": -9.0})
    heard = ["issue:suicidal-ideation", "issue:self-harm", "language:ko"]
    assert revised("죽고 싶어요", heard, set(), CRISIS_TERMS, model) == heard


def test_a_term_set_aside_by_the_lexicon_is_not_added_back():
    model = _model({"issue:depression": 4.0})
    assert revised("not depressed, just anxious", ["issue:anxiety"], {"issue:depression"}, CRISIS_TERMS,
                   model) == ["issue:anxiety"]
    assert "issue:depression" in revised("just anxious", ["issue:anxiety"], set(), CRISIS_TERMS, model)


def test_with_the_shipped_model_denials_hold_and_crisis_language_is_still_heard():
    assert "issue:depression" not in understand("I'm not depressed, just anxious all the time").terms
    assert "issue:anxiety" in understand("I'm not depressed, just anxious all the time").terms
    crisis = understand("I keep thinking everyone would be better off if I was gone")
    assert crisis.crisis
    assert "language:es" in understand("necesito terapia en español, estoy muy triste").terms


def test_the_second_reading_gives_the_same_answer_every_time_in_a_stable_order():
    text = "my husband and I fight every night and I can't sleep, work is crushing me"
    assert understand(text).terms == understand(text).terms
    model = second_reading.default()
    assert list(second_reading.probabilities(model, features(text, [], model.idf))) == sorted(model.bias)


def test_a_specialty_a_type_of_therapy_or_an_identity_asked_for_passes_as_heard():
    heard = ["specialty:attachment", "modality:emdr", "identity:latter-day-saints", "issue:stress"]
    model = _model({term: -9.0 for term in heard} | {"identity:woman": 9.0})
    assert revised("someone who specializes in attachment", heard, set(), CRISIS_TERMS, model) == heard[:3]

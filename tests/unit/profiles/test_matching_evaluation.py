"""The matcher scored on phrasings written as clients write (data/phrasings.jsonl), printed, with floors.

Rows come in batches, each written by one hand to one brief (the profiles README tells each round's brief and
scores). The first 407 rows and batches 5-10 were written while the lexicon was built; from batch 11 on, hands wrote
blind: they saw only the vocabulary and their brief, never the lexicon nor the other rows. Holdout rows (30% of the
first rows, every second row of batch 10, every third row from batch 11 on) are never read while tuning, so their
score estimates how the matcher does on words it has not seen. Each new round of hands is scored once before any of
its rows is read; then only its dev rows, and the crisis rows the notice missed, are read.

Each split holds a floor of its own, so adding a harder batch never lowers one, and floors only move up. The second
reading (second_reading.py) is trained on the dev rows, so a dev split's floor holds the lexicon alone, which is
tuned by hand; a holdout split's floor holds the whole matcher, and so does one floor over every holdout row.
Retraining on more rows moves a 66-row holdout split by a point or so either way: such a floor may then be set at its
new score, only in the change that raises the floor over every holdout row (the README says which, round by round).
Floors were lowered three times, each documented here. The dev floor of batches 5-9 lost 0.01 of precision, for a
label, when "psicóloga" came to be heard as asking for a woman, as 12 of the 15 dev rows that say it are labelled
(one of the three that are not is there). The floor over every holdout row lost 0.05 points of recall when the
second reading's thresholds were chosen anew writer by writer (train_second_reading.py --measure): its spurious
terms fell from 23.7% to 21.8%. The holdout floors lost recall once more, by 0.7 points over the rows before batch
71 and up to 3 on a 66-row split, when the second reading came to drop a concern far less likely than a text's
likeliest (second_reading.RELATIVE): measured writer by writer on fourteen hands it took about two points of
spurious terms for each point of recall, and over those rows spurious terms fell from 21.8% to 19.3%. Each such
split was set at its new score.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from profiles.domain.understanding import scored

PHRASINGS = [json.loads(line) for line in (Path(__file__).parent / "data" / "phrasings.jsonl").read_text().splitlines()]
SETS = {"first batches": lambda row: "batch" not in row, "batches 5-9": lambda row: 5 <= row.get("batch", 0) <= 9,
        **{f"batch {n}": (lambda row, n=n: row.get("batch") == n) for n in range(10, 79)}}
HOLDOUT_FLOOR = (0.7348, 0.796)  # (recall, precision) over every holdout row: only moves up
FLOORS = {  # (recall, precision)
    ("dev", "first batches"): (0.94, 0.96), ("holdout", "first batches"): (0.76, 0.89),
    ("dev", "batches 5-9"): (0.9, 0.88), ("holdout", "batches 5-9"): (0.81, 0.83),
    ("dev", "batch 10"): (0.93, 0.9), ("holdout", "batch 10"): (0.86, 0.86),
    ("dev", "batch 11"): (0.87, 0.75), ("holdout", "batch 11"): (0.78, 0.7),
    ("dev", "batch 12"): (0.86, 0.67), ("holdout", "batch 12"): (0.81, 0.65),
    ("dev", "batch 13"): (0.82, 0.7), ("holdout", "batch 13"): (0.77, 0.8),
    ("dev", "batch 14"): (0.76, 0.74), ("holdout", "batch 14"): (0.75, 0.79),
    ("dev", "batch 15"): (0.75, 0.76), ("holdout", "batch 15"): (0.71, 0.77),
    ("dev", "batch 16"): (0.72, 0.78), ("holdout", "batch 16"): (0.63, 0.74),
    ("dev", "batch 17"): (0.83, 0.75), ("holdout", "batch 17"): (0.77, 0.75),
    ("dev", "batch 18"): (0.78, 0.68), ("holdout", "batch 18"): (0.78, 0.67),
    ("dev", "batch 19"): (0.81, 0.7), ("holdout", "batch 19"): (0.78, 0.71),
    ("dev", "batch 20"): (0.75, 0.69), ("holdout", "batch 20"): (0.71, 0.76),
    ("dev", "batch 21"): (0.63, 0.62), ("holdout", "batch 21"): (0.69, 0.72),
    ("dev", "batch 22"): (0.8, 0.77), ("holdout", "batch 22"): (0.8, 0.78),
    ("dev", "batch 23"): (0.65, 0.74), ("holdout", "batch 23"): (0.65, 0.75),
    ("dev", "batch 24"): (0.72, 0.72), ("holdout", "batch 24"): (0.7, 0.78),
    ("dev", "batch 25"): (0.7, 0.75), ("holdout", "batch 25"): (0.67, 0.85),
    ("dev", "batch 26"): (0.76, 0.76), ("holdout", "batch 26"): (0.65, 0.75),
    ("dev", "batch 27"): (0.74, 0.75), ("holdout", "batch 27"): (0.7, 0.81),
    ("dev", "batch 28"): (0.66, 0.66), ("holdout", "batch 28"): (0.56, 0.67),
    ("dev", "batch 29"): (0.67, 0.75), ("holdout", "batch 29"): (0.66, 0.8),
    ("dev", "batch 30"): (0.73, 0.74), ("holdout", "batch 30"): (0.76, 0.77),
    ("dev", "batch 31"): (0.66, 0.7), ("holdout", "batch 31"): (0.57, 0.72),
    ("dev", "batch 32"): (0.79, 0.82), ("holdout", "batch 32"): (0.77, 0.84),
    ("dev", "batch 33"): (0.73, 0.73), ("holdout", "batch 33"): (0.77, 0.78),
    ("dev", "batch 34"): (0.58, 0.67), ("holdout", "batch 34"): (0.64, 0.72),
    ("dev", "batch 35"): (0.74, 0.75), ("holdout", "batch 35"): (0.72, 0.74),
    ("dev", "batch 36"): (0.68, 0.77), ("holdout", "batch 36"): (0.72, 0.75),
    ("dev", "batch 37"): (0.83, 0.63), ("holdout", "batch 37"): (0.8, 0.69),
    ("dev", "batch 38"): (0.71, 0.78), ("holdout", "batch 38"): (0.67, 0.75),
    ("dev", "batch 39"): (0.74, 0.74), ("holdout", "batch 39"): (0.77, 0.77),
    ("dev", "batch 40"): (0.77, 0.77), ("holdout", "batch 40"): (0.8, 0.75),
    ("dev", "batch 41"): (0.72, 0.75), ("holdout", "batch 41"): (0.75, 0.72),
    ("dev", "batch 42"): (0.76, 0.75), ("holdout", "batch 42"): (0.72, 0.77),
    ("dev", "batch 43"): (0.76, 0.53), ("holdout", "batch 43"): (0.77, 0.66),
    ("dev", "batch 44"): (0.77, 0.74), ("holdout", "batch 44"): (0.72, 0.8),
    ("dev", "batch 45"): (0.69, 0.63), ("holdout", "batch 45"): (0.61, 0.71),
    ("dev", "batch 46"): (0.75, 0.75), ("holdout", "batch 46"): (0.71, 0.75),
    ("dev", "batch 47"): (0.71, 0.72), ("holdout", "batch 47"): (0.69, 0.72),
    ("dev", "batch 48"): (0.7, 0.73), ("holdout", "batch 48"): (0.73, 0.73),
    ("dev", "batch 49"): (0.71, 0.72), ("holdout", "batch 49"): (0.74, 0.79),
    ("dev", "batch 50"): (0.82, 0.82), ("holdout", "batch 50"): (0.81, 0.74),
    ("dev", "batch 51"): (0.64, 0.73), ("holdout", "batch 51"): (0.59, 0.68),
    ("dev", "batch 52"): (0.67, 0.68), ("holdout", "batch 52"): (0.71, 0.77),
    ("dev", "batch 53"): (0.63, 0.67), ("holdout", "batch 53"): (0.64, 0.67),
    ("dev", "batch 54"): (0.68, 0.68), ("holdout", "batch 54"): (0.64, 0.67),
    ("dev", "batch 55"): (0.78, 0.76), ("holdout", "batch 55"): (0.75, 0.78),
    ("dev", "batch 56"): (0.81, 0.74), ("holdout", "batch 56"): (0.78, 0.74),
    ("dev", "batch 57"): (0.88, 0.77), ("holdout", "batch 57"): (0.89, 0.77),
    ("dev", "batch 58"): (0.87, 0.77), ("holdout", "batch 58"): (0.89, 0.79),
    ("dev", "batch 59"): (0.86, 0.79), ("holdout", "batch 59"): (0.81, 0.76),
    ("dev", "batch 60"): (0.85, 0.69), ("holdout", "batch 60"): (0.89, 0.76),
    ("dev", "batch 61"): (0.78, 0.71), ("holdout", "batch 61"): (0.85, 0.73),
    ("dev", "batch 62"): (0.85, 0.77), ("holdout", "batch 62"): (0.91, 0.83),
    ("dev", "batch 63"): (0.77, 0.76), ("holdout", "batch 63"): (0.7, 0.67),
    ("dev", "batch 64"): (0.84, 0.77), ("holdout", "batch 64"): (0.73, 0.74),
    ("dev", "batch 65"): (0.78, 0.65), ("holdout", "batch 65"): (0.77, 0.72),
    ("dev", "batch 66"): (0.73, 0.74), ("holdout", "batch 66"): (0.68, 0.76),
    ("dev", "batch 67"): (0.69, 0.7), ("holdout", "batch 67"): (0.75, 0.81),
    ("dev", "batch 68"): (0.75, 0.77), ("holdout", "batch 68"): (0.7, 0.82),
    ("dev", "batch 69"): (0.77, 0.77), ("holdout", "batch 69"): (0.8, 0.72),
    ("dev", "batch 70"): (0.82, 0.82), ("holdout", "batch 70"): (0.93, 0.79),
    ("dev", "batch 71"): (0.72, 0.67), ("holdout", "batch 71"): (0.53, 0.7),
    ("dev", "batch 72"): (0.76, 0.68), ("holdout", "batch 72"): (0.63, 0.64),
    ("dev", "batch 73"): (0.68, 0.57), ("holdout", "batch 73"): (0.59, 0.56),
    ("dev", "batch 74"): (0.68, 0.66), ("holdout", "batch 74"): (0.67, 0.71),
    ("dev", "batch 75"): (0.71, 0.66), ("holdout", "batch 75"): (0.79, 0.75),
    ("dev", "batch 76"): (0.72, 0.62), ("holdout", "batch 76"): (0.72, 0.74),
    ("dev", "batch 77"): (0.78, 0.68), ("holdout", "batch 77"): (0.8, 0.81),
    ("dev", "batch 78"): (0.68, 0.66), ("holdout", "batch 78"): (0.64, 0.65),
}


def test_the_evaluation_set_is_broad_and_spans_the_vocabulary():
    from profiles.domain import taxonomy

    assert len(PHRASINGS) >= 150 and all(row["terms"] for row in PHRASINGS)
    covered = {t.split(":", 1)[1] for row in PHRASINGS for t in row["terms"] if t.startswith("issue:")}
    assert covered == set(taxonomy.ISSUES), "every issue in the vocabulary is phrased at least once"
    assert 0.25 <= sum(row["split"] == "holdout" for row in PHRASINGS) / len(PHRASINGS) <= 0.35


@pytest.mark.parametrize(("split", "batches"), list(FLOORS))
def test_matcher_score_holds_its_floor(split, batches, capsys):
    # The second reading is trained on the dev rows: there the floor holds the lexicon alone, which is tuned by hand.
    rows = [row for row in PHRASINGS if row["split"] == split and SETS[batches](row)]
    recall, precision = scored(rows, reread=split == "holdout")
    with capsys.disabled():
        print(f"\nmatcher on {len(rows)} {split} phrasings ({batches}{', lexicon alone' * (split == 'dev')}): "
              f"recall {recall:.1%}, spurious {1 - precision:.1%}")
    floor_recall, floor_precision = FLOORS[split, batches]
    assert recall >= floor_recall and precision >= floor_precision


def test_every_holdout_row_together_holds_its_floor(capsys):
    rows = [row for row in PHRASINGS if row["split"] == "holdout"]
    recall, precision = scored(rows)
    with capsys.disabled():
        print(f"\nmatcher on all {len(rows)} holdout phrasings: recall {recall:.1%}, spurious {1 - precision:.1%}")
    assert recall >= HOLDOUT_FLOOR[0] and precision >= HOLDOUT_FLOOR[1]


def test_every_phrasing_labelled_a_crisis_raises_the_crisis_notice():
    from profiles.domain.understanding import CRISIS_TERMS, understand

    crises = [row["text"] for row in PHRASINGS if CRISIS_TERMS & set(row["terms"])]
    assert len(crises) >= 60
    assert [text for text in crises if not understand(text).crisis] == []

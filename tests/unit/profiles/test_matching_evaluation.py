"""The matcher scored on phrasings written as clients write (data/phrasings.jsonl), printed, with floors.

Each batch of phrasings was written before the lexicon was tuned on it; the "holdout" rows (30%) were
never printed while tuning, so their score estimates how the matcher does on words it has not seen.
The first 407 rows carry no batch; later batches (5-9, written by different hands: teenagers, parents,
older adults, Spanish speakers; 10, every issue again with typos, slang, negation, Spanish, long texts
and everyday phrases that are not concerns, every second row holdout; 11, 12 and 13, 200 rows each
written blind by hands that never saw the lexicon nor the other rows, every third row holdout, each
scored before the round of tuning that followed it and after, only their dev rows read while tuning;
13 was first scored once, after the round it followed, and its dev rows read in the next; 14 and 15, 200
rows each, written blind by two more hands with more stated ages, populations and several concerns per row,
scored before the round that followed and after it, batch 15's dev rows and the rows of both the crisis
notice missed read; 16, a fifth blind hand, scored once at the end of that round, its two crisis rows the
notice missed read; 17 to 22, six more blind hands, each pair scored once before its dev rows were read, 21
and 22 at the end of that round, their holdout rows never read; 23 to 32, ten more blind hands, 23-26 scored
before the round that followed, 27-28 half way, 29-30 and 31-32 once each near its end, only the crisis rows the
notice missed read of those last four) carry theirs and hold floors of their own, so adding a harder batch never lowers a floor. The
floors only move up: raise them when the matcher improves, never lower them. Once, two were: the second reading
(second_reading.py), measured writer by writer on hands it was not trained on to find more intended terms and fewer
spurious ones, gave up 2.6 and 0.8 points of precision on the holdout rows of batches 10 and 11 for 0.8 of recall
on each; their precision floors were set at their new scores. The second reading is trained on the dev rows, so a
dev split's score is now partly a training score; the holdout splits, and the writer-by-writer measure of
services/profiles/tools/train_second_reading.py --measure, speak for words never seen.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from profiles.domain.understanding import scored

PHRASINGS = [json.loads(line) for line in (Path(__file__).parent / "data" / "phrasings.jsonl").read_text().splitlines()]
SETS = {"first batches": lambda row: "batch" not in row, "batches 5-9": lambda row: 5 <= row.get("batch", 0) <= 9,
        "batch 10": lambda row: row.get("batch") == 10, "batch 11": lambda row: row.get("batch") == 11,
        "batch 12": lambda row: row.get("batch") == 12, "batch 13": lambda row: row.get("batch") == 13,
        "batch 14": lambda row: row.get("batch") == 14, "batch 15": lambda row: row.get("batch") == 15,
        "batch 16": lambda row: row.get("batch") == 16, "batch 17": lambda row: row.get("batch") == 17,
        "batch 18": lambda row: row.get("batch") == 18, "batch 19": lambda row: row.get("batch") == 19,
        "batch 20": lambda row: row.get("batch") == 20, "batch 21": lambda row: row.get("batch") == 21,
        "batch 22": lambda row: row.get("batch") == 22, "batch 23": lambda row: row.get("batch") == 23,
        "batch 24": lambda row: row.get("batch") == 24, "batch 25": lambda row: row.get("batch") == 25,
        "batch 26": lambda row: row.get("batch") == 26, "batch 27": lambda row: row.get("batch") == 27,
        "batch 28": lambda row: row.get("batch") == 28, "batch 29": lambda row: row.get("batch") == 29,
        "batch 30": lambda row: row.get("batch") == 30, "batch 31": lambda row: row.get("batch") == 31,
        "batch 32": lambda row: row.get("batch") == 32}
FLOORS = {  # (recall, precision)
    ("dev", "first batches"): (0.95, 0.96), ("holdout", "first batches"): (0.79, 0.89),
    ("dev", "batches 5-9"): (0.93, 0.89), ("holdout", "batches 5-9"): (0.80, 0.84),
    ("dev", "batch 10"): (0.94, 0.91), ("holdout", "batch 10"): (0.89, 0.86),
    ("dev", "batch 11"): (0.93, 0.80), ("holdout", "batch 11"): (0.78, 0.71),
    ("dev", "batch 12"): (0.94, 0.77), ("holdout", "batch 12"): (0.80, 0.63),
    ("dev", "batch 13"): (0.91, 0.77), ("holdout", "batch 13"): (0.79, 0.78),
    ("dev", "batch 14"): (0.91, 0.81), ("holdout", "batch 14"): (0.76, 0.79),
    ("dev", "batch 15"): (0.89, 0.84), ("holdout", "batch 15"): (0.66, 0.75),
    ("dev", "batch 16"): (0.85, 0.85), ("holdout", "batch 16"): (0.66, 0.74),
    ("dev", "batch 17"): (0.91, 0.81), ("holdout", "batch 17"): (0.75, 0.72),
    ("dev", "batch 18"): (0.88, 0.76), ("holdout", "batch 18"): (0.78, 0.67),
    ("dev", "batch 19"): (0.90, 0.77), ("holdout", "batch 19"): (0.78, 0.69),
    ("dev", "batch 20"): (0.87, 0.78), ("holdout", "batch 20"): (0.70, 0.73),
    ("dev", "batch 21"): (0.83, 0.73), ("holdout", "batch 21"): (0.69, 0.70),
    ("dev", "batch 22"): (0.92, 0.85), ("holdout", "batch 22"): (0.77, 0.78),
    ("dev", "batch 23"): (0.83, 0.84), ("holdout", "batch 23"): (0.66, 0.76),
    ("dev", "batch 24"): (0.86, 0.80), ("holdout", "batch 24"): (0.69, 0.75),
    ("dev", "batch 25"): (0.87, 0.84), ("holdout", "batch 25"): (0.66, 0.84),
    ("dev", "batch 26"): (0.89, 0.82), ("holdout", "batch 26"): (0.65, 0.71),
    ("dev", "batch 27"): (0.88, 0.84), ("holdout", "batch 27"): (0.69, 0.81),
    ("dev", "batch 28"): (0.82, 0.77), ("holdout", "batch 28"): (0.58, 0.67),
    ("dev", "batch 29"): (0.79, 0.81), ("holdout", "batch 29"): (0.67, 0.75),
    ("dev", "batch 30"): (0.87, 0.81), ("holdout", "batch 30"): (0.75, 0.75),
    ("dev", "batch 31"): (0.85, 0.81), ("holdout", "batch 31"): (0.59, 0.71),
    ("dev", "batch 32"): (0.86, 0.85), ("holdout", "batch 32"): (0.76, 0.79),
}


def test_the_evaluation_set_is_broad_and_spans_the_vocabulary():
    from profiles.domain import taxonomy

    assert len(PHRASINGS) >= 150 and all(row["terms"] for row in PHRASINGS)
    covered = {t.split(":", 1)[1] for row in PHRASINGS for t in row["terms"] if t.startswith("issue:")}
    assert covered == set(taxonomy.ISSUES), "every issue in the vocabulary is phrased at least once"
    assert 0.25 <= sum(row["split"] == "holdout" for row in PHRASINGS) / len(PHRASINGS) <= 0.35


@pytest.mark.parametrize(("split", "batches"), list(FLOORS))
def test_matcher_score_holds_its_floor(split, batches, capsys):
    rows = [row for row in PHRASINGS if row["split"] == split and SETS[batches](row)]
    recall, precision = scored(rows)
    with capsys.disabled():
        print(f"\nmatcher on {len(rows)} {split} phrasings ({batches}): recall {recall:.1%}, "
              f"spurious {1 - precision:.1%}")
    floor_recall, floor_precision = FLOORS[split, batches]
    assert recall >= floor_recall and precision >= floor_precision


def test_every_phrasing_labelled_a_crisis_raises_the_crisis_notice():
    from profiles.domain.understanding import CRISIS_TERMS, understand

    crises = [row["text"] for row in PHRASINGS if CRISIS_TERMS & set(row["terms"])]
    assert len(crises) >= 60
    assert [text for text in crises if not understand(text).crisis] == []

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
notice missed read of those last four; 33 to 38, six more blind hands, scored once with the lexicon and the
second reading as they stood, then only the crisis rows the notice missed and dev rows read; 39 to 44, six more
blind hands written to the issue's own brief (every issue, short everyday words, typos, negation, slang, Spanish,
long texts, several concerns at once), scored the same way; 45 to 50 and 51 to 56, six more each to that brief,
scored the same way) carry theirs and hold floors of their own, so adding a harder batch never lowers a floor. The
floors only move up: raise them when the matcher improves, never lower them.

The second reading (second_reading.py) is trained on the dev rows, so a dev split's floor holds the lexicon alone,
which is tuned by hand; a holdout split's floor holds the whole matcher, and so does one floor over every holdout
row together. Retraining on more rows moves a 66-row split by a point or so either way: a holdout split's floor
may then be set at its new score, only in the change that raises the floor over every holdout row. When it was
introduced, writer by writer on hands it was not trained on it found more intended terms and fewer spurious ones
(services/profiles/tools/train_second_reading.py --measure); over every holdout row, 70.3% / 26.6% spurious with
the lexicon alone and 72.5% / 24.4% with it, while four holdout splits fell below the floors they had (the first
rows' recall by 0.4 points; batches 5-9, 10 and 11 by 0.5, 1 and 3.3 points of precision, each with more recall).
Then batch 17's holdout precision fell by 0.2 points for a healthcare worker heard that its writer did not file.
When batches 39 to 44 came in, the floor over every holdout row was set anew with their 396 holdout rows (over the
2,147 before them it rose from 72.6% / 24.4% spurious to 73.1% / 24.3%) and, with it, the holdout floors of batches
10, 19, 20, 23, 30, 33, 34 and 38 at their new scores, after the second reading was retrained; and the dev floor of
batches 5-9 lost a point of precision: "psicóloga" is heard as asking for a woman, as 12 of the 15 dev rows that
say it are labelled, and one of the three that are not is there. When batches 45 to 50 came in (six more hands to
the same brief, scored once before any row was read, only the crisis rows the notice missed and then dev rows read),
it was set anew again (over the 2,543 holdout rows before them it rose from 73.4% / 24.6% to 73.5% / 24.3%), with
the holdout floors of batches 11, 13, 15, 16, 22, 35 and 36 at their new scores after the second reading was retrained.
So again with batches 51 to 56 (six more to the brief, scored once; over the 2,939 holdout rows before them 73.4% /
24.5% -> 73.7% / 24.2%), with the holdout floors of batches 5-9, 13, 18, 19, 28, 31, 33, 34, 36, 41, 42, 43 and 47.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from profiles.domain.understanding import scored

PHRASINGS = [json.loads(line) for line in (Path(__file__).parent / "data" / "phrasings.jsonl").read_text().splitlines()]
SETS = {"first batches": lambda row: "batch" not in row, "batches 5-9": lambda row: 5 <= row.get("batch", 0) <= 9,
        **{f"batch {n}": (lambda row, n=n: row.get("batch") == n) for n in range(10, 57)}}
HOLDOUT_FLOOR = (0.7323, 0.7543)  # (recall, precision) over every holdout row: only moves up
FLOORS = {  # (recall, precision)
    ("dev", "first batches"): (0.94, 0.96), ("holdout", "first batches"): (0.79, 0.89),
    ("dev", "batches 5-9"): (0.90, 0.88), ("holdout", "batches 5-9"): (0.81, 0.83),
    ("dev", "batch 10"): (0.93, 0.90), ("holdout", "batch 10"): (0.89, 0.88),
    ("dev", "batch 11"): (0.87, 0.75), ("holdout", "batch 11"): (0.79, 0.71),
    ("dev", "batch 12"): (0.86, 0.67), ("holdout", "batch 12"): (0.83, 0.65),
    ("dev", "batch 13"): (0.82, 0.70), ("holdout", "batch 13"): (0.79, 0.79),
    ("dev", "batch 14"): (0.76, 0.74), ("holdout", "batch 14"): (0.76, 0.79),
    ("dev", "batch 15"): (0.75, 0.76), ("holdout", "batch 15"): (0.71, 0.77),
    ("dev", "batch 16"): (0.72, 0.78), ("holdout", "batch 16"): (0.66, 0.75),
    ("dev", "batch 17"): (0.83, 0.75), ("holdout", "batch 17"): (0.78, 0.73),
    ("dev", "batch 18"): (0.78, 0.68), ("holdout", "batch 18"): (0.80, 0.67),
    ("dev", "batch 19"): (0.81, 0.70), ("holdout", "batch 19"): (0.78, 0.72),
    ("dev", "batch 20"): (0.75, 0.69), ("holdout", "batch 20"): (0.72, 0.76),
    ("dev", "batch 21"): (0.63, 0.62), ("holdout", "batch 21"): (0.70, 0.72),
    ("dev", "batch 22"): (0.80, 0.77), ("holdout", "batch 22"): (0.80, 0.78),
    ("dev", "batch 23"): (0.65, 0.74), ("holdout", "batch 23"): (0.68, 0.75),
    ("dev", "batch 24"): (0.72, 0.72), ("holdout", "batch 24"): (0.71, 0.78),
    ("dev", "batch 25"): (0.70, 0.75), ("holdout", "batch 25"): (0.67, 0.85),
    ("dev", "batch 26"): (0.76, 0.76), ("holdout", "batch 26"): (0.67, 0.72),
    ("dev", "batch 27"): (0.74, 0.75), ("holdout", "batch 27"): (0.70, 0.81),
    ("dev", "batch 28"): (0.66, 0.66), ("holdout", "batch 28"): (0.57, 0.67),
    ("dev", "batch 29"): (0.67, 0.75), ("holdout", "batch 29"): (0.68, 0.76),
    ("dev", "batch 30"): (0.73, 0.74), ("holdout", "batch 30"): (0.77, 0.77),
    ("dev", "batch 31"): (0.66, 0.70), ("holdout", "batch 31"): (0.60, 0.72),
    ("dev", "batch 32"): (0.79, 0.82), ("holdout", "batch 32"): (0.77, 0.84),
    ("dev", "batch 33"): (0.73, 0.73), ("holdout", "batch 33"): (0.77, 0.78),
    ("dev", "batch 34"): (0.58, 0.67), ("holdout", "batch 34"): (0.65, 0.72),
    ("dev", "batch 35"): (0.74, 0.75), ("holdout", "batch 35"): (0.73, 0.74),
    ("dev", "batch 36"): (0.68, 0.77), ("holdout", "batch 36"): (0.73, 0.75),
    ("dev", "batch 37"): (0.83, 0.63), ("holdout", "batch 37"): (0.81, 0.68),
    ("dev", "batch 38"): (0.71, 0.78), ("holdout", "batch 38"): (0.68, 0.76),
    ("dev", "batch 39"): (0.74, 0.74), ("holdout", "batch 39"): (0.77, 0.77),
    ("dev", "batch 40"): (0.77, 0.77), ("holdout", "batch 40"): (0.82, 0.75),
    ("dev", "batch 41"): (0.72, 0.75), ("holdout", "batch 41"): (0.75, 0.72),
    ("dev", "batch 42"): (0.76, 0.75), ("holdout", "batch 42"): (0.72, 0.77),
    ("dev", "batch 43"): (0.76, 0.53), ("holdout", "batch 43"): (0.77, 0.66),
    ("dev", "batch 44"): (0.77, 0.74), ("holdout", "batch 44"): (0.74, 0.76),
    ("dev", "batch 45"): (0.69, 0.63), ("holdout", "batch 45"): (0.61, 0.71),
    ("dev", "batch 46"): (0.75, 0.75), ("holdout", "batch 46"): (0.71, 0.75),
    ("dev", "batch 47"): (0.71, 0.72), ("holdout", "batch 47"): (0.69, 0.72),
    ("dev", "batch 48"): (0.70, 0.73), ("holdout", "batch 48"): (0.74, 0.73),
    ("dev", "batch 49"): (0.71, 0.72), ("holdout", "batch 49"): (0.74, 0.79),
    ("dev", "batch 50"): (0.82, 0.82), ("holdout", "batch 50"): (0.81, 0.74),
    ("dev", "batch 51"): (0.64, 0.73), ("holdout", "batch 51"): (0.60, 0.68),
    ("dev", "batch 52"): (0.67, 0.68), ("holdout", "batch 52"): (0.74, 0.74),
    ("dev", "batch 53"): (0.63, 0.67), ("holdout", "batch 53"): (0.64, 0.67),
    ("dev", "batch 54"): (0.68, 0.68), ("holdout", "batch 54"): (0.64, 0.67),
    ("dev", "batch 55"): (0.78, 0.76), ("holdout", "batch 55"): (0.75, 0.78),
    ("dev", "batch 56"): (0.81, 0.74), ("holdout", "batch 56"): (0.78, 0.74),
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

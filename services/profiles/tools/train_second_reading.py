"""Train the second reading (profiles/domain/second_reading.py) on the evaluation set's dev rows.

    python services/profiles/tools/train_second_reading.py            # writes profiles/data/second_reading.json
    python services/profiles/tools/train_second_reading.py --measure  # each blind hand scored by a model
                                                                      # trained without its rows

Run it after adding or relabelling phrasings (a test holds that the model was trained on the current dev rows), and
when the lexicon has changed much: the model reads what the lexicon heard, and a few new idioms leave it sound.
Retraining moves each 66-row holdout split by a point or so either way: keep it when the score over every holdout
row rises (test_matching_evaluation.py). scikit-learn fits the models (a tooling requirement); the service reads
only the JSON it writes.
"""
from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from profiles.domain import second_reading
from profiles.domain.understanding import NOT_LABELLED, scored, understand, unlabelled

ROOT = Path(__file__).resolve().parents[3]
PHRASINGS = ROOT / "tests/unit/profiles/data/phrasings.jsonl"
MODEL = ROOT / "services/profiles/profiles/data/second_reading.json"
MIN_DOCUMENTS = 3  # a word or pair seen in fewer training rows is noise
MIN_POSITIVES = 15  # a term named fewer times is left to the lexicon alone (3 measured the same, and
# dropped rare idioms the lexicon had right)
C = 4.0  # inverse regularisation, chosen writer by writer (--measure) among 1, 4 and 16
PRUNE = 0.2  # smaller weights change no decision measurably and would make the file ten times larger
# Blind hands held out in turn by --measure: the last two rounds of eight, the five of six before them, the pairs
# before those and the first four of that round.
HANDS = [tuple(range(71, 79)), tuple(range(63, 71)), tuple(range(57, 63)), tuple(range(51, 57)),
         tuple(range(45, 51)), tuple(range(39, 45)), tuple(range(33, 39)), (31, 32), (29, 30), (27, 28),
         (23, 24, 25, 26)]


def fit(rows: list[dict]) -> dict:
    """A model (as written to JSON) from labelled rows: their texts, their terms and what the lexicon hears."""
    heard = [understand(row["text"], reread=False).terms for row in rows]
    documents = Counter(g for row in rows for g in set(second_reading.grams(row["text"])))
    n = len(rows)
    idf = {g: round(math.log((1 + n) / (1 + df)) + 1, 4) for g, df in documents.items() if df >= MIN_DOCUMENTS}
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([second_reading.features(row["text"], h, idf)
                                  for row, h in zip(rows, heard, strict=True)])
    names = vectorizer.get_feature_names_out()
    named = Counter(t for row in rows for t in set(row["terms"]))
    bias: dict[str, float] = {}
    weights: dict[str, dict[str, float]] = {}
    # An insurer is named, never inferred, and the rows before batch 89 never label it: a model would learn to drop it.
    # Each term's model learns only from the rows whose hands were asked to file it.
    for term in sorted(t for t, count in named.items() if count >= MIN_POSITIVES and not t.startswith(NOT_LABELLED)):
        asked = [i for i, row in enumerate(rows) if not term.startswith(unlabelled(row))]
        y = [term in rows[i]["terms"] for i in asked]
        model = LogisticRegression(C=C, max_iter=5000).fit(x[asked], y)
        bias[term] = round(float(model.intercept_[0]), 4)
        for name, weight in zip(names, model.coef_[0], strict=True):
            if abs(weight) >= PRUNE:
                weights.setdefault(str(name), {})[term] = round(float(weight), 4)
    used = {g for g in weights if not g.startswith(second_reading.HEARD)}
    return {"idf": {g: v for g, v in sorted(idf.items()) if g in used}, "bias": bias, "weights": weights}


def score(rows: list[dict], reread: bool) -> tuple[float, float]:
    """(recall, spurious share), as the evaluation scores them."""
    recall, precision = scored(rows, reread)
    return recall, 1 - precision


def measure(rows: list[dict]) -> None:
    for hand in HANDS:
        trained = fit([r for r in rows if r["split"] == "dev" and r.get("batch", 0) not in hand])
        model = second_reading.Model(trained["idf"], trained["bias"], trained["weights"])
        second_reading.default = lambda model=model: model  # this hand's model, for this measure only
        held = [r for r in rows if r.get("batch", 0) in hand]
        before, after = score(held, reread=False), score(held, reread=True)
        print(f"batches {hand}, {len(held)} rows never trained on: lexicon {before[0]:.1%} / {before[1]:.1%} "
              f"spurious, with the second reading {after[0]:.1%} / {after[1]:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measure", action="store_true", help="score each blind hand without training on it")
    args = parser.parse_args()
    rows = [json.loads(line) for line in PHRASINGS.read_text().splitlines()]
    if args.measure:
        measure(rows)
        return
    dev = [r for r in rows if r["split"] == "dev"]
    model = {"trained_on": second_reading.fingerprint(dev), **fit(dev)}
    MODEL.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"{MODEL.relative_to(ROOT)}: {len(model['bias'])} terms, {len(model['idf'])} words and pairs, "
          f"{sum(map(len, model['weights'].values()))} weights, trained on {len(dev)} dev rows")


if __name__ == "__main__":
    main()

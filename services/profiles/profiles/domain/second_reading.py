"""A second reading of a client's words: which of the terms the lexicon heard a person would name, and what it missed.

The lexicon (understanding.py) hears every concern a text mentions; people asked what a text is about name
the one or two it is about, and name some it only implies. A linear model per term, trained on the
evaluation set's dev rows (tools/train_second_reading.py), reads the text's words and word pairs beside
what the lexicon heard and gives each term a probability: a heard term the model finds unlikely is left
out, and a term the lexicon did not mention that the model finds likely is added. Measured writer by
writer (trained without a blind hand's rows, scored on them), it removes three to four points of spurious
terms and adds one to two of recall (profiles README).

It weighs only concerns and populations (inferred from lay words); it never drops crisis terms or a term named
outright ("my anxiety"), and never adds a term the lexicon heard and set aside on purpose (denied, someone else's,
in the past). Pure and in memory, like the lexicon.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

# Chosen writer by writer (tools/train_second_reading.py --measure) once 8,600 dev rows had come in: against 0.08
# and 0.4, these took one to two points of spurious terms off each of the last five rounds' hands held out, and
# recall rose on each; on the first rows, whose writers name more concerns a text, recall fell.
KEEP = 0.2  # a heard term stays unless the model gives it less than this
ADD = 0.3  # an unheard term is added from this on
# People name the one or two concerns a text is about: a concern far less likely than the text's likeliest is left
# out unless named. Measured writer by writer on fourteen hands: about two points fewer spurious terms for one of
# recall (0.3: one for a third of one; an absolute KEEP of 0.3 cost as much recall for less).
RELATIVE = 0.4
CONCERN = "issue:"
# Concerns and populations are what the lexicon infers from lay words, and what readers disagree on: only they are
# dropped or added. A specialty, a type of therapy, an identity or a language is asked for by name and passes as heard.
WEIGHED = (CONCERN, "population:")
GRAM = re.compile(r"\b\w\w+\b")  # words of two letters or more; the model's features are these and their pairs
HEARD = "heard "  # prefix of the features saying what the lexicon heard


@dataclass(frozen=True)
class Model:
    idf: dict[str, float]  # word or word pair -> inverse document frequency over the training rows
    bias: dict[str, float]  # term -> intercept
    weights: dict[str, dict[str, float]]  # feature -> {term: weight}; small weights pruned
    trained_on: str = ""  # fingerprint() of the rows it was trained on


def grams(text: str) -> list[str]:
    """Lowercased words and adjacent word pairs, as the model counts them."""
    words = GRAM.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def features(text: str, heard: Iterable[str], idf: dict[str, float]) -> dict[str, float]:
    """tf-idf of the known words and pairs (sublinear, unit length), beside one feature per term heard."""
    counts = Counter(g for g in grams(text) if g in idf)
    vector = {g: (1 + math.log(n)) * idf[g] for g, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    vector = {g: v / norm for g, v in vector.items()}
    heard = list(heard)
    vector.update({HEARD + term: 1.0 for term in heard})
    if heard:  # readers name the concern a text opens with, and fewer of many than of few
        vector[f"{HEARD}first {heard[0]}"] = 1.0
        vector[f"{HEARD}{min(len(heard), 5)} terms"] = 1.0
    return vector


def probabilities(model: Model, vector: dict[str, float]) -> dict[str, float]:
    """Each modelled term's probability that a reader would name it."""
    scores = dict(model.bias)
    for feature, value in vector.items():
        for term, weight in model.weights.get(feature, {}).items():
            scores[term] += weight * value
    return {term: 1 / (1 + math.exp(-max(-30.0, min(30.0, s)))) for term, s in scores.items()}


def revised(text: str, heard: list[str], set_aside: set[str], kept: frozenset[str] | set[str],
            model: Model | None = None) -> list[str]:
    """`heard` without the terms a reader would not name, then the unheard ones a reader would, likeliest first.

    `kept` are never dropped (crisis terms, terms named outright), nor is a language; `set_aside` never added.
    A concern far less likely than the likeliest one is dropped as well."""
    model = model or default()
    p = probabilities(model, features(text, heard, model.idf))
    terms = [t for t in heard if t in kept or not t.startswith(WEIGHED) or p.get(t, 1.0) >= KEEP]
    added = sorted((t for t, q in p.items() if q >= ADD and t.startswith(WEIGHED) and t not in heard
                    and t not in set_aside), key=lambda t: (-p[t], t))
    terms += added
    concerns = [p.get(t, 1.0) for t in terms if t.startswith(CONCERN)]
    top = max(concerns, default=0.0)
    return [t for t in terms if t in kept or not t.startswith(CONCERN) or p.get(t, 1.0) >= RELATIVE * top]


def fingerprint(rows: Iterable[dict]) -> str:
    """What a model was trained on: the dev rows' texts and terms, so a stale model is noticed."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps([row["text"], sorted(row["terms"])], ensure_ascii=False).encode())
    return digest.hexdigest()


@functools.cache
def default() -> Model:
    """The shipped model (data/second_reading.json), read once."""
    data = json.loads(resources.files("profiles").joinpath("data", "second_reading.json").read_text("utf-8"))
    return Model(data["idf"], data["bias"], data["weights"], data["trained_on"])

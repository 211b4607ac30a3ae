"""Concerns written in a language the lexicon does not stem: a message in Korean, French or Arabic is heard
for its common concerns, and for crisis language above all, not only for the language it asks for; and for who
the therapist should be when that is asked in the same words ("معالجة مسلمة", a Muslim woman therapist; "女咨询师").

The words (`profiles/data/other_languages.json`) are stems and short phrases per language, found as
substrings of the text once both are lower-cased and stripped of accents (as the lexicon's are): "deprim"
finds "déprimée", "депресс" "депрессией". Where words are separated by spaces an entry must begin a word;
Chinese, Japanese, Thai and Khmer have no spaces, and Arabic-script and Hebrew words carry their "and", "the" and "with"
in front, so there an entry may begin anywhere. An entry inside a longer one of another term gives way to it
("社交焦虑", social anxiety, is not also "焦虑", anxiety). A concern one of the language's negators comes just before
("je ne suis pas déprimée", "我不焦虑") is dropped, as in English; crisis language counts even when denied.
Only the language the message is written in is listened for: French "mal" is not English "mal".
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources

from .words import normalise

# Written without spaces, or with prefixes joined to the word: an entry may begin inside a word.
JOINED = frozenset({"cmn", "ja", "ar", "fa", "ur", "he", "th", "km"})
NO_SPACES = frozenset({"cmn", "ja", "th", "km"})
NEGATION_REACH = 3  # words (characters, without spaces) before a concern that a negator may stand in
LOOK_BACK = 80  # characters enough to hold those words
_CLAUSE_BREAK = re.compile(r"[.!?;,\n。！？；，、،؛]")


@dataclass(frozen=True)
class Tongue:
    entries: tuple[tuple[str, str], ...]  # (normalised entry, term), longest first
    negators: frozenset[str]
    joined: bool
    spaced: bool


@dataclass(frozen=True)
class Heard:
    terms: tuple[str, ...]  # in the order they came up
    crisis: bool


# Written Cantonese shares Chinese characters, and most words for a concern, with written Mandarin.
SHARES_A_TABLE = {"yue": "cmn"}


@functools.cache
def tongues() -> dict[str, Tongue]:
    """Each language's entries, read once from package data."""
    data = json.loads(resources.files("profiles").joinpath("data", "other_languages.json").read_text("utf-8"))
    found = {}
    for language, table in data.items():
        entries = {(normalise(entry), term) for term, said in table["terms"].items() for entry in said}
        # Longest first; ties by the words themselves, so every process hears a text alike.
        found[language] = Tongue(tuple(sorted(entries, key=lambda e: (-len(e[0]), e))),
                                 frozenset(normalise(n) for n in table.get("negators", ())),
                                 language in JOINED, language not in NO_SPACES)
    return found


def heard(text: str, language: str | None, crisis_terms: frozenset[str]) -> Heard:
    """The terms `text`, written in `language`, speaks of, and whether it speaks of a crisis."""
    tongue = tongues().get(SHARES_A_TABLE.get(language or "", language or ""))
    if tongue is None:
        return Heard((), False)
    written = normalise(text)
    first: dict[str, int] = {}
    claimed: list[tuple[int, int, str]] = []  # spans heard, longest entries first: "社交焦虑" is not also "焦虑"
    crisis = False
    for entry, term in tongue.entries:
        for at in _occurrences(written, entry, tongue):
            crisis = crisis or term in crisis_terms
            if any(s <= at and at + len(entry) <= e and e - s > len(entry) and t != term for s, e, t in claimed):
                continue
            if term in crisis_terms or not _negated(written, at, tongue):
                claimed.append((at, at + len(entry), term))
                first[term] = min(at, first.get(term, at))
                break
    return Heard(tuple(sorted(first, key=lambda t: first[t])), crisis)


def crisis_in_any_tongue(text: str, phrases: tuple[tuple[Tongue, str], ...]) -> bool:
    """Whether any of `phrases` (crisis_phrases()) stands in `text`, whichever language it was taken for: a short
    message is easily taken for the wrong one ("eu quero morrer" reads as Spanish), and the notice must not depend
    on it. A phrase must end where a word ends ("me cortar" is not "me cortaron")."""
    written = normalise(text)
    return any(_whole(written, at, entry, tongue)
               for tongue, entry in phrases for at in _occurrences(written, entry, tongue))


def crisis_phrases(crisis_terms: frozenset[str], english: Callable[[str], bool]) -> tuple[tuple[Tongue, str], ...]:
    """Every table's crisis phrases, and words in a script of their own: not a single Latin-script stem ("suicid"),
    nor a phrase that is `english` ("self harm"), which the lexicon reads with their negations and their pasts."""
    return tuple((tongue, entry) for tongue in tongues().values() for entry, term in tongue.entries
                 if term in crisis_terms and not english(entry)
                 and (" " in entry or any(ord(c) > 0x24F for c in entry)))


def _whole(written: str, at: int, entry: str, tongue: Tongue) -> bool:
    end = at + len(entry)
    return tongue.joined or end == len(written) or not written[end].isalnum()


def _occurrences(written: str, entry: str, tongue: Tongue) -> Iterator[int]:
    """Where `entry` stands in the text: at the start of a word, unless the language joins words."""
    start = written.find(entry)
    while start != -1:
        if tongue.joined or start == 0 or not written[start - 1].isalnum():
            yield start
        start = written.find(entry, start + 1)


def _negated(written: str, at: int, tongue: Tongue) -> bool:
    """Whether a negator stands among the few words (characters, in Chinese and Japanese) before `at`, in
    the same clause."""
    before = _CLAUSE_BREAK.split(written[max(0, at - LOOK_BACK):at])[-1]  # not the whole text before, every time
    if not tongue.spaced:
        window = before[-NEGATION_REACH:]
        return any(n in window for n in tongue.negators)
    return any(w in tongue.negators for w in re.findall(r"[\w']+", before)[-NEGATION_REACH:])

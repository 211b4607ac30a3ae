"""A client's own words -> vocabulary terms, and whether they speak of a crisis.

A lexicon matcher, chosen by measurement over a sentence-embedding model (profiles README): every
term's label and lay synonyms (English and Spanish) are stemmed into word patterns; the client's
text is tokenised, typos corrected towards the lexicon (only for words no dictionary knows),
stemmed both ways, and matched. Negated mentions ("not depressed, just anxious") are dropped, and
a mention inside a longer one of another term ("social anxiety" over "anxiety") gives way to it.
Pure and in memory: the text is never stored, logged or sent anywhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .words import NEGATORS, is_break, normalise, tokens

MAX_GAP = 1  # skippable words a short pattern may pass between two of its own
MAX_GAPPED_LENGTH = 3  # longer patterns match as written: "my husband and i" is not "my husband's job and i"
# Words a pattern may skip, besides numbers: "husband [often] hits me", "gained [50] lbs"; other words break it.
SKIPPABLE = frozenset("really so very just always often also even totally constantly sometimes still ever actually "
                      "literally kinda pretty super too all much a an the my his her their our your this that these "
                      "those of about like basically honestly completely badly anymore again lately now up out back "
                      "to for with at in on some any more being been be get got getting i me he she they we it him "
                      "them us muy tan mucho mucha la el los las un una mi mis su sus de que se le lo te ya "
                      "lowkey highkey sorta ngl tbh lol fr".split())
# A two-word pattern passes only an intensifier, a pronoun or a number: "get [him] tested", "open [our]
# marriage", but "gaming all day" is not "game day".
INTENSIFIERS = frozenset("really so very just always often also even totally constantly sometimes still ever actually "
                         "literally kinda pretty super too much badly anymore again lately now my his her their our "
                         "your me him them us it muy tan ya mi mis su sus lowkey highkey sorta".split())
NEGATION_REACH = 4  # words after "not" that it can negate


@dataclass(frozen=True)
class Understanding:
    terms: tuple[str, ...]  # "issue:grief", "population:adolescents", "language:es", ...
    crisis: bool  # words of suicide or self-harm: the answer opens with the crisis lines


@dataclass(frozen=True)
class Mention:
    term: str
    start: int
    end: int  # exclusive
    negated: bool
    spanish: bool = False  # found by a Spanish pattern


# Words after a negator that undo it: "not sure it's depression", "not just anxious".
# "no se" is "I don't know"; "they don't understand my depression" still speaks of depression.
UNNEGATING = frozenset({"sure", "just", "only", "know", "idea", "certain", "one", "se", "understand", "believe",
                        "accept", "support", "respect", "care"})
# Words that end a negation's reach: "not depressed, just anxious", "not X but Y".
CONTRASTS = frozenset({"but", "just", "only", "more", "rather", "instead", "it's", "its", "i'm", "pero", "sino",
                       "solo", "mas", "sin", "although", "though", "and"})
# "I don't think I'm depressed", "not that I'm lonely", "I wouldn't say I have anxiety": the denial covers its clause.
OPINIONS = frozenset({"think", "that", "say", "feel", "really"})
CLAUSE_OPENERS = frozenset({"i'm", "it's", "its"})
# "my friend is divorcing, not me"; "panic attacks, not anymore"; "I hate spiders, but that's not why I'm here"
DENIED_BEFORE = frozenset({"me", "mine", "anymore", "why"})
SENTENCE_ENDS = frozenset({".", "!", "?", "\n"})
CRISIS_TERMS = frozenset({"issue:suicidal-ideation", "issue:self-harm"})
# A broad term heard only through lay words gives way to a narrower one heard in the same text: "nervous
# before flying" is a phobia; "my anxiety ... can't go to the store" is both.
NARROWER = {
    "issue:anxiety": frozenset({"issue:panic", "issue:phobias", "issue:social-anxiety", "issue:health-anxiety",
                                "issue:ocd"}),
    "issue:abuse": frozenset({"issue:domestic-violence", "issue:sexual-abuse"}),
    "issue:depression": frozenset({"issue:grief", "issue:perinatal-mood", "issue:bipolar-disorder"}),
    # Voices that say "you're worthless" are psychosis; "it's killing my confidence" is about sex.
    "issue:low-self-esteem": frozenset({"issue:perfectionism", "issue:body-image", "issue:psychosis",
                                        "issue:sexual-dysfunction"}),
    "issue:chronic-illness": frozenset({"issue:end-of-life", "issue:caregiver-stress", "issue:traumatic-brain-injury",
                                        "issue:chronic-pain"}),
    "issue:grief": frozenset({"issue:pregnancy-loss"}),
    "issue:relationship-distress": frozenset({"issue:infidelity", "issue:jealousy", "issue:polyamory",
                                              "issue:premarital", "modality:gottman", "issue:divorce",
                                              "issue:domestic-violence", "issue:kink-sex-positive",
                                              "issue:sexual-dysfunction"}),
    "issue:communication": frozenset({"issue:family-conflict"}),  # "my daughter won't speak to me"
    "issue:insomnia": frozenset({"issue:ptsd", "issue:bipolar-disorder"}),  # nightmares after a trauma; mania
    "issue:mood-disorders": frozenset({"issue:bipolar-disorder", "issue:borderline-personality",
                                       "issue:emotional-regulation"}),
    "issue:self-love": frozenset({"issue:low-self-esteem", "issue:life-transitions"}),  # "who am I, now retired"
    "issue:chronic-pain": frozenset({"issue:traumatic-brain-injury"}),  # headaches since the concussion
    "issue:sexual-orientation": frozenset({"issue:gender-identity"}),  # "came out as trans"
    "issue:parenting": frozenset({"issue:perinatal-mood"}),
}
SPANISH_WORDS = frozenset("que de y mi me mis con es la el en un una tengo estoy muy para por se lo los las "
                          "yo no pero como hijo hija esposo esposa siento quiero necesito porque mucho".split())
ENGLISH_WORDS = frozenset("the and i my me is a to of in it with for that have am was we he she you not "
                          "but so just can't don't i'm".split())
_AGE = re.compile(r"\b(?:(\d{1,2}) ?-? ?(?:years?|yrs?) ?-? ?old|(\d{1,2}) ?(?:yo|y/o|yr)\b|de (\d{1,2}) anos|"
                  r"(?:son|daughter|kid|child|boy|girl|teen|teenager|stepson|stepdaughter|grandson|granddaughter) "
                  r"\((\d{1,2})\)|"
                  r"(?:i'm|im|i am|he's|hes|he is|she's|shes|she is|they're|is|turned|aged?|tiene|tengo) (\d{1,2})\b"
                  r"(?! ?(?:am|pm|hours?|days?|weeks?|months?|times|minutes|percent|%|pounds|lbs|kg)))")


def negated_positions(words: list[str]) -> set[int]:
    """Positions inside a negation's reach: from the negator to a clause break, a contrast, or 4 words; a
    denial of an opinion reaches through its clause ("I don't think I'm depressed"); and what comes just
    before "not me" or "not anymore" is denied too ("my friend is divorcing, not me")."""
    negated: set[int] = set()
    for i, word in enumerate(words):
        if word not in NEGATORS:
            continue
        following = words[i + 1] if i + 1 < len(words) else ""
        if following in UNNEGATING:
            continue
        if word == "not" and following in DENIED_BEFORE:
            negated.update(_clause_before(words, i))
            continue
        opinion = following in OPINIONS
        reach = 0
        for j in range(i + 1, len(words)):
            if (is_break(words[j]) or words[j] in NEGATORS or reach == NEGATION_REACH + 2 * opinion
                    or (words[j] in CONTRASTS and not (opinion and words[j] in CLAUSE_OPENERS))):
                break
            negated.add(j)
            reach += 1
    return negated


def _clause_before(words: list[str], at: int) -> range:
    """The words of the sentence before `at`, up to six: commas do not stop it, a full stop does."""
    start = at
    while start > 0 and at - start < 6 and words[start - 1] not in SENTENCE_ENDS:
        start -= 1
    return range(start, at)


def mentions(words: list[str], lex: lexicon.Lexicon) -> list[Mention]:
    """Every pattern found, with its span and whether a negation reaches it."""
    negated = negated_positions(words)
    stems = {lang: [lex.stem(lang, w) for w in words] for lang in lexicon.MATCHED}
    present = {lang: set(stems[lang]) for lang in lexicon.MATCHED}
    found: list[Mention] = []
    for start in range(len(words)):
        if is_break(words[start]):
            continue
        for lang in lexicon.MATCHED:
            for pattern in lex.starting_with(lang, stems[lang][start]):
                if pattern.context and not pattern.context & present[lang]:
                    continue
                # Crisis words match exactly as written: "taking over my life" is not "take my life".
                slack = 0 if pattern.term in CRISIS_TERMS or len(pattern.stems) > MAX_GAPPED_LENGTH else MAX_GAP
                end = _match_rest(pattern.stems, stems[lang], words, start, slack,
                                  INTENSIFIERS if len(pattern.stems) == 2 else SKIPPABLE)
                if end is not None:
                    found.append(Mention(pattern.term, start, end,
                                         start in negated and not pattern.has_negator, lang == "es"))
    return found


def _match_rest(pattern: tuple[str, ...], stems: list[str], words: list[str], start: int, slack: int,
                skippable: frozenset[str]) -> int | None:
    at = start + 1
    for stem in pattern[1:]:
        for skip in range(slack + 1):
            j = at + skip
            if j >= len(words) or is_break(words[j]):
                return None
            if stems[j] == stem:
                at = j + 1
                break
            if words[j] not in skippable and not words[j].isdigit():
                return None
        else:
            return None
    return at


def _outranked(mention: Mention, others: list[Mention]) -> bool:
    """Inside a longer mention of another term of its facet ("social anxiety" is not also "anxiety") or of an
    everyday phrase. Facets, and identities, do not compete: "a black woman therapist" is both."""
    return any(o.term != mention.term and o.start <= mention.start and mention.end <= o.end
               and (o.end - o.start) > (mention.end - mention.start) and _competing(o.term, mention.term)
               for o in others)


def _competing(longer: str, shorter: str) -> bool:
    facet = longer.split(":", 1)[0]
    return facet == "none" or (facet == shorter.split(":", 1)[0] and facet != "identity")


def _named(term: str, kept: list[Mention], words: list[str], lex: lexicon.Lexicon) -> bool:
    """Whether the client used the term's own name ("anxiety", "abuse") rather than only lay words."""
    name = lex.stem("en", lexicon.label(term).split()[0].lower())
    return any(lex.stem("en", words[m.start]) == name for m in kept if m.term == term)


def age_groups(text: str) -> list[str]:
    """Age bands a stated age points at ("my 15 year old", "I'm 72"); adults are everyone else."""
    found = []
    for match in _AGE.finditer(normalise(text)):
        age = int(next(g for g in match.groups() if g))
        band = ("toddlers" if age <= 5 else "children" if age <= 10 else "preteens" if age <= 13
                else "adolescents" if age <= 19 else "older-adults" if age >= 65 else None)
        if band and f"population:{band}" not in found:
            found.append(f"population:{band}")
    return found


def written_in_spanish(words: list[str], spanish_mentions: int) -> bool:
    spanish = sum(w in SPANISH_WORDS for w in words) + spanish_mentions
    return spanish >= 2 and spanish > sum(w in ENGLISH_WORDS for w in words)


def understand(text: str | None) -> Understanding:
    """The terms a client's own words point at, in the order they came up, and any crisis language."""
    if not text or not text.strip():
        return Understanding((), False)
    lex = lexicon.default()
    words = lex.corrected(tokens(text))
    found = mentions(words, lex)
    heard = [m for m in found if not _outranked(m, found) and m.term != lexicon.NOT_A_CONCERN]
    crisis = any(m.term in CRISIS_TERMS for m in heard)  # even when denied: cheap to show, costly to miss
    kept = [m for m in heard if not m.negated]
    terms = list(dict.fromkeys(m.term for m in sorted(kept, key=lambda m: m.start)))
    terms = [t for t in terms if not (NARROWER.get(t, frozenset()) & set(terms) and not _named(t, kept, words, lex))]
    terms += [t for t in age_groups(text) if t not in terms]
    if written_in_spanish(words, sum(m.spanish for m in found)) and "language:es" not in terms:
        terms.append("language:es")  # someone writing in Spanish is best heard in Spanish
    return Understanding(tuple(terms), crisis)


def scored(labelled: list[dict]) -> tuple[float, float]:
    """(recall, precision) of the terms understood from `labelled` rows ({"text", "terms"}), over all rows."""
    hits = found = wanted = 0
    for row in labelled:
        got, want = set(understand(row["text"]).terms), set(row["terms"])
        hits, found, wanted = hits + len(got & want), found + len(got), wanted + len(want)
    return hits / max(1, wanted), hits / max(1, found)

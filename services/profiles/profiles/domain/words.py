"""How text is cut into words for matching: one tokeniser for the lexicon and the client's words."""
from __future__ import annotations

import re
import unicodedata

# Contractions typed without the apostrophe, as most people type them.
CONTRACTIONS = {"dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "wasnt": "wasn't",
                "arent": "aren't", "werent": "weren't", "havent": "haven't", "hasnt": "hasn't", "cant": "can't",
                "wont": "won't", "wouldnt": "wouldn't", "couldnt": "couldn't", "im": "i'm", "ive": "i've",
                "youre": "you're", "thats": "that's", "whats": "what's", "theyre": "they're", "shes": "she's",
                "hes": "he's", "shouldnt": "shouldn't", "aint": "ain't", "hadnt": "hadn't", "youve": "you've"}
# Texting shorthand, written out as the lexicon spells it: "idk how to help ppl" is "i don't know how to help people".
SHORTHAND = {"u": "you", "ur": "your", "ppl": "people", "bc": "because", "cuz": "because", "coz": "because",
             "becuz": "because", "bcuz": "because", "bcz": "because", "idk": "i don't know", "dunno": "don't know",
             "wanna": "want to", "gonna": "going to", "gotta": "got to", "tryna": "trying to", "rn": "right now",
             "tho": "though", "thru": "through", "abt": "about", "w": "with", "b4": "before", "smth": "something",
             "sth": "something", "lil": "little", "prolly": "probably", "alot": "a lot", "everytime": "every time",
             "imma": "i'm going to", "ima": "i'm going to", "yall": "you all", "bff": "best friend", "hubs": "husband",
             "sis": "sister", "nite": "night", "tmrw": "tomorrow", "iam": "i am", "wld": "would", "wud": "would",
             "cld": "could", "shld": "should", "n": "and", "kno": "know", "fam": "family", "pls": "please",
             "plz": "please", "diff": "different", "pref": "prefer",
             "bluecross": "blue cross", "blueshield": "blue shield",  # as some Blue plans write their names
             "pstd": "ptsd", "ptds": "ptsd",
             # and Spanish texting: "q" is "que", "xq" "porque"
             "q": "que", "xq": "porque", "pq": "porque", "porq": "porque", "tmb": "tambien", "tb": "tambien"}
NEGATORS = frozenset({"not", "no", "never", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't",
                      "haven't", "hasn't", "hadn't", "ain't", "wouldn't", "nunca", "tampoco", "ni"})
# Words that stand for one another in a pattern: a synonym written with "my husband", "he" or "afraid" is
# heard with "my boyfriend", "she" or "terrified" too, so each idiom is written once.
KINDRED = {  # within a gender only: "as a husband" is a man's concern, "as a wife" is not
    "en": {**dict.fromkeys("husband boyfriend bf hubby".split(), "husband"),
           **dict.fromkeys("wife girlfriend gf".split(), "wife"), "spouse": "partner",
           **dict.fromkeys("mom mother mum mommy mama momma".split(), "mom"),
           **dict.fromkeys("dad father daddy papa".split(), "dad"),
           **dict.fromkeys("son daughter".split(), "child"),
           **dict.fromkeys("brother sister sibling".split(), "sibling"),
           **dict.fromkeys("he she".split(), "he"), **dict.fromkeys("him them".split(), "him"),
           **dict.fromkeys("his their".split(), "his"),
           **dict.fromkeys("scared afraid terrified frightened petrified fearful".split(), "scared"),
           # Irregular past tenses, which no stemmer joins to their verb: "we fought" is "we fight".
           "fought": "fight", "felt": "feel", "slept": "sleep", "woke": "wake", "ate": "eat", "threw": "throw",
           "stole": "steal", "hid": "hide", "kept": "keep", "spent": "spend", "fell": "fall", "froze": "freez",
           # A negation written one way is heard in every person and tense: "he doesn't want to live".
           **dict.fromkeys("doesn't didn't".split(), "don't"), **dict.fromkeys("cannot couldn't".split(), "can't"),
           "wouldn't": "won't", "hasn't": "haven't", **dict.fromkeys("wasn't aren't weren't".split(), "isn't")},
    "es": {**dict.fromkeys("esposo novio marido".split(), "esposo"), **dict.fromkeys("esposa novia".split(), "esposa"),
           **dict.fromkeys("mama madre".split(), "madre"), **dict.fromkeys("papa padre".split(), "padre"),
           **dict.fromkeys("hijo hija".split(), "hijo"), **dict.fromkeys("hermano hermana".split(), "hermano")},
}
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.,;:!?()\n]")
_WITHOUT = re.compile(r"\bw/o\b")  # "better off w/o me"; a lone "w/" is "with", as "w" is


# Latin letters with a stroke or without a dot, which Unicode does not decompose into a letter and an accent:
# Vietnamese "được", Polish "łza", Turkish "yardım" are written "duoc", "lza", "yardim" as accents are dropped.
_UNDECOMPOSED = str.maketrans({"đ": "d", "ł": "l", "ı": "i", "ø": "o", "ħ": "h"})


def normalise(text: str) -> str:
    """Lower case, accents and curly quotes gone: how the lexicon is written."""
    text = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'").replace("\u2018", "'")
                                 .translate(_UNDECOMPOSED))
    return "".join(c for c in text if not unicodedata.combining(c))


# What a phone splits apart: "a female the rapist", "pts d", "c b t". An acronym spelt letter by letter is joined only
# when it is one of these, so "i a m" stays as typed.
SPELT_OUT = frozenset({"cbt", "dbt", "ptsd", "ocd", "adhd", "emdr", "ifs", "bpd", "gad", "tbi", "lgbt", "lgbtq",
                       "cptsd"})
SPLIT_WORDS = {("pts", "d"): "ptsd", ("depress", "ion"): "depression", ("anxi", "ety"): "anxiety"}
_BEFORE_A_THERAPIST = frozenset("a an my our your the female male woman women man lady good new black latina latino "
                                "asian trans gay queer christian muslim jewish couples couple family child teen trauma "
                                "grief bilingual older younger".split())


def _rejoined(words: list[str]) -> list[str]:
    """`words` with what a phone split apart made one word again."""
    joined: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        pair = tuple(words[i:i + 2])
        if pair in SPLIT_WORDS:
            joined.append(SPLIT_WORDS[pair])
            i += 2
            continue
        if word == "the" and words[i + 1:i + 2] in (["rapist"], ["rapists"]) and joined[-1:] \
                and joined[-1] in _BEFORE_A_THERAPIST:
            joined.append("therapist")
            i += 2
            continue
        run = i
        while run < len(words) and len(words[run]) == 1 and words[run].isalpha():
            run += 1
        if run - i >= 3 and "".join(words[i:run]) in SPELT_OUT:
            joined.append("".join(words[i:run]))
            i = run
            continue
        joined.append(word)
        i += 1
    return joined


def tokens(text: str) -> list[str]:
    """Words and clause breaks; contractions typed without an apostrophe made whole, shorthand written out, and
    what a phone split apart joined again."""
    words = _rejoined(_TOKEN.findall(_WITHOUT.sub("without", normalise(text)).replace("-", " ").replace("/", " ")))
    return [t for w in words for t in (SHORTHAND[w].split() if w in SHORTHAND else (CONTRACTIONS.get(w, w),))]


def is_break(token: str) -> bool:
    """A clause break (punctuation, a new line): negations and patterns stop there."""
    return not token[0].isalnum()

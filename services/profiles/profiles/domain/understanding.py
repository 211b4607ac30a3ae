"""A client's own words -> vocabulary terms, and whether they speak of a crisis.

A lexicon matcher, chosen by measurement over a sentence-embedding model (profiles README): every
term's label and lay synonyms (English and Spanish) are stemmed into word patterns; the client's
text is tokenised, typos corrected towards the lexicon (only for words no dictionary knows),
stemmed both ways, and matched. Negated mentions ("not depressed, just anxious") are dropped, and so
are a friend's concern ("my roommate drinks"), a past one said to be over ("used to have panic attacks,
fine now") and a population, identity or language word that is someone else's or the client's past ("my
wife is a nurse", "since high school"); a mention inside a longer one of another term ("social anxiety"
over "anxiety") gives way to it. A message written in another language is heard for its concerns and crisis
language through that language's words (other_languages.py).
Pure and in memory: the text is never stored, logged or sent anywhere.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import lexicon, other_languages, second_reading
from .words import NEGATORS, is_break, normalise, tokens
from .writing import written_in

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
# Words crisis language may carry between its own, which never change its meaning: "I want to [just] die",
# "thinking about [fucking] killing myself". Only these: "taking over my life" is not "take my life".
CRISIS_FILLERS = frozenset("just really honestly literally fucking fuckin fking freaking actually seriously truly "
                           "simply kinda sorta sometimes even so lowkey".split())
CRISIS_SLACK = 2


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
# "no se" is "I don't know"; "they don't understand my depression" still speaks of depression; "I don't want
# to feel anxious anymore", "I didn't realise how depressed I was", "I never told anyone I was raped" too.
# "I'm not interested in a grief group" turns down a service, not the grief.
UNNEGATING = frozenset({"sure", "just", "only", "know", "idea", "certain", "one", "se", "understand", "believe",
                        "interested", "accept", "support", "respect", "care", "want", "wanna", "realize", "realise",
                        "notice", "admit", "remember", "expect", "tell", "told", "talked", "spoken",
                        "mentioned", "discussed", "aceptan", "acepta", "entienden",
                        "entiende", "saben", "sabe", "apoyan", "apoya", "respetan", "respeta"})
# Words that end a negation's reach: "not depressed, just anxious", "not X but Y".
CONTRASTS = frozenset({"but", "just", "only", "more", "rather", "instead", "it's", "its", "i'm", "pero", "sino", "y",
                       "solo", "mas", "sin", "although", "though", "and"})
# "I don't think I'm depressed", "not that I'm lonely", "I wouldn't say I have anxiety": the denial covers its clause.
OPINIONS = frozenset({"think", "that", "say", "feel", "really", "convinced"})
CLAUSE_OPENERS = frozenset({"i'm", "it's", "its"})
# "my friend is divorcing, not me"; "panic attacks, not anymore"; "I hate spiders, but that's not why I'm here"
DENIED_BEFORE = frozenset({"me", "mine", "anymore", "why"})
SENTENCE_ENDS = frozenset({".", "!", "?", "\n"})
CRISIS_TERMS = frozenset({"issue:suicidal-ideation", "issue:self-harm"})
# Concerns people deny while describing them ("I'm not an alcoholic, I just need 4 drinks first"): denial is part
# of how they present, so the lay words still count.
OWNED_LATE = frozenset({"issue:alcohol-use", "issue:substance-use", "issue:addictions", "issue:gambling",
                        "issue:abuse"})
SERVICES = frozenset({"issue:testing-evaluation", "issue:medication-management"})  # each is for some concern
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
    "issue:anger-management": frozenset({"issue:caregiver-stress"}),  # snapping at everyone while caring for a parent
    "issue:mood-disorders": frozenset({"issue:bipolar-disorder", "issue:borderline-personality",
                                       "issue:emotional-regulation"}),
    "issue:self-love": frozenset({"issue:low-self-esteem", "issue:life-transitions"}),  # "who am I, now retired"
    "issue:chronic-pain": frozenset({"issue:traumatic-brain-injury"}),  # headaches since the concussion
    "issue:sexual-orientation": frozenset({"issue:gender-identity"}),  # "came out as trans"
    "issue:parenting": frozenset({"issue:perinatal-mood"}),
}
# "My husband and I fight" is a couple asking; "my husband and I argue about how strict to be with our son" is
# parents, and only words of couples therapy ("couples counseling", "terapia de pareja") say couple then.
COUPLE = "population:couples"
COUPLES_THERAPY = frozenset("couples couple marriage marital premarital pareja parejas matrimonial".split())
AGE_BANDS = frozenset(f"population:{band}" for band in ("toddlers", "children", "preteens", "adolescents",
                                                           "older-adults", "college-students"))
# Symptoms that a condition the client names explains: "I can't concentrate ... maybe it's depression" is not
# also ADHD, "so stressed about money I can't breathe" is not also panic, unless those are named too.
EXPLAINED_BY = {
    "issue:adhd": frozenset({"issue:depression", "issue:anxiety", "issue:grief", "issue:stress", "issue:ptsd",
                             "issue:trauma", "issue:bipolar-disorder", "issue:insomnia", "issue:work-stress"}),
    "issue:panic": frozenset({"issue:anxiety", "issue:stress", "issue:money-stress", "issue:work-stress",
                              "issue:health-anxiety", "issue:phobias"}),
}
# Who a population, identity or language word may belong to when it is not the client: "my wife is a nurse",
# "my dad was a cop", "my parents are strict catholics", "my mom is 82". A child's age or school is the client's
# concern (parents write for them), so children are not among these.
OTHERS = frozenset("mom mother mum dad father parents parent grandma grandmother grandpa grandfather grandparents "
                   "husband wife partner boyfriend girlfriend bf gf spouse fiance fiancee hubby friend friends "
                   "roommate boss coworker coworkers neighbor neighbour family uncle aunt brother sister sibling "
                   "cousin ex stepdad stepmom inlaws abuela abuelo esposo esposa novio novia madre padre mama papa "
                   "amigo amiga".split())
# "my friend has depression", "my roommate drinks every night": a friend's concern, unless it reaches the
# client ("my friend betrayed me") or is a loss ("my best friend died").
FRIENDS = frozenset("friend friends bestie roommate roommates coworker coworkers colleague colleagues neighbor "
                    "neighbour neighbors classmate classmates amigo amiga".split())
ABOUT_ME = frozenset("me my i i'm i've myself us our we".split())
# Concerns heard whoever they are about: a friend's death or suicide, bullying, what the client saw happen.
ABOUT_ANYONE = frozenset({"issue:grief", "issue:end-of-life", "issue:suicidal-ideation", "issue:self-harm",
                      "issue:peer-relationships", "issue:bullying", "issue:trauma", "issue:ptsd"})
# A mood that is another adult's is theirs: "my boyfriend gets furious" is the client's fear, not their temper.
THEIR_MOODS = frozenset({"issue:anger-management", "issue:work-stress"})
# A service member's family is served by therapists who work with veterans: "my husband was deployed three
# times" asks for one as surely as "I was deployed" does.
FAMILY_TOO = frozenset({"population:veterans"})
# Concerns a denial names rather than dismisses: "I'm not gay, I don't think" is someone questioning, "he doesn't
# have a single friend at school" is the friendlessness.
DENIAL_IS_THE_TOPIC = frozenset({"issue:sexual-orientation", "issue:peer-relationships"})
SUBJECTS = frozenset("i i'm i've i'd we we're he he's she she's they they're yo ella".split())
THIRD_PERSON = frozenset("he he's she she's ella".split())  # not "el": it is also "the"
CHILDREN = frozenset("son daughter kid kids child children boy girl teen teenager stepson stepdaughter grandson "
                     "granddaughter baby toddler hijo hija nino nina".split())
# Words of the client's own past: "since high school", "when I was a teenager", "back in middle school".
PAST = frozenset("since when was were went back ago growing grew used during".split())
FIRST_PERSON = frozenset("i i'm i've i'd me myself yo estoy siento tengo".split())
RAISED = frozenset("grew raised".split())  # "raised catholic", "grew up in a chinese family"
# A language named counts as the therapist's language only beside words of speaking or of therapy:
# "a therapist who speaks Korean", "in French please", not "I need to polish my resume" or "a Chinese family".
SPEECH = frozenset("speak speaks speaking spoke speaker speakers language languages fluent bilingual native "
                   "therapist therapists counselor counsellor psychologist someone somebody sessions session "
                   "please prefer preferably ideally looking need want only also or habla hable hablo hablar "
                   "english parle parler parlant fale falar fala spricht sprechen parla terapeuta terapia "
                   "therapeute psicologo better best pls plz preferred".split())  # "Arabic is better for me"
IN_A_LANGUAGE = frozenset({"in", "en", "em", "auf"})  # "in French please", "en francais", "auf Deutsch"
# "used to have panic attacks but they're fine now": a past concern the client says is over.
RESOLVED = frozenset("fine ok okay better gone over stopped manageable resolved handled behind".split())
RETURNING = frozenset("back again returning return relapse relapsed relapsing worse".split())  # "... but it's back"
_AGE = re.compile(r"\b(?:(\d{1,2}) ?-? ?(?:years?|yrs?) ?-? ?old|(\d{1,2}) ?(?:yo|y/o|yr)\b|de (\d{1,2}) anos|"
                  r"(?:son|daughter|kid|child|boy|girl|teen|teenager|stepson|stepdaughter|grandson|granddaughter) "
                  r"\((\d{1,2})\)|"
                  # "mi hija de 13": a Spanish child's age, not "de 3 meses"
                  r"(?:hijo|hija|nino|nina|nieto|nieta|hijastro|hijastra) de (\d{1,2})\b"
                  r"(?! ?(?:meses|mes|semanas|dias|horas|kilos|libras|grado))|"
                  r"(?:i'm|im|i am|he's|hes|he is|she's|shes|she is|they're|we're|we are|both|is|now|turned|aged?|"
                  r"tiene|tengo) "
                  r"(?:only |just |almost |barely |nearly |about )?(\d{1,2})\b"
                  # not a time, an amount, how many children ("tengo 3 kids") or years of something ("10 years sober")
                  r"(?! ?(?:%|(?:am|pm|hours?|days?|weeks?|months?|times|minutes|percent|pounds|lbs|kg|kids|children|"
                  r"hijos|hijas|ninos|sons|daughters|grandkids|nietos|jobs|again)\b|(?:years?|yrs?)\b(?! ?-? ?old)))|"
                  # how people give their age and sex in one word: "31F", "(m24)", "22 f"
                  r"(?<![\w$#])(\d{2}) ?(?:f|m|nb|ftm|mtf)\b(?!\.?\d)|\b(?:f|m)(\d{2})\b|"
                  # an adult age standing alone: "Guy here, 42.", "Orthodox Jewish, 26, ...", "35 and I still...";
                  # opening a sentence: "47 now and ...", "45 married with kids"
                  r"(?:^|(?<=[,.;:!?] ))(1[3-9]|[2-9]\d)(?=[,.;!?]|$| and i\b)|"
                  r"(?:^|(?<=[.!?] ))(1[3-9]|[2-9]\d)"
                  r"(?= and\b| now\b| (?:married|single|divorced|widowed)\b)|"
                  # an age closing a clause about the present: "I'm still carrying it at 72.", "starting over at 64"
                  # (not "a stroke at 61", "came out at 26": what happened at an age)
                  r"\b(?:still|again|over|now|me|it) at ([2-9]\d)(?=[,.;!?]|$| and\b| with\b)|"
                  # who one is, and their age: "a Muslim woman of 63", "a man of 70"; a child named before their age
                  r"\b(?:woman|man|lady|gentleman|widow|widower|mother|father|grandmother|grandfather) of ([2-9]\d)\b|"
                  r"\b(?:son|daughter|grandson|granddaughter|stepson|stepdaughter),? (\d{1,2})\b"
                  r"(?!\s?(?:%|(?:years?|yrs?|months?|weeks?|days?|times|hours?|minutes|am|pm|percent)\b))|"
                  # "my son 15 years, he write...": an age given as years without "old" (not "ten years ago")
                  r"\b(?:son|daughter|grandson|granddaughter|stepson|stepdaughter|kid|child|boy|girl),? (\d{1,2}) "
                  r"(?:years?|yrs?)\b(?! ?(?:ago|of|in|later|since|before|after|now|back|into|more|longer|straight|"
                  r"together|apart|clean|sober|without|with|and|too)\b)|"
                  # an age in words: "I'm thirty", "i'm forty-two"
                  r"(?:i'm|im|i am) (twenty|thirty|forty|fifty|sixty|seventy|eighty)"
                  r"(?![\w-]*\s(?:years? ago|minutes|dollars))\b|"
                  # an adult's age at a diagnosis: "diagnosed with ADHD at 35"
                  r"(?:diagnosed|dx|dx'd)(?: with [a-z]+)? at ([2-5]\d|6[0-4])\b|"
                  # an age said with "at" opening a sentence: "At 72 I still check the stove", "now at 67 my kidneys..."
                  r"(?:^|(?<=[,.;:!?] )|(?<=\bnow )|(?<=\beven ))at ([2-9]\d)\b"
                  r"(?! ?(?:am|pm|a\.m|p\.m|o'clock|%|percent|mph|degrees|years?|yrs?|min|minutes|hours?)\b)|"
                  # an age after who one is: "widower 81", "grandma, 74", "Vet, 61"
                  r"\b(?:widow|widower|widowed|retiree|retired|grandma|grandmother|grandpa|grandfather|granddad|grandad|"
                  r"nana|vet|veteran|abuela|abuelo),? ([2-9]\d)\b(?! ?(?:years?|yrs?)\b)|"
                  # a parent, partner or sibling therapy is sought for: "for my mother (70)", "Dad (79), newly widowed",
                  # "my husband (58) had a stroke", "my sister (45) is sure he's cheating"
                  r"(?:mother|mom|mum|father|dad|grandmother|grandma|grandfather|grandpa) \(([4-9]\d)\)|"
                  r"(?:husband|wife|partner|girlfriend|boyfriend|fiance|fiancee|sister|brother|aunt|uncle|cousin) "
                  r"\(([2-9]\d)\))")
_INTRODUCED = re.compile(r"[a-z]+ \(\d\d\)")  # someone introduced with their age in brackets
# A decade of life: "in my 30s", "in her late forties", "widow in my 70s".
_DECADE = re.compile(r"\bin (?:my|his|her|their|our) (?:early |mid |late )?"
                     r"(?:([2-9])0'?s|(twenties|thirties|forties|fifties|seventies|eighties|nineties))\b"
                     r"|(?:^|(?<=[,.;:!?] ))(?:early |mid |late )?([2-9])0'?s(?=[,.;!?]|$)")  # "40s, trying to..."
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "seventies": 7, "eighties": 8, "nineties": 9}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_UNITS = {w: n for n, w in enumerate("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                     "fifteen sixteen seventeen eighteen nineteen".split(), start=1)}
# An age in words, as in "a seventeen-year-old son" or "my twenty two year old": read as its digits.
_TENS_OF_AGES = {**_TENS, "ninety": 90}
_AGE_IN_WORDS = re.compile(r"\b(?:(" + "|".join(_TENS_OF_AGES) + r")(?:[ -](" + "|".join(list(_UNITS)[:9])
                           + r"))?|(" + "|".join(_UNITS) + r"))(?= ?-? ?(?:years?|yrs?) ?-? ?old\b)")


def _digits(match: re.Match) -> str:
    tens, unit, alone = match.groups()
    return str(_UNITS[alone] if alone else _TENS_OF_AGES[tens] + (_UNITS[unit] if unit else 0))


# An age in the other languages a message may be written in, written as normalised text is: "12岁", "15살",
# "j'ai 35 ans", "мне 70 лет"; "depuis 3 ans" and "hace 3 años" are durations, so those words count only after
# words that say whose age it is.
_AGE_ELSEWHERE = re.compile(
    r"(\d{1,2}) ?(?:" + "|".join(normalise(w) for w in ("岁", "歲", "歳", "才", "살", "tuoi", "yasinda", "taong gulang",
                                                        "ساله")) + ")"
    r"|(?:" + normalise("عمره|عمرها|عمري") + r") (\d{1,2}) (?:" + normalise("سنة|سنوات|عاما") + ")"  # "عمره ١٦ سنة"
    # each language's verb with its own word for years: Portuguese "há 5 anos" is a duration, Italian "ha 5 anni" an age
    r"|(?:j'ai|il a|elle a|fils a|fille a) (\d{1,2}) ans\b|(?:tenho|tem) (\d{1,2}) anos\b|(?:ho|ha) (\d{1,2}) anni\b"
    r"|(?:mam|ma) (\d{1,2}) lat\b|(?:" + normalise("мне|ему|ей|мені|йому|їй") + r") (\d{1,2}) "
    r"(?:" + normalise("лет|год|года|років|роки|рік") + r")\b|(\d{1,2}) jahre alt"
    r"|\((\d{1,2}) (?:" + normalise("років|роки|рік|лет|года|год") + r")\)"  # "син (11 років)"
    r"|(?:" + normalise("мне|ему|ей|мені|йому|їй") + r") (\d{1,2})(?=[,.;!?)])"  # "Ему 15, после переезда"
    r"|(\d{1,2}) (?:" + normalise("साल|वर्ष") + ") (?:" + normalise("के|की|का") + r")(?!\S)"  # "16 साल के बेटे"
    # Punjabi "72 ਸਾਲ ਦੇ", Gujarati "16 વર્ષનો", Bengali "16 বছরের", Tamil "70 வயது", Telugu "70 సంవత్సరాల"
    r"|(\d{1,2}) (?:" + normalise("ਸਾਲ ਦੇ|ਸਾਲ ਦੀ|ਸਾਲ ਦਾ|ਸਾਲਾਂ ਦ|વર્ષન|વર્ષની|વર્ષના|বছরের|বছর বয়স|வயது|வயதான|సంవత్సరాల|ఏళ్ల")
    + ")")


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
        # "I'm not the one with the drinking problem": the denial reaches past "the one with the".
        someone = words[i + 1:i + 3] == ["the", "one"]
        reach = 0
        for j in range(i + 1, len(words)):
            if (is_break(words[j]) or words[j] in NEGATORS or reach == NEGATION_REACH + 2 * opinion + 3 * someone
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


def resolved_positions(words: list[str]) -> set[int]:
    """What comes after "used to" in a sentence that goes on to say it is over ("used to have panic attacks,
    but they're fine now", "I used to cut but stopped years ago"), up to that contrast."""
    resolved: set[int] = set()
    for i in range(len(words) - 1):
        if words[i] != "used" or words[i + 1] != "to":
            continue
        end = next((j for j in range(i + 2, len(words)) if words[j] in SENTENCE_ENDS), len(words))
        contrast = next((j for j in range(i + 2, end) if words[j] in ("but", "pero")), None)
        after = set(words[contrast + 1:end]) if contrast is not None else set()
        if contrast is not None and after & RESOLVED and not after & RETURNING:
            resolved.update(range(i + 2, contrast))
    return resolved


def _clause_start(words: list[str], at: int) -> int:
    start = at
    while start > 0 and not is_break(words[start - 1]) and words[start - 1] not in ("and", "but", "y", "pero"):
        start -= 1
    return start


def _not_the_clients(mention: Mention, words: list[str]) -> bool:
    """A friend's concern ("my roommate drinks every night"), or a population, identity or language word that
    belongs to someone else or to the client's past: "my wife is a nurse", "my parents are catholics", "since
    high school", "I grew up in a chinese family"; "my husband and I" who write as parents are not a couple."""
    facet = mention.term.split(":", 1)[0]
    start = _clause_start(words, mention.start)
    before = words[start:mention.start]
    if facet == "issue":
        if ABOUT_ME & set(words[start + 1:mention.end]) or mention.term in ABOUT_ANYONE:
            return False
        if any(w in FRIENDS for w in before[:3]):
            return True
        return mention.term in THEIR_MOODS and _an_adult_speaks_of(words, start, mention.start)
    if facet not in ("population", "identity", "language") or mention.term in FAMILY_TOO:
        return False
    if facet == "language":
        if mention.end - mention.start > 1 or mention.term == "language:asl":
            return False
        near = words[max(0, mention.start - 3):mention.start] + words[mention.end:mention.end + 3]
        previous = words[mention.start - 1] if mention.start else ""
        return previous == "to" or not (SPEECH & set(near) or previous in IN_A_LANGUAGE)  # "to polish" is a verb
    if _parents_not_a_couple(mention, words):
        return True
    if facet == "population" and {"i'm", "im", "soy"} & set(words[mention.start:mention.end]):
        return False  # "my parents found out I'm bi": the client says it of themselves
    if any(w in CHILDREN for w in before):
        return False
    if any(w in OTHERS and i > 0 and before[i - 1] in ("my", "our", "his", "her", "their", "mi", "mis", "su")
           for i, w in enumerate(before)):
        return True
    if facet == "identity":
        return bool(RAISED & set(before))
    return (mention.term in AGE_BANDS and bool(PAST & set(before))
            and not any(w in CHILDREN for w in words[mention.end:mention.end + 2]))


def _an_adult_speaks_of(words: list[str], start: int, at: int) -> bool:
    """Whether the clause from `start` to `at` is about another adult: "my boyfriend gets furious [and] breaks things",
    "he explodes over nothing" (unless the text speaks of a child: parents write about their son's temper)."""
    if CHILDREN & set(words) or any(w.isdigit() and words[i + 1:i + 2] in (["year"], ["yo"], ["years"])
                                    for i, w in enumerate(words)):
        return False
    end = at
    while True:
        before = words[start:end]
        subject = next((w for w in before if w in SUBJECTS or w in OTHERS), None)
        if subject is not None or start == 0 or words[start - 1] not in ("and", "y"):
            break
        end = start - 1  # "... gets furious and breaks things": the subject is the previous clause's
        start = _clause_start(words, end)
    return subject is not None and (subject in OTHERS and _possessed(before, subject) or subject in THIRD_PERSON)


def _possessed(before: list[str], other: str) -> bool:
    at = before.index(other)
    return at > 0 and before[at - 1] in ("my", "our", "mi", "su")


def mentions(words: list[str], lex: lexicon.Lexicon) -> list[Mention]:
    """Every pattern found, with its span and whether a negation reaches it."""
    negated = negated_positions(words) | resolved_positions(words)
    stems = {lang: [lex.stem(lang, w) for w in words] for lang in lexicon.MATCHED}
    present = {lang: set(stems[lang]) for lang in lexicon.MATCHED}
    found: list[Mention] = []
    for start in range(len(words)):
        if is_break(words[start]):
            continue
        nexts = _second_positions(words, start)
        for lang in lexicon.MATCHED:
            seconds = tuple(dict.fromkeys(key for j in nexts for key in _keys(stems[lang][j], words[j])))
            for pattern in (p for first in _keys(stems[lang][start], words[start])
                            for p in lex.starting_with(lang, first, seconds)):
                if pattern.context and not pattern.context & present[lang]:
                    continue
                if pattern.term in CRISIS_TERMS:  # only fillers between their words
                    slack, skippable = CRISIS_SLACK, CRISIS_FILLERS
                else:
                    slack = 0 if len(pattern.stems) > MAX_GAPPED_LENGTH else MAX_GAP
                    skippable = INTENSIFIERS if len(pattern.stems) == 2 else SKIPPABLE
                end = _match_rest(pattern.stems, stems[lang], words, start, slack, skippable)
                if end is not None and (not pattern.alone or _a_sentence_of_its_own(words, start, end)):
                    found.append(Mention(pattern.term, start, end,
                                         start in negated and not pattern.has_negator, lang == "es"))
    return found


def _keys(stem: str, word: str) -> tuple[str, ...]:
    """What a pattern's word may be to match this one: its stem, and for a number any number ("(\\d+) scans")."""
    return (stem, lexicon.ANY_NUMBER) if word.isdigit() else (stem,)


def _a_sentence_of_its_own(words: list[str], start: int, end: int) -> bool:
    """ "... no diets please. Oscar", not "Thanks, Oscar" nor "Oscar, my dog, died"."""
    return all(at < 0 or at >= len(words) or words[at] in SENTENCE_ENDS for at in (start - 1, end))


def _second_positions(words: list[str], start: int) -> list[int]:
    """Where a pattern's second word can be: the next word, or one further past a filler word or a number."""
    nexts = []
    for j in (start + 1, start + 2):
        if j >= len(words) or is_break(words[j]):
            break
        nexts.append(j)
        if not (words[j] in SKIPPABLE or words[j].isdigit()):
            break
    return nexts


def _match_rest(pattern: tuple[str, ...], stems: list[str], words: list[str], start: int, slack: int,
                skippable: frozenset[str]) -> int | None:
    at = start + 1
    for stem in pattern[1:]:
        for skip in range(slack + 1):
            j = at + skip
            if j >= len(words) or is_break(words[j]):
                return None
            if stems[j] == stem or (stem == lexicon.ANY_NUMBER and words[j].isdigit()):
                at = j + 1
                break
            if words[j] not in skippable and not words[j].isdigit():
                return None
        else:
            return None
    return at


def _outranked(mention: Mention, others: list[Mention]) -> bool:
    """Inside a longer mention of another term of its facet ("social anxiety" is not also "anxiety") or of an
    everyday phrase. Facets, and identities, do not compete: "a black woman therapist" is both; nor does a
    service with the concern it is for: "testing for ADHD" is both, "on antidepressants" is depression too. An
    everyday phrase that begins inside crisis words and runs on past them takes them too: "I cut myself shaving"."""
    return any((o.term != mention.term and o.start <= mention.start and mention.end <= o.end
                and (o.end - o.start) > (mention.end - mention.start) and _competing(o.term, mention.term))
               or (o.term == lexicon.NOT_A_CONCERN and mention.term in CRISIS_TERMS
                   and mention.start < o.start < mention.end < o.end)
               for o in others)


# Identities a longer one names inside its words without being them: the vocabulary's Asian is East and Southeast Asian
# heritage, so a "South Asian therapist" is not also an "Asian therapist" (no dev row files it so; 18 were heard so).
IDENTITIES_WITHIN = frozenset({("identity:south-asian", "identity:asian")})


def _competing(longer: str, shorter: str) -> bool:
    facet = longer.split(":", 1)[0]
    return (facet == "none" or (longer, shorter) in IDENTITIES_WITHIN
            or (facet == shorter.split(":", 1)[0] and facet != "identity" and longer not in SERVICES))


def _named(term: str, kept: list[Mention], words: list[str], lex: lexicon.Lexicon) -> bool:
    """Whether the client used the term's own name ("anxiety", "abuse") rather than only lay words."""
    name = lex.stem("en", lexicon.label(term).split()[0].lower())
    return any(lex.stem("en", words[m.start]) == name for m in kept if m.term == term)


# Children's ages listed together: "my kids (8 and 11)", "our boys, 6 and 9", "the kids are 14 and 12".
_AGES_LISTED = re.compile(r"\b(?:kids|children|sons|daughters|boys|girls|twins|teens|ninos|hijos|hijas)"
                          r"(?: are| ages| aged|,|:| \(| tienen)? ?(\d{1,2}) (?:and|y|&) (\d{1,2})\b"
                          r"(?! ?(?:years?|yrs?|months?|weeks?|meses)\b(?! ?-? ?old))")


OLDER_ADULTS = "population:older-adults"
YOUNG_BANDS = frozenset({"toddlers", "children", "preteens", "adolescents"})


def _band(age: int) -> str:
    return ("toddlers" if age <= 5 else "children" if age <= 10 else "preteens" if age <= 13
            else "adolescents" if age <= 19 else "adults" if age <= 64 else "older-adults")


def age_groups(text: str) -> list[str]:
    """Age bands a stated age points at ("my 15 year old", "I'm 34", "31F", "in my forties", "I'm 72"). The age of a
    parent, a partner or a friend ("my mom is 82", "my 79 year old father") is theirs, not the client's."""
    ages: list[int] = []
    text = _AGE_IN_WORDS.sub(_digits, normalise(text))
    # "my 80 year old dad is depressed": he is who therapy is for; "my mom is 82, I'm exhausted": the client is.
    client_speaks = bool(FIRST_PERSON & set(tokens(text)))
    for match in (*_AGE.finditer(text), *_AGE_ELSEWHERE.finditer(text), *_DECADE.finditer(text)):
        before = tokens(text[max(0, match.start() - 24):match.start()])[-3:]
        after = re.split(r"[.;!?]", text[match.end():match.end() + 12])[0]  # "42. Wife says": the sentence ended
        near = before[_clause_start(before, len(before)):] + tokens(after)[:2]
        # The client's own age, whoever stands beside it: "I'm 45, dad of 3", "I'm a 34 yo dad".
        own = (match.group(0).startswith(("i'm", "im ", "i am", "tengo")) or before[-2:] in (["i'm", "a"], ["im", "a"])
               or before[-2:] in (["for", "my"], ["for", "our"], ["para", "mi"]) or not before  # "for my mother (70)"
               or bool(_INTRODUCED.fullmatch(match.group(0))))  # "my husband (58) had a stroke": who it is for
        said = set(near) | set(tokens(match.group(0)))  # "soy mamá de un niño de 6 años": the child is in the match
        if client_speaks and not own and OTHERS & said and not CHILDREN & said:
            continue
        if match.re is _DECADE and {"was", "were"} & set(before[-2:]):
            continue  # "when I was in my 20s": a decade past
        if _a_likeness(before):
            continue  # "she treats me like I'm 12", "he acts like a 5 year old": a likeness, not an age
        stated = next(g for g in match.groups() if g)
        age = int(stated) if stated.isdigit() else _DECADE_WORDS.get(stated) or _TENS[stated]
        age = age * 10 + 5 if match.re is _DECADE else age
        if match.re is _DECADE and age > 64 and not own and not {"my", "our"} & set(tokens(match.group(0))):
            continue  # "my parents, both in their 80s": an elder's decade is theirs unless therapy is for them
        ages.append(age)
    # A parent writes for the children listed: there are no one else's ages to set aside.
    ages += [int(stated) for match in _AGES_LISTED.finditer(text) for stated in match.groups()]
    bands = list(dict.fromkeys(f"population:{_band(age)}" for age in ages))
    # A grandparent raising a child gives their own age beside the child's, and therapy is for the child: of the dev
    # rows with both, 18 file the child's band alone and 7 both.
    if OLDER_ADULTS in bands and any(_band(age) in YOUNG_BANDS for age in ages):
        bands.remove(OLDER_ADULTS)
    return bands


def _a_likeness(before: list[str]) -> bool:
    """The words before an age compare rather than state it ("like I'm 12", "like a 5 year old", "as if I'm 80");
    "I'm like 15" still states one."""
    if before[-2:] in (["as", "if"], ["as", "though"]) or before[-2:] in (["like", "a"], ["like", "an"]):
        return True
    if before[-2:] == ["to", "being"]:  # "sends me right back to being 10 years old"
        return True
    return before[-1:] == ["like"] and before[-2:-1] not in (["i'm"], ["im"], ["am"], ["i"])


def _parents_not_a_couple(mention: Mention, words: list[str]) -> bool:
    """A couple heard only as "my husband and I" in a text about their child (a new baby strains the couple) or
    after "with" ("I pick fights with my wife and I don't know why"): not a couple asking."""
    said = words[mention.start:mention.end]
    return (mention.term == COUPLE and not COUPLES_THERAPY & set(said) and bool({"i", "me", "yo"} & set(said))
            and (bool(CHILDREN - {"baby"} & set(words)) or "with" in words[max(0, mention.start - 2):mention.start]))


def _set_aside(heard: list[Mention], words: list[str]) -> set[int]:
    """Positions a client sets aside: the sentence before "that's not the issue", "and is doing great"."""
    aside: set[int] = set()
    for m in heard:
        if m.term == lexicon.SET_ASIDE_TERM:
            start = m.start
            while start > 0 and words[start - 1] not in SENTENCE_ENDS:
                start -= 1
            aside.update(range(start, m.start))
    return aside


SELF = frozenset("i i'm im i've ive am it it's its that's thats this me".split())


def _said_of_oneself(words: list[str], at: int) -> bool:
    """Whether the few words before `at` speak of the client: "I'm not depressed", "it's not ADHD", not "someone who
    specializes in suicide loss, not general grief"."""
    return bool(SELF & set(words[max(0, at - 4):at]))


def _a_word_of_another_tongue(mention: Mention, words: list[str], written: str | None, lex: lexicon.Lexicon) -> bool:
    """In a message written in Vietnamese, Tagalog or French, a short English word is usually theirs ("bị" is
    not "bi"), and so is a word English does not know that only stems like an English one (French "envie" is not
    "envy"); longer English words there are the client's ("Nurse po ako")."""
    if written in (None, "es") or mention.term.startswith("language:"):
        return False
    said = words[mention.start:mention.end]
    return (len(said) == 1 and len(said[0]) <= 3) or not all(lex.knows("en", w) for w in said if w.isalpha())


def understand(text: str | None, reread: bool = True) -> Understanding:
    """The terms a client's own words point at, in the order they came up, and any crisis language.

    `reread`: weigh what the lexicon heard with the second reading (second_reading.py); off to train it, and to
    score the lexicon alone on the rows it is trained on."""
    if not text or not text.strip():
        return Understanding((), False)
    lex = lexicon.default()
    typed = tokens(text)
    words = lex.corrected(typed)
    found = mentions(words, lex)
    # Concerns heard through Spanish words speak for Spanish; a language's name ("Farsi", "italiano") does not.
    written = written_in(text, words, sum(m.spanish and not m.term.startswith("language:") for m in found))
    if written not in (None, "es") and words != typed:
        words, found = typed, mentions(typed, lex)  # French "envie" is a word of its own, not a typo of "envy"
    heard = [m for m in found if not _outranked(m, found) and m.term != lexicon.NOT_A_CONCERN]
    crisis = any(m.term in CRISIS_TERMS for m in heard)  # even when denied: cheap to show, costly to miss
    aside = _set_aside(heard, words)
    kept = [m for m in heard if (not m.negated or m.term in DENIAL_IS_THE_TOPIC) and not _not_the_clients(m, words)
            and m.term != lexicon.SET_ASIDE_TERM and (m.start not in aside or m.term in CRISIS_TERMS)
            and not _a_word_of_another_tongue(m, words, written, lex)]
    # "I don't think I'm depressed ... I cry in my car": a concern denied by its name is not heard again
    # through lay words, only through its name ("not depressed before, but depressed now").
    denied = {m.term for m in heard if m.negated and m.end - m.start == 1 and _said_of_oneself(words, m.start)
              and _named(m.term, [m], words, lex)} - CRISIS_TERMS - OWNED_LATE
    terms = list(dict.fromkeys(m.term for m in sorted(kept, key=lambda m: m.start)))
    named = {t for t in terms if _named(t, kept, words, lex)}
    terms = [t for t in terms if t not in denied or t in named]
    terms = [t for t in terms if t in named or not (NARROWER.get(t, frozenset()) & set(terms)
                                                     or EXPLAINED_BY.get(t, frozenset()) & named)]
    terms += [t for t in age_groups(text) if t not in terms]
    elsewhere = other_languages.heard(text, written, CRISIS_TERMS)  # "우울하고 잠을 못 자요"
    terms += [t for t in elsewhere.terms if t not in terms]
    if written and f"language:{written}" not in terms:
        terms.append(f"language:{written}")  # someone writing in Korean is best heard in Korean
    if reread:  # a term named outright stays; one heard and left out on purpose (denied, someone else's) stays out
        terms = second_reading.revised(text, terms, {m.term for m in found} - set(terms), CRISIS_TERMS | named)
    crisis = crisis or elsewhere.crisis or other_languages.crisis_in_any_tongue(text, foreign_crisis_phrases())
    return Understanding(tuple(terms), crisis)


@functools.cache
def foreign_crisis_phrases() -> tuple[tuple[other_languages.Tongue, str], ...]:
    """The other tables' crisis phrases that are not English words the lexicon reads itself ("self harm")."""
    lex = lexicon.default()
    return other_languages.crisis_phrases(CRISIS_TERMS, lambda entry: all(lex.knows("en", w) for w in entry.split()))


# What each round of the evaluation set's hands was asked to file. Before batch 89 they labelled concerns and the kind
# of therapist asked for, not the insurer named ("I have Aetna"); from batch 89 on they were asked to file the plan a
# client names, and not to file the two populations every adult who writes for themself is in (adults,
# individuals). A term a row's hand was not asked to file is, in that row, neither a hit, a miss nor spurious.
INSURERS_LABELLED_FROM = 89
NOT_LABELLED = ("insurer:",)
NOT_LABELLED_FROM_89 = ("population:adults", "population:individuals")


def unlabelled(row: dict) -> tuple[str, ...]:
    """Prefixes of the terms `row`'s hand was not asked to file."""
    return NOT_LABELLED if row.get("batch", 0) < INSURERS_LABELLED_FROM else NOT_LABELLED_FROM_89


def scored(labelled: list[dict], reread: bool = True) -> tuple[float, float]:
    """(recall, precision) of the terms understood from `labelled` rows ({"text", "terms"}), over all rows."""
    hits = found = wanted = 0
    for row in labelled:
        got, want = set(understand(row["text"], reread).terms), set(row["terms"])
        skipped = unlabelled(row)
        got, want = ({t for t in terms if not t.startswith(skipped)} for terms in (got, want))
        hits, found, wanted = hits + len(got & want), found + len(got), wanted + len(want)
    return hits / max(1, wanted), hits / max(1, found)

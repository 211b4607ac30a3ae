"""The matcher's lexicon: every term's label and lay synonyms as stemmed word patterns, plus typo repair.

Built once from the vocabulary (taxonomy) and kept in memory. Stemming is Snowball's, English and
Spanish; typo repair moves a word no English or Spanish dictionary knows to the nearest lexicon
word (one edit for short words, two for long ones), so "depresed" is heard and "lovely" stays lovely.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import snowballstemmer
from spellchecker import SpellChecker

from . import taxonomy
from .words import KINDRED, NEGATORS, normalise, tokens

LANGUAGES = ("en", "es")
SNOWBALL = {"en": "english", "es": "spanish"}
EXACT = "exact"  # patterns matched word for word: "=gaming", and words of three letters ("ifs" is not "if")
MATCHED = (*LANGUAGES, EXACT)
NOT_THIS_LANGUAGE = "\x00"  # the stem of a word only the other language knows: "time" is not Spanish "tim"
# Facets whose lay words the matcher listens for, and the prefix their terms carry.
LISTENED = {"issues": "issue", "populations": "population", "languages": "language", "modalities": "modality",
            "identities": "identity", "specialties": "specialty", "insurers": "insurer"}
# Identities, specialties and insurers are heard only through their synonyms ("a Black therapist", "couples
# counseling", "UHC"): a bare "black" or "man" says nothing, a specialty's label names issues the issues facet
# already hears, and an insurer's label is not what anyone says ("Cigna / Evernorth Behavioral Health").
LABELS_HEARD = ("issues", "populations", "languages", "modalities")
# Labels too short or too common to stand for their term in a client's sentence ("our children live out of
# state" says no age; a couple is heard by its own synonyms: "couples counseling", "my wife and I ... fight").
LABEL_EXCEPTIONS = frozenset({"language:en", "issue:parenting", "population:individuals", "population:adults",
                              "population:children", "population:groups", "population:families", "population:couples",
                              "modality:relational", "modality:eclectic", "modality:integrative",
                              "modality:experiential", "modality:narrative", "modality:existential",
                              "modality:interpersonal", "modality:multicultural", "modality:feminist",
                              "modality:somatic", "modality:culturally-sensitive", "modality:strength-based",
                              "modality:emotionally-focused-individual"})  # its label stems as couples EFT does
MIN_FUZZY_LENGTH = 5
# Longer words are not typos of a lexicon word (its longest has 18 letters), and the candidates of a word
# grow with the square of its length: one 500-letter "word" took four seconds.
MAX_FUZZY_LENGTH = 22
# Everyday phrases that contain a concern's word without the concern: found, they outrank it, and are dropped.
NOT_CONCERNS = ("cutting back", "cut back", "cutting down", "cut down on", "paper cut", "haircut", "hair cut",
                "dying to", "dying for", "to die for", "the great depression", "economic depression",
                "drinking water", "drink water", "drinking coffee", "drink coffee", "weight training",
                "lifting weights", "panic buying", "binge watch", "binge watching", "binge watched",
                "fighting cancer", "fighting for", "throw up from food poisoning",
                "(killing|kill) time", "killing it", "dying of (laughter|embarrassment|boredom|curiosity)",
                "bored to death", "dead tired",
                # shaving, diets: "a straight razor and a brush", "razor burn from the shave-down", "cutting carbs"
                "(straight|safety) razor and (a|my) brush", "razor burn", "razor burn on my (legs|face|neck)",
                "losing faith in (me|him|her|us|them)",  # a coach's, not one's own
                "(cutting|cut|cuts) (carbs|sugar|calories|gluten|dairy|out sugar|out carbs|out dairy)",
                # "exam week is a suicide mission"
                "suicide (mission|missions|squad|sprint|sprints|drill|drills|doors|wings)",
                "(cutting|cut|cuts) weight",  # wrestlers and fighters making weight
                "(overdosed|overdose|overdosing|od'd) on (christmas |holiday |halloween |)"
                "(cookies|candy|sugar|chocolate|caffeine|coffee|pizza|cake|carbs|sweets|netflix|tv)",
                "(phone|battery|car|laptop) died", "(phone|battery|car|laptop) died (last|this) (night|week|month)",
                "fell on deaf ears", "adopted a (puppy|dog|cat|kitten|pet)",
                # a private plan (its insurer heard by name), not Original Medicare: "an Aetna Medicare Advantage plan"
                "medicare advantage",
                # Medicare to come is not the plan one has: "Medicare starts next year, for now I'm on my work plan"
                "medicare (starts|kicks in|begins|will start|will kick in|starts next)",
                # a war remembered with the eyes closed (PTSD), not things seen that are not there
                "(see|seeing|saw) things from (over there|the war|that day|back then|iraq|afghanistan|vietnam)",
                "(see|seeing|saw) things when i close my eyes",
                # a teacher's class, not a child's grade: "I teach 3rd grade"
                "(teach|teaching|taught|teaches) (1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th|11th|12th|first|second|"
                "third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth) grade",
                "(1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th|11th|12th|first|second|third|fourth|fifth|sixth|seventh|"
                "eighth|ninth|tenth|eleventh|twelfth) grade (teacher|teachers|class i teach)",
                # a dare or a summer's dive, not a jump to die: "jumped off a roof on a dare"
                "(jumped|jump|jumping|jumps) off (a|the) (roof|bridge|cliff|garage|shed|balcony) "
                "(on a dare|into the pool|into a pool|into the lake|into the river|for a video|for a tiktok)",
                # a couple who disagree, not borderline splitting: "my wife and I are totally split on how to handle it"
                "(totally|completely|pretty|so|are|were) split (on|about|over) "
                "(how|what|whether|it|this|that|everything)",
                # a noisy house, not a voice: "I hear everything through the wall"
                "(hear|hears|heard|hearing) (everything|it all|them|every word) through the "
                "(wall|walls|door|floor)",
                # a fear of one, not a stroke had: "sure she'll have a stroke like her sister did"
                "(sure|afraid|scared|convinced|worried|terrified) (she'll|he'll|i'll|she will|he will|i will|"
                "i'm going to|she's going to|he's going to) have a (stroke|heart attack)",
                # a blow at work, not a sexual assault: "a patient assaulted me three months ago"
                "(a |the |)(patient|inmate|customer|student) (assaulted|attacked|punched|hit|kicked) me",
                # a haircut and an accident, not self-harm: "got my hair cut again", "cut my foot on a piece of glass"
                "(got|get|getting|had) my hair cut", "(hair|bangs) cut again (today|yesterday|this week|this morning)",
                "cut my (foot|feet|finger|fingers|toe|toes|thumb|knee|lip|chin|hand) on (a|the|some|my)",
                # a habit mastered, a mood's swing, a friend group's snub: not control, swingers, a breakup
                "under control", "(swinging|swings|swing|swung) between",
                "(getting|got|been|get|gets) left out by (her|his|my|their|the|our)",
                # a drink thrown, not drunk: "a customer threw a drink at me"
                "(threw|throw|throws|thrown|throwing|tossed) a drink (at|on|in)",
                # a show that was too much, not a wish: "that season finale unalived me fr"
                "(finale|episode|ending|show|movie|exam|test|quiz|class|song|game|meme|video|tiktok|plot twist) "
                "(unalived|killed|ended) me",
                # growing up or retiring, not a gender transition: "the transition to adulthood"
                "(the |a |)transition (to|into) (adulthood|college|retirement|high school|middle school|kindergarten|"
                "civilian life|a new job|independence|independent living|adult life|motherhood|fatherhood|parenthood)",
                "(hands|fingers|arms|legs|feet|face|lips|toes) (go|goes|went|going|get|gets|got|are|feel|felt) numb",
                "to (do|give|sort|fill|set out) (her|his|their) (pills|meds)",
                "(do|does|did|doing|give|gives|gave|giving) (her|his|their) (pills|meds) (and|every|in|for|at|before)",
                "truck stop (showers|shower|food|bathroom|bathrooms|parking lot)",
                "(med surg|med school|pre med|premed|med student|med students)",
                "(beat|beating|pounding) out of my chest",
                "(thank god|oh my god|oh god|god knows|for god's sake|god forbid|swear to god)",
                # A voice remembered is not a voice heard: "I still hear the pastor's voice when I decide anything".
                "(hearing|hear|hears) (her|his|their) voice (telling|tell|say|saying|criticizing|yelling at) me",
                "(hearing|hear|hears) (her|his|their) voice in my head",
                # the inner critic, not a voice heard: "a voice in my head telling me I'm not good enough"
                "(a|the|this|that) voice in my head (telling|tells|that tells|saying|says|that says) me (i'm|im|i am)",
                "(ex|former|formerly) (mormon|lds)",  # not asking for an LDS therapist
                "what ifs",  # "constant what-ifs" is worry, not internal family systems
                "(don't|dont|do not) (want to|wanna) live (forever|foreverrr|forever and ever)",  # a song
                "disappear from (social media|instagram|tiktok|the internet|online|the group chat|snapchat)",
                "(cutting|cut|cuts) out (more and more |)(foods|food|meat|dairy|sugar|gluten|carbs|snacks|meals)",
                "picking (myself|herself|himself|themselves) apart",  # in the mirror: body image
                "hear (my|the|his|her) (pastor's|pastors|mom's|moms|mother's|dad's|dads|father's|parents|coach's|"
                "boss's|abuser's|ex's|grandma's|teacher's) voice",
                "(want|wanted|wanting|going|have|had|trying) to cut (them|him|her|people|everyone|ties|contact) off",
                "(cut|cutting|cuts) (myself|himself|herself|themselves) off",  # from friends: withdrawal, not a blade
                "(cut|cutting|cuts|nicked|burned|burnt) (myself|himself|herself|themselves) "
                "(shaving|while shaving|cooking|while cooking|chopping|in the kitchen|on the stove)",
                "wake up the (baby|kids|kid|house|whole house|neighbors|dog)",
                "ready to go (home|back|out|to|on|for|shopping|again|now|yet)",
                "(she|he|i|they) (cut|cuts) out (carbs|sugar|fats|dairy|meat|gluten|junk food|caffeine|soda|foods)",
                "(died|killed|passed|passed away) in a (car accident|car crash|crash|wreck|accident)",
                "(in recovery|recovering) from (surgery|knee surgery|back surgery|an injury|my injury|covid|the flu)",
                "(my|our|his|her) (sibling|brother|sister|friend|best friend|cousin|son|daughter|mom|dad|ex|ex wife|"
                "ex husband) is getting married (next|this|in|soon|again|)",
                "(my|our) (sibling|friend|best friend|cousin|son|daughter) (just|) had (a|her|their) baby",
                "addicted to (coffee|chocolate|netflix|this show)",
                "trauma (surgeon|nurse|unit|center|bay)", "panic at the disco",
                # What happened to the therapist, a school year: not the client's concern.
                "(my|our|old) (therapist|counselor|psychiatrist|psychologist) "
                "(moved|moved away|retired|left|quit|is retiring|is moving)",
                "(senior|junior) (in|at) (high school|college)", "(high school|college) senior", "senior year",
                # How a first message speaks of therapy itself, and everyday phrases with a concern's word in them.
                "(nervous|scared|anxious) (about|to) (start|starting|reach out|reaching out|try|trying|see|seeing|find|"
                "finding|write|writing) (therapy|a therapist|someone|this|out|again|my first session)",
                # A relationship with a parent or a boss is not a couple's; a partner's pregnancy is not the client's.
                "(relationship|relationships) with (my|our) (mom|dad|mother|father|parents|family|sister|brother|"
                "siblings|boss|kids|son|daughter|children|in laws|coworkers|friends|grandma|grandpa)",
                "(wife|girlfriend|partner|fiancee|sister|friend|coworker|daughter in law) "
                "(is|got|just got|was) pregnant",
                "(leave|left) me alone", "(when|while|whenever) (i'm|i am) (alone|by myself|home alone)",
                "(bad|terrible|horrible|awful|negative|weird) (experience|experiences) with (a|my|the|our|an|) "
                "(last|previous|old|former|past|) (therapist|therapists|counselor|counselors|psychiatrist|therapy)",
                "(cutting|cut|cuts) (ties|contact|off contact|them off|him off|her off|people off|my family off)",
                "(i|we|they|he|she|you|) (cutting|cut|cuts) (my|his|her|our|their|the) "
                "(hair|nails|hours|shifts|pay|salary|budget|spending|costs|losses|carbs|sugar|caffeine|screen time|"
                "food|meat|meals|portions|sandwich|sandwiches|toast)",
                # bodybuilding's phases of eating less: "in a cutting phase at the gym"
                "(a|the|my|his|her|this|of) (cutting|cut|bulking) (phase|season|cycle|diet|program|block)",
                "(found|saw|find) (you|your profile|your page) on",
                "(cutting|cut|cuts|skipping|skip) (class|classes|school|practice|first period|homeroom)",
                "(get|gets|getting|got) away with murder",
                "(cutting|cut) all day & plant line meat butcher shift factory",
                # "... to a beach for a week", "... from the family group chat"
                "(want|wanted|wanting) to disappear (to|for|on|into|from) (a|an|the|my|some|family|our)",
                "(feel|feeling|felt) like disappearing (to|for|on|into) (a|an|the|my|some)",
                "(wish|wished) i could disappear (to|for|on|into) (a|an|the|my|some)",
                "(my|our) (previous|last|old|former) (therapist|counselor|psychiatrist|psychologist) "
                "(moved|moved away|retired|left|quit|relocated)",
                "(had|has|suffered|survived|died of|died from) a heart attack",
                "(ending|end|ended) things with",  # a relationship, not a life
                # affirming of neurodivergence (the specialty hears it), not the LGBTQ-affirming a bare "affirming" is
                "(neurodiversity|neurodivergent|neurodivergence|nd) (affirming|informed|friendly)",
                "(high school|middle school|elementary school|preschool|college|university) "
                "(teacher|teachers|counselor|principal|coach|professor|nurse|librarian)",
                "(leave|leaving|left|leaves) me out (of|at|when)",  # shut out, not abandoned
                "cop out", "(nobody|no one|noone) (ever |)(hurt|hit) me",
                "(heard|overheard) (someone|somebody|people|them|a coworker|coworkers) (call|calling) me (the|a|an)",
                "(daydream|daydreaming|daydreams) about (teaching|working|quitting|moving|being|having|living|leaving|"
                "going|doing|becoming|a|my)")
# ... and in Spanish: a stomach that hurts is not grief ("le duele el estómago cada mañana").
NOT_CONCERNS_ES = ("(la|de la|a la|en la|por la) corte (de|para|migratoria|del|de inmigracion|y)",
                   # since one's teens, not a teenager now: "desde adolescente me he metido en problemas"
                   "(desde|de|cuando era) (adolescente|adolescentes|chamaco|chamaca|chavo|chava)",
                   "(ordenadas|ordenada|ordenado|ordenados) por la corte",
                   # a neuropathy's burning: "la neuropatía me quema los pies toda la noche"
                   "=(me|le|te) (quema|queman|quemaba|arde|arden) (los|las|el|la|mis) "
                   "(pies|manos|piernas|pecho|estomago)",
                   "me (lastime|lastimo|lastimaba|lastima) (la|el|mi) "
                   "(espalda|brazo|rodilla|pie|mano|cuello|hombro|tobillo|pierna|cadera|muneca)",
                   # An injury told in the past, word for word (a stem has no tense): hurting one's arms or legs as a
                   # habit is self-harm ("me lastimo los brazos cuando estoy triste").
                   "=me (lastime|lastimaba) (los|las|mis) (brazos|piernas|munecas|manos)",
                   # harm done to others, word for word (a stem has no person): "no le importa hacerle daño a nadie"
                   "=(hacerle|hacerles|le hace|les hace|le hizo|les hizo|le hacen) (dano|mucho dano) "
                   "(a|al|a la|a los|a las|a su|a sus)", "=(le|les) (puedo|pueda|podria|voy a) hacer dano a",
                   "(cortar|corte|corté|cortamos|cortó) con (mi|el|la|su) (novio|novia|pareja|ex)",  # breaking up
                   "(gracias a|si|primero|ay|por|dios mio|ojala) dios", "dios (mio|sabe)",
                   "(me|le|te|les|nos) (duele|duelen|dolia|dolio) (el|la|los|las|mucho el|mucho la) "
                   "(estomago|panza|pancita|cabeza|espalda|rodilla|rodillas|pecho|cuerpo|muela|garganta|pies|piernas)",)
NOT_A_CONCERN = "none:"
# What a client says to set a named concern aside: "my girlfriend has OCD and that's not the issue", "my son has
# ADHD and is doing great", "eso no es lo que me trae". What came before it in the sentence is not why they write.
SET_ASIDE = ("(that's|that is|thats|it's|it is) not what this is about", "(this|it) (isn't|is not) about that",
             "not here for (that|addiction|that stuff|addiction stuff|the addiction|the drinking|the drugs)",
             "(that's|that is|thats|it's|it is|this is|which is) not (the|my) (issue|problem|reason|point|focus)",
             "(that's|that is|thats|it's|it is|which is|this is) not (why|what) (i'm|i am|im) "
             "(here|writing|reaching out)",
             "(isn't|is not|isnt|wasn't|was not) (the|my) (issue|problem|reason|point|focus)",
             "(is|isn't|is not|was) not (why|what) (i'm|i am|im) (here|writing|reaching out)",
             "not what (brings|brought) me", "(that's|that is|thats) (all|) (fine|handled|under control|sorted)",
             "(it's|it is) all (fine|handled|sorted)",
             "(has|have) never been (an|a|the) (issue|problem)",
             "(and|but) (is|are) (doing|been doing) (great|well|fine|really well)",
             "(he's|she's|they're|he is|she is|they are) (doing|been doing) (great|well|fine|really well)",
             "(he's|she's|they're|he is|she is|they are|is|are) thriving",
             "(he's|she's|they're|he is|she is|they are) (getting|already getting|in) (help|treatment|therapy)",
             "(but|and) this is for me", "(i'm|i am|im) writing (about|for) (me|myself)",
             "(i'm|i am|im) the one who needs")
SET_ASIDE_ES = ("(eso|esto) no es lo que me (trae|preocupa)", "(eso|esto) no es el problema",
                "(eso|ese) es (problema|asunto|cosa) de (el|ella|ellos)",
                "(eso|esto) ya (esta|lo) (resuelto|manejamos)", "pero no es por eso")
SET_ASIDE_TERM = "aside:"


@dataclass(frozen=True)
class Pattern:
    term: str
    stems: tuple[str, ...]
    has_negator: bool  # "can't sleep", "no friends": the negation is the meaning, not a denial
    context: frozenset[str] = frozenset()  # stems of which one must be in the text: "help him" speaks of a child
    alone: bool = False  # only as a sentence of its own: a plan's bare name ("... no diets please. Oscar")


# A pattern's "\d+" is any number written in digits ("lost the baby at (\d+) weeks"), held as a word no one types.
ANY_NUMBER = "0number"


class Lexicon:
    def __init__(self, phrases: list[tuple[str, str, str]], known_words: dict[str, frozenset[str]]):
        """`phrases`: (term, language, phrase) triples, "=phrase" for word-for-word ones,
        "(a|b) c" for several phrasings at once, "phrase & word word" for a phrase that counts only
        beside one of those words, "[phrase]" for one that counts only as a sentence by itself;
        `known_words`: each language's real words, never "corrected"."""
        self._stemmers = {lang: snowballstemmer.stemmer(SNOWBALL[lang]) for lang in LANGUAGES}
        # Patterns by their first stem, then their second ("" for one-word patterns): a text's word is tried only
        # against the patterns whose next word it could have, not the thousands that begin with "my" or "i'm".
        self._index: dict[str, dict[str, dict[str, list[Pattern]]]] = {
            lang: defaultdict(lambda: defaultdict(list)) for lang in (*LANGUAGES, EXACT)}
        self._known = known_words
        self._roots: dict[tuple[str, str], str] = {}
        self.words: set[str] = set()
        self._written: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}  # each language's pattern words
        self._seen: set[tuple[str, Pattern]] = set()
        for term, written_lang, written in phrases:
            said, _, beside = written.partition("&")
            for phrase in expanded(said):
                self._add(term, written_lang, phrase, tokens(beside))
        self._deletions: dict[str, set[str]] = defaultdict(set)
        for word in self.words:
            if len(word) >= MIN_FUZZY_LENGTH and word.isalpha():
                for variant in _deletions(word, _max_edits(word)):
                    self._deletions[variant].add(word)

    def _add(self, term: str, lang: str, phrase: str, beside: list[str]) -> None:
        alone = phrase.startswith("[") and phrase.endswith("]")
        phrase = phrase.strip("[]") if alone else phrase
        exact = phrase.startswith("=")
        words = [w for w in tokens(phrase.lstrip("=").replace(r"\d+", ANY_NUMBER)) if w[0].isalnum()]
        if not words:
            return
        self.words.update(words)
        self._written[lang].update(words)
        if exact or (len(words) == 1 and len(words[0]) <= 3):
            lang, stems = EXACT, tuple(words)
            context = frozenset(beside)
        else:
            stems = tuple(w if w == ANY_NUMBER else self._root(lang, w) for w in words)
            context = frozenset(self._root(lang, w) for w in beside)
        pattern = Pattern(term, stems, any(w in NEGATORS for w in words), context, alone)
        if (lang, pattern) not in self._seen:  # paraphrase patterns spell many phrasings twice
            self._seen.add((lang, pattern))
            self._index[lang][pattern.stems[0]][pattern.stems[1] if len(pattern.stems) > 1 else ""].append(pattern)

    def _root(self, lang: str, word: str) -> str:
        """Snowball's stem, remembered: the patterns repeat their words thousands of times."""
        key = (lang, word)
        if key not in self._roots:
            root = KINDRED[lang].get(word) or self._stemmers[lang].stemWord(word)
            # An adverb is not its adjective's concern: "finally" is not "finals", "likely" not "like".
            self._roots[key] = word if lang == "en" and word.endswith("ly") and root + "ly" == word else root
        return self._roots[key]

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process, its words recur
    def stem(self, lang: str, word: str) -> str:
        """`word` as `lang`'s patterns are written; as typed for word-for-word patterns."""
        if lang == EXACT:
            return word
        other = self._known[LANGUAGES[1 - LANGUAGES.index(lang)]]
        # A word the lexicon writes in this language is this language's: "dias" is Spanish even if English knows it.
        if word in other and word not in self._known[lang] and word not in self._written[lang]:
            return NOT_THIS_LANGUAGE
        return self._root(lang, word)

    def knows(self, lang: str, word: str) -> bool:
        """Whether `word` is one of `lang`'s dictionary words or a word its patterns are written with."""
        return word in self._known[lang] or word in self._written[lang]

    def starting_with(self, lang: str, stem: str, then: tuple[str, ...] | None = None) -> list[Pattern]:
        """Patterns whose first stem is `stem` and, given `then`, whose second (if any) is one of those."""
        following = self._index[lang].get(stem)
        if not following:
            return []
        if then is None:
            return [p for patterns in following.values() for p in patterns]
        return [p for second in ("", *then) for p in following.get(second, ())]

    def corrected(self, words: list[str]) -> list[str]:
        return [self._nearest(w) or w for w in words]

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process; a text repeats its words
    def _nearest(self, word: str) -> str | None:
        """The lexicon word a typo most likely meant; None for real words and near-misses of nothing."""
        if not MIN_FUZZY_LENGTH <= len(word) <= MAX_FUZZY_LENGTH or not word.isalpha() or word in self.words:
            return None
        if any(spelling in known for spelling in _spellings(word) for known in self._known.values()):
            return None
        if any(lemma in self._known["es"] for lemma in _spanish_lemmas(word)):
            return None  # Spanish's dictionary lists "cargar" and "caja": "cargando cajas" is not "cortando cejas"
        limit = _max_edits(word)
        candidates: set[str] = set()
        for variant in _deletions(word, limit):
            candidates |= self._deletions.get(variant, set())
        # Two edits only between words of about the same length: "depresed" is "depressed", "realised" not "raised".
        scored = sorted((distance, c[0] != word[0], c) for c in candidates
                        if (distance := edit_distance(word, c)) < 2 or abs(len(c) - len(word)) <= 1)
        return scored[0][2] if scored and scored[0][0] <= limit else None


_CHOICE = re.compile(r"\(([^()]*)\)")


def expanded(phrase: str) -> list[str]:
    """A paraphrase pattern's phrasings: "(scared|afraid) of (needles|heights)" is four; "(really|)" is optional."""
    choice = _CHOICE.search(phrase)
    if not choice:
        return [" ".join(phrase.split())]
    return [p for option in choice[1].split("|")
            for p in expanded(phrase[:choice.start()] + option + phrase[choice.end():])]


_BRITISH = ((re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"), (re.compile(r"our(s|ed|ing|al)?$"), r"or\1"),
            (re.compile(r"yse(d|s)?$"), r"yze\1"), (re.compile(r"tre$"), "ter"),
            (re.compile(r"ll(ed|ing|or)$"), r"l\1"))


def _spellings(word: str) -> set[str]:
    """`word` and its American spelling: "realised" is a real word, not a typo of "raised"."""
    return {word} | {pattern.sub(american, word) for pattern, american in _BRITISH}


_SPANISH_ENDINGS = (("ando", ("ar",)), ("ado", ("ar",)), ("ada", ("ar",)), ("ados", ("ar",)), ("adas", ("ar",)),
                    ("iendo", ("er", "ir")), ("ido", ("er", "ir")), ("ida", ("er", "ir")), ("idos", ("er", "ir")),
                    ("idas", ("er", "ir")))


_VOWELS = frozenset("aeiou")


_CLITICS = ("me", "te", "se", "lo", "la", "le", "nos", "os", "los", "las", "les")


def _without_clitics(word: str) -> set[str]:
    """An infinitive or gerund without the one or two pronouns Spanish writes onto it: "tratarme" is "tratar" (not a
    typo of "matarme"), "diciendoselo" is "diciendo"."""
    bare = {word[:-len(c)] for c in _CLITICS if word.endswith(c) and len(word) - len(c) >= 4}
    bare |= {b[:-len(c)] for b in bare for c in _CLITICS if b.endswith(c) and len(b) - len(c) >= 4}
    return {b for b in bare if b.endswith(("ar", "er", "ir", "ando", "iendo"))}


def _spanish_lemmas(word: str) -> set[str]:
    """The infinitive of a Spanish gerund or participle, the singular of a plural, a verb without the pronouns written
    onto it: forms its dictionary leaves out. A plural adds -s to a vowel and -es to a consonant, so "nials" is no
    plural of "nial" (but a typo of "nails")."""
    forms = {word} | _without_clitics(word)
    lemmas = {f[:-len(end)] + base
              for f in forms for end, bases in _SPANISH_ENDINGS if f.endswith(end) for base in bases}
    lemmas |= forms - {word}
    if len(word) > 2 and word.endswith("es") and word[-3] not in _VOWELS:
        lemmas.add(word[:-2])
    if len(word) > 1 and word.endswith("s") and word[-2] in _VOWELS:
        lemmas.add(word[:-1])
    return lemmas


def _max_edits(word: str) -> int:
    return 1 if len(word) < 8 else 2


def _deletions(word: str, edits: int) -> set[str]:
    found = {word}
    for n in range(1, edits + 1):
        for drop in combinations(range(len(word)), n):
            found.add("".join(c for i, c in enumerate(word) if i not in drop))
    return found


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        previous2, previous = previous, row
    return previous[-1]


def vocabulary_phrases() -> list[tuple[str, str, str]]:
    """(term, language, phrase) for every label and lay synonym the matcher listens for."""
    phrases = []
    for facet, prefix in LISTENED.items():
        for term in taxonomy.FACETS[facet].values():
            key = f"{prefix}:{term.slug}"
            if facet in LABELS_HEARD and key not in LABEL_EXCEPTIONS:
                said = term.label.split(" (")[0]
                phrases.append((key, "en", said))
                if said.lower().endswith(" therapy"):  # "a play therapist": Snowball stems therapist apart from therapy
                    phrases.append((key, "en", said[:-len("therapy")] + "therapist"))
            phrases += [(key, "en", s) for s in term.synonyms]
            phrases += [(key, "es", s) for s in term.synonyms_es]
    return (phrases + [(NOT_A_CONCERN, "en", phrase) for phrase in NOT_CONCERNS]
            + [(NOT_A_CONCERN, "es", phrase) for phrase in NOT_CONCERNS_ES])


def label(term: str) -> str:
    """The vocabulary label of "issue:anxiety" and the like."""
    prefix, slug = term.split(":", 1)
    facet = next(f for f, p in LISTENED.items() if p == prefix)
    return taxonomy.FACETS[facet][slug].label


@functools.cache
def default() -> Lexicon:
    """The vocabulary's lexicon, built once (about a second; create_app does it at start-up) and kept."""
    known = {lang: frozenset(w if w.isascii() else normalise(w)  # read as the client's words are: "días" is "dias"
                             for w in SpellChecker(language=lang, distance=1).word_frequency.dictionary)
             for lang in LANGUAGES}
    asides = [(SET_ASIDE_TERM, "en", p) for p in SET_ASIDE] + [(SET_ASIDE_TERM, "es", p) for p in SET_ASIDE_ES]
    return Lexicon(vocabulary_phrases() + asides, known)

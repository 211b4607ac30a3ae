"""Which language a client's message is written in, when it is not English: someone who writes in
Korean, Portuguese or Spanish is best heard in that language, whether or not they ask for it.

Two signs, both cheap and pure: the script (Hangul is Korean, Devanagari Hindi), and for languages
written in Latin letters, their everyday small words ("não", "je suis", "ich bin"), which a few
borrowed words ("una tequila", "je ne sais quoi") do not outnumber. A language the vocabulary has no
term for is not guessed.
"""
from __future__ import annotations

import unicodedata

# Unicode script (the first word of a character's name) -> language slug. Where several languages share a
# script, the most spoken one among US clients stands for it unless letters of its own say otherwise below.
SCRIPTS = {"HANGUL": "ko", "HIRAGANA": "ja", "KATAKANA": "ja", "CJK": "cmn", "CYRILLIC": "ru", "ARABIC": "ar",
           "HEBREW": "he", "DEVANAGARI": "hi", "THAI": "th", "BENGALI": "bn", "GUJARATI": "gu", "GURMUKHI": "pa",
           "TAMIL": "ta", "TELUGU": "te", "KHMER": "km", "ARMENIAN": "hy", "GREEK": "el"}
# Letters only one of a script's languages uses: "ї" is Ukrainian; "ے" Urdu; "پ" or the Persian "ی" Farsi (Urdu
# has them too, so it is tried first).
OWN_LETTERS = {"uk": "іїєґ", "ur": "ٹڈڑںے", "fa": "پچژگکی"}
OWN_LETTERS_SCRIPT = {"uk": "CYRILLIC", "fa": "ARABIC", "ur": "ARABIC"}
# Japanese is written with kanji (CJK) and kana together: any kana makes the text Japanese.
BEFORE = {"cmn": "ja"}

# Everyday words of each language written in Latin letters, accents removed as the tokeniser removes them.
# Spanish, the most written here, keeps short words Portuguese shares ("de", "que"): see SHARED.
SMALL_WORDS = {
    "es": frozenset("que de y mi me mis con es la el en un una unos tengo estoy muy para por se lo los las yo no "
                    "pero como hijo hija esposo esposa siento quiero necesito porque mucho mucha ayuda tambien "
                    "cuando hace anos nada todo ella ellos usted puedo estar soy esta".split()),
    "pt": frozenset("eu voce nao estou tenho muito muita mas como filho filha marido sinto quero preciso ajuda "
                    "porque tambem quando faz anos nada tudo ela eles um uma meu minha com sou esta fale falar "
                    "obrigado obrigada terapeuta psicologo".split()),
    "fr": frozenset("je j'ai suis mon ma mes pas avec une est et les des qui parle parler depuis tres mais "
                    "comment fils fille mari sens veux besoin aide parce aussi quand ans rien tout elle ils vous "
                    "moi c'est ne".split()),
    "de": frozenset("ich bin nicht und mein meine mit auf habe ist sehr der die das sohn tochter mann fuhle "
                    "will brauche hilfe weil auch wenn jahre nichts alles sie wir ein eine sprechen".split()),
}
ENGLISH = frozenset("the and i my me is a to of in it with for that have am was we he she you not but so just "
                    "can't don't i'm".split())
# Words two of them share: they count for neither when the other one is in the running ("como", "com").
SHARED = {("es", "pt"): SMALL_WORDS["es"] & SMALL_WORDS["pt"]}


def written_in(text: str, words: list[str], spanish_mentions: int = 0) -> str | None:
    """The language slug `text` is written in, if not English; `words` are its tokens (lower case, accents
    gone); `spanish_mentions` counts concerns heard through Spanish patterns, which speak for Spanish."""
    script = _script(text)
    if script:
        return script
    counts = {lang: sum(w in small for w in words) for lang, small in SMALL_WORDS.items()}
    counts["es"] += spanish_mentions
    shared = sum(w in SHARED["es", "pt"] for w in words)
    if counts["pt"] - shared > counts["es"] - shared:  # Portuguese ahead on its own words: "com" is not "con"
        counts["es"] = 0
    else:
        counts["pt"] = 0
    best = max(counts, key=lambda lang: counts[lang])
    english = sum(w in ENGLISH for w in words)
    return best if counts[best] >= 2 and counts[best] > english else None


def _script(text: str) -> str | None:
    """The language of the non-Latin script most of the letters are in, if they are most of the letters."""
    seen: dict[str, int] = {}
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        name = unicodedata.name(char, "")
        script = name.split(" ", 1)[0]
        if script in SCRIPTS:
            seen[script] = seen.get(script, 0) + 1
    if not seen or sum(seen.values()) * 2 < letters:
        return None
    script = max(seen, key=lambda s: seen[s])
    language = SCRIPTS[script]
    for own, chars in OWN_LETTERS.items():
        if OWN_LETTERS_SCRIPT[own] == script and any(c in chars for c in text):
            return own
    if language in BEFORE and any(SCRIPTS.get(s) == BEFORE[language] for s in seen):
        return BEFORE[language]
    return language

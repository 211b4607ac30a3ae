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
# has them too, so it is tried first); "嘅" or "唔" Cantonese.
OWN_LETTERS = {"uk": ("CYRILLIC", "іїєґ"), "ur": ("ARABIC", "ٹڈڑںے"), "fa": ("ARABIC", "پچژگکی"),
               "yue": ("CJK", "嘅佢唔咗嘢喺冇啲哋嚟嗰")}  # written Cantonese: "唔夠好", "佢", "嘅"

# Everyday words of each language written in Latin letters, accents removed as the tokeniser removes them.
# Spanish, the most written here, keeps short words Portuguese shares ("de", "que"): see SHARED.
SMALL_WORDS = {
    "es": frozenset("que de y mi me mis con es la el en un una unos tengo estoy muy para por se lo los las yo no "
                    "pero como hijo hija esposo esposa siento quiero necesito porque mucho mucha ayuda tambien "
                    "cuando hace anos nada todo ella ellos usted puedo estar soy esta".split()),
    "pt": frozenset("eu voce nao estou tenho muito muita mas como filho filha marido sinto quero preciso ajuda "
                    "porque tambem quando faz anos nada tudo ela eles um uma meu minha com sou esta fale falar "
                    "obrigado obrigada terapeuta psicologo ele acho fico isso nisso disso pelo pelos pela pelas "
                    "vergonha sozinha sozinho agora entao ainda depois meus minhas dele dela sem os ao aos pra "
                    "pro num numa".split()),
    "fr": frozenset("je j'ai suis mon ma mes pas avec une est et les des qui parle parler depuis tres mais "
                    "comment fils fille mari sens veux besoin aide parce aussi quand ans rien tout elle ils vous "
                    "moi c'est ne".split()),
    "de": frozenset("ich bin nicht und mein meine mit auf habe ist sehr der die das sohn tochter mann fuhle "
                    "will brauche hilfe weil auch wenn jahre nichts alles sie wir ein eine sprechen".split()),
    # Fewer clients write these; their words that Spanish or English also spell ("la", "con", "may", "her") are
    # left out, so that only a message in the language counts for it.
    "it": frozenset("sono il della che mio mia miei molto aiuto ho perche anche questo sempre sto sento voglio "
                    "bisogno figlio figlia marito moglie quando niente tutto io anni parla parlare psicologo "
                    "grazie nel gli mie essere ancora".split()),
    "pl": frozenset("jestem nie mam moj moja moje bardzo sie jest czy ale tak mnie corka syn maz zona pomoc "
                    "potrzebuje czuje chce juz jak ktory ktora polsku lat dla tylko wszystko nic ja z od szukam "
                    "bardziej dzien dobry mowiacego mowiacej kilku miesiecy sobie mojego mojej tego jestem".split()),
    "tl": frozenset("ako ang ng sa mga ko hindi po siya kami namin akin lang talaga kasi gusto kailangan tulong "
                    "anak asawa nanay tatay pamilya trabaho sobrang minsan wala yung nga din rin naman dito ito "
                    "nang".split()),
    "vi": frozenset("toi khong cua duoc nguoi nhung mot rat chong lam voi nay minh giup cam thay muon nhieu "
                    "qua lai dang buon tieng viet thuong biet vao nhu".split()),
    "ht": frozenset("mwen nan ak gen pou konnen vle bezwen ede pitit madanm santi anpil kounye paske ki kreyol "
                    "pale ayisyen ou li pa tankou toujou lakay fanmi".split()),
    "tr": frozenset("bir ve cok icin benim yardim degil var yok ama gibi annem babam esim oglum kizim "
                    "istiyorum hissediyorum bu ile sey zaman kendimi turkce konusan cunku artik "
                    "hic beni bana biraz".split()),
    "hr": frozenset("ili kako zasto meni ona oni nemam trebam treba zelim molim pomozite dijete djeca suprug supruga "
                    "zena terapeut psiholog jako stalno uvijek zbog nesto nista samo osjecam nisam koji koja koje "
                    "govori mogu trazim hrvatski jesam bih sve".split()),
    "sw": frozenset("wewe yeye sisi wao katika lakini kwamba yangu wangu changu langu nimekuwa nahitaji ninahitaji "
                    "tafadhali msaada nisaidie mtoto watoto mume mke mshauri daktari hii huyu kila siku sasa nyumbani "
                    "kazi shida tatizo nini nataka sijui najisikia".split()),
    "so": frozenset("waxaan waan waxay wuxuu aniga adiga isaga iyada annaga iyaga iyo ayaa waa iga hadda badan aad "
                    "laakiin haddii maxaa sidee fadlan caawimaad caawi baahanahay qabaa ahay ilmo caruur carruur "
                    "ninkayga xaaskayga lataliye dhakhtar hooyo".split()),
    "hmn": frozenset("kuv koj nws peb yog tsis heev thiab muaj xav nrog rau tias lawm txiv niam hmoob nrhiav tseem "
                     "kws pab tham lus leeg xwb hnub txhua nyob cov uas thaum".split()),
}
# Letters only one of the Latin-script languages here writes: a word with one counts twice for it, so that a short
# message is told by them ("Jestem strasznie zazdrosna o chłopaka", "Sürekli ellerimi yıkıyorum"): "não" and "mãe"
# are never Spanish; Vietnamese has its horned vowels, "đ", and vowels with a dot below.
OWN_LATIN_LETTERS = {"pt": frozenset("ãõ"), "pl": frozenset("łąęśżźńć"), "tr": frozenset("ışğ"),
                     "hr": frozenset("čšžđć"), "de": frozenset("äß"),
                     "vi": frozenset("ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")}
ENGLISH = frozenset("the and i my me is a to of in it with for that have am was we he she you not but so just "
                    "can't don't i'm".split())


def written_in(text: str, words: list[str], spanish_mentions: int = 0) -> str | None:
    """The language slug `text` is written in, if not English; `words` are its tokens (lower case, accents
    gone); `spanish_mentions` counts concerns heard through Spanish patterns, which speak for Spanish."""
    script = _script(text)
    if script:
        return script
    counts = {lang: sum(w in small for w in words) for lang, small in SMALL_WORDS.items()}
    written = [set(w) for w in text.lower().split()]
    for lang, letters in OWN_LATIN_LETTERS.items():
        counts[lang] += 2 * sum(1 for w in written if letters & w)
    # Spanish and Portuguese share many small words ("como", "que"), which count for both: the one ahead is
    # ahead on its own words ("com" is not "con"), and only it stays in the running. Concerns heard through
    # Spanish patterns then count for Spanish against English, not against Portuguese ("ansiosa" is both).
    counts["pt" if counts["es"] >= counts["pt"] else "es"] = 0
    if not counts["pt"]:
        counts["es"] += spanish_mentions
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
    for own, (its_script, chars) in OWN_LETTERS.items():
        if its_script == script and any(c in chars for c in text):
            return own
    if script == "CJK" and ("HIRAGANA" in seen or "KATAKANA" in seen):
        return "ja"  # Japanese writes kanji and kana together: any kana makes the text Japanese
    return language

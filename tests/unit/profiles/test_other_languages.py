"""Concerns and crisis language in messages written in languages the lexicon does not stem."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from profiles.domain import other_languages, taxonomy
from profiles.domain.understanding import AGE_BANDS, CRISIS_TERMS, foreign_crisis_phrases, understand
from profiles.domain.writing import OWN_LETTERS, SCRIPTS, SMALL_WORDS


def terms(text: str) -> set[str]:
    return set(understand(text).terms)


def heard(text: str) -> set[str]:
    """What the tables hear, before the second reading weighs concerns against one another."""
    return set(understand(text, reread=False).terms)


@pytest.mark.parametrize(("text", "expected"), [
    ("우울하고 잠을 못 자요", {"issue:depression", "issue:insomnia", "language:ko"}),
    ("我儿子今年12岁，在学校被同学欺负", {"issue:bullying", "population:preteens", "language:cmn"}),
    ("仕事のストレスで眠れない", {"issue:stress", "issue:insomnia", "language:ja"}),
    ("Je suis déprimée depuis des mois et je n'arrive pas à dormir", {"issue:depression", "language:fr"}),
    ("Ich habe ständig Angst und Panikattacken", {"issue:anxiety", "issue:panic", "language:de"}),
    ("Я много пью каждый вечер и не могу уснуть", {"issue:alcohol-use", "issue:insomnia", "language:ru"}),
    ("أعاني من القلق ونوبات الهلع", {"issue:anxiety", "issue:panic", "language:ar"}),
    # Portuguese that Spanish patterns also hear ("ansiosa") is still Portuguese.
    ("Estou muito ansiosa com o trabalho", {"issue:anxiety", "language:pt"}),
    ("Meu marido bebe demais e me bate. Não consigo dormir", {"issue:alcohol-use", "issue:domestic-violence",
                                                             "issue:insomnia", "language:pt"}),
    ("Mein Mann trinkt zu viel und schlägt mich", {"issue:alcohol-use", "issue:domestic-violence", "language:de"}),
])
def test_concerns_written_in_another_language_are_heard(text, expected):
    assert expected <= heard(text), heard(text)


@pytest.mark.parametrize("text", [
    "죽고 싶어요", "我不想活了", "死にたい", "Je veux mourir, je n'en peux plus", "Ich will nicht mehr leben",
    "Я хочу покончить с собой", "أريد أن أموت", "Tôi không muốn sống nữa", "Gusto ko nang mamatay",
    "Eu quero me matar", "मैं मरना चाहता हूँ", "Kuv xav tuag, kuv tsis xav nyob lawm",
    # Too short to tell the language by: heard through whichever table holds the words.
    "eu quero morrer", "je veux mourir", "ich will sterben", "quiero morirme",
])
def test_crisis_language_in_another_language_raises_the_notice(text):
    assert understand(text).crisis


@pytest.mark.parametrize("text", [
    "Tengo diabetes y ya me cortaron un dedo del pie", "used to self harm in high school, haven't in years",
    "my brother died by suicide last year and I'm not ok",
])
def test_another_tables_crisis_words_do_not_stand_in_for_english_or_a_longer_word(text):
    # The English lexicon reads these with their negations and pasts (the last is grief, and heard as such).
    assert not other_languages.crisis_in_any_tongue(text, foreign_crisis_phrases())


def test_a_negated_concern_is_dropped_and_a_longer_entry_outranks_the_one_inside_it():
    assert terms("我不焦虑，只是睡不着") == {"issue:insomnia", "language:cmn"}
    assert "issue:depression" not in terms("Je ne suis pas déprimée, juste très anxieuse")
    assert terms("我有社交焦虑，在人多的地方很紧张") >= {"issue:social-anxiety"}
    assert "issue:anxiety" not in terms("我有社交焦虑，在人多的地方很紧张")


def test_an_entry_two_terms_share_is_heard_for_both_in_every_process():
    # "on se dispute" is a couple's trouble and a communication one; which of the two was heard once depended on
    # the process's string hashing.
    script = ("import sys; from profiles.domain import other_languages as o; "
              "print(o.heard(sys.argv[1], 'fr', frozenset()).terms)")
    text = "Ma femme ne s'adapte pas, on se dispute tout le temps."
    heard = {subprocess.run([sys.executable, "-c", script, text], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert heard == {"('issue:relationship-distress', 'issue:communication')\n"}


def test_only_the_language_a_message_is_written_in_is_listened_for():
    # French "mal", German "Angst" and Tagalog "lungkot" inside an English message are not concerns.
    assert terms("I feel so mal today about my angst-ridden teen poetry") <= {"population:adolescents"}


def test_ages_in_other_languages_point_at_age_groups_and_durations_do_not():
    assert "population:adolescents" in terms("우리 아들은 15살이에요")
    assert "population:older-adults" in terms("мне 70 лет и мне одиноко")
    assert "population:adolescents" in terms("Ищу психолога для сына. Ему 15, после переезда замкнулся")
    assert "population:adolescents" in terms("मुझे अपने 16 साल के बेटे के लिए काउंसलर चाहिए")
    assert "population:preteens" in terms("중학생 아들이 학교에서 친구가 하나도 없다고 해요")
    assert not {t for t in terms("3 साल से मैं सो नहीं पाता") if t in AGE_BANDS}
    # Portuguese "há 5 anos" is how long, not how old; Italian "ha 15 anni" is an age.
    assert not {t for t in terms("Sou brasileira, moro aqui há 5 anos") if t in AGE_BANDS}
    assert "population:adolescents" in terms("mio figlio ha 15 anni e non va a scuola")


@pytest.mark.parametrize(("text", "expected"), [
    ("আমি সারাক্ষণ দুশ্চিন্তা করি। বাংলায় কথা বলতে পারেন এমন কাউকে খুঁজছি।", {"issue:anxiety", "language:bn"}),
    ("ਮੇਰੇ ਪਿਤਾ ਜੀ 72 ਸਾਲ ਦੇ ਹਨ। ਉਹ ਬਹੁਤ ਸ਼ਰਾਬ ਪੀਂਦੇ ਹਨ।", {"issue:alcohol-use", "population:older-adults", "language:pa"}),
    ("என் அம்மாவுக்கு 70 வயது. அவர் மிகவும் தனிமையாக உணர்கிறார்.", {"issue:loneliness", "population:older-adults"}),
    ("Είμαι 28 χρονών και μόλις έχασα το μωρό μου στον τέταρτο μήνα.", {"issue:pregnancy-loss", "language:el"}),
    ("Natafuta mshauri anayezungumza Kiswahili. Nina msongo wa mawazo kwa sababu ya kazi.", {"issue:stress", "language:sw"}),
    ("Tražim terapeuta koji govori hrvatski. Stalno sam tužna i ne mogu spavati.", {"issue:depression", "language:hr"}),
    ("Kuv xav nrhiav ib tug kws pab tham uas hais lus Hmoob. Kuv nyob ib leeg xwb, kuv tu siab heev.",
     {"issue:loneliness", "issue:depression", "language:hmn"}),
])
def test_concerns_in_more_languages_and_scripts(text, expected):
    assert expected <= heard(text), heard(text)


def test_a_word_of_the_language_written_is_not_taken_for_an_english_typo():
    # French "envie" (wish) is not a misspelt "envy"; "palliatifs" is heard through the French table.
    assert "issue:jealousy" not in terms("Je me sens épuisée, je pleure au travail et je n'ai plus envie de rien.")
    assert "issue:depression" in terms("Je me sens épuisée, je pleure au travail et je n'ai plus envie de rien.")
    assert "issue:end-of-life" in terms("Mon mari est en soins palliatifs à la maison. Je cherche un psy.")
    assert not {t for t in terms("depuis 3 ans je suis triste") if t.startswith("population:")}
    assert not {t for t in terms("hace 3 años que no duermo bien") if t.startswith("population:")}


def test_every_table_is_for_a_language_a_message_can_be_found_written_in_and_names_crisis_words():
    detectable = set(SCRIPTS.values()) | set(SMALL_WORDS) | set(OWN_LETTERS)
    issues = {f"issue:{slug}" for slug in taxonomy.ISSUES}
    for language, tongue in other_languages.tongues().items():
        assert language in detectable and language in taxonomy.LANGUAGES, language
        assert {term for _, term in tongue.entries} <= (issues | {f"population:{slug}" for slug in taxonomy.POPULATIONS}
                                                         | {f"identity:{slug}" for slug in taxonomy.IDENTITIES})
        assert CRISIS_TERMS <= {term for _, term in tongue.entries}, language


@pytest.mark.parametrize("text", [
    "我是在美国读研的留学生，压力特别大", "日本から来た大学院生です", "Bonjour, je suis étudiant en master",
    "Мне 19, я студентка", "Em là sinh viên, 21 tuổi",
])
def test_a_student_is_heard_as_a_college_student_in_other_languages(text):
    assert "population:college-students" in terms(text)


def test_written_cantonese_is_cantonese_and_heard_through_the_chinese_table():
    understood = terms("想搵識講廣東話嘅輔導員。我阿媽成日話我唔夠好，覺得自己好失敗。")
    assert {"language:yue", "issue:low-self-esteem"} <= understood and "language:cmn" not in understood
    assert {"language:cmn", "issue:anxiety"} <= terms("我很焦虑，晚上睡不着")


@pytest.mark.parametrize(("text", "expected"), [
    ("Tôi bị mất ngủ", {"language:vi", "issue:insomnia"}),  # Vietnamese by its letters, however short
    ("Mẹ 70 tuổi, từ khi ba tôi mất mẹ không ăn, không ngủ", {"language:vi", "issue:grief", "issue:insomnia"}),
    ("ابني عمره ١٦ سنة، حزين طوال الوقت ولا يريد الذهاب إلى المدرسة",
     {"language:ar", "population:adolescents", "issue:depression", "issue:school-issues"}),
    ("Ми з донькою виїхали з Харкова. Їй 9 років.", {"language:uk", "issue:immigration", "population:children"}),
    ("Bonjour, je suis arrivée du Sénégal et je ne dors presque plus", {"language:fr", "issue:immigration",
                                                                      "issue:insomnia"}),
])
def test_more_concerns_and_ages_heard_in_other_languages(text, expected):
    assert expected <= terms(text)

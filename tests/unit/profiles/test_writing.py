"""Which language a client writes in: by script, or by a Latin-script language's everyday small words."""
import pytest

from profiles.domain import taxonomy
from profiles.domain.understanding import understand
from profiles.domain.words import tokens
from profiles.domain.writing import written_in


@pytest.mark.parametrize(("text", "language"), [
    ("我很焦虑，需要帮助", "cmn"), ("불안해서 잠을 못 자요", "ko"), ("眠れなくて不安です", "ja"),
    ("Я не могу спать", "ru"), ("Я не можу спати, мені погано", "uk"), ("لا أستطيع النوم", "ar"),
    ("نمی توانم بخوابم", "fa"), ("مجھے نیند نہیں آتی", "ur"), ("मुझे नींद नहीं आती", "hi"), ("אני לא יכול לישון", "he"),
    ("preciso de um terapeuta que fale português", "pt"), ("Não consigo dormir e estou muito ansiosa", "pt"),
    ("je cherche un thérapeute qui parle français", "fr"), ("ich suche einen Therapeuten, ich bin sehr traurig", "de"),
    ("mi esposo y yo peleamos mucho", "es"), ("estoy muy estresada entre el trabajo y los niños", "es"),
    # Short ones, told by letters only their language writes, or by Portuguese's own small words.
    ("Jestem strasznie zazdrosna o chłopaka", "pl"), ("Sürekli ellerimi yıkıyorum", "tr"),
    ("Imam napadaje panike i ne mogu izaći iz kuće", "hr"), ("Eu arranco os pelos da sobrancelha sem perceber", "pt"),
    ("Meu marido bebe todo dia e eu fico tentando controlar tudo", "pt"),
])
def test_a_message_written_in_another_language_is_heard_in_it(text, language):
    assert written_in(text, tokens(text)) == language
    assert language in taxonomy.LANGUAGES


@pytest.mark.parametrize("text", [
    "I'm anxious all the time", "I love my abuela, she makes the best tamales", "je ne sais quoi, I'm just sad",
    "una tequila and I'm fine lol", "I need help with my son, he is 12", "ok", "",
    "my therapist said 我很好 once, anyway I'm anxious about work and I can't sleep at night",
    "my friend Łukasz moved to Zürich and I feel so alone",
])
def test_english_with_a_few_borrowed_words_is_english(text):
    assert written_in(text, tokens(text)) is None


@pytest.mark.parametrize(("text", "language"), [
    ("je cherche un thérapeute qui parle français", "language:fr"), ("ich suche einen Therapeuten auf Deutsch", "language:de"),
    ("preciso de um terapeuta que fale português", "language:pt"), ("busco un terapeuta que hable chino", "language:cmn"),
    ("I'd love someone who speaks italiano with my nonna", "language:it"), ("quiero terapia en francés", "language:fr"),
])
def test_a_language_asked_for_by_its_own_or_its_spanish_name_is_heard(text, language):
    assert language in understand(text).terms


def test_a_language_named_without_speaking_of_it_is_not_asked_for():
    assert understand("my family is Portuguese and strict", reread=False).terms == ()
    assert not any(t.startswith("language:") for t in understand("my family is Portuguese and strict").terms)
    assert not any(t.startswith("language:") for t in understand("a therapist who speaks Farsi please").terms
                   if t != "language:fa")

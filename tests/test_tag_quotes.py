"""Names in quotation marks (normalize/tagger/quotes.py, the acronym keys of normalize/tagger/scan.py).

The press quotes the names of units, media and companies, rarely a place's: a quoted
name that is an organization's and a town's is the organization, a quoted name after a
noun that is only a place's name is turned down, and an acronym key with a quoted name
in it ("ОСУВ «Хортиця»") is found as written. A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger
from normalize.tagger.quotes import quoted_at


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:azov-brigade", "org", (Name("Azov", "en", kind="short"), Name("Азов", "uk", kind="short"))),
        Entity("test:azov", "place", (Name("Azov", "en"), Name("Азов", "ru")), population=80_000, country="RU",
               admin1="61"),
        Entity("test:moscow", "place", (Name("Москва", "ru"), Name("Moscou", "fr")), population=12_000_000,
               country="RU", admin1="48"),
        Entity("test:tavria", "place", (Name("Tavria", "en"), Name("Таврія", "uk")), population=300, country="UA",
               admin1="08"),
        Entity("test:khortytsia", "org", (Name("ОСУВ «Хортиця»", "uk", kind="acronym"),
                                          Name("Хортиця", "uk", kind="short"))),
        Entity("test:east", "org", (Name("ОК «Схід»", "uk", kind="acronym"),)),
        Entity("test:odesa", "place", (Name("Odessa", "fr"), Name("Одеса", "uk")), population=1_000_000,
               country="UA", admin1="17"),
        Entity("test:matveyev-kurgan", "place", (Name("Матвеев Курган", "ru"),), population=15_000, country="RU",
               admin1="61"),
        Entity("test:kurgan", "place", (Name("Курган", "ru"),), population=300_000, country="RU", admin1="40"),
    ])
    return Tagger(lex, cache=False)


def ids(mentions: list) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in mentions]


@pytest.mark.parametrize("text, name", [
    ("les unités « Azov » et", "Azov"),
    ("the \"Azov\" brigade", "Azov"),
    ("brygady „Azov” i", "Azov"),
    ("бригада «Азов» та", "Азов"),
    ("the ‘Azov’ unit", "Azov"),
    ("les unités «\u00a0Azov\u00a0» et", "Azov"),
])
def test_a_quoted_name_is_the_organization(tagger: Tagger, text: str, name: str) -> None:
    got = tagger.tag(text)
    assert ids(got) == [(name, "test:azov-brigade")]
    start = text.index(name)
    assert (got[0].start, got[0].end) == (start, start + len(name))
    assert "test:azov" in [c.id for c in got[0].candidates]  # the town stays visible
    assert got[0].via[-1] == "organization"


def test_unquoted_the_town_still_stands(tagger: Tagger) -> None:
    assert ids(tagger.tag("Azov was shelled.")) == [("Azov", "test:azov")]


def test_a_quoted_place_name_after_a_noun_is_not_the_place(tagger: Tagger) -> None:
    assert ids(tagger.tag("le groupement « Tavria » tient.")) == []
    assert ids(tagger.tag("крейсер «Москва» затонув.")) == []
    rejected = [m for m in tagger.tag("le groupement « Tavria » tient.", all=True) if m.rejected]
    assert [(m.text, m.rejected) for m in rejected] == [("Tavria", "a quoted name after a noun: not a place")]


def test_a_quoted_place_after_a_preposition_or_opening_a_quotation_stays(tagger: Tagger) -> None:
    assert ids(tagger.tag("« Moscou n'a rien dit », a-t-il ajouté.")) == [("Moscou", "test:moscow")]
    assert ids(tagger.tag("« Moscou », a-t-il dit.")) == [("Moscou", "test:moscow")]
    assert ids(tagger.tag("d'Odessa à Moscou")) == [("Odessa", "test:odesa"), ("Moscou", "test:moscow")]


def test_a_small_place_quoted_alone_at_a_sentence_start_is_a_things_name(tagger: Tagger) -> None:
    # "« Tavria », le nom de code": a village's name alone in quotes names an operation, a unit, a ship
    assert ids(tagger.tag("« Tavria », le nom de code de l'opération, a échoué.")) == []
    assert ids(tagger.tag("Le nom de code était : « Tavria ».")) == []
    rejected = [m for m in tagger.tag("« Tavria », le nom de code.", all=True) if m.rejected]
    assert [(m.text, m.id, m.rejected) for m in rejected] == [
        ("Tavria", "test:tavria", "a small place's name alone in quotes: a thing's name")]
    # a big place so quoted stays, and so does a small place after a preposition or unquoted
    assert ids(tagger.tag("« Moscou », a-t-il dit.")) == [("Moscou", "test:moscow")]
    assert ids(tagger.tag("Les combats à « Tavria » continuent.")) == [("Tavria", "test:tavria")]
    assert ids(tagger.tag("Les combats continuent près de Tavria.")) == [("Tavria", "test:tavria")]


@pytest.mark.parametrize("text", [
    "Кредит выдал банк «Москва Сити».",  # a name of several capitalized words
    "Матч пройдет на «Москва 2018» в пятницу.",  # a digit: still a name, after a preposition too
    "Фильм «Москва, до востребования» получил приз.",  # a title after its noun
    "Выставка «Москва. Портрет города» открылась.",
    "the \"Moscou Times\" wrote",
])
def test_a_place_opening_a_longer_quoted_name_is_not_the_place(tagger: Tagger, text: str) -> None:
    assert ids(tagger.tag(text)) == []
    rejected = [m for m in tagger.tag(text, all=True) if m.rejected]
    assert [m.rejected for m in rejected] == ["the first word of a longer quoted name: not a place"]


def test_no_shorter_name_inside_a_turned_down_quoted_opener(tagger: Tagger) -> None:
    text = "Стадион «Матвеев Курган Арена» открыли после ремонта."
    assert ids(tagger.tag(text)) == []
    assert [(m.text, m.rejected) for m in tagger.tag(text, all=True) if m.rejected] == [
        ("Матвеев Курган", "the first word of a longer quoted name: not a place")]


@pytest.mark.parametrize("text", [
    "Он заявил: «Москва готова к переговорам».",  # speech goes on in lower case
    "Он сказал, что «Москва не уступит».",
    "Он перечислил «Москва, Азов» как цели.",  # a list: a capitalized word after the comma
    "Путь «Москва, по сути, закрыт для всех нас» ведет в никуда.",  # too long for a title
    "Он говорил в «Москва, до востребования».",  # after a preposition: no noun of a title before it
])
def test_a_place_opening_a_quotation_that_is_no_name_stays(tagger: Tagger, text: str) -> None:
    assert ("Москва", "test:moscow") in ids(tagger.tag(text))


def test_an_acronym_key_with_a_quoted_name_is_found_as_written(tagger: Tagger) -> None:
    text = "Воїни ОСУВ «Хортиця» відбили атаки, повідомили в ОК «Схід»."
    assert ids(tagger.tag(text)) == [("ОСУВ «Хортиця", "test:khortytsia"), ("ОК «Схід", "test:east")]
    assert ids(tagger.tag("ОСУВ Хортиця")) == [("ОСУВ Хортиця", "test:khortytsia")]
    # the acronym in lower case is no acronym
    assert ids(tagger.tag("осув «Хортиця»")) == [("Хортиця", "test:khortytsia")]


@pytest.mark.parametrize("text, span, want", [
    ("a « Azov » b", (4, 8), 2),
    ("a «Azov» b", (3, 7), 2),
    ("a „Azov” b", (3, 7), 2),
    ("a „Azov“ b", (3, 7), 2),
    ("a \"Azov\" b", (3, 7), 2),
    ("a 'Azov' b", (3, 7), 2),
    ("a »Azov« b", (3, 7), 2),
    ("d'Azov' b", (2, 6), -1),  # an elision, not a quote
    ("«Azov»s", (1, 5), -1),  # a letter after the closing mark
    ("«Azov b»", (1, 5), -1),  # the quotes hold more than the name
    ("«Azov»", (1, 5), 0),
    ("Azov", (0, 4), -1),
])
def test_quoted_at(text: str, span: tuple[int, int], want: int) -> None:
    assert quoted_at(text, *span) == want


@pytest.mark.parametrize("text", [
    "Команда сыграла вничью с «Москвой».",  # Russian: a town's name is quoted only as a club's, a ship's
    "Тренер «Азова» пожаловался на судей после матча с «Москвой».",
    "Гравці вийшли на поле проти «Таврії» з «Москвою».",
])
def test_a_quoted_place_after_a_russian_or_ukrainian_preposition_is_a_things_name(tagger: Tagger, text: str) -> None:
    assert [m for m in ids(tagger.tag(text)) if m[1] != "test:azov-brigade"] == []
    assert "a quoted name after a noun: not a place" in [m.rejected for m in tagger.tag(text, all=True) if m.rejected]


@pytest.mark.parametrize("text", [
    "Фильм «Москва слезам не верит» снова показали в кино.",  # a title goes on in lower case after its noun
    "Театр покажет спектакль «Москва под снегом» в пятницу.",
    "Вийшла книжка «Москва без прикрас» про столицю.",
])
def test_a_place_opening_a_lower_case_title_after_its_noun_is_not_the_place(tagger: Tagger, text: str) -> None:
    assert ids(tagger.tag(text)) == []
    assert [m.rejected for m in tagger.tag(text, all=True) if m.rejected] == [
        "the first word of a longer quoted name: not a place"]

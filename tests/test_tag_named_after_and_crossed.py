"""What a name right after "имени", an order's, a bridge's or a station's noun is (issue 16).

"премии имени Королева", "орденом Ленина": the person a prize, an order or a body is named after,
not the town of that name, however big (engine data ``eponym_words``). "мост через Обь", "к мосту
через Волгу": the river a bridge or a ferry crosses, not the town named like it (``crossing_nouns``,
``crossing_links``); "через" alone keeps the town. "микрорайона Южный", "на станции Озерки": a
microdistrict's or a station's name (``kind_nouns_before_name``), while a settlement's noun keeps
the place. And a lexicon name written as a lower-case noun and a quoted name ("группировки войск
«Центр»") is a mention of its quoted name, even when the lexicon holds no key for that name alone.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger

KOROLEV, KIROV, OB, VOLGA, DNIPRO = "test:korolev", "test:kirov", "test:ob", "test:volga", "test:dnipro"
YUZHNY, OZERKI, TSENTR, NAVALNY = "test:yuzhny", "test:ozerki", "test:tsentr", "test:navalny"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    def town(eid: str, ru: str, uk: str, population: int) -> Entity:
        return Entity(eid, "place", (Name(ru, "ru"), Name(uk, "uk")), subtype="populated place", country="RU",
                      population=population)

    lex = Lexicon.from_entities([
        town(KOROLEV, "Королев", "Корольов", 140_000),
        town(KIROV, "Киров", "Кіров", 470_000),
        town(OB, "Обь", "Обь", 24_000),
        town(VOLGA, "Волга", "Волга", 3_500),
        town(DNIPRO, "Днепр", "Дніпро", 970_000),
        town(YUZHNY, "Южный", "Південний", 19_000),
        town(OZERKI, "Озерки", "Озерки", 9_000),
        Entity(TSENTR, "org", (Name("группировка войск «Центр»", "ru"), Name("группировка «Центр»", "ru"))),
        Entity(NAVALNY, "person", (Name("Алексей Навальный", "ru"),), country="RU"),
    ])
    return Tagger(lex, cache=False)


def tags(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


@pytest.mark.parametrize("text", [
    "Он стал лауреатом премии имени Королева.",
    "Председатель колхоза имени Кирова ушел на пенсию.",
    "Прощание пройдет в Доме культуры имени Кирова.",
    "Ветеран был награжден орденом Ленина и орденом Кирова.",
    "Школу імені Кірова перейменували.",
])
def test_a_place_after_named_after_or_an_order_is_no_place(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []


@pytest.mark.parametrize("text", [
    "Губернатор пообещал: «Мост через Обь будет».",
    "Подрядчик обещает переложить асфальт на подъезде к мосту через Волгу.",
    "Паромная переправа через Волгу закрыта из-за ледохода.",
    "Міст через Дніпро відкриють навесні.",
])
def test_a_place_a_bridge_crosses_is_the_river(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []


@pytest.mark.parametrize("text", [
    "Жители микрорайона Южный просят вернуть автобус.",
    "Поезд задержали на станции Озерки.",
    "Мешканці мікрорайону Південний скаржаться на воду.",
])
def test_a_microdistricts_or_stations_name_is_no_place(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []


@pytest.mark.parametrize(("text", "want"), [
    ("Колонна прошла через Киров ночью.", [("Киров", KIROV)]),
    ("Дорога через Обь идет на Новосибирск.", [("Обь", OB)]),
    ("В Королеве открыли школу.", [("Королеве", KOROLEV)]),
    ("Улицу имени Алексея Навального предложили в Вильнюсе.", [("Алексея Навального", NAVALNY)]),
    ("Жители поселка Южный просят вернуть автобус.", [("Южный", YUZHNY)]),
])
def test_the_town_a_person_or_a_settlement_stay(tagger: Tagger, text: str, want: list[tuple[str, str]]) -> None:
    assert tags(tagger, text) == want


def test_the_reasons_are_shown_with_all(tagger: Tagger) -> None:
    got = [(m.text, m.rejected) for m in tagger.tag("Лауреат премии имени Королева. Мост через Обь.", all=True)]
    assert got == [("Королева", "after 'имени' or an order's noun: whom or what it is named after"),
                   ("Обь", "after a bridge's or crossing's noun and 'через': the river it crosses")]


@pytest.mark.parametrize(("text", "start"), [
    ("Подразделения группировки войск «Центр» освободили село.", 33),
    ("Группировка «Центр» продвинулась на запад.", 13),
    ("Начальник штаба группировки «Центр» доложил о потерях.", 29),
])
def test_a_quoted_name_after_its_lower_case_noun_is_the_mention(tagger: Tagger, text: str, start: int) -> None:
    got = [(m.start, m.text, m.id) for m in tagger.tag(text)]
    assert got == [(start, "Центр", TSENTR)]

"""A name right after a street's or square's noun in the singular (issue 16).

"вулиця Пушкіна", "на площади Победы", "проспект Ильича": the street is named after a person or
an event, and the name is not a place, however big the place of that name (Pushkino, Kirov).
A plural ("улицы Харькова", the streets of Kharkiv) keeps the place, and so does a form that a
plural shares, unless the preposition before it makes it singular ("на вулиці"). A person of the
lexicon stays a mention. The nouns are engine data (tagging.json ``street_nouns``).
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger

PUSHKINO, KHARKIV = "test:pushkino", "test:kharkiv"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity(PUSHKINO, "place", (Name("Пушкино", "ru"), Name("Пушкіно", "uk")), subtype="city", country="RU",
               population=110_000),
        Entity("test:kirov", "place", (Name("Киров", "ru"), Name("Кіров", "uk")), subtype="city", country="RU",
               population=470_000),
        Entity(KHARKIV, "place", (Name("Харьков", "ru"), Name("Харків", "uk")), subtype="city", country="UA",
               population=1_400_000),
        Entity("test:ratushnyi", "person", (Name("Роман Ратушний", "uk"),), country="UA"),
    ])
    return Tagger(lex, cache=False)


def tags(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


@pytest.mark.parametrize("text", [
    "У Тернополі депутати перейменували вулицю Пушкіна.",
    "Бульвар Пушкина сохранит прежнее название.",
    "Пожежа сталася на вулиці Кірова вночі.",
    "Суд находится на улице Кирова.",
    "Митинг прошёл на площади Пушкина.",
])
def test_a_name_after_a_street_noun_is_no_place(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []


def test_the_reason_is_shown_with_all(tagger: Tagger) -> None:
    got = [(m.text, m.rejected) for m in tagger.tag("Суд находится на улице Кирова.", all=True)]
    assert got == [("Кирова", "after a street's or square's noun: whom it is named after")]


@pytest.mark.parametrize(("text", "want"), [
    ("Вулиці Харкова спорожніли після удару.", [("Харкова", KHARKIV)]),
    ("Улицы Харькова опустели.", [("Харькова", KHARKIV)]),
    ("Площади Харькова украсили к празднику.", [("Харькова", KHARKIV)]),
    ("Каплицю освятили на вулиці Романа Ратушного.", [("Романа Ратушного", "test:ratushnyi")]),
    ("На улице в Пушкино шёл снег.", [("Пушкино", PUSHKINO)]),
])
def test_a_plural_a_person_or_a_word_between_keep_the_mention(tagger: Tagger, text: str,
                                                             want: list[tuple[str, str]]) -> None:
    assert tags(tagger, text) == want

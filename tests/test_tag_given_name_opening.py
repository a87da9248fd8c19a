"""A given name opening a sentence with a comma after it introduces a person (normalize/tagger/doubt.py).

"Olga, mieszkanka Kijowa, ...", "Анна, жена одного из них, ...": a village that shares the given
name is a weak place, and the news introduces an ordinary person so. The same village after a
preposition, a given name with no comma, and a place name that is no given name stay. A small
lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger

REASON = "a given name opening a sentence, a comma after it: a person introduced by name"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:olga", "place", (Name("Ольга", "ru"), Name("Olga", "en")), subtype="populated place",
               country="RU", population=4_300),
        Entity("test:anna", "place", (Name("Анна", "ru"), Name("Anna", "en")), subtype="populated place",
               country="RU", population=19_000),
        Entity("test:robotyne", "place", (Name("Роботине", "uk"), Name("Robotyne", "en")), subtype="village",
               country="UA", population=480),
    ])
    return Tagger(lex, cache=False)


def tags(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


@pytest.mark.parametrize("text", [
    "Olga, mieszkanka Kijowa, od tygodnia nie ma prądu.",
    "Rakieta spadła nocą. Anna, żona jednego z nich, twierdzi, że mąż jest niewinny.",
    "Ольга, жительница Киева, осталась без света.",
    "«Анна, подождите», — сказал он.",
])
def test_a_given_name_and_a_comma_at_a_sentence_start_is_a_person(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []
    turned = [(m.text, m.rejected) for m in tagger.tag(text, all=True) if m.rejected]
    assert len(turned) == 1 and turned[0][1] == REASON


def test_the_village_itself_stays(tagger: Tagger) -> None:
    assert tags(tagger, "Ostrzelano wieś pod Olgą i w Annie.") == [("Olgą", "test:olga"), ("Annie", "test:anna")]
    # the rule asks for the sentence start: a given name mid-sentence before a comma is weighed as before
    turned = [m.rejected for m in tagger.tag("Ostrzelano Olgę, Robotyne i Annę.", all=True) if m.rejected]
    assert REASON not in turned


def test_a_place_that_is_no_given_name_stays_before_a_comma(tagger: Tagger) -> None:
    got = tags(tagger, "Robotyne, wieś w obwodzie zaporoskim, znów jest pod ostrzałem.")
    assert got == [("Robotyne", "test:robotyne")]
    turned = [m.rejected for m in tagger.tag("Robotyne, wieś pod Orichowem.", all=True) if m.rejected]
    assert REASON not in turned


@pytest.fixture(scope="module")
def big() -> Tagger:
    """Big places (no weak keys): one reached by a given name only through another of its names
    (the first name is the label)."""
    lex = Lexicon.from_entities([
        Entity("test:marino", "place", (Name("Mar'ino", "en"), Name("Марьино", "ru"), Name("Mar'ina", "en")),
               subtype="populated place", country="RU", population=243_000),
        Entity("test:vladimir", "place", (Name("Vladimir", "en"), Name("Владимир", "ru")),
               subtype="populated place", country="RU", population=350_000),
    ])
    return Tagger(lex, cache=False)


@pytest.mark.parametrize("text", [
    "Las fuerzas rusas atacaron la ciudad. Marina, una maestra de 52 años, contó que su casa quedó sin ventanas.",
    "Marina, un'infermiera, racconta che la corrente manca per dodici ore al giorno.",
])
def test_a_big_place_reached_through_another_name_is_the_person(big: Tagger, text: str) -> None:
    assert tags(big, text) == []


@pytest.mark.parametrize(("text", "want"), [
    # the place's own name keeps it, comma or not
    ("Vladimir, a city east of Moscow, was hit by drones overnight.", [("Vladimir", "test:vladimir")]),
    # no comma after the given name: weighed as before
    ("The drones flew on. Marina was hit overnight, officials said.", [("Marina", "test:marino")]),
])
def test_a_big_place_otherwise_stays(big: Tagger, text: str, want: list[tuple[str, str]]) -> None:
    assert tags(big, text) == want

"""A village placed in a region none of its namesakes lies in (normalize/tagger/doubt.py: located_elsewhere).

"Зелене на Черкащині": GeoNames has villages called Зелене in other oblasts, not in Cherkasy
Oblast; the text names one the lexicon lacks. The locative of a region right after a locating
preposition (``located_in`` in normalize/data/tagging.json) says where the village lies; the
accusative ("на Черкащину", toward it) and a town after the preposition say nothing. A small
lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:zelene-kharkiv", "place", (Name("Зелене", "uk"), Name("Зеленое", "ru")), subtype="populated place",
               country="UA", admin1="07", population=900),
        Entity("test:zelene-odesa", "place", (Name("Зелене", "uk"), Name("Зеленое", "ru")), subtype="populated place",
               country="UA", admin1="17", population=700),
        Entity("test:cherkasy-oblast", "place", (Name("Черкаська область", "uk"), Name("Черкащина", "uk"),
                                                 Name("Черкасская область", "ru")),
               subtype="oblast", country="UA", admin1="01"),
        Entity("test:kharkiv-oblast", "place", (Name("Харківська область", "uk"), Name("Харківщина", "uk")),
               subtype="oblast", country="UA", admin1="07"),
        Entity("test:uman", "place", (Name("Умань", "uk"),), subtype="city", country="UA", admin1="01",
               population=80_000),
    ])
    return Tagger(lex, cache=False)


def ids_of(tagger: Tagger, text: str, word: str) -> list[str | None]:
    return [m.id for m in tagger.tag(text) if m.text == word]


@pytest.mark.parametrize("text, region", [
    ("Жителі села Зелене на Черкащині скаржаться на пересохлі ставки.", "Черкащині"),
    ("Жителі села Зелене у Черкаській області скаржаться на пересохлі ставки.", "Черкаській області"),
    ("Жители села Зеленое в Черкасской области жалуются на засуху.", "Черкасской области"),
])
def test_a_village_placed_in_another_region_is_not_its_namesake(tagger: Tagger, text: str, region: str) -> None:
    got = [(m.text, m.id) for m in tagger.tag(text)]
    assert any(t == region for t, _ in got)
    assert not [t for t, _ in got if t.startswith("Зелен")]
    turned = {m.text: m.rejected for m in tagger.tag(text, all=True) if m.rejected}
    assert "lexicon lacks" in turned[text.split()[2]]


def test_a_namesake_in_that_region_stays(tagger: Tagger) -> None:
    text = "Жителі села Зелене на Харківщині скаржаться на пересохлі ставки."
    assert ids_of(tagger, text, "Зелене") == ["test:zelene-kharkiv"]


@pytest.mark.parametrize("text", [
    # the accusative: toward the region, from a village that may lie anywhere
    "Родини із села Зелене на Черкащину вивезли автобусами.",
    # a town after the preposition, not a region
    "Жителі села Зелене у Умані отримали гуманітарну допомогу.",
])
def test_no_region_in_the_locative_says_nothing(tagger: Tagger, text: str) -> None:
    assert ids_of(tagger, text, "Зелене") != []

"""A category word that ends a region's name the scan found names no region after it
(normalize/tagger/categories.py, ``Categories.shared``).

"Глава Томской области Владимир Мазур": "области" is a word of "Томской области"; the given name
after it is no city whose region the category word would make ("области Владимир": Vladimir Oblast).
Where no declined name holds the category word, a name after it still makes the region ("obwód
Włodzimierz" is not how Polish writes it, but "région de Vladimir" is French). A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:tomsk-oblast", "place", (Name("Томская область", "ru"), Name("Tomsk Oblast", "en")),
               subtype="oblast", country="RU"),
        Entity("test:vladimir-oblast", "place", (Name("Владимирская область", "ru"), Name("Vladimir Oblast", "en"),
                                                  Name("région de Vladimir", "fr")), subtype="oblast", country="RU"),
        Entity("test:vladimir", "place", (Name("Владимир", "ru"), Name("Vladimir", "fr")), subtype="city",
               country="RU", population=350_000),
    ])
    return Tagger(lex, cache=False)


def ids(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


@pytest.mark.parametrize("text, want", [
    ("Глава Томской области Владимир Мазур дал интервью.", [("Томской области", "test:tomsk-oblast")]),
    ("Губернатор Томской области Владимир Мазур приехал.", [("Томской области", "test:tomsk-oblast")]),
])
def test_a_category_word_inside_a_found_name_takes_no_name_after_it(tagger: Tagger, text: str,
                                                                     want: list[tuple[str, str]]) -> None:
    assert ids(tagger, text) == want


def test_a_name_after_a_free_category_word_still_makes_the_region(tagger: Tagger) -> None:
    assert ids(tagger, "Des frappes dans la région de Vladimir.") == [("région de Vladimir", "test:vladimir-oblast")]

"""A place whose own name ends with a category word (GeoNames' "Darnytskyi Raion") is found
with the word the press writes for it ("Darnytskyi district"): the category word's equivalent
is engine data (tagging.json, category_equivalents), not an alias of one place (issue 16)."""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger

RAION, OBLAST = "test:darnytskyi-raion", "test:north-oblast"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity(RAION, "place", (Name("Darnytskyi Raion", "en"),), subtype="raion", country="UA", population=300_000),
        Entity(OBLAST, "place", (Name("Severnaya Oblast", "en"),), subtype="oblast", country="UA",
               population=1_000_000),
    ])
    return Tagger(lex, cache=False)


@pytest.mark.parametrize(("text", "want"), [
    ("A drone hit a house in the Darnytskyi district overnight.", ("Darnytskyi district", RAION)),
    ("A drone hit a house in the Darnytskyi Raion overnight.", ("Darnytskyi Raion", RAION)),
    ("Shelling was reported in the Severnaya region on Monday.", ("Severnaya region", OBLAST)),
])
def test_the_press_category_word_names_the_same_place(tagger: Tagger, text: str, want: tuple[str, str]) -> None:
    assert [(m.text, m.id) for m in tagger.tag(text)] == [want]

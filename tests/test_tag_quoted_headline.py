"""A surname before a capitalized word in a Title Case headline (normalize/tagger/unlisted.py,
``_in_title_case``): quoted in running text or on a line of its own, the capital of the next word
says nothing of a longer name, so the surname stays the lexicon's person."""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:umerov", "person", (Name("Rustem Umerov", "en"),), country="UA"),
    ])
    return Tagger(lex, cache=False)


@pytest.mark.parametrize("text", [
    '"Zelensky Meets Sybiha, Umerov Ahead Of Geneva Talks" was the top headline on Friday.',
    "\u201cDefence Chiefs Back Umerov Plan For Winter Drafts\u201d, the paper wrote.",
    "Allies Back Umerov Plan For Winter Drafts\nThe ministers met on Friday.",
])
def test_a_surname_in_a_title_case_headline_is_the_person(tagger: Tagger, text: str) -> None:
    assert [m.id for m in tagger.tag(text) if m.text == "Umerov"] == ["test:umerov"]


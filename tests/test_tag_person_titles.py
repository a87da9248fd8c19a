"""A person's name written after a title (person_names.json's ``titles``): the mention is the name,
the title stays outside its span, as the gold rules of the tagging benchmark want; a title is never
read as a given name before a surname. A small lexicon made here."""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:epiphanius", "person", (Name("Митрополит Епіфаній", "uk"), Name("Епіфаній", "uk")),
               label="Metropolitan Epiphanius", gender="m"),
        # a title before a name the entity does not hold alone: the titled name stays whole
        Entity("test:kirill", "person", (Name("Патріарх Кирил", "uk"),), label="Patriarch Kirill", gender="m"),
    ])
    return Tagger(lex, cache=False)


@pytest.mark.parametrize(("text", "want"), [
    ("Митрополит Епіфаній відслужив літургію в Софії.", [("Епіфаній", "test:epiphanius")]),
    ("Вірян привітав митрополит Епіфаній.", [("Епіфаній", "test:epiphanius")]),
    ("Митрополита Епіфанія привітали в лаврі.", [("Епіфанія", "test:epiphanius")]),
    ("Патріарх Кирил благословив війну.", [("Патріарх Кирил", "test:kirill")]),
])
def test_a_title_is_outside_the_span(tagger: Tagger, text: str, want: list[tuple[str, str]]) -> None:
    assert [(m.text, m.id) for m in tagger.tag(text)] == want

"""A weak town opening a sentence in an oblique case form is the town (normalize/tagger/doubt.py).

Polish and Czech put an object first ("Konstantynówkę od kilku dni ostrzeliwują rosyjskie
drony", "Konstantinovku ostřelují ruské jednotky"): the evidence model reads only the capital at
the sentence start and the lower-case word after it, and turns the town down like a common word.
In a language of ``object_first_languages`` (tagging.json), a key whose biggest place's derivation
is one of that language's oblique cases (never a nominative) and a place of at least
``subject_town_size`` is kept. A village of the same shape, a nominative, and another language's
case form are weighed as before. A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:kostiantynivka", "place",
               (Name("Костянтинівка", "uk"), Name("Константиновка", "ru"), Name("Kostiantynivka", "en")),
               subtype="populated place", country="UA", population=67_000),
        Entity("test:zgoda", "place", (Name("Згода", "uk"), Name("Zgoda", "en")),
               subtype="populated place", country="UA", population=600),
    ])
    return Tagger(lex, cache=False)


def tags(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


@pytest.mark.parametrize(("text", "word"), [
    ("Konstantinowkę od kilku dni ostrzeliwują rosyjskie drony, a władze obwodu wzywają mieszkańców do wyjazdu.",
     "Konstantinowkę"),
    ("Ostrzał trwał całą noc. Konstantinowki nie da się już bronić, przyznają żołnierze, którzy wycofali się z miasta.",
     "Konstantinowki"),
    ("Konstantinovku ostřelují ruské jednotky ze tří stran, uvedl v pondělí mluvčí ukrajinské armády.",
     "Konstantinovku"),
])
def test_a_town_in_an_oblique_case_opening_a_sentence_is_the_town(tagger: Tagger, text: str, word: str) -> None:
    assert (word, "test:kostiantynivka") in tags(tagger, text)


@pytest.mark.parametrize("text", [
    # a village's case form: too small, a common word capitalized ("zgoda": agreement)
    "Zgodę w tej sprawie osiągnięto dopiero nad ranem, mówią posłowie, którzy nie chcą się spierać o budżet.",
    "Zgody w tej sprawie nie ma od lat, mówią posłowie, którzy nie chcą się spierać o budżet.",
])
def test_a_village_in_an_oblique_case_is_weighed_as_before(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []

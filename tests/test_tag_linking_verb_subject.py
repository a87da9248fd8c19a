"""A weak town opening a sentence before a linking verb is the sentence's subject (normalize/tagger/doubt.py).

"Enerhodar pozostaje pod okupacją", "Pokrowsk jest ...": the evidence model reads only the capital
at the sentence start and the lower-case word after it, and turns such a town down like a common
word ("Zgoda w tej sprawie panuje ..."). With a linking verb right after it (``linking_verbs`` in
tagging.json) and a population of at least ``subject_town_size`` (log10), it is kept. A village
of the same shape, another verb, the word mid-sentence, and a language without linking verbs in
the data are weighed as before. A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:enerhodar", "place", (Name("Енергодар", "uk"), Name("Enerhodar", "en")),
               subtype="populated place", country="UA", population=52_000),
        Entity("test:sokol", "place", (Name("Сокол", "ru"), Name("Sokol", "en")),
               subtype="populated place", country="RU", population=57_000),
        Entity("test:zgoda", "place", (Name("Згода", "uk"), Name("Zgoda", "en")),
               subtype="populated place", country="UA", population=600),
    ])
    return Tagger(lex, cache=False)


def tags(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


@pytest.mark.parametrize("text", [
    "Enerhodar pozostaje pod kontrolą okupantów, a elektrownia nie pracuje od ponad dwóch lat.",
    "Ostrzał trwał całą noc. Enerhodar jest bez prądu od tygodnia, podały władze miasta, które są w Zaporożu.",
    "„Enerhodar został zniszczony” – mówią mieszkańcy, którzy wyjechali do Zaporoża i nie chcą wracać.",
])
def test_a_town_before_a_linking_verb_at_a_sentence_start_is_the_town(tagger: Tagger, text: str) -> None:
    assert ("Enerhodar", "test:enerhodar") in tags(tagger, text)


@pytest.mark.parametrize("text", [
    # a village: too small to be read as the subject
    "Zgoda jest w tej sprawie szeroka, mówią posłowie, którzy nie chcą się spierać o budżet.",
    # a town's name, but no linking verb after it: a bird
    "Sokół krążył nad rzeką jeszcze długo po ataku, a mieszkańcy nie wychodzili z piwnic.",
    "Enerhodar is what they want back, the minister said on Monday in his evening address.",  # no English linking verbs
])
def test_other_words_are_weighed_as_before(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []


@pytest.mark.parametrize("text", [
    "Enerhodar od tygodni jest bez prądu, a elektrownia nie pracuje od ponad dwóch lat.",
    "Enerhodar i okoliczne wsie są bez prądu od tygodnia, podały władze, które pracują w Zaporożu.",
    # the plural of a town coordinated with common nouns; "znalazł się" predicates a state
    "Enerhodar i okoliczne wsie znów znalazły się pod ostrzałem, podały władze, które pracują w Zaporożu.",
    "Enerhodar i okoliczne osady były w nocy bez prądu, podały władze, które pracują w Zaporożu.",
])
def test_the_verb_after_an_adverbial_or_a_joined_noun(tagger: Tagger, text: str) -> None:
    """The linking verb within ``subject_verb_reach`` lower-case words of the town ("Kupiańsk od
    tygodni jest ostrzeliwany")."""
    assert ("Enerhodar", "test:enerhodar") in tags(tagger, text)


@pytest.mark.parametrize("text", [
    # a village: too small, wherever the verb
    "Zgoda od lat jest w tej sprawie szeroka, mówią posłowie, którzy nie chcą się spierać o budżet.",
    # the verb too far, or after a comma: another clause's
    "Sokół nad rzeką krążył jeszcze długo po ataku i nad ranem był już niewidoczny dla mieszkańców.",
    "Sokół krążył, a wieś jest od rana bez prądu, mówią mieszkańcy, którzy nie wychodzą z piwnic.",
])
def test_a_later_verb_keeps_the_size_and_the_shape(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []

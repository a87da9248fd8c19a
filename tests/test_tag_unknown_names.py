"""A small place's one-word name inside a longer capitalized name the lexicon lacks (normalize/tagger/doubt.py).

"Ukraińska Prawda" (a newspaper) is an adjective and its agreeing noun, both capitalized:
neither word is the village of that name. A small lexicon made here; every rejection
stays visible with ``all=True``.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:pravda", "place", (Name("Правда", "ru"), Name("Prawda", "pl")), population=400),
        Entity("test:ukrainka", "place", (Name("Ukraińska", "pl"),), population=300),
        Entity("test:kupiansk", "place", (Name("Kupiańsk", "pl"),), population=26000),
    ])
    return Tagger(lex, cache=False)


def ids(mentions: list) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in mentions]


def test_adjective_and_noun_both_capitalized(tagger: Tagger) -> None:
    text = "Gazeta Ukraińska Prawda podała, że w Ukraińskiej Prawdzie pisano o Kupiańsku."
    assert ids(tagger.tag(text)) == [("Kupiańsku", "test:kupiansk")]
    rejected = [m for m in tagger.tag(text, all=True) if m.rejected]
    assert {m.text for m in rejected} == {"Ukraińska", "Prawda", "Prawdzie"}
    assert all("longer name" in m.rejected for m in rejected)


def test_a_village_alone_is_still_weighed_as_before(tagger: Tagger) -> None:
    assert ids(tagger.tag("Ostrzelano wieś koło Prawdy i Kupiańska.")) == [
        ("Prawdy", "test:pravda"), ("Kupiańska", "test:kupiansk")]
    assert ids(tagger.tag("Бои у Правды продолжаются.")) == [("Правды", "test:pravda")]


def test_not_in_german(tagger: Tagger) -> None:
    # every German noun is capitalized: two capitals in a row tell nothing there
    got = tagger.tag("Die Regierung teilte mit, dass die Lage bei Kupiańsk ernst sei und sich nicht bessere.")
    assert ids(got) == [("Kupiańsk", "test:kupiansk")]


@pytest.fixture(scope="module")
def adjective_tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:kyivskyi-district", "place", (Name("Київський", "uk"),), population=139_000),
        Entity("test:kyiv", "place", (Name("Київ", "uk"),), population=2_900_000),
    ])
    return Tagger(lex, cache=False)


def test_a_district_named_like_an_adjective(adjective_tagger: Tagger) -> None:
    # "Київський мер" is Kyiv's mayor, not the city district called Київський (139,000 people)
    got = adjective_tagger.tag("Мер заявив, що Київський суд вирішив.", all=True)
    assert [(m.text, m.rejected.split(":")[0]) for m in got] == [("Київський", "evidence")]
    assert ids(adjective_tagger.tag("У Київському вибухи, повідомив Київ.")) == [
        ("Київському", "test:kyivskyi-district"), ("Київ", "test:kyiv")]

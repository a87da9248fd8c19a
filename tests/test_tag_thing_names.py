"""Names of made things that are also places' names (normalize/tagger/doubt.py: names_a_thing,
WeakMentions.after_thing_noun; tagging.json thing_nouns, facility_nouns, thing_nouns_before).

A craft, a vessel, a plant or an outlet is often named by a word that GeoNames also holds as a
village ("a Progress cargo ship", "the Mayak plant"), and a vessel or a work after its noun may
bear a city's name ("the tanker Vostok", "the novel Voroshilovgrad"). A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:progress", "place", (Name("Progress", "en"),), subtype="village", country="RU", population=900),
        Entity("test:mayak", "place", (Name("Mayak", "en"),), subtype="village", country="UA", population=1_180),
        Entity("test:burshtyn", "place", (Name("Burshtyn", "en"),), subtype="town", country="UA", population=15_000),
        Entity("test:luhansk", "place", (Name("Luhansk", "en"), Name("Voroshilovgrad", "en", kind="former")),
               subtype="city", country="UA", population=400_000),
        Entity("test:kherson", "place", (Name("Kherson", "en"),), subtype="city", country="UA", population=280_000),
    ])
    return Tagger(lex, cache=False)


def tags(tagger: Tagger, text: str) -> list[str]:
    return [m.text for m in tagger.tag(text)]


@pytest.mark.parametrize("text", [
    "A Progress cargo ship docked with the station on Thursday.",
    "The Progress MS-31 freighter docked on Friday.",
    "Rosatom runs the Mayak reprocessing plant in the Urals.",
    "Mayak, the nuclear plant near Ozyorsk, took the fuel.",
    "Mayak, a local bakery chain, turned its shops into shelters.",
])
def test_a_small_place_before_a_noun_for_a_thing_is_the_things_name(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []
    turned = [m.rejected for m in tagger.tag(text, all=True) if m.rejected]
    assert turned and turned[0].startswith("a noun for a craft")


@pytest.mark.parametrize("text, kept", [
    ("The Burshtyn power plant was hit overnight.", "Burshtyn"),  # a town's plant bears its name
    ("Troops shelled Mayak near the plant on Monday.", "Mayak"),  # a preposition ends the search
    ("Troops entered Progress, the village said.", "Progress"),  # no noun for a thing in the apposition
])
def test_a_place_stays_without_such_a_noun_or_when_a_town(tagger: Tagger, text: str, kept: str) -> None:
    assert kept in tags(tagger, text)


def test_a_vessel_or_a_work_after_its_noun_is_not_the_place(tagger: Tagger) -> None:
    assert tags(tagger, "The EU listed the tanker Kherson and two other ships.") == []
    assert tags(tagger, "Zhadan's novel Voroshilovgrad is set in the Donbas.") == []
    assert tags(tagger, "The tanker left Kherson on Monday.") == ["Kherson"]
    turned = [m.rejected for m in tagger.tag("the tanker Kherson", all=True) if m.rejected]
    assert turned == ["after a noun for a vessel, craft or work: its name"]


@pytest.mark.parametrize("text", [
    "Il petrolio arriva attraverso l'oleodotto Kherson, ha detto il ministro.",  # an elided article before the noun
    "Bruselas sancionó al petrolero Kherson y a otros dos buques.",
    "Unie zařadila tanker Kherson na seznam sankcí.",
])
def test_the_nouns_of_other_languages(tagger: Tagger, text: str) -> None:
    """``thing_nouns_before`` has Spanish, Italian and Czech nouns, and reads a noun after an elided
    article ("l'oleodotto") as the noun."""
    assert "Kherson" not in tags(tagger, text)

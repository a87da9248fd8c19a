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
    ("Drones hit Burshtyn power plant overnight.", "Burshtyn"),  # no determiner: the town
    ("A power plant in Burshtyn was hit overnight.", "Burshtyn"),
    ("The strike on Burshtyn left the plant without coal.", "Burshtyn"),  # 'the' is not right before the name
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


@pytest.mark.parametrize("text", [
    "The Burshtyn power plant was hit overnight.",  # 'the' is the plant's: no town takes it
    "DTEK said its Burshtyn power station had been hit.",  # nor a possessive
    "Their Burshtyn coal-fired plant was idle.",
    "Drones hit the Kherson refinery again.",  # a facility that bears its town's name, whatever the town's size
    "Flights left the Kherson airport at dawn.",
    "Engineers at the Kherson design bureau built the rover.",  # a noun of two words
])
def test_a_place_between_a_determiner_and_a_facilitys_noun_is_the_facilitys_name(tagger: Tagger, text: str) -> None:
    """``facility_determiners``, ``named_facility_nouns`` (normalize/tagger/unlisted.py): up to two
    lower-case words between the name and the noun."""
    assert tags(tagger, text) == []
    turned = [m.rejected for m in tagger.tag(text, all=True) if m.rejected]
    assert turned and "facility" in turned[0]


@pytest.mark.parametrize("text, kept", [
    ("Drones hit a refinery in Kherson again.", "Kherson"),
    ("Kherson refinery workers went on strike.", "Kherson"),  # no determiner before the name
    ("Shelling hit the Kherson region and the airport.", "Kherson"),  # no facility noun after the name
    ("Its Kherson office and the airport were closed.", "Kherson"),
    ("The Kherson of my childhood had a station.", "Kherson"),  # a function word ends the search
    ("(Reporting by the Kherson bureau; Editing by Peter Graff)", "Kherson"),  # 'bureau' alone: an office there
])
def test_a_place_stays_without_the_determiner_or_the_facilitys_noun(tagger: Tagger, text: str, kept: str) -> None:
    assert kept in tags(tagger, text)


def test_a_rejected_mention_keeps_its_own_span_with_the_fuzzy_pass() -> None:
    """``tag(all=True)`` resolves each turned-down mention alone; with ``fuzzy=True`` the fuzzy pass
    must not put another of the text's names in its place."""
    lex = Lexicon.from_entities([
        Entity("test:kherson", "place", (Name("Kherson", "en"),), subtype="city", country="UA", population=280_000),
        Entity("test:burshtyn", "place", (Name("Burshtyn", "en"),), subtype="town", country="UA", population=15_000),
    ])
    fuzzy = Tagger(lex, fuzzy=True, cache=False)
    text = "Kherson was shelled. Drones hit the Burshtyn power plant."
    turned = [(m.text, m.start) for m in fuzzy.tag(text, all=True) if m.rejected]
    assert turned == [("Burshtyn", text.index("Burshtyn"))]


@pytest.fixture(scope="module")
def outlets() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:zvezda", "org", (Name("Zvezda", "en"),), subtype="television channel", country="RU"),
        Entity("test:rosatom", "org", (Name("Rosatom", "en"),), subtype="state corporation", country="RU"),
    ])
    return Tagger(lex, cache=False)


@pytest.mark.parametrize("text", [
    "Air leaked from a tunnel of the Zvezda module on Friday.",
    "The freighter will dock with the Zvezda service module.",
    "Engineers at the Zvezda design bureau built the engine.",
])
def test_an_outlets_name_between_the_and_a_noun_for_a_thing_is_the_things(outlets: Tagger, text: str) -> None:
    """``outlet_subtype_words`` (normalize/tagger/unlisted.py): a TV channel owns no module."""
    assert tags(outlets, text) == []
    turned = [m.rejected for m in outlets.tag(text, all=True) if m.rejected]
    assert turned and turned[0].startswith("an outlet's name")


@pytest.mark.parametrize("text, kept", [
    ("The Zvezda radio station aired the speech.", "Zvezda"),  # a noun of the outlet's own kind
    ("Zvezda said the module was sealed.", "Zvezda"),  # no article
    ("The ministry told the Zvezda channel on Friday.", "Zvezda"),  # no noun for a thing
    ("Workers at the Rosatom plant went on strike.", "Rosatom"),  # no outlet: a plant's owner
])
def test_an_outlet_or_another_organization_stays(outlets: Tagger, text: str, kept: str) -> None:
    assert kept in tags(outlets, text)

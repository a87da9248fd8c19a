"""A one-word name that opens a street's or a company's longer name (normalize/tagger/longer_names.py;
tagging.json ``name_ending_nouns``, org_types.json ``legal_forms``; issue 16, lane en9).

"Kalinina Avenue", "Heroes of Ukraine Avenue": a street's noun after the name makes it the street's;
"Novorossiysk Shipping Ltd", "Pivdennyi Grain Terminal LLC": capitalized words ending in a legal
form make it a company's. The same names stay mentions where no such word follows, and a lower-case
word or a full stop ends the search. A bulk carrier's name after its noun is the vessel's
(``thing_nouns_before``). A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger
from normalize.tagger.longer_names import _legal_form


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    def town(key: str, name: str, population: int, subtype: str = "city") -> Entity:
        return Entity(f"test:{key}", "place", (Name(name, "en"),), subtype=subtype, country="RU", population=population)

    return Tagger(Lexicon.from_entities([
        town("novorossiysk", "Novorossiysk", 270_000),
        town("kalinin", "Kalinina", 400_000),
        town("pivdennyi", "Pivdennyi", 5_400, "village"),
        town("matrosy", "Matros", 1_400, "village"),
        Entity("place:ua", "place", (Name("Ukraine", "en"),), subtype="country", country="UA"),
        Entity("test:bandera", "person", (Name("Stepan Bandera", "en"),), country="UA"),
    ]), cache=False)


def tags(tagger: Tagger, text: str) -> list[str]:
    return [m.text for m in tagger.tag(text)]


@pytest.mark.parametrize("text", [
    "Kalinina Avenue becomes a pedestrian zone.",
    "The council renamed a street after Heroes of Ukraine Avenue was finished.",
    "Residents of Novorossiysk Embankment complained.",
    "Police closed Bandera Street on Monday.",
])
def test_a_name_before_a_streets_noun_is_the_streets(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []
    assert any(m.rejected and "street" in m.rejected for m in tagger.tag(text, all=True))


@pytest.mark.parametrize("text", [
    "The court dismissed an appeal by Novorossiysk Shipping Ltd on Wednesday.",
    "The owner of Pivdennyi Grain Terminal LLC was charged.",
    "Prosecutors charged Novorossiysk Oil & Gas Trading GmbH and two others.",
    "The buyer, Pivdennyi Agro Limited, denied it.",
])
def test_a_name_opening_words_that_end_in_a_legal_form_is_the_companys(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []
    assert any(m.rejected and "legal form" in m.rejected for m in tagger.tag(text, all=True))


@pytest.mark.parametrize("text, kept", [
    ("A ship left Novorossiysk on Monday.", ["Novorossiysk"]),
    ("In Novorossiysk Mayor Andrei Kravchenko said the port was shut.", ["Novorossiysk"]),  # no legal form
    ("Drones hit Novorossiysk. Ltd companies were not affected.", ["Novorossiysk"]),  # a full stop between
    ("Kalinina, Ukraine: Residents fled.", ["Kalinina", "Ukraine"]),  # a comma, a colon
])
def test_the_name_stays_where_no_such_word_follows(tagger: Tagger, text: str, kept: list[str]) -> None:
    assert tags(tagger, text) == kept


def test_a_name_after_a_carriers_noun_is_the_vessels(tagger: Tagger) -> None:
    assert tags(tagger, "The bulk carrier Matros sailed under a Cameroon flag.") == []
    assert tags(tagger, "Shelling hit Matros overnight.") == ["Matros"]


@pytest.mark.parametrize("word, legal", [
    ("Ltd", True), ("Ltd.", True), ("LLC", True), ("GmbH", True), ("PJSC", True), ("JSC", True), ("S.A.", True),
    ("Limited", True), ("Incorporated", True),
    ("At", False), ("Sat", False), ("Pat", False), ("Trading", False), ("ltd", False), ("Se", False),
])
def test_legal_forms_as_written(word: str, legal: bool) -> None:
    assert _legal_form(word) is legal


def test_an_organizations_name_opening_a_companys_name_is_the_companys() -> None:
    # "Alabuga Logistics LLC": the key names an organization (and a town), the words after it a firm
    tagger = Tagger(Lexicon.from_entities([
        Entity("test:alabuga", "org", (Name("Alabuga", "en"),), country="RU"),
        Entity("test:yelabuga", "place", (Name("Yelabuga", "en"), Name("Alabuga", "en")), subtype="city",
               country="RU", population=75_000),
    ]), cache=False)
    assert tags(tagger, "They include Alabuga Logistics LLC, of Yelabuga.") == ["Yelabuga"]
    assert "Alabuga" in tags(tagger, "Alabuga makes drones for the army.")

"""A town's name that names something else by the words around it (normalize/tagger/teams.py and
the rules of normalize/tagger/unlisted.py that read it; tagging.json club_context_words,
score_shape, team_member_nouns, phrase_end_words, feature_nouns_after, naming_words).

A club named after its town ("Shakhtar Donetsk"), a river that shares a city's name ("the
Dnipro above Kyiv"), a reservoir or a dam named after a town ("the Kyiv reservoir"), a facility
or a vessel ("the Zarya shipyard", "a carrier named Odesa Star"): none is the town. The same
towns stay mentions where the words around them say they are towns. A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    def town(key: str, name: str, population: int, subtype: str = "city") -> Entity:
        return Entity(f"test:{key}", "place", (Name(name, "en"),), subtype=subtype, country="UA", population=population)

    lex = Lexicon.from_entities([
        town("donetsk", "Donetsk", 900_000),
        town("kyiv", "Kyiv", 2_900_000),
        town("luhansk", "Luhansk", 400_000),
        town("lviv", "Lviv", 720_000),
        town("dnipro", "Dnipro", 980_000),
        town("odesa", "Odesa", 1_000_000),
        town("kaniv", "Kaniv", 24_000, "town"),
        town("zorya", "Zorya", 5_500, "village"),
        town("zarya", "Zarya", 12_000, "town"),
        Entity("test:donetsk-oblast", "place", (Name("Donetsk Oblast", "en"), Name("Donetsk region", "en")),
               subtype="region", country="UA"),
        Entity("test:luhansk-oblast", "place", (Name("Luhansk Oblast", "en"), Name("Luhansk region", "en")),
               subtype="region", country="UA"),
    ])
    return Tagger(lex, cache=False)


def tags(tagger: Tagger, text: str) -> list[str]:
    return [m.text for m in tagger.tag(text)]


@pytest.mark.parametrize("text, kept", [
    ("Shakhtar Donetsk beat Dynamo Kyiv 2-1 in Lviv on Sunday.", ["Lviv"]),
    ("Zorya Luhansk drew with Vorskla in the league on Friday.", []),  # the club's word goes too
    ("Karpaty Lviv sacked their coach after a 3-0 defeat.", []),
])
def test_a_town_after_a_clubs_word_in_a_text_about_sport_is_the_club(tagger: Tagger, text: str,
                                                                      kept: list[str]) -> None:
    assert tags(tagger, text) == kept
    assert any(m.rejected and "sport" in m.rejected for m in tagger.tag(text, all=True))


@pytest.mark.parametrize("text, kept", [
    ("Kyiv Mayor Vitali Klitschko said Lviv had power.", ["Kyiv", "Lviv"]),  # no word of sport
    ("On Sunday Kyiv said the match in Lviv was off.", ["Kyiv", "Lviv"]),  # a weekday, a common word
    ("In Donetsk fans gathered before the match.", ["Donetsk"]),  # a place preposition before
    ("Russian drones hit Kyiv and Lviv; the league suspended play.", ["Kyiv", "Lviv"]),
])
def test_a_town_stays_where_no_clubs_word_stands_before_it(tagger: Tagger, text: str, kept: list[str]) -> None:
    assert tags(tagger, text) == kept


def test_a_town_before_a_noun_for_fans_or_players_is_the_team(tagger: Tagger) -> None:
    assert tags(tagger, "In the capital, Zorya fans cheered the juniors.") == []
    assert tags(tagger, "Kyiv residents cheered.") == ["Kyiv"]


@pytest.mark.parametrize("text", [
    "Heavy rain swelled the Dnipro above Kyiv on Monday.",
    "Forecasters expect the Dnipro and the Desna to crest.",
    "Barges sail up the Dnipro, officials said.",
    "Fishermen work along the Dnipro's banks.",
])
def test_a_towns_name_after_the_ending_its_phrase_is_a_river(tagger: Tagger, text: str) -> None:
    assert "Dnipro" not in tags(tagger, text)


@pytest.mark.parametrize("text, kept", [
    ("Drones struck the Donetsk and Luhansk regions.", "Donetsk"),  # a list of regions
    ("Drones struck the Donetsk, Luhansk and Kyiv regions.", "Donetsk"),
    ("The Kyiv authorities closed schools.", "Kyiv"),  # the name before a noun
    ("Passengers took the Kyiv to Lviv train.", "Kyiv"),  # a route
    ("Rockets hit Dnipro above the river.", "Dnipro"),  # no article
])
def test_a_towns_name_after_the_before_a_noun_or_a_list_stays(tagger: Tagger, text: str, kept: str) -> None:
    assert kept in tags(tagger, text)


@pytest.mark.parametrize("text", [
    "The Kyiv reservoir is at its highest level since 2013.",
    "Engineers opened the spillways of the Kaniv dam.",
    "Heavy rain swelled the Dnipro river.",
])
def test_a_towns_name_before_a_rivers_or_a_dams_noun_is_the_feature(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []


def test_a_place_between_the_and_a_facilitys_noun_is_the_facility(tagger: Tagger) -> None:
    assert tags(tagger, "Welders at the Zarya shipyard went on strike.") == []
    assert tags(tagger, "Welders in Zarya went on strike.") == ["Zarya"]


def test_a_place_after_a_verb_of_naming_before_a_capitalized_word_is_a_longer_name(tagger: Tagger) -> None:
    assert tags(tagger, "A bulk carrier named Odesa Star left port.") == []
    assert tags(tagger, "The city was renamed Dnipro in 2016.") == ["Dnipro"]

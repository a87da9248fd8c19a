"""Two kinds of names the lexicons lack whose last word is a place's name (normalize/tagger/doubt.py):

* a sports club, a sports society's name before its town (``club_words`` in
  normalize/data/tagging.json: "Schachtar Donezk", "Dynamo Kiew", "Torpedo Nischni Nowgorod", with
  or without an article, in every language): neither the town nor a village named like the society;
* a sea, lake, gulf or strait written with its noun and a link word (``water_link_nouns``:
  "la mer d'Azov", "the Sea of Azov", "el mar de Azov"): neither the town nor the unit named like it.

A small lexicon made here; the sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    town = {"subtype": "populated place"}
    lex = Lexicon.from_entities([
        Entity("test:donetsk", "place", (Name("Donetsk", "en"), Name("Donezk", "de"), Name("Donieck", "pl")),
               population=900_000, country="UA", admin1="14", **town),
        Entity("test:kyiv", "place", (Name("Kyiv", "en"), Name("Kiew", "de"), Name("Kiev", "fr"), Name("Kijów", "pl")),
               population=2_900_000, country="UA", admin1="12", **town),
        Entity("test:nizhny", "place", (Name("Nizhny Novgorod", "en"), Name("Nischni Nowgorod", "de")),
               population=1_200_000, country="RU", admin1="51", **town),
        Entity("test:novgorod", "place", (Name("Veliky Novgorod", "en"), Name("Novgorod", "en"), Name("Nowgorod", "de")),
               population=220_000, country="RU", admin1="52", **town),
        Entity("test:zorya", "place", (Name("Zorya", "en"),), population=800, country="UA", admin1="09", **town),
        Entity("test:lviv", "place", (Name("Lviv", "en"),), population=720_000, country="UA", admin1="15", **town),
        Entity("test:azov-town", "place", (Name("Azov", "en"),), population=82_000, country="RU", admin1="61", **town),
        Entity("test:azov-unit", "org", (Name("Azov", "en"), Name("Azov Brigade", "en"))),
        Entity("test:mariupol", "place", (Name("Mariupol", "en"), Name("Marioupol", "fr")),
               population=430_000, country="UA", admin1="14", **town),
    ])
    return Tagger(lex, cache=False)


def ids(mentions: list) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in mentions]


@pytest.mark.parametrize("text", [
    "Fussball: Schachtar Donezk gewann bei Dynamo Kiew, sagte der Trainer nach dem Spiel.",
    "Football : Chakhtar Donetsk s'impose face au Dynamo Kiev, a indiqué le club.",
    "Shakhtar Donetsk beat Dynamo Kyiv 2-1 on Sunday, the club said.",
    "Kibice Dynama Kijów i Szachtara Donieck spotkali się po meczu.",
])
def test_a_town_after_a_sports_society_is_the_clubs_name(tagger: Tagger, text: str) -> None:
    assert ids(tagger.tag(text)) == []
    rejected = {m.rejected for m in tagger.tag(text, all=True) if m.rejected}
    assert rejected == {"after a sports society's name: a word of a club's longer name"}


def test_nor_a_shorter_name_inside_the_clubs_town(tagger: Tagger) -> None:
    # "Nischni Nowgorod" is turned down as the club's; "Nowgorod" alone, inside it, is no mention either
    assert ids(tagger.tag("Eishockey: Torpedo Nischni Nowgorod trennt sich von seinem Trainer.")) == []


def test_a_village_named_like_the_society_opens_the_clubs_name(tagger: Tagger) -> None:
    assert ids(tagger.tag("Fans of Zorya Luhansk met in Lviv, the club said.")) == [("Lviv", "test:lviv")]
    # alone, the village keeps its name
    assert ids(tagger.tag("Russian shelling hit Zorya, a village in the north, the governor said.")) \
        == [("Zorya", "test:zorya")]


def test_the_towns_themselves_stand(tagger: Tagger) -> None:
    assert ids(tagger.tag("Shelling hit Donetsk and Kyiv, and the fans of the club came from Lviv.")) \
        == [("Donetsk", "test:donetsk"), ("Kyiv", "test:kyiv"), ("Lviv", "test:lviv")]


@pytest.mark.parametrize("text", [
    "Le niveau de la mer d'Azov baisse, selon les autorités de Marioupol.",
    "The Sea of Azov is now a Russian lake, officials in Mariupol said.",
    "El mar de Azov se ha convertido en un lago ruso, según las autoridades de Mariupol.",
])
def test_a_name_after_a_seas_noun_and_a_link_is_the_sea(tagger: Tagger, text: str) -> None:
    got = ids(tagger.tag(text))
    assert ("Azov", "test:azov-town") not in got and ("Azov", "test:azov-unit") not in got
    assert [i for _, i in got] == ["test:mariupol"]


def test_the_town_and_the_unit_without_the_seas_noun_stand(tagger: Tagger) -> None:
    got = ids(tagger.tag("The Azov Brigade defended Mariupol; the town of Azov was hit, officials said."))
    assert ("Azov Brigade", "test:azov-unit") in got
    assert ("Mariupol", "test:mariupol") in got

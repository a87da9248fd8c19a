"""A city's districts coordinated before a plural category word (normalize/tagger/categories.py,
``CategoryWords.shared``): GeoNames files a city's district as a populated place ("Darnytsia", also
named "Darnytskyi Raion"), which the rule for regions leaves out; a district is taken only where a
place of its city's region is named in the text, since many cities have a Tsentralnyi district."""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    def district(eid: str, label: str, adjective: str) -> Entity:
        return Entity(eid, "place", (Name(label, "en"), Name(f"{adjective} Raion", "en")),
                      subtype="populated place", country="UA", admin1="12", population=300_000)

    lex = Lexicon.from_entities([
        Entity("test:kyiv", "place", (Name("Kyiv", "en"),), subtype="populated place", country="UA", admin1="12",
               population=2_900_000),
        Entity("test:dnipro", "place", (Name("Dnipro", "en"),), subtype="populated place", country="UA",
               admin1="04", population=980_000),
        district("test:darnytsia", "Darnytsia", "Darnytskyi"),
        district("test:sviatoshyn", "Sviatoshyn", "Sviatoshynskyi"),
    ])
    return Tagger(lex, cache=False)


def test_coordinated_districts_of_a_named_city(tagger: Tagger) -> None:
    got = [(m.text, m.id) for m in tagger.tag("Kyiv renamed streets in the Darnytskyi and Sviatoshynskyi districts.")]
    assert ("Darnytskyi", "test:darnytsia") in got
    assert ("Sviatoshynskyi districts", "test:sviatoshyn") in got


def test_coordinated_districts_of_another_city_are_not_taken(tagger: Tagger) -> None:
    got = [m.id for m in tagger.tag("Dnipro renamed streets in the Darnytskyi and Sviatoshynskyi districts.")]
    assert "test:darnytsia" not in got and "test:sviatoshyn" not in got

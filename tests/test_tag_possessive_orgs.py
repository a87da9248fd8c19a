"""A country's possessive before an organization's name no key holds (normalize/tagger/spellings.py).

A small lexicon made here: each defence ministry is named only as "<adjective> Defence
Ministry" and "Ministry of Defence of <country>", so "Russia's Defence Ministry" is no key;
the security council has a name of its own, "Security Council".
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:ru", "place", (Name("Russia", "en"), Name("Россия", "ru")), subtype="country", country="RU"),
        Entity("test:ua", "place", (Name("Ukraine", "en"), Name("Украина", "ru")), subtype="country", country="UA"),
        Entity("test:mod-ru", "org", (Name("Ministry of Defence of Russia", "en"), Name("Russian Defence Ministry", "en")),
               country="RU"),
        Entity("test:mod-ua", "org", (Name("Ministry of Defence of Ukraine", "en"), Name("Ukrainian Defence Ministry", "en")),
               country="UA"),
        Entity("test:security-council-ru", "org",
               (Name("Security Council of Russia", "en"), Name("Security Council", "en")), country="RU"),
    ])
    return Tagger(lex, cache=False)


def found(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


def test_the_possessive_is_part_of_a_name_that_needs_it(tagger: Tagger) -> None:
    text = "Russia's Defence Ministry said the drones were downed. Ukraine's Defence Ministry denied it."
    assert found(tagger, text) == [
        ("Russia's Defence Ministry", "test:mod-ru"),
        ("Ukraine's Defence Ministry", "test:mod-ua"),
    ]
    got = tagger.tag("Russia’s Defence Ministry said so.")  # a typographic apostrophe
    assert [(m.text, m.id, m.via) for m in got] == [
        ("Russia’s Defence Ministry", "test:mod-ru", ("organization", "country named after it"))]


def test_a_name_of_its_own_stays_apart_from_the_country(tagger: Tagger) -> None:
    assert found(tagger, "Russia's Security Council met on Friday.") == [
        ("Russia", "test:ru"), ("Security Council", "test:security-council-ru")]


def test_no_organization_of_that_country_leaves_the_country_alone(tagger: Tagger) -> None:
    # "Foreign Office" is no organization of the lexicon; a lower-case word after the possessive is
    # no name; a lexicon with Ukraine's ministry only does not give it to Russia's possessive
    assert found(tagger, "Russia's Foreign Office said so.") == [("Russia", "test:ru")]
    assert found(tagger, "Russia's defence ministry said so.") == [("Russia", "test:ru")]
    lex = Lexicon.from_entities([
        Entity("test:ru", "place", (Name("Russia", "en"),), subtype="country", country="RU"),
        Entity("test:mod-ua", "org", (Name("Ministry of Defence of Ukraine", "en"), Name("Defence Ministry", "en")),
               country="UA"),
    ])
    got = Tagger(lex, cache=False).tag("Russia's Defence Ministry said so.")
    assert ("Russia", "test:ru") in [(m.text, m.id) for m in got]
    assert "Russia's Defence Ministry" not in [m.text for m in got]


def test_a_body_whose_name_holds_its_country_takes_the_possessive() -> None:
    # the Gold rules: an organization's whole name is its mention ("МИД России", not "России" alone);
    # "Security Council of Russia" holds the country, so "Russia's Security Council" is one mention,
    # while a name of its own that does not hold it stays apart from the country's mention
    lex = Lexicon.from_entities([
        Entity("test:ru", "place", (Name("Russia", "en"),), subtype="country", country="RU"),
        Entity("test:ua", "place", (Name("Ukraine", "en"),), subtype="country", country="UA"),
        Entity("test:sc-ru", "org", (Name("Security Council of Russia", "en"), Name("Russian Security Council", "en")),
               country="RU"),
        Entity("test:khortytsia", "org", (Name("Khortytsia Operational-Strategic Group", "en"),
                                          Name("Khortytsia Group", "en", kind="short")), country="UA"),
    ])
    tagger = Tagger(lex, cache=False)
    assert found(tagger, "Russia's Security Council met on Friday.") == [
        ("Russia's Security Council", "test:sc-ru")]
    got = found(tagger, "Ukraine's Khortytsia Group said so.")
    assert ("Ukraine", "test:ua") in got

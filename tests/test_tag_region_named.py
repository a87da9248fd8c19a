"""A village's homonyms ranked by the first-level region the document names (issue 16, lane uk8).

"у селі Степове на Миколаївщині": the GeoNames record of a village has no parent in the lexicon, so the
region named beside it gave it only the point of a shared admin1, less than a curated namesake's larger
standing elsewhere. A first-level region named in the document (a place whose only ancestor is its
country) now counts as such a record's parent, among homonyms that are all small: a city sharing a
village's name stays the city ("Рівне" on a page about Volyn). Our own sentences, on a small lexicon.
"""

from __future__ import annotations

import pytest

from normalize import Entity, Lexicon, Name, Tagger


def _place(eid: str, names: list[str], subtype: str, admin1: str | None, population: int | None = None,
           parent: str | None = None) -> Entity:
    return Entity(eid, "place", tuple(Name(n) for n in names), label=names[0], country="UA", admin1=admin1,
                  subtype=subtype, population=population, parent=parent)


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    ents = [
        _place("t:ua", ["Ukraine", "Україна"], "country", None),
        _place("t:mykolaiv-oblast", ["Mykolaiv Oblast", "Миколаївська область", "Миколаївщина"], "oblast", "16",
               parent="t:ua"),
        _place("t:donetsk-oblast", ["Donetsk Oblast", "Донецька область", "Донеччина"], "oblast", "05",
               parent="t:ua"),
        _place("t:volyn-oblast", ["Volyn Oblast", "Волинська область", "Волинь"], "oblast", "24", parent="t:ua"),
        # a curated village with its parent chain, bigger than the GeoNames namesake in another oblast
        _place("t:stepove-donetsk", ["Stepove", "Степове"], "village", "05", 20000, parent="t:donetsk-oblast"),
        _place("t:stepove-mykolaiv", ["Stepove", "Степове"], "populated place", "16", 1800),
        _place("t:rivne", ["Rivne", "Рівне"], "populated place", "19", 240000),
        _place("t:rivne-volyn", ["Rivne", "Рівне"], "populated place", "24", 900),
        _place("t:lutsk", ["Lutsk", "Луцьк"], "populated place", "24", 215000),
    ]
    return Tagger(Lexicon.from_entities(ents), cache=False)


@pytest.mark.parametrize(("text", "word", "want"), [
    ("Елеватор у селі Степове на Миколаївщині знову працює.", "Степове", "t:stepove-mykolaiv"),
    ("Елеватор у селі Степове на Донеччині знову працює.", "Степове", "t:stepove-donetsk"),
    ("Елеватор у селі Степове знову працює.", "Степове", "t:stepove-donetsk"),
    ("На Волині та в Луцьку тривога; у Рівне поїхали автобуси.", "Рівне", "t:rivne"),
])
def test_region_named_ranks_village_homonyms(tagger: Tagger, text: str, word: str, want: str) -> None:
    got = [(m.text, m.id) for m in tagger.tag(text)]
    assert (word, want) in got, got

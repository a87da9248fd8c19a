"""A place's name written as an adjective of a street's or a body's name, and case forms that spell a label
(issue 16, lane uk7).

"на Ленинском проспекте", "Хмельницьке шосе", "Київський політехнічний інститут": a one-word mention of
places with an adjective's ending right before the noun of a street (``street_nouns_after``) or before a
lower-case adjective agreeing with it is part of another name, not the place. And the genitive
"Словʼянська" ranks the record whose label is Sloviansk above one that only lists that name, when both
lie in one country. The sentences are our own (tests/cases/tag_street_adjectives.json), on a small
lexicon of their own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from normalize import Entity, Lexicon, Name, Tagger

CASES = json.loads((Path(__file__).parent / "cases" / "tag_street_adjectives.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    ents = [Entity(e["id"], "place", tuple(Name(n) for n in e["names"]), label=e["label"], country=e["country"],
                   admin1=e["admin1"], subtype=e["subtype"], population=e["population"]) for e in CASES["lexicon"]]
    return Tagger(Lexicon.from_entities(ents), cache=False)


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["name"] for c in CASES["cases"]])
def test_street_adjectives_and_labels(tagger: Tagger, case: dict[str, Any]) -> None:
    mentions = tagger.tag(case["text"])
    got = [[m.text, m.id] for m in mentions]
    for item in case.get("expect", []):
        assert item in got, f"{item} missing; got {got}"
    for word in case.get("absent", []):
        assert all(m.text != word for m in mentions), f"{word!r} should not be a mention; got {got}"


def test_street_adjective_rejection_is_explained(tagger: Tagger) -> None:
    every = tagger.tag("Вчера на Ленинском проспекте.", all=True)
    assert [(m.text, m.id) for m in every] == [("Ленинском", "test:leninskyi")]
    assert "street" in every[0].rejected

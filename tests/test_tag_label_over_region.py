"""A key that is one place's current name and only a former name of another (issue 16, "a historic
alternate name outranking the current name"): the region the other shares with the document's places
does not outweigh the current name; naming the other place itself does. A small lexicon made here."""

from __future__ import annotations

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


def _tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:river-city", "place", (Name("Rivertown", "en"),), label="Rivertown", population=900_000, country="UA",
               admin1="04", subtype="populated place"),
        # a town of the same region whose GeoNames names include an old name, the current name of a
        # slightly smaller town elsewhere
        Entity("test:old-name-town", "place", (Name("Bridgeford", "en"), Name("Oldcastle", "en")),
               label="Bridgeford", population=110_000, country="UA", admin1="04", subtype="populated place"),
        Entity("test:castle-town", "place", (Name("Oldcastle", "en"),), label="Oldcastle", population=105_000,
               country="UA",
               admin1="13", subtype="populated place"),
    ])
    return Tagger(lex, cache=False)


def test_the_current_name_outranks_a_former_name_in_the_same_region() -> None:
    got = [(m.text, m.id) for m in _tagger().tag("Missiles hit Rivertown and Oldcastle overnight, officials said.")]
    assert got == [("Rivertown", "test:river-city"), ("Oldcastle", "test:castle-town")]


def test_the_former_name_wins_when_the_place_itself_is_named() -> None:
    # 'Bridgeford' names the town unambiguously: its old name is then that town's
    got = [(m.text, m.id) for m in _tagger().tag(
        "Missiles hit Bridgeford overnight; Oldcastle, as locals still call it, lost power.")]
    assert got == [("Bridgeford", "test:old-name-town"), ("Oldcastle", "test:old-name-town")]

"""Prepositions and category words that tell a river or an area from a town (issue 16).

Polish, Czech and Slovak "nad" + instrumental names a river or a sea ("nad Dnieprem"), and so
does Russian and Ukrainian "на" + a locative ("на Днепре", "на Дніпрі"; "наступ на Дніпро", toward
the city, keeps it): a town named like a river is then left untagged (the lexicon holds no rivers); Polish "w rejonie" +
a capitalized genitive is the area around the town ("w rejonie Pokrowska"), not the raion.
The sentences are our own (tests/cases/tag_prepositions.json); the river cases run on a small
lexicon of their own, the area case on the bundled lexicons, whose raions are the point.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from normalize import Entity, Lexicon, Name, Tagger

CASES = json.loads((Path(__file__).parent / "cases" / "tag_prepositions.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    ents = [Entity(e["id"], "place", tuple(Name(n) for n in e["names"]), label=e["label"], country="UA",
                   subtype=e["subtype"], population=e["population"]) for e in CASES["lexicon"]]
    return Tagger(Lexicon.from_entities(ents), cache=False)


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["name"] for c in CASES["cases"]])
def test_river_prepositions(tagger: Tagger, case: dict[str, Any]) -> None:
    text = case["text"]
    mentions = tagger.tag(text)
    got = [[m.text, m.id] for m in mentions]
    for item in case.get("expect", []):
        assert item in got, f"{item} missing; got {got}"
    for word in case.get("absent", []):
        assert all(m.text != word for m in mentions), f"{word!r} should not be a mention; got {got}"


def test_river_rejection_is_explained(tagger: Tagger) -> None:
    every = tagger.tag("Pozycje nad Dnieprem.", all=True)
    assert [(m.text, m.id) for m in every] == [("Dnieprem", "test:dnipro")]
    assert "river" in every[0].rejected


def test_area_around_a_town_is_the_town() -> None:
    bundled = Tagger()
    text = "Walki toczą się w rejonie Pokrowska i w rejon Kupiańska."
    got = [(m.text, m.id) for m in bundled.tag(text)]
    assert ("Pokrowska", "geonames:704422") in got
    assert ("Kupiańska", "geonames:703656") in got
    assert not any(i == "place:ua-pokrovsk-raion" for _, i in got), got
    text = "W rejonie kupiańskim ewakuowano dzieci, a władze rejonu bachmuckiego apelują."
    got = [(m.text, m.id) for m in bundled.tag(text)]
    assert got == [("rejonie kupiańskim", "place:ua-kupiansk-raion"), ("rejonu bachmuckiego", "place:ua-bakhmut-raion")]


def test_region_after_na_is_the_region() -> None:
    """Polish "na" + a town's locative is the region named after the town; "w" + the locative and
    "na" + the accusative stay the town; a town with no region of its name stays the town."""
    bundled = Tagger()
    text = "Rosjanie ostrzelali obiekty na Zaporożu, a atak na Zaporoże odparto. W Zaporożu nie ma prądu."
    every = bundled.tag(text)
    got = [(m.text, m.id) for m in every]
    assert got[:3] == [("Zaporożu", "place:ua-zaporizhzhia-oblast"), ("Zaporoże", "geonames:687700"),
                       ("Zaporożu", "geonames:687700")], got
    assert "preposition of a region" in every[0].via


def test_region_preposition_only_in_its_language() -> None:
    """Czech "na" + the accusative of a name in -a ends in -u too ("útok na Oděsu"): the city."""
    bundled = Tagger()
    got = [(m.text, m.id) for m in bundled.tag("Rusové zahájili útok na Oděsu a na Charkov.")]
    assert ("Oděsu", "geonames:698740") in got, got
    assert not any(i and i.endswith("-oblast") for _, i in got), got


@pytest.mark.parametrize(("text", "want"), [
    ("Charkovská oblast je pod palbou.", [("Charkovská oblast", "place:ua-kharkiv-oblast")]),
    ("Rusové útočí na Doněckou oblast.", [("Doněckou oblast", "place:ua-donetsk-oblast")]),
    ("Kurská oblast hlásí útoky dronů.", [("Kurská oblast", "place:ru-kursk-oblast")]),
])
def test_czech_adjective_before_oblast(text: str, want: list[tuple[str, str]]) -> None:
    """A declined place adjective before a singular category word names the region (Czech)."""
    assert [(m.text, m.id) for m in Tagger().tag(text)] == want


def test_polish_neuter_in_cie() -> None:
    """Polish neuters in -cie decline like Zaporoże: Zakarpacie, na Zakarpaciu."""
    got = [(m.text, m.id) for m in Tagger().tag("Władze na Zakarpaciu przyjęły uchodźców.")]
    assert got == [("Zakarpaciu", "place:ua-zakarpattia-oblast")]


@pytest.mark.parametrize(("text", "want"), [
    ("Ruské drony v noci útočily na energetiku na Charkovsku a Sumsku, uvedla ukrajinská armáda.",
     [("Charkovsku", "place:ua-kharkiv-oblast"), ("Sumsku", "place:ua-sumy-oblast")]),
    ("Záporožsko je podle úřadů pod neustálou palbou, z Charkovska odjíždějí další lidé.",
     [("Záporožsko", "place:ua-zaporizhzhia-oblast"), ("Charkovska", "place:ua-kharkiv-oblast")]),
    # the short text's function words say Polish; its letter ě says Czech
    ("Na Oděsku se po útoku znovu nakládá obilí.", [("Oděsku", "place:ua-odesa-oblast")]),
    # na + a town's locative is the region, v + the locative the town (GeoNames also lists "Luhanska")
    ("Boje na Luhansku pokračují, ale v Luhansku je podle úřadů klid.",
     [("Luhansku", "place:ua-luhansk-oblast"), ("Luhansku", "geonames:702658")]),
])
def test_czech_region_nouns(text: str, want: list[tuple[str, str]]) -> None:
    """A Czech noun derived from a region's centre ("Charkovsko", ``region_noun_endings``) names the region."""
    got = [(m.text, m.id) for m in Tagger().tag(text)]
    assert got == want, got


def test_region_noun_endings_only_in_their_language() -> None:
    """The same endings in a text of another language name nothing ("Charkovsku" is no English word)."""
    got = [(m.text, m.id) for m in Tagger().tag("The word Charkovsku appeared in the report on the war.")]
    assert got == [], got


def test_a_sea_in_the_instrumental_is_no_town() -> None:
    """Polish "nad Morzem Kaspijskim": a feature word in the instrumental (``feature_words``) makes the
    adjective after it the sea's, not the case form of a village named like it."""
    got = [(m.text, m.id) for m in Tagger().tag("Rakiety wystrzelono z bombowców krążących nad Morzem Kaspijskim.")]
    assert got == [], got

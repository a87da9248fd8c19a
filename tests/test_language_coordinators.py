"""Coordinators of one language only (``language_coordinators`` in normalize/data/tagging.json):
Czech "a", Spanish "y", Italian "e" join coordinated region names in a text of that language,
and nowhere else (English "a" is an article)."""

from __future__ import annotations

import pytest

from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


def _ids(tagger: Tagger, text: str) -> dict[str, str | None]:
    return {m.text: m.id for m in tagger.tag(text)}


CASES = [
    # Czech: two declined adjectives share one singular category word
    ("Ruské drony útočily v noci nad Charkovskou a Sumskou oblastí, uvedla armáda.",
     {"Charkovskou": "place:ua-kharkiv-oblast", "Sumskou oblastí": "place:ua-sumy-oblast"}),
    ("Boje pokračují podle armády v Charkovské, Sumské a Doněcké oblasti a na jihu.",
     {"Charkovské": "place:ua-kharkiv-oblast", "Sumské": "place:ua-sumy-oblast",
      "Doněcké oblasti": "place:ua-donetsk-oblast"}),
    # a town's case form before a declined adjective shares no category word with it
    ("Výpadky proudu hrozí v Kyjevě, Oděse a Dnipropetrovské oblasti, varovala energetická společnost.",
     {"Oděse": "geonames:698740", "Dnipropetrovské oblasti": "place:ua-dnipropetrovsk-oblast"}),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_language_coordinators_join_regions(tagger: Tagger, text: str, want: dict[str, str]) -> None:
    got = _ids(tagger, text)
    for span, eid in want.items():
        assert got.get(span) == eid, (span, got)


def test_the_data_is_per_language() -> None:
    from normalize import evidence

    d = evidence.data()
    assert "a" in d["language_coordinators"]["cs"]
    assert "y" in d["language_coordinators"]["es"]
    # the one-letter words of one language are not coordinators of every text
    assert not {"a", "y", "e"} & d["coordinators"]


def test_a_joins_only_in_a_czech_text(tagger: Tagger) -> None:
    """Czech "a" is a coordinator in Czech text; in English it is an article, in Spanish a preposition."""
    cats = tagger._scanner.categories
    assert cats._joins("Ruské drony útočily v noci na Charkov a Sumy, uvedla armáda.", "a")
    assert not cats._joins("Russian drones struck Kharkiv in a night attack, the army said.", "a")
    assert not cats._joins("Los drones rusos atacaron Járkov a las tres de la mañana, dijo el ejército.", "a")
    assert cats._joins("Los drones rusos atacaron las regiones de Járkov y Sumy, dijo el ejército.", "y")
    assert cats._joins("Kharkiv and Sumy were hit.", "and")


@pytest.mark.parametrize(("text", "want"), [
    # Italian and Spanish: a plural category word, then names joined by the language's coordinator
    ("Nella notte i droni russi hanno colpito le regioni di Kharkiv e Sumy, ha detto il governatore.",
     {"regioni di Kharkiv": "place:ua-kharkiv-oblast", "Sumy": "place:ua-sumy-oblast"}),
    ("Los drones rusos atacaron las regiones de Járkov y Sumy durante la noche, según el ejército.",
     {"regiones de Járkov": "place:ua-kharkiv-oblast", "Sumy": "place:ua-sumy-oblast"}),
    ("Las tropas rusas preparan una ofensiva en las provincias de Zaporiyia y Dnipropetrovsk, según el gobierno.",
     {"provincias de Zaporiyia": "place:ua-zaporizhzhia-oblast", "Dnipropetrovsk": "place:ua-dnipropetrovsk-oblast"}),
])
def test_language_coordinators_after_a_category_word(tagger: Tagger, text: str, want: dict[str, str]) -> None:
    got = _ids(tagger, text)
    for span, eid in want.items():
        assert got.get(span) == eid, (span, got)

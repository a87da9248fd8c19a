"""A word that is both a person's surname and a small place's name or case form (normalize/tagger/resolve.py).

"Захарова" is the spokeswoman, not the genitive of the village Захарово, unless the
document names places around that village. A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:zakharova", "person", (Name("Мария Захарова", "ru"),), gender="f", prior=0.9),
        Entity("test:zakharovo", "place", (Name("Захарово", "ru"),), population=2900, country="RU", admin1="41"),
        Entity("test:kursk-oblast", "place", (Name("Курская область", "ru"),), subtype="oblast", country="RU",
               admin1="41"),
        Entity("test:moscow", "place", (Name("Москва", "ru"),), population=12_000_000, country="RU", admin1="48"),
        Entity("test:kyiv", "place", (Name("Киев", "ru"),), population=2_900_000, country="UA", admin1="12"),
        Entity("test:smallman", "person", (Name("Пётр Сумы", "ru"),), gender="m", prior=0.6),
        Entity("test:sumy", "place", (Name("Сумы", "ru"),), population=260_000, country="UA", admin1="21"),
    ])
    return Tagger(lex, cache=False)


def ids(mentions: list) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in mentions]


def test_a_prominent_person_over_a_village(tagger: Tagger) -> None:
    got = tagger.tag("Захарова обвинила Киев.")
    assert ids(got) == [("Захарова", "test:zakharova"), ("Киев", "test:kyiv")]
    assert "test:zakharovo" in [c.id for c in got[0].candidates]  # the place stays visible
    # a place of another region of the same country is no support for the village
    assert ids(tagger.tag("Захарова заявила, что Москва ответит.")) == [
        ("Захарова", "test:zakharova"), ("Москва", "test:moscow")]


def test_the_village_when_the_document_names_its_region(tagger: Tagger) -> None:
    assert ids(tagger.tag("Бои у Захарова в Курской области.")) == [
        ("Захарова", "test:zakharovo"), ("Курской области", "test:kursk-oblast")]


def test_a_city_over_a_less_prominent_person(tagger: Tagger) -> None:
    assert ids(tagger.tag("Сумы снова обстреляли.")) == [("Сумы", "test:sumy")]


def test_coreference_first(tagger: Tagger) -> None:
    got = tagger.tag("Мария Захарова выступила. В Курской области Захарова не была.")
    assert ids(got)[-1] == ("Захарова", "test:zakharova")

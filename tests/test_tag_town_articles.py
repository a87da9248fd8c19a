"""A town's name takes no article in French (``town_articles`` in normalize/data/tagging.json,
:meth:`normalize.tagger.doubt.WeakMentions.after_article`): "du Dniepr", "le Dnipro" name the
river or a club, not the city, however big; regions and countries take one ("la Crimée",
"l'Ukraine") and stay. A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:dnipro", "place", (Name("Dnipro", "en"), Name("Dniepr", "fr"), Name("Дніпро", "uk")),
               population=980_000, country="UA", admin1="04", subtype="populated place"),
        Entity("test:crimea", "place", (Name("Crimée", "fr"), Name("Crimea", "en")), country="UA", admin1="11",
               subtype="autonomous republic"),
        Entity("test:ukraine", "place", (Name("Ukraine", "fr"),), country="UA", subtype="country"),
        Entity("test:dnipro-club", "org", (Name("Dnipro-1", "uk"),)),
    ])
    return Tagger(lex, cache=False)


def ids(mentions: list) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in mentions]


@pytest.mark.parametrize("text", [
    "Les barrages du Dniepr sont sous surveillance, selon les autorités.",
    "Le Dniepr a débordé cette nuit, selon les autorités.",
    "Les troupes ont franchi le Dniepr près de la ville, selon les autorités.",
    "Une crue au Dniepr inquiète les autorités de la région.",
])
def test_a_town_after_a_definite_article_is_not_the_town(tagger: Tagger, text: str) -> None:
    assert ids(tagger.tag(text)) == []
    rejected = [m for m in tagger.tag(text, all=True) if m.rejected]
    assert [(m.id, m.rejected) for m in rejected] == [
        ("test:dnipro", "after an article, which a town's name never takes")]


def test_a_town_without_article_and_regions_with_one_stand(tagger: Tagger) -> None:
    text = "Des frappes ont visé Dnipro et la Crimée, a déclaré l'armée de l'Ukraine à Dnipro."
    assert ids(tagger.tag(text)) == [("Dnipro", "test:dnipro"), ("Crimée", "test:crimea"),
                                     ("Ukraine", "test:ukraine"), ("Dnipro", "test:dnipro")]


def test_only_in_a_language_whose_towns_take_no_article(tagger: Tagger) -> None:
    # an English text: "Le" is a word of the name here, not a French article before a town
    assert ids(tagger.tag("The strike on Dnipro was reported by Le Monde and the city of Dnipro was without power.")) \
        == [("Dnipro", "test:dnipro"), ("Dnipro", "test:dnipro")]

"""A name the lexicon holds for one country's body, with another country named beside it (issue 16).

The press shortens a ministry's name and writes the country after it ("Минфин России",
"Мінфін США") or as an adjective before it ("американский Минфин"). When the lexicon holds
only one country's body of that name, a country word of another country beside it says the
text means a body the lexicon lacks: neither the name nor the country's name after it (a word
of that body's name) is a mention. The country words are engine data (nationalities.json).
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger

UA_FIN = "test:ua-ministry-of-finance"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity(UA_FIN, "org", (Name("Министерство финансов Украины", "ru"), Name("Минфин", "ru", "short"),
                               Name("Міністерство фінансів України", "uk"), Name("Мінфін", "uk", "short")),
               country="UA"),
        Entity("test:ru", "place", (Name("Россия", "ru"), Name("Росія", "uk")), subtype="country", country="RU",
               population=146_000_000),
        Entity("test:ua", "place", (Name("Украина", "ru"), Name("Україна", "uk")), subtype="country",
               country="UA", population=38_000_000),
        Entity("test:rosneft", "org", (Name("Роснефть", "ru"), Name("Rosneft", "en")), country="RU"),
    ])
    return Tagger(lex, cache=False)


def tags(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


@pytest.mark.parametrize("text", [
    "Минфин России разместил облигации на 120 млрд рублей.",
    "В тот же день Минфин США внёс в список две компании.",
    "Мінфін США тим часом продовжив ліцензію.",
    "В ответ американский Минфин заявил о новых мерах.",
])
def test_another_countrys_body_is_no_mention(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []


def test_the_reason_is_shown_with_all(tagger: Tagger) -> None:
    got = [(m.text, m.rejected) for m in tagger.tag("Минфин России разместил облигации.", all=True)]
    assert got == [("Минфин", "another country's body: 'России' names RU")]


@pytest.mark.parametrize(("text", "want"), [
    ("Минфин сообщил о размещении облигаций.", [("Минфин", UA_FIN)]),
    ("Мінфін залучив 18 млрд гривень.", [("Мінфін", UA_FIN)]),
    ("Минфин Украины сообщил о размещении.", [("Минфин Украины", UA_FIN)]),
    ("В ответ украинский Минфин сообщил.", [("Минфин", UA_FIN)]),
])
def test_its_own_country_or_none_keeps_it(tagger: Tagger, text: str, want: list[tuple[str, str]]) -> None:
    assert tags(tagger, text) == want


def test_a_country_not_beside_it_is_no_evidence(tagger: Tagger) -> None:
    assert tags(tagger, "Минфин сообщил, что России грозит дефолт.") == [("Минфин", UA_FIN), ("России", "test:ru")]


@pytest.mark.parametrize(("text", "want"), [
    # the adjective agrees with the compound's head ("Tochter"), not with the name that opens it
    ("Auch die deutsche Rosneft-Tochter steht weiter unter Treuhandverwaltung.", [("Rosneft", "test:rosneft")]),
    # the adjective before the name itself: another country's body, which the lexicon lacks
    ("Die deutsche Rosneft steht weiter unter Treuhandverwaltung.", []),
])
def test_a_name_opening_a_compound_takes_no_country_word_before_it(
        tagger: Tagger, text: str, want: list[tuple[str, str]]) -> None:
    assert tags(tagger, text) == want

"""A body's name with its country left out, in a text about another country (issue 16).

The index derives "Минфин" from "Минфин Украины" (``country dropped``): the press names its own
country's body so. When the lexicon holds that body of one country only, the bare name is that
body unless its sentence, else its paragraph, speaks clearly for another country (its other
entities: people, organizations, places); then the text means a body the lexicon lacks. The
text's language is no evidence: the Ukrainian press writes in Russian too.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger

UA_FIN = "test:ua-ministry-of-finance"
RU_BANK = "test:bank-of-russia"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity(UA_FIN, "org", (Name("Минфин Украины", "ru"), Name("Мінфін України", "uk")), country="UA"),
        Entity(RU_BANK, "org", (Name("Центробанк", "ru"),), country="RU"),
        Entity("test:siluanov", "person", (Name("Антон Силуанов", "ru"),), country="RU"),
        Entity("test:shmyhal", "person", (Name("Денис Шмыгаль", "ru"),), country="UA"),
        Entity("test:ru", "place", (Name("Россия", "ru"),), subtype="country", country="RU", population=146_000_000),
        Entity("test:ua", "place", (Name("Украина", "ru"),), subtype="country", country="UA", population=38_000_000),
        Entity("test:tver", "place", (Name("Тверь", "ru"),), subtype="city", country="RU", population=400_000),
    ])
    return Tagger(lex, cache=False)


def ids(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


def test_a_text_about_another_country_turns_it_down(tagger: Tagger) -> None:
    text = "Минфин разместил облигации. Глава ведомства Антон Силуанов и Центробанк обсудили ставку."
    assert ("Минфин", UA_FIN) not in ids(tagger, text)
    got = [(m.text, m.rejected) for m in tagger.tag(text, all=True) if m.text == "Минфин"]
    assert got == [("Минфин", "a body named without its country, in a text about RU")]


@pytest.mark.parametrize("text", [
    "Минфин разместил облигации.",  # nothing else: the lexicon's body
    "Минфин разместил облигации. Денис Шмыгаль и Антон Силуанов обсудили долг.",  # no clear country
    "Минфин разместил облигации. Денис Шмыгаль заявил, что Украина получит транш.",  # its own country
    "Минфин сообщил, что Россия грозит дефолтом.",  # one place of another country: what it speaks about
])
def test_its_own_country_or_no_clear_one_keeps_it(tagger: Tagger, text: str) -> None:
    assert ("Минфин", UA_FIN) in ids(tagger, text)

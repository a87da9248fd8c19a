"""An English body's name with its country left out (issue 16).

The index derives "Central Election Commission" from the official "Central Election
Commission of Russia" (``country_ends``, English: only from the official name). The English
press leaves the country out of its own bodies and of international ones alike, so the
tagger keeps such a name only where its sentence, else its paragraph, speaks for the body's
country, and not after a capitalized word ("UN Security Council"); a country's possessive
before it is part of the one mention ("Russia's Security Council").
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger

CEC = "test:cec-ru"
SC = "test:sc-ru"
BANK = "test:nbu"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity(CEC, "org", (Name("Central Election Commission of Russia", "en", kind="official"),), country="RU"),
        Entity(SC, "org", (Name("Security Council of Russia", "en", kind="official"),), country="RU"),
        Entity(BANK, "org", (Name("National Bank of Ukraine", "en", kind="official"),
                             Name("Foreign Bank of Ukraine", "en", kind="alias")), country="UA"),
        Entity("test:pamfilova", "person", (Name("Ella Pamfilova", "en"),), country="RU"),
        Entity("test:shmyhal", "person", (Name("Denys Shmyhal", "en"),), country="UA"),
        Entity("test:ru", "place", (Name("Russia", "en"),), subtype="country", country="RU", population=146_000_000),
        Entity("test:ua", "place", (Name("Ukraine", "en"),), subtype="country", country="UA", population=38_000_000),
        Entity("test:moscow", "place", (Name("Moscow", "en"),), subtype="city", country="RU", population=12_000_000),
    ])
    return Tagger(lex, cache=False)


def found(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


@pytest.mark.parametrize(("text", "name", "eid"), [
    ("In Moscow, the Central Election Commission and Ella Pamfilova counted the votes.", "Central Election Commission", CEC),
    ("The Security Council met in Moscow, Ella Pamfilova said.", "Security Council", SC),
    ("Denys Shmyhal said the National Bank in Ukraine would act.", "National Bank", BANK),
])
def test_its_country_named_around_it_keeps_it(tagger: Tagger, text: str, name: str, eid: str) -> None:
    assert (name, eid) in found(tagger, text)


@pytest.mark.parametrize(("text", "name"), [
    ("The Security Council will meet again next week, diplomats said.", "Security Council"),  # no country decides
    ("The National Bank kept its rate, Ella Pamfilova said in Moscow.", "National Bank"),  # another country
    ("The UN Security Council met in Moscow, Ella Pamfilova said.", "Security Council"),  # part of a longer name
])
def test_no_country_or_another_turns_it_down(tagger: Tagger, text: str, name: str) -> None:
    assert all(t != name for t, _ in found(tagger, text))


def test_only_the_official_name_loses_its_country(tagger: Tagger) -> None:
    assert ("Foreign Bank", BANK) not in found(tagger, "Denys Shmyhal said the Foreign Bank in Ukraine would act.")


def test_every_body_of_the_paragraph_is_weighed(tagger: Tagger) -> None:
    # the second body found must not count as its own country's evidence
    text = "The Security Council met. The National Bank kept its rate."
    assert found(tagger, text) == []


def test_the_possessive_and_the_bare_name_are_one_mention(tagger: Tagger) -> None:
    assert found(tagger, "Russia's Security Council met on Friday.") == [("Russia's Security Council", SC)]

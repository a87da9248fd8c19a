"""A body named with its country ("Russian Foreign Ministry", "Foreign Ministry of Ukraine",
"Ukraine's Foreign Ministry") is also found without it ("the Foreign Ministry"): the bare rest
becomes a key of every country's body that has it, and the tagger resolves it by the country
its sentence or paragraph speaks for, as it does a generic name the lexicon lists (issue 16).
The lexicon here lists no bare name."""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger

UA_MFA, RU_MFA, RU_CEC = "test:ua-mfa", "test:ru-mfa", "test:ru-cec"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity(UA_MFA, "org", (Name("Foreign Ministry of Ukraine", "en"), Name("Ukraine's Foreign Ministry", "en")),
               country="UA"),
        Entity(RU_MFA, "org", (Name("Russian Foreign Ministry", "en"),), country="RU"),
        # one country's body only: its bare name says nothing of a country and is no key
        Entity(RU_CEC, "org", (Name("Central Election Commission of Russia", "en"),), country="RU"),
        Entity("test:kyiv", "place", (Name("Kyiv", "en"),), subtype="city", country="UA", population=2_900_000),
        Entity("test:moscow", "place", (Name("Moscow", "en"),), subtype="city", country="RU", population=10_000_000),
    ])
    return Tagger(lex, cache=False)


def orgs(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text) if m.type == "org"]


@pytest.mark.parametrize(("text", "want"), [
    ("The Foreign Ministry in Kyiv summoned the envoy.", UA_MFA),
    ("The Foreign Ministry in Moscow declined to comment.", RU_MFA),
])
def test_a_bare_name_takes_the_country_of_its_sentence(tagger: Tagger, text: str, want: str) -> None:
    assert orgs(tagger, text) == [("Foreign Ministry", want)]


def test_without_a_country_the_bare_name_stays_without_an_id(tagger: Tagger) -> None:
    got = orgs(tagger, "The Foreign Ministry said nothing.")
    assert got == [("Foreign Ministry", None)]


def test_a_bare_name_of_one_countrys_body_alone_is_no_key(tagger: Tagger) -> None:
    assert orgs(tagger, "The Central Election Commission in Moscow met on Monday.") == []


def test_the_full_names_still_name_their_body(tagger: Tagger) -> None:
    assert orgs(tagger, "Ukraine's Foreign Ministry and the Russian Foreign Ministry") == [
        ("Ukraine's Foreign Ministry", UA_MFA), ("Russian Foreign Ministry", RU_MFA)]

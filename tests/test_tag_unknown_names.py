"""A small place's one-word name inside a longer capitalized name the lexicon lacks (normalize/tagger/doubt.py).

"Ukraińska Prawda" (a newspaper) is an adjective and its agreeing noun, both capitalized:
neither word is the village of that name. A small lexicon made here; every rejection
stays visible with ``all=True``.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:pravda", "place", (Name("Правда", "ru"), Name("Prawda", "pl")), population=400),
        Entity("test:ukrainka", "place", (Name("Ukraińska", "pl"),), population=300),
        Entity("test:kupiansk", "place", (Name("Kupiańsk", "pl"),), population=26000),
    ])
    return Tagger(lex, cache=False)


def ids(mentions: list) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in mentions]


def test_adjective_and_noun_both_capitalized(tagger: Tagger) -> None:
    text = "Gazeta Ukraińska Prawda podała, że w Ukraińskiej Prawdzie pisano o Kupiańsku."
    assert ids(tagger.tag(text)) == [("Kupiańsku", "test:kupiansk")]
    rejected = [m for m in tagger.tag(text, all=True) if m.rejected]
    assert {m.text for m in rejected} == {"Ukraińska", "Prawda", "Prawdzie"}
    assert all("longer name" in m.rejected for m in rejected)


def test_a_village_alone_is_still_weighed_as_before(tagger: Tagger) -> None:
    assert ids(tagger.tag("Ostrzelano wieś koło Prawdy i Kupiańska.")) == [
        ("Prawdy", "test:pravda"), ("Kupiańska", "test:kupiansk")]
    assert ids(tagger.tag("Бои у Правды продолжаются.")) == [("Правды", "test:pravda")]


def test_not_in_german(tagger: Tagger) -> None:
    # every German noun is capitalized: two capitals in a row tell nothing there
    got = tagger.tag("Die Regierung teilte mit, dass die Lage bei Kupiańsk ernst sei und sich nicht bessere.")
    assert ids(got) == [("Kupiańsk", "test:kupiansk")]


@pytest.fixture(scope="module")
def adjective_tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:kyivskyi-district", "place", (Name("Київський", "uk"),), population=139_000),
        Entity("test:kyiv", "place", (Name("Київ", "uk"),), population=2_900_000),
    ])
    return Tagger(lex, cache=False)


def test_a_district_named_like_an_adjective(adjective_tagger: Tagger) -> None:
    # "Київський мер" is Kyiv's mayor, not the city district called Київський (139,000 people)
    got = adjective_tagger.tag("Мер заявив, що Київський бізнес вирішив.", all=True)
    assert [(m.text, m.rejected.split(":")[0]) for m in got] == [("Київський", "evidence")]
    # before the noun of a body named so (name_nouns_after), the adjective rule turns it down first
    got = adjective_tagger.tag("Мер заявив, що Київський суд вирішив.", all=True)
    assert [m.text for m in got] == ["Київський"] and got[0].rejected.startswith("an adjective before")
    assert ids(adjective_tagger.tag("У Київському вибухи, повідомив Київ.")) == [
        ("Київському", "test:kyivskyi-district"), ("Київ", "test:kyiv")]


@pytest.fixture(scope="module")
def polish_tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:nove", "place", (Name("Нове", "uk"), Name("Nowe", "pl")), population=500),
        Entity("test:hora", "place", (Name("Гора", "ru"),), population=700),
        Entity("test:sad", "place", (Name("Сад", "ru"), Name("Sad", "en")), population=200),
        Entity("test:odesa", "place", (Name("Одеса", "uk"), Name("Odessa", "pl")), population=1_000_000),
        Entity("test:velyka-novosilka", "place", (Name("Велика Новосілка", "uk"),), population=5000),
    ])
    return Tagger(lex, cache=False)


def test_a_short_polish_adjective_before_its_capitalized_noun(polish_tagger: Tagger) -> None:
    # Nowy, Zielony: the bare case endings (-ego, -ej) of an adjective too short for the suffixed rows;
    # the village Nowe or Gora is not named by "Nowego Jorku" or "Zielonej Górze"
    text = "Samolot z Nowego Jorku wylądował, a w Zielonej Górze padało."
    assert ids(polish_tagger.tag(text)) == []
    rejected = polish_tagger.tag(text, all=True)
    assert [m.text for m in rejected] == ["Nowego", "Górze"]
    assert all("longer name" in (m.rejected or "") for m in rejected)
    # alone, each is weighed as before
    assert ids(polish_tagger.tag("Wieś Nowe leży pod Górą.")) == [("Nowe", "test:nove"), ("Górą", "test:hora")]


def test_a_polish_nasal_vowel_inside_a_word(polish_tagger: Tagger) -> None:
    # no press spelling of an East Slavic name writes ą or ę inside a word: "Sąd" is a court, not the village Sad
    text = "Sąd Okręgowy oddalił skargę, a przed Sądem Najwyższym protestowano."
    assert ids(polish_tagger.tag(text)) == []
    assert [(m.text, "no spelling" in (m.rejected or "")) for m in polish_tagger.tag(text, all=True)] == [
        ("Sąd", True), ("Sądem", True)]


def test_a_nasal_vowel_ending_a_word_is_a_case_ending(polish_tagger: Tagger) -> None:
    text = "Rosjanie zaatakowali Odessę i szli na Wełyką Nowosiłkę; w Sadzie spokój."
    assert ids(polish_tagger.tag(text)) == [
        ("Odessę", "test:odesa"), ("Wełyką Nowosiłkę", "test:velyka-novosilka"), ("Sadzie", "test:sad")]

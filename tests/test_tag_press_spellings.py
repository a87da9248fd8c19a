"""People named in a press spelling no key holds (normalize/tagger/spellings.py).

A small lexicon made here: the persons' names are given in Ukrainian and one English
form only, so the German and French press spellings below are no keys.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:senkevych", "person", (Name("Олександр Сєнкевич", "uk"), Name("Oleksandr Senkevych", "en")),
               gender="m"),
        Entity("test:lykhovii", "person", (Name("Дмитро Лиховій", "uk"), Name("Dmytro Lykhovii", "en")),
               gender="m"),
        Entity("test:mykolaiv", "place", (Name("Миколаїв", "uk"), Name("Mykolaiv", "en")), population=470_000),
    ])
    return Tagger(lex, cache=False)


def found(tagger: Tagger, text: str) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return [(m.text, m.id, m.via) for m in tagger.tag(text)]


def test_a_german_spelling_and_the_surname_after_it(tagger: Tagger) -> None:
    text = "Der Bürgermeister Olexander Senkewytsch sagte, Senkewytsch sei in Mykolaiv."
    assert found(tagger, text) == [
        ("Olexander Senkewytsch", "test:senkevych", ("press spelling", "person name")),
        ("Senkewytsch", "test:senkevych", ("press spelling", "person name")),
        ("Mykolaiv", "test:mykolaiv", ("exact", "lexicon name")),
    ]


def test_a_french_spelling(tagger: Tagger) -> None:
    got = found(tagger, "Le porte-parole Dmytro Lykhovi a évoqué des combats.")
    assert [(t, i) for t, i, _ in got] == [("Dmytro Lykhovi", "test:lykhovii")]


def test_needs_a_given_name_and_a_person_close_enough(tagger: Tagger) -> None:
    # a surname alone, before its full name is known, is not enough; nor another person's name
    assert found(tagger, "Senkewytsch sagte, die Stadt sei ohne Wasser.") == []
    assert found(tagger, "Olexander Kowalenko sagte, die Stadt sei ohne Wasser.") == []
    assert found(tagger, "Friedrich Merz und Emmanuel Macron sprachen.") == []


def test_a_surname_before_the_full_name_is_left_alone(tagger: Tagger) -> None:
    got = found(tagger, "Senkewytsch sagte es. Olexander Senkewytsch bestätigte.")
    assert [(t, i) for t, i, _ in got] == [("Olexander Senkewytsch", "test:senkevych")]


def test_with_a_lexicon_of_places_only_the_word_after_a_given_name_is_a_surname() -> None:
    # a gazetteer names nobody, yet "Oleksandr Syrskyi" is a person, not the village Syrskyi
    lex = Lexicon.from_entities([
        Entity("test:syrskyi", "place", (Name("Сирський", "uk"), Name("Syrskyi", "en")), population=300),
        Entity("test:mykolaiv", "place", (Name("Миколаїв", "uk"), Name("Mykolaiv", "en")), population=470_000),
    ])
    places = Tagger(lex, cache=False)
    text = "The commander-in-chief, Oleksandr Syrskyi, visited Mykolaiv. Olena Mykolaiv, Kyiv Mykolaiv."
    kept = [(m.text, m.id) for m in places.tag(text)]
    assert ("Syrskyi", "test:syrskyi") not in kept
    assert kept[0] == ("Mykolaiv", "test:mykolaiv")
    assert ("Mykolaiv", "test:mykolaiv") in kept[1:]  # after "Kyiv", which is no given name
    everything = places.tag(text, all=True)
    turned_down = [(m.text, m.rejected) for m in everything if m.rejected]
    assert ("Syrskyi", "the surname of someone else after a given name") in turned_down
    assert ("Mykolaiv", "the surname of someone else after a given name") in turned_down  # Olena Mykolaiv

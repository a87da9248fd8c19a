"""A surname with two initials before or after it (normalize/tagger/initials.py), on a small lexicon."""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:petrov", "person", (Name("Иван Сергеевич Петров", "ru"),), gender="m", country="RU"),
        Entity("test:petrova", "person", (Name("Анна Петрова", "ru"),), gender="f", country="RU"),
        Entity("test:orlov", "person", (Name("Олег Орлов", "ru"),), gender="m", country="RU"),
    ])
    return Tagger(lex, cache=False)


def found(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


def test_two_initials_before_or_after(tagger: Tagger) -> None:
    assert found(tagger, "Иск подписал И.С. Петров.") == [("И.С. Петров", "test:petrov")]
    assert found(tagger, "Иск подписал И. С. Петров.") == [("И. С. Петров", "test:petrov")]
    assert found(tagger, "Суд допросил Петрова И.С. и Орлова О.П. в среду.") == [
        ("Петрова И.С", "test:petrov"), ("Орлова О.П", "test:orlov")]


def test_initials_of_no_one_leave_the_surname_alone(tagger: Tagger) -> None:
    # A.Б. are not Oleg Orlov's initials; a single initial after the surname is no name
    assert found(tagger, "Выступил Орлов А.Б. на заседании.") == [("Орлов", "test:orlov")]
    assert found(tagger, "Выступил Орлов О. на заседании.") == [("Орлов", "test:orlov")]

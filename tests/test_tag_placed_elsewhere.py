"""A weak village whose namesakes lie elsewhere than the text places it (normalize/tagger/doubt.py:
placed_by_next_elsewhere), and a unit's quoted name (normalize/tagger/scan.py).

GeoNames holds a few of the many villages called Веселе or Ставки. The text says where its village
lies: its district or community in the genitive right after it ("Веселе Коростенського району"), a
town after a preposition of nearness ("Сонячне під Коростенем", ``located_near`` in
normalize/data/tagging.json). When none of the namesakes lies in that region (country and admin1),
the village is one the lexicon lacks. A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger


def _village(id_: str, name: str, admin1: str, population: int) -> Entity:
    return Entity(id_, "place", (Name(name, "uk"),), subtype="populated place", country="UA", admin1=admin1,
                  population=population)


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        _village("test:vesele-zp", "Веселе", "26", 9700),
        _village("test:vesele-dn", "Веселе", "05", 2900),
        _village("test:sonyachne-a", "Сонячне", "11", 1000),
        _village("test:sonyachne-b", "Сонячне", "11", 900),
        _village("test:opishnia", "Опішня", "18", 5000),
        Entity("test:korosten", "place", (Name("Коростень", "uk"),), subtype="populated place", country="UA",
               admin1="27", population=61_000),
        Entity("test:ovruch", "place", (Name("Овруч", "uk"),), subtype="populated place", country="UA",
               admin1="27", population=15_000),
        Entity("test:bakhmut", "place", (Name("Бахмут", "uk"),), subtype="populated place", country="UA",
               admin1="05", population=80_000),
        Entity("test:kharkiv", "place", (Name("Харків", "uk"),), subtype="populated place", country="UA",
               admin1="07", population=1_400_000),
        Entity("test:korosten-raion", "place", (Name("Коростенський район", "uk"),), subtype="raion",
               country="UA", admin1="27"),
        Entity("test:bakhmut-raion", "place", (Name("Бахмутський район", "uk"),), subtype="raion",
               country="UA", admin1="05"),
        Entity("test:brigade-93", "org", (Name("93-тя бригада", "uk"), Name("Холодний Яр", "uk")),
               subtype="brigade", country="UA"),
        Entity("test:brigade-3", "org", (Name("3-тя бригада", "uk"),), subtype="brigade", country="UA"),
        Entity("test:azov", "org", (Name("Азов", "uk"),), subtype="brigade", country="UA"),
        Entity("test:khartiia", "org", (Name("бригада «Хартія»", "uk"), Name("Хартія", "uk")),
               subtype="brigade", country="UA"),
    ])
    return Tagger(lex, cache=False)


def ids_of(tagger: Tagger, text: str, word: str) -> list[str | None]:
    return [m.id for m in tagger.tag(text) if m.text == word]


def spans(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


@pytest.mark.parametrize("text, word", [
    ("Жителі села Веселе Коростенського району отримали допомогу.", "Веселе"),
    ("У селі Сонячне під Коростенем відкрили амбулаторію.", "Сонячне"),
    ("Мешканці Веселого біля Коростеня чекають на автобус.", "Веселого"),
])
def test_a_village_placed_after_it_elsewhere_is_no_namesake(tagger: Tagger, text: str, word: str) -> None:
    assert ids_of(tagger, text, word) == []
    turned = {m.text: m.rejected for m in tagger.tag(text, all=True) if m.rejected}
    assert "placed by the district or town after it" in turned[word]


@pytest.mark.parametrize("text, word, want", [
    ("Жителі села Веселе Бахмутського району отримали допомогу.", "Веселе", "test:vesele-dn"),
    ("Бої точаться за Веселе під Бахмутом.", "Веселе", "test:vesele-dn"),
])
def test_a_namesake_in_that_region_stays(tagger: Tagger, text: str, word: str, want: str) -> None:
    assert ids_of(tagger, text, word) == [want]


@pytest.mark.parametrize("text, word, want", [
    # the only village of that name the lexicon holds stays, wherever the text's towns lie
    ("Трасу між Коростенем і Овручем відремонтують. Гончарі з Опішні привезли вироби.", "Опішні", "test:opishnia"),
    # nothing named before it
    ("Окупанти обстріляли Веселе. Трасу між Коростенем і Овручем відремонтують.", "Веселе", "test:vesele-zp"),
])
def test_a_village_stays_where_the_text_does_not_place_it_elsewhere(tagger: Tagger, text: str, word: str,
                                                                    want: str) -> None:
    assert ids_of(tagger, text, word) == [want]


def test_a_units_number_and_its_quoted_name_are_one_span(tagger: Tagger) -> None:
    assert spans(tagger, "Бійці 93-ї бригади «Холодний Яр» відбили штурм.") == [
        ("93-ї бригади «Холодний Яр", "test:brigade-93")]
    # another body's quoted name after a unit: two mentions
    assert spans(tagger, "Підрозділ 3-ї бригади «Азов» воює.") == [
        ("3-ї бригади", "test:brigade-3"), ("Азов", "test:azov")]


def test_a_lower_case_lexicon_name_at_a_sentence_start_yields_to_the_quoted_name(tagger: Tagger) -> None:
    assert spans(tagger, "Бригада «Хартія» утримує позиції.") == [("Хартія", "test:khartiia")]
    assert spans(tagger, "Позиції утримує бригада «Хартія».") == [("Хартія", "test:khartiia")]

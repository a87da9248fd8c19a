"""People the lexicon does not hold, named by given name and surname (normalize/tagger/unlisted.py).

"Олег Мирний", "Olena Lozova", "Anna Lwowska", "Ивана Ковальчука": an ordinary person's
surname is often a place's name or the surname of someone the lexicon holds under another
given name, and a given name may be a town's. The surname right after a given name, the given
name before a surname and the same surname alone later (in any case form) are no places and
no namesakes; a big city, a lexicon person named in full and a person whose given name
matches stay. A small lexicon made here.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger
from normalize.tagger.unlisted import UnlistedPeople


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:myrnyi", "place", (Name("Мирний", "uk"), Name("Мирный", "ru"), Name("Myrnyi", "en")),
               subtype="village", country="UA", population=900),
        Entity("test:lozova", "place", (Name("Лозова", "uk"), Name("Lozova", "en")), subtype="city", country="UA",
               population=54_000),
        Entity("test:anna", "place", (Name("Анна", "ru"), Name("Anna", "en")), subtype="city", country="RU",
               population=16_000),
        # a village named like a diminutive of a given name (Stas: Stanislav)
        Entity("test:stas", "place", (Name("Стас", "ru"), Name("Stas", "en")), subtype="village", country="RU",
               population=300),
        Entity("test:mykolaiv", "place", (Name("Миколаїв", "uk"), Name("Mykolaiv", "en")), subtype="city",
               country="UA", population=470_000),
        Entity("test:kovalchuk", "person", (Name("Юрий Ковальчук", "ru"), Name("Yury Kovalchuk", "en")), gender="m"),
        # a given name that given_names.json does not list
        Entity("test:kadyrov", "person", (Name("Рамзан Кадыров", "ru"), Name("Ramzan Kadyrov", "en")), gender="m"),
    ])
    return Tagger(lex, cache=False)


def tags(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


def test_a_place_after_a_given_name_is_a_surname_also_later_in_another_case(tagger: Tagger) -> None:
    text = "Захисник Олег Мирний участі не брав, а Мирного повідомили. Село Мирний не постраждало."
    got = tags(tagger, text)
    assert ("Мирний", "test:myrnyi") not in got[:1]
    assert not any(t == "Мирного" for t, _ in got)
    turned = {(m.text, m.rejected) for m in tagger.tag(text, all=True) if m.rejected}
    assert ("Мирний", "the surname of someone else after a given name") in turned
    assert ("Мирного", "the surname of someone the lexicon does not hold, named before") in turned


def test_an_inflected_given_name_counts(tagger: Tagger) -> None:
    assert tags(tagger, "Суд допросил Олега Мирного.") == []


def test_a_place_before_the_person_is_named_stays(tagger: Tagger) -> None:
    got = tags(tagger, "Shelling hit Lozova. A resident, Olena Lozova, said Lozova's school burned.")
    assert got == [("Lozova", "test:lozova")]


def test_a_big_city_stays_itself_after_a_namesake(tagger: Tagger) -> None:
    got = tags(tagger, "Olena Mykolaiv said the port of Mykolaiv was hit.")
    assert got == [("Mykolaiv", "test:mykolaiv")]
    assert got and tagger.tag("Olena Mykolaiv said the port of Mykolaiv was hit.")[0].start > 10


def test_a_given_name_that_is_a_town_before_a_surname(tagger: Tagger) -> None:
    assert tags(tagger, "Ranna została Anna Lwowska, nauczycielka.") == []
    assert tags(tagger, "Do Anny dotarł konwój. Anna leży nad Bitiugiem.")[-1:] == [("Anna", "test:anna")]


@pytest.mark.parametrize("text", [
    "Režisér Stas Žyrkov hru předtím uvedl doma.",
    "Reżyser Stas Żyrkow wystawił sztukę.",
    "Режиссёр Стас Жирков поставил пьесу.",
])
def test_a_diminutive_that_is_a_place_before_a_surname(tagger: Tagger, text: str) -> None:
    assert tags(tagger, text) == []


def test_a_diminutive_that_is_a_place_elsewhere_stays(tagger: Tagger) -> None:
    # before a lower-case word or at the end: the village
    assert tags(tagger, "Pożar wybuchł we wsi Stas wczoraj.") == [("Stas", "test:stas")]
    assert tags(tagger, "Pożar wybuchł we wsi Stas.") == [("Stas", "test:stas")]


def test_a_lexicon_persons_surname_with_another_given_name_is_someone_else(tagger: Tagger) -> None:
    assert tags(tagger, "Суд приговорил Ивана Ковальчука. Адвокат Ковальчука обжалует приговор.") == []
    assert tags(tagger, "Court sentenced Ivan Kovalchuk. Kovalchuk's lawyer will appeal.") == []


def test_a_patronymic_between_the_given_name_and_the_surname(tagger: Tagger) -> None:
    """A release's "Иван Петрович Ковальчук": the given name before the patronymic tells someone else; the
    lexicon person named with their patronymic stays."""
    assert tags(tagger, "Задержан Иван Петрович Ковальчук. Ковальчук дал показания.") == []
    assert tags(tagger, "Суд допросил Олега Ивановича Мирного.") == []
    assert tags(tagger, "Юрий Валентинович Ковальчук дал интервью.")[-1:] == [("Ковальчук", "test:kovalchuk")]


def test_a_given_name_the_table_lacks_is_still_not_another_one(tagger: Tagger) -> None:
    """The lexicon person's given name is not in the table (Ramzan), the one written is (Adam):
    someone else, also by surname later; the person named with their own given name stays."""
    assert tags(tagger, "Adam Kadyrov, a teenager, was decorated. Kadyrov's school is in Grozny.") == []
    assert tags(tagger, "Адама Кадырова наградили. Кадыров промолчал.") == []
    got = tags(tagger, "Ramzan Kadyrov spoke. Kadyrov said more.")
    assert got == [("Ramzan Kadyrov", "test:kadyrov"), ("Kadyrov", "test:kadyrov")]
    assert tags(tagger, "Kadyrov said more.") == [("Kadyrov", "test:kadyrov")]


def test_the_lexicon_person_stays(tagger: Tagger) -> None:
    got = tags(tagger, "Юрий Ковальчук дал интервью. Ковальчук заявил, что Ивана Ковальчука не знает.")
    assert got[0] == ("Юрий Ковальчук", "test:kovalchuk")
    assert ("Ковальчук", "test:kovalchuk") in got


def test_the_surname_alone_is_the_person_named_last_before_it(tagger: Tagger) -> None:
    """A namesake named in full, then the surname alone, then the lexicon person: the surname is the
    namesake's ("Daniil Medvedev ... Medvedev ... Dmitry Medvedev"); the lexicon person named in full
    between the namesake and the surname takes it back."""
    got = tags(tagger, "Ivan Kovalchuk won in Paris; Kovalchuk lives abroad. Yury Kovalchuk called him a traitor.")
    assert got == [("Yury Kovalchuk", "test:kovalchuk")]
    got = tags(tagger, "Ivan Kovalchuk won. Yury Kovalchuk called him a traitor, and Kovalchuk said more.")
    assert got == [("Yury Kovalchuk", "test:kovalchuk"), ("Kovalchuk", "test:kovalchuk")]


@pytest.mark.parametrize("word, group", [("Олег", True), ("Олега", True), ("Івана", True), ("Anny", True),
                                         ("Piotra", True), ("Мирний", False), ("Lozova", False)])
def test_given_names_in_any_case(tagger: Tagger, word: str, group: bool) -> None:
    unlisted = UnlistedPeople(tagger._state)
    assert bool(unlisted.groups(word)) is group


# -- Russian and Ukrainian nationality words before a generic name (nationalities.json) ------------

@pytest.fixture(scope="module")
def staffs() -> Tagger:
    return Tagger(Lexicon.from_entities([
        Entity("test:ua-staff", "org", (Name("Генштаб", "uk", "short"), Name("Генштаб", "ru", "short")), country="UA"),
        Entity("test:ru-staff", "org", (Name("Генштаб", "uk", "short"), Name("Генштаб", "ru", "short")), country="RU"),
    ]), cache=False)


@pytest.mark.parametrize("text, span, want", [
    ("Украинский Генштаб операцию не комментировал.", "Украинский Генштаб", "test:ua-staff"),
    ("Представитель российского Генштаба отказался отвечать.", "российского Генштаба", "test:ru-staff"),
    ("Суд засудив начальника російського Генштабу.", "російського Генштабу", "test:ru-staff"),
    ("Український Генштаб повідомив про удар.", "Український Генштаб", "test:ua-staff"),
])
def test_a_russian_or_ukrainian_nationality_adjective_names_the_country(staffs: Tagger, text: str, span: str,
                                                                        want: str) -> None:
    assert tags(staffs, text) == [(span, want)]


def test_a_short_surname_later_in_another_case_form() -> None:
    # Гора: Горою, Горі share only three letters, a case ending after them; Дубно is no form of Дуб
    lex = Lexicon.from_entities([
        Entity("test:hora", "place", (Name("Гора", "uk"),), subtype="village", country="UA", population=3_000),
        Entity("test:dubno", "place", (Name("Дубно", "uk"),), subtype="city", country="UA", population=37_000),
    ])
    t = Tagger(lex, cache=False)
    text = "Слідство підозрює підприємця з Вінниці Віктора Гору. Суд обрав Горі запобіжний захід."
    assert not any(m.text == "Горі" for m in t.tag(text))
    text = "Підозру отримав посадовець Андрій Дуб. Дуб перебуває в Дубні."
    assert [m.id for m in t.tag(text) if m.text == "Дубні"] == ["test:dubno"]

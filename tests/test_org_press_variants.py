"""Organization names as the Russian and Ukrainian press also writes them
(normalize/matcher/org_variants.py, engine data ``org_name_variants``).

A small lexicon made here, whose names give the country only in one form and the
adjectives only in full: the tagger and the matcher still find the other forms.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.matcher.org_variants import compressed, country_dropped, country_respelled
from normalize.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:ic-ru", "org", (Name("Следственный комитет Российской Федерации", "ru"),), country="RU"),
        Entity("test:staff-by", "org", (Name("Генеральный штаб Вооружённых сил Республики Беларусь", "ru"),),
               country="BY"),
        Entity("test:pgo-ua", "org", (Name("Офіс Генерального прокурора", "uk"),), country="UA"),
        Entity("test:sbi-ua", "org", (Name("Державне бюро розслідувань", "uk"),), country="UA"),
        Entity("test:duma", "org", (Name("Государственная дума", "ru"),), country="RU"),
    ])
    return Tagger(lex, cache=False)


def found(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


def test_the_country_at_the_end_in_its_other_forms(tagger: Tagger) -> None:
    text = "Дело возбудил Следственный комитет России, а в Следственном комитете РФ его подтвердили."
    assert found(tagger, text) == [("Следственный комитет России", "test:ic-ru"),
                                   ("Следственном комитете РФ", "test:ic-ru")]


def test_the_compressed_adjective_in_any_case(tagger: Tagger) -> None:
    text = "Підозру повідомив Офіс Генпрокурора; в Офісі Генпрокурора це підтвердили. Справу веде Держбюро розслідувань."
    assert found(tagger, text) == [("Офіс Генпрокурора", "test:pgo-ua"), ("Офісі Генпрокурора", "test:pgo-ua"),
                                   ("Держбюро розслідувань", "test:sbi-ua")]
    assert found(tagger, "Закон внесли в Госдуму.") == [("Госдуму", "test:duma")]


def test_both_together(tagger: Tagger) -> None:
    assert found(tagger, "Об этом заявил Генштаб Вооружённых сил Беларуси.") == [
        ("Генштаб Вооружённых сил Беларуси", "test:staff-by")]


def test_the_variants_themselves() -> None:
    assert country_respelled("Министерство обороны Российской Федерации", "ru") == [
        "Министерство обороны России", "Министерство обороны РФ"]
    assert country_respelled("Міністерство оборони РФ", "uk") == [
        "Міністерство оборони Російської Федерації", "Міністерство оборони Росії"]
    assert country_respelled("Служба безпеки України", "uk") == []
    assert country_respelled("Россия", "ru") == []  # the country alone is no organization's end
    assert compressed("Генеральная прокуратура") == "Генпрокуратура"
    assert compressed("офис генерального прокурора") == "офис генпрокурора"
    assert compressed("Генерал Петров") is None  # a noun, not the adjective
    assert compressed("Генеральный") is None  # nothing after it to join


def test_the_country_left_out() -> None:
    assert country_dropped("Следственный комитет России", "ru") == "Следственный комитет"
    assert country_dropped("Генштаб ВС РФ", "ru") == "Генштаб"
    assert country_dropped("Сухопутні війська ЗСУ", "uk") == "Сухопутні війська"
    # one common word left is no name: Банк, Правительство
    assert country_dropped("Банк России", "ru") is None
    assert country_dropped("Правительство России", "ru") is None
    # one acronym of three capitals or more is the press's bare name (МИД, МВД); two (МО, СК) are too often other things
    assert country_dropped("МИД России", "ru") == "МИД"
    assert country_dropped("МО РФ", "ru") is None
    # a compound of first syllables is a name by itself: Совбез (Совет безопасности), as Минюст
    assert country_dropped("Совбез России", "ru") == "Совбез"
    assert country_dropped("Совет России", "ru") is None


def test_a_name_left_without_its_country_is_weighed_by_the_text() -> None:
    lex = Lexicon.from_entities([
        Entity("test:ru", "place", (Name("Россия", "ru"),), subtype="country", country="RU"),
        Entity("test:moj-ru", "org", (Name("Минюст России", "ru"),), country="RU"),
        Entity("test:moj-ua", "org", (Name("Минюст Украины", "ru"),), country="UA"),
        Entity("test:ic-ru", "org", (Name("Следственный комитет России", "ru"),), country="RU"),
        Entity("test:shoigu", "person", (Name("Сергей Шойгу", "ru"),), country="RU"),
    ])
    tagger = Tagger(lex, cache=False)
    assert found(tagger, "Следственный комитет возбудил дело.") == [("Следственный комитет", "test:ic-ru")]
    text = "Сергей Шойгу выступил в Совбезе. Минюст внес в реестр еще трех журналистов."
    assert found(tagger, text) == [("Сергей Шойгу", "test:shoigu"), ("Минюст", "test:moj-ru")]
    # nothing tells the country: no ID, the candidates kept
    got = tagger.tag("Минюст внес в реестр еще трех журналистов.")
    assert [(m.text, m.id) for m in got] == [("Минюст", None)]
    assert {c.id for c in got[0].candidates} >= {"test:moj-ru", "test:moj-ua"}


def test_a_lexicon_name_outranks_another_body_left_without_its_country() -> None:
    # "Минобороны" is a name of Russia's ministry; Ukraine's has it only by leaving "Украины" off
    lex = Lexicon.from_entities([
        Entity("test:mod-ru", "org", (Name("Минобороны России", "ru"), Name("Минобороны", "ru")), country="RU"),
        Entity("test:mod-ua", "org", (Name("Минобороны Украины", "ru"),), country="UA"),
    ])
    tagger = Tagger(lex, cache=False)
    assert found(tagger, "Минобороны сообщило о перехвате ракет.") == [("Минобороны", "test:mod-ru")]
    assert found(tagger, "Об этом заявили в Минобороны Украины.") == [("Минобороны Украины", "test:mod-ua")]


def test_a_bare_acronym_is_the_body_of_the_country_the_text_speaks_for() -> None:
    # "МИД России" (a short name) and "МИД Украины" (an acronym) both leave the bare МИД; the lexicon's own
    # "МЗС" of Ukraine's ministry outranks Russia's МЗС left of "МЗС Росії"
    lex = Lexicon.from_entities([
        Entity("test:mfa-ru", "org", (Name("МИД России", "ru", kind="short"), Name("МЗС Росії", "uk", kind="short")),
               country="RU"),
        Entity("test:mfa-ua", "org", (Name("МИД Украины", "ru", kind="acronym"), Name("МЗС", "uk", kind="acronym")),
               country="UA"),
        Entity("test:lavrov", "person", (Name("Сергей Лавров", "ru"),), country="RU"),
        Entity("test:sybiha", "person", (Name("Андрей Сибига", "ru"),), country="UA"),
    ])
    tagger = Tagger(lex, cache=False)
    assert found(tagger, "Сергей Лавров провёл переговоры. В МИД вызвали посла.") == [
        ("Сергей Лавров", "test:lavrov"), ("МИД", "test:mfa-ru")]
    assert found(tagger, "Андрей Сибига провёл переговоры. В МИД вызвали посла.") == [
        ("Андрей Сибига", "test:sybiha"), ("МИД", "test:mfa-ua")]
    assert found(tagger, "У МЗС заявили протест.") == [("МЗС", "test:mfa-ua")]
    got = tagger.tag("В МИД вызвали посла.")  # nothing tells the country
    assert [(m.text, m.id) for m in got] == [("МИД", None)]

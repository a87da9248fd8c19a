"""Organization names as the Russian and Ukrainian press also writes them
(normalize/matcher/org_variants.py, engine data ``org_name_variants``).

A small lexicon made here, whose names give the country only in one form and the
adjectives only in full: the tagger and the matcher still find the other forms.
"""

from __future__ import annotations

import pytest

from normalize.lexicon import Entity, Lexicon, Name
from normalize.matcher.org_variants import compressed, country_respelled
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

"""Script and language detection from letter evidence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import normalize
from normalize.detect import (
    LANGUAGES,
    SCRIPTS,
    detect_language,
    detect_script,
    language_scores,
    latin_language,
    script_counts,
)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Київ", "Cyrl"),
        ("Kyiv", "Latn"),
        ("Θεσσαλονίκη", "Grek"),
        ("თბილისი", "Geor"),
        ("ᲗᲑᲘᲚᲘᲡᲘ", "Geor"),  # Mtavruli
        ("Łódź Škoda Ærø", "Latn"),
        ("Зеленський заявив, що NATO", "Cyrl"),  # 4 Latin letters of 22: still Cyrillic
        ("Київ Kyiv", "Mixed"),
        ("東京", "Other"),
        ("", None),
        ("2022 — 24/02!", None),
    ],
)
def test_detect_script(text: str, script: str | None) -> None:
    assert detect_script(text) == script
    assert script is None or script in SCRIPTS


def test_script_counts_ignore_non_letters() -> None:
    assert script_counts("Київ-2, Kyiv!") == {"Cyrl": 4, "Latn": 4, "Grek": 0, "Geor": 0, "Other": 0}
    # the control characters used internally as marks are not counted as letters
    assert script_counts("\x01\x02\x03\x04") == {"Cyrl": 0, "Latn": 0, "Grek": 0, "Geor": 0, "Other": 0}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # decisive letters
        ("Київ", "uk"),
        ("Харків", "uk"),
        ("Ґалаґан", "uk"),
        ("Єнакієве", "uk"),
        ("Тёткино", "ru"),
        ("Лукашэнка", "be"),
        ("Вячаслаў", "be"),
        ("Кіеў", "be"),
        ("Дзмітрый", "be"),
        ("Ђоковић", "sr"),
        ("Ѓорче Петров", "mk"),
        ("Ќе дојдам", "mk"),
        ("Қазақстан", "kk"),
        ("Өскемен", "kk"),
        ("България", "bg"),
        ("Пътят към върха", "bg"),
        # spellings and endings
        ("Зеленский", "ru"),
        ("Зеленський", "uk"),
        ("Донецьк", "uk"),
        ("Сьогодні", "uk"),
        # short words in sentences
        ("Он сказал, что это не так", "ru"),
        ("Владимир Путин заявил, что", "ru"),
        ("Его мать жила в Твери", "ru"),
        ("Я не знаю, що робити", "uk"),
        ("Володимир Зеленський заявив, що", "uk"),
        ("Аляксандр Лукашэнка", "be"),
        ("Той каза, че това е добре", "bg"),
        ("Он је био у Београду", "sr"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "text",
    [
        "Москва",  # spelt so in ru, uk, be, bg, sr, mk, kk
        "Киев",  # no letter only one language writes
        "Лукашенко",
        "Щукин",  # щ: ru, uk, bg
        "Мінск",  # і: uk and be
        "Скопје",  # ј: sr and mk
        "Знам’янка",  # the apostrophe: uk and be
        "Тверь",
        "",
        "Kyiv",  # no Cyrillic
        "2022",
    ],
)
def test_detect_language_none_when_evidence_is_weak(text: str) -> None:
    assert detect_language(text) is None


def test_latin_homoglyphs_inside_cyrillic_words() -> None:
    # Latin "i" typed for Ukrainian і is common in the wild
    assert detect_language("Kиïв") == "uk"
    assert detect_language("Харкiв") == "uk"


def test_decomposed_input() -> None:
    # ё and й written as base letter + combining mark
    assert detect_language("Те\u0308ткино") == "ru"
    assert detect_language("Ки\u0306ів") == detect_language("Кийів")


def test_language_scores_shape_and_signs() -> None:
    scores = language_scores("Їжакевич")
    assert list(scores) == list(LANGUAGES)
    assert scores["uk"] > 0
    assert all(scores[lang] < 0 for lang in LANGUAGES if lang != "uk")
    assert set(language_scores("").values()) == {0.0}
    assert set(language_scores("Paris").values()) == {0.0}


def test_evidence_accumulates() -> None:
    one = language_scores("Київ")["uk"]
    two = language_scores("Київ і Харків")["uk"]
    assert two > one


def test_public_api() -> None:
    assert normalize.detect_language("Київ") == "uk"
    assert normalize.detect_script("Київ") == "Cyrl"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    lang = detect_language(text)
    assert lang is None or lang in LANGUAGES
    script = detect_script(text)
    assert script is None or script in SCRIPTS
    assert set(language_scores(text)) == set(LANGUAGES)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.!-0123456789", max_size=50))
def test_latin_text_has_no_language(text: str) -> None:
    assert detect_language(text) is None


# -- the evidence option: one detector, each caller's rule --------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Києві", "uk"), ("Тёткино", "ru"), ("Магілёў", "be"), ("Зеленський", "uk"), ("Слов'янськ", "uk"),
     ("Мінская вобласць", "be"), ("Ґорґани", "uk"), ("Курахове", "uk"), ("Лукашэнка", "be"),
     ("Москва", None), ("Одеса", None), ("Kyiv", None)],
)
def test_spelling_evidence(text: str, lang: str | None) -> None:
    """What the declension reads: any Ukrainian spelling counts; None where nothing shows."""
    assert detect_language(text, evidence="spelling") == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Київ", "uk"),  # ї
        ("Гусятин", None),  # no letter that settles it
        ("Вінниця", "uk"),  # і with и
        ("Шклоў", "be"),  # ў
        ("Бярэзіна", "be"),  # і with э
        ("Тёткино", "ru"),  # ё with и
        ("Подъезд", None),  # ъ without ы, э or ё: Bulgarian has ъ too
        ("Харків", None),  # every letter is Belarusian too
        ("Дурычы", None),  # ы without и: Russian or Belarusian
        ("Краснојарск", None),  # Serbian ј
        ("Қарағанды", None),  # Kazakh
        ("Сло\u02bcвянськ", None),  # the apostrophe is no letter of a proof
    ],
)
def test_alphabet_evidence(text: str, lang: str | None) -> None:
    """What a gazetteer may write as a name's lang: only what the alphabets prove."""
    assert detect_language(text, evidence="alphabet") == lang


def test_the_rules_differ_where_their_callers_need_it() -> None:
    # Харків: letters Belarusian writes too (no proof), but no Russian spelling (the declension reads uk)
    assert detect_language("Харків", evidence="alphabet") is None
    assert detect_language("Харків", evidence="spelling") == "uk"
    assert detect_language("Москва") is None and detect_language("Москва", evidence="spelling") is None


def test_unknown_evidence_is_an_error() -> None:
    with pytest.raises(ValueError, match="evidence must be one of scores, spelling, alphabet"):
        detect_language("Київ", evidence="guess")  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_every_rule_answers_a_language_or_none(text: str) -> None:
    assert detect_language(text, evidence="spelling") in (None, "ru", "uk", "be")
    assert detect_language(text, evidence="alphabet") in (None, "ru", "uk", "be")


def test_the_old_entry_points_call_the_detector() -> None:
    from normalize import geonames
    from normalize.inflect import detect_lang

    for text in ("Київ", "Тёткино", "Москва", "Шклоў", "Харків"):
        assert geonames.cyrillic_lang(text) == detect_language(text, evidence="alphabet")
        assert detect_lang(text) == (detect_language(text, evidence="spelling") or "ru")


def test_latin_language() -> None:
    assert [latin_language(w) for w in ("Lwów", "Kyjevě", "Ľviv", "Kyjev", "Łódź ů")] == ["pl", "cs", "sk", None, None]

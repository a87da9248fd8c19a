"""Context rules of the Slavic and Kazakh schemes beyond their official examples.

The official examples (``samples``) are run by ``tests/test_schemes.py``; this
module checks what they leave out: word-initial forms, every way of typing the
apostrophe, Title Case and ALL CAPS of digraphs, decomposed (NFD) input,
punctuation and line breaks, and that no Cyrillic letter survives.
"""

from __future__ import annotations

import unicodedata

import pytest

from normalize.translit import get_scheme, in_script, scheme_ids

SCHEME_LANGS = {
    "uk_bgn_pcgn_1965": "uk",
    "uk_ala_lc": "uk",
    "uk_national_1996": "uk",
    "be_national": "be",
    "be_bgn_pcgn": "be",
    "be_ala_lc": "be",
    "bg_streamlined": "bg",
    "sr_latin": "sr",
    "mk_bgn_pcgn": "mk",
    "kk_bgn_pcgn": "kk",
}

#: Lowercase alphabets of the languages (Ukrainian and Belarusian with the apostrophe).
ALPHABETS = {
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяʼ",
    "be": "абвгґдеёжзійклмнопрстуўфхцчшыьэюяʼ",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
}


def tr(scheme_id: str, text: str) -> str:
    return get_scheme(scheme_id).translit(text)


# -- word-initial and positional forms ---------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Ялта", "Yalta"),  # word-initial я
        ("Маяк", "Maiak"),  # я after a vowel is still ia: only the word start counts
        ("Євген", "Yevhen"),
        ("Гаєвич", "Haievych"),
        ("Їжак", "Yizhak"),
        ("Київ", "Kyiv"),
        ("Йосип", "Yosyp"),
        ("Стрий", "Stryi"),
        ("Щука", "Schuka"),  # 1996: щ is sch
        ("Згурівка", "Zghurivka"),  # зг -> zgh
        ("Жгун", "Zhhun"),  # жг keeps zh + h
        ("Русь", "Rus’"),  # soft sign is ’ in 1996
    ],
)
def test_uk_national_1996_positions(source: str, expected: str) -> None:
    assert tr("uk_national_1996", source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Ялта", "Yalta"),
        ("Маяк", "Mayak"),  # 1965: no positional variants
        ("Крюківка", "Kryukivka"),
        ("Київ", "Kyyiv"),
        ("Згурівка", "Z·hurivka"),  # optional middle dot applied
        ("ЗГУРІВКА", "Z·HURIVKA"),
        ("Братське", "Brat·s’ke"),  # тс -> t·s
        ("Світловодськ", "Svitlovods’k"),  # дс is not one of the sequences
    ],
)
def test_uk_bgn_pcgn_1965_rules(source: str, expected: str) -> None:
    assert tr("uk_bgn_pcgn_1965", source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Ельск", "Jeĺsk"),  # word-initial е
        ("Лес", "Lies"),  # е after a consonant
        ("Бярэзіна", "Biarezina"),  # я after a consonant
        ("Заазер'е", "Zaazierje"),  # ie after з, je after the apostrophe
        ("Гаўя", "Haŭja"),  # after ў
        ("Круглае", "Kruhlaje"),  # after a vowel
        ("дзь", "dź"),  # зь -> ź inside дзь
        ("ГОМЕЛЬ", "HOMIEĹ"),
        ("ЕЛЬСК", "JEĹSK"),
        ("Ль", "Ĺ"),
    ],
)
def test_be_national_iotated_vowels_and_soft_consonants(source: str, expected: str) -> None:
    assert tr("be_national", source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Менск", "Myensk"),  # е is ye after consonants too
        ("ГЕЗГАЛЫ", "HYEZ·HALY"),
        ("Магілёў", "Mahilyow"),
    ],
)
def test_be_bgn_pcgn_rules(source: str, expected: str) -> None:
    assert tr("be_bgn_pcgn", source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Търново", "Tarnovo"),  # ъ -> a
        ("ТЪРНОВО", "TARNOVO"),
        ("Гьоте", "Gyote"),  # ьо -> yo
        ("ЩЕРНА", "SHTERNA"),  # щ -> sht
        ("София", "Sofia"),  # art. 5: -ия at the end of a word is -ia
        ("Мария Илиева", "Maria Ilieva"),
        ("МИЗИЯ", "MIZIA"),
        ("Марияна", "Mariyana"),  # inside a word ия stays iya
        ("Ия", "Ia"),
        ("Софийски", "Sofiyski"),
    ],
)
def test_bg_streamlined_rules(source: str, expected: str) -> None:
    assert tr("bg_streamlined", source) == expected


# -- apostrophes --------------------------------------------------------------------

APOSTROPHE_FORMS = ["\u02bc", "\u2019", "'", "`"]


@pytest.mark.parametrize("apostrophe", APOSTROPHE_FORMS)
@pytest.mark.parametrize(
    ("scheme_id", "template", "expected"),
    [
        ("uk_national_1996", "Знам{}янка", "Znam”ianka"),
        ("uk_bgn_pcgn_1965", "Знам{}янка", "Znam”yanka"),
        ("uk_ala_lc", "Знам{}янка", "Znamʺi\u0361anka"),
        ("be_bgn_pcgn", "з{}езд", "z”yezd"),
        ("be_national", "Вераб{}ёвічы", "Vierabjovičy"),
        ("be_ala_lc", "сям{}я", "si\u0361ami\u0361a"),
    ],
)
def test_apostrophe_inside_word(scheme_id: str, template: str, expected: str, apostrophe: str) -> None:
    assert tr(scheme_id, template.format(apostrophe)) == expected


def test_quotes_around_a_word_are_not_apostrophes() -> None:
    assert tr("uk_national_1996", "'Київ'") == "'Kyiv'"
    assert tr("uk_bgn_pcgn_1965", "’Київ’") == "’Kyyiv’"


# -- Title Case and ALL CAPS -----------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme_id", "source", "expected"),
    [
        ("uk_bgn_pcgn_1965", "Щербинівка", "Shcherbynivka"),
        ("uk_bgn_pcgn_1965", "ЩЕРБИНІВКА", "SHCHERBYNIVKA"),
        ("uk_bgn_pcgn_1965", "ЯСЕНИЦЯ", "YASENYTSYA"),
        ("uk_national_1996", "ЮРІЙ", "YURII"),
        ("uk_ala_lc", "ЄНАКІЄВЕ", "I\u0361ENAKII\u0361EVE"),
        ("uk_ala_lc", "Центр", "T\u0361sentr"),
        ("uk_ala_lc", "ЦЕНТР", "T\u0361SENTR"),
        ("be_ala_lc", "ЯКУБА", "I\u0361AKUBA"),
        ("be_ala_lc", "Жодзіна", "Z\u0361Hodzina"),  # ALA-LC prints capital Ж as Z͡H
        ("be_ala_lc", "жодзіна", "z\u0361hodzina"),
        ("sr_latin", "Љубовија", "Ljubovija"),
        ("sr_latin", "ЉУБОВИЈА", "LJUBOVIJA"),
        ("sr_latin", "Његош", "Njegoš"),
        ("sr_latin", "ЊЕГОШ", "NJEGOŠ"),
        ("mk_bgn_pcgn", "Џамалџи", "Džamaldži"),
        ("mk_bgn_pcgn", "ЏАМАЛЏИ", "DŽAMALDŽI"),
        ("kk_bgn_pcgn", "ӨСКЕМЕН", "ÖSKEMEN"),
        ("kk_bgn_pcgn", "Өскемен", "Öskemen"),
        ("kk_bgn_pcgn", "ҚАЗАҚСТАН", "QAZAQSTAN"),
    ],
)
def test_case(scheme_id: str, source: str, expected: str) -> None:
    assert tr(scheme_id, source) == expected


# -- decomposed input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme_id", "source", "expected"),
    [
        ("uk_national_1996", "Йосипівка", "Yosypivka"),
        ("uk_national_1996", "Їжакевич", "Yizhakevych"),
        ("uk_bgn_pcgn_1965", "Чайковичі", "Chaykovychi"),
        ("uk_ala_lc", "Зупиночний Пункт Мокіївці", "Zupynochnyĭ Punkt Mokiïvt\u0361si"),
        ("be_national", "Магілёў", "Mahilioŭ"),
        ("be_bgn_pcgn", "Рагачоў", "Rahachow"),
        ("bg_streamlined", "Йовков нос", "Yovkov nos"),
        ("mk_bgn_pcgn", "Ѓенови Ливаѓе", "Ǵenovi Livaǵe"),
        ("mk_bgn_pcgn", "Абазова Куќарица", "Abazova Kuḱarica"),
        ("kk_bgn_pcgn", "Чайкино", "Chaykīno"),
    ],
)
def test_decomposed_input(scheme_id: str, source: str, expected: str) -> None:
    nfd = unicodedata.normalize("NFD", source)
    assert nfd != source  # the test really feeds combining marks
    assert tr(scheme_id, nfd) == expected


# -- whole-text behaviour ------------------------------------------------------------------


def test_punctuation_digits_and_line_breaks_kept() -> None:
    text = "Київ, 2022 — «Харків»!\nОдеса (Odesa)"
    assert tr("uk_national_1996", text) == "Kyiv, 2022 — «Kharkiv»!\nOdesa (Odesa)"


@pytest.mark.parametrize("scheme_id", sorted(SCHEME_LANGS))
def test_no_cyrillic_letter_survives(scheme_id: str) -> None:
    alphabet = ALPHABETS[SCHEME_LANGS[scheme_id]]
    text = f"{alphabet} {alphabet.upper()} {alphabet.capitalize()} ыъэёщ"
    out = tr(scheme_id, text)
    assert out
    assert not [c for c in out if in_script(c, "Cyrl")]


@pytest.mark.parametrize("scheme_id", sorted(SCHEME_LANGS))
def test_latin_text_unchanged(scheme_id: str) -> None:
    for text in ("Kyiv and Zaporizhzhia, 2024", "Łódź, Dvůr Králové, Ǵenovi, Šuplja"):
        assert tr(scheme_id, text) == text


@pytest.mark.parametrize("scheme_id", sorted(SCHEME_LANGS))
def test_every_letter_of_the_alphabet_has_an_entry(scheme_id: str) -> None:
    """The table, not the unidecode fallback, must cover the language's own letters."""
    scheme = get_scheme(scheme_id)
    covered = set(scheme.letters) | {r.match for r in scheme.rules if len(r.match) == 1}
    assert set(ALPHABETS[SCHEME_LANGS[scheme_id]]) <= covered


@pytest.mark.parametrize("scheme_id", sorted(SCHEME_LANGS))
def test_metadata(scheme_id: str) -> None:
    scheme = get_scheme(scheme_id)
    info = scheme.info
    assert info.lang == SCHEME_LANGS[scheme_id]
    assert info.script == "Cyrl"
    assert info.year is not None and 1900 < info.year < 2100
    assert info.standard and info.source and scheme.description
    assert info.reversible is False
    assert all(k == k.lower() for k in scheme.letters)
    assert all(r.match == r.match.lower() for r in scheme.rules)
    assert len(scheme.samples) >= 15
    assert scheme_id in scheme_ids()

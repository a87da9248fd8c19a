"""Latin -> Cyrillic: ranked candidates (ru, uk) and exact ISO 9 reversal."""

from __future__ import annotations

import math
import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import reverse
from normalize.reverse import LANGS, MAX_LENGTH, MAX_LIMIT, cyrillic_candidates, iso9_to_cyrillic
from normalize.translit import get_scheme, in_script, scheme_ids

TOP = 3  # documented guarantee for the examples below: expected spelling within the first 3


def spellings(latin: str, lang: str = "ru", limit: int = 10) -> list[str]:
    return [cyr for cyr, _ in cyrillic_candidates(latin, lang, limit=limit)]


@pytest.mark.parametrize(
    ("latin", "lang", "expected"),
    [
        # the examples of the task
        ("Tetkino", "ru", "Теткино"),
        ("Tetkino", "ru", "Тёткино"),
        ("Tyotkino", "ru", "Тёткино"),
        ("Kharkiv", "uk", "Харків"),
        ("Zelensky", "ru", "Зеленский"),
        ("Shchukin", "ru", "Щукин"),
        ("Yevgeny", "ru", "Евгений"),
        ("Oleksii", "uk", "Олексій"),
        # English-language press and national/passport systems
        ("Vladimir Putin", "ru", "Владимир Путин"),
        ("Dmitry Medvedev", "ru", "Дмитрий Медведев"),
        ("Sergei", "ru", "Сергей"),
        ("Nikolai", "ru", "Николай"),
        ("Mikhail", "ru", "Михаил"),
        ("Kadyrov", "ru", "Кадыров"),
        ("Lukashenko", "ru", "Лукашенко"),
        ("Khrushchev", "ru", "Хрущев"),
        ("Kazan", "ru", "Казань"),
        ("Olga", "ru", "Ольга"),
        ("Natalya", "ru", "Наталья"),
        ("Yuri", "ru", "Юрий"),
        ("Grozny", "ru", "Грозный"),
        ("Sobyanin", "ru", "Собянин"),
        ("Kyiv", "uk", "Київ"),
        ("Mykolaiv", "uk", "Миколаїв"),
        ("Zaporizhzhia", "uk", "Запоріжжя"),
        ("Volodymyr", "uk", "Володимир"),
        ("Yevhen", "uk", "Євген"),
        ("Andriy", "uk", "Андрій"),
        ("Kryvyi Rih", "uk", "Кривий Ріг"),
        ("Zhytomyr", "uk", "Житомир"),
        ("Chernihiv", "uk", "Чернігів"),
        ("Luhansk", "uk", "Луганськ"),
        ("Donetsk", "uk", "Донецьк"),
        ("Ivano-Frankivsk", "uk", "Івано-Франківськ"),
        ("Avdiivka", "uk", "Авдіївка"),
        ("Zelensky", "uk", "Зеленський"),
        ("Syrskyi", "uk", "Сирський"),
        ("Ternopil", "uk", "Тернопіль"),
        ("Melitopol", "uk", "Мелітополь"),
        # German, Polish, French press spellings
        ("Ławrow", "ru", "Лавров"),
        ("Szojgu", "ru", "Шойгу"),
        ("Gerassimow", "ru", "Герасимов"),
        ("Prigoschin", "ru", "Пригожин"),
        ("Klitschko", "uk", "Клічко"),
        ("Selenskyj", "uk", "Зеленський"),
        ("Choïgou", "ru", "Чойгу"),
    ],
)
def test_expected_spelling_in_top(latin: str, lang: str, expected: str) -> None:
    assert expected in spellings(latin, lang, limit=TOP)


@pytest.mark.parametrize(
    ("latin", "lang", "expected"),
    [
        ("Tyotkino", "ru", "Тёткино"),
        ("Kharkiv", "uk", "Харків"),
        ("Zelensky", "ru", "Зеленский"),
        ("Shchukin", "ru", "Щукин"),
        ("Yevgeny", "ru", "Евгений"),
        ("Oleksii", "uk", "Олексій"),
        ("Tetkino", "ru", "Теткино"),
        ("Ławrow", "ru", "Лавров"),
    ],
)
def test_clear_cases_rank_first(latin: str, lang: str, expected: str) -> None:
    assert spellings(latin, lang, limit=1) == [expected]


def test_scores_ranked_and_bounded() -> None:
    result = cyrillic_candidates("Tetkino", limit=10)
    assert 1 < len(result) <= 10
    scores = [s for _, s in result]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert sum(scores) <= 1 + 1e-6
    assert len({c for c, _ in result}) == len(result)  # no duplicates


def test_deterministic() -> None:
    first = cyrillic_candidates("Oleksandr Syrskyi", "uk", limit=8)
    for _ in range(3):
        assert cyrillic_candidates("Oleksandr Syrskyi", "uk", limit=8) == first


def test_limit() -> None:
    assert len(cyrillic_candidates("Zelensky", limit=1)) == 1
    assert len(cyrillic_candidates("Zelensky", limit=4)) == 4
    with pytest.raises(ValueError):
        cyrillic_candidates("Zelensky", limit=0)


def test_the_documented_bounds() -> None:
    longest = "Kharkiv " * (MAX_LENGTH // 8)
    assert len(cyrillic_candidates(longest[:MAX_LENGTH], limit=MAX_LIMIT)) == MAX_LIMIT
    with pytest.raises(ValueError, match=f"at most {MAX_LENGTH} characters, not {MAX_LENGTH + 1}"):
        cyrillic_candidates("x" * (MAX_LENGTH + 1))
    with pytest.raises(ValueError, match=f"limit must be from 1 to {MAX_LIMIT}"):
        cyrillic_candidates("Zelensky", limit=MAX_LIMIT + 1)
    with pytest.raises(TypeError, match="limit must be an integer"):
        cyrillic_candidates("Zelensky", limit=2.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be a string, not NoneType"):
        cyrillic_candidates(None)  # type: ignore[arg-type]


def _product_reference(latin: str, lang: str, limit: int) -> list[tuple[str, float]]:
    """Every combination of the words' readings formed and ranked: what the search must equal."""
    text = unicodedata.normalize("NFC", latin)
    width = max(32, 4 * limit)
    beam: list[tuple[str, float]] = [("", 0.0)]
    last = 0
    for m in reverse._TOKEN_RE.finditer(text):
        gap, last = text[last : m.start()], m.end()
        cands = [(reverse._apply_case(m.group(), c), math.log(p))
                 for c, p in reverse._word_candidates(m.group().lower(), lang, width)]
        combined: dict[str, float] = {}
        for head, lp in beam:
            for cyr, lq in cands:
                reverse._add_log(combined, head + gap + cyr, lp + lq)
        beam = sorted(combined.items(), key=lambda kv: (-kv[1], kv[0]))[:width]
    return [(head + text[last:], round(math.exp(lp), 6)) for head, lp in beam[:limit]]


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="aeiouyshkzcjtrnl'\"`’ -.AEKSZ", max_size=28),
    lang=st.sampled_from(LANGS),
    limit=st.sampled_from([1, 3, 10, 20]),
)
def test_best_first_combination_equals_the_whole_product(text: str, lang: str, limit: int) -> None:
    assert cyrillic_candidates(text, lang, limit=limit) == _product_reference(text, lang, limit)


def test_words_are_combined_without_forming_every_combination(monkeypatch: pytest.MonkeyPatch) -> None:
    import heapq

    pushes = 0
    push = heapq.heappush

    def counting_push(heap: list, item: object) -> None:
        nonlocal pushes
        pushes += 1
        push(heap, item)

    monkeypatch.setattr(heapq, "heappush", counting_push)
    text = "Oleksandr Syrskyi Volodymyr Zelenskyi Kharkiv Shchukin Bakhmut Tetkino"
    limit = 10
    width = 4 * limit
    got = cyrillic_candidates(text, "uk", limit=limit)
    words = len(text.split())
    assert 0 < pushes <= 2 * width * words < width * width * words  # not every pair of readings
    monkeypatch.setattr(heapq, "heappush", push)
    assert got == _product_reference(text, "uk", limit)


def test_case_follows_input() -> None:
    assert spellings("Tetkino", limit=1) == ["Теткино"]
    assert spellings("TETKINO", limit=1) == ["ТЕТКИНО"]
    assert spellings("tetkino", limit=1) == ["теткино"]
    assert spellings("KYIV", "uk", limit=1) == ["КИЇВ"]


def test_non_letters_kept() -> None:
    best = spellings("Rostov-na-Donu, 2023!", limit=1)[0]
    assert best == "Ростов-на-Дону, 2023!"
    assert cyrillic_candidates("") == [("", 1.0)]
    assert cyrillic_candidates("42 - 7") == [("42 - 7", 1.0)]


def test_apostrophe_is_soft_sign_or_apostrophe() -> None:
    assert spellings("Ol'ga", limit=1) == ["Ольга"]
    assert spellings("Znam'ianka", "uk", limit=3)[0] == "Знамʼянка"


def test_cyrillic_input_untouched() -> None:
    assert cyrillic_candidates("Путин") == [("Путин", 1.0)]


def test_diacritics_fall_back_to_base_letter() -> None:
    # ő is in no table: read as o
    assert spellings("Őrel", limit=1) == ["Орел"]


def test_unknown_lang() -> None:
    with pytest.raises(ValueError, match="ru, uk"):
        cyrillic_candidates("Minsk", "be")


@pytest.mark.parametrize("lang", LANGS)
def test_every_ascii_letter_in_every_position_is_decoded(lang: str) -> None:
    for ch in string.ascii_lowercase:
        for word in (ch, "a" + ch, "k" + ch, ch + "a", ch + "k", "a" + ch + "a", "k" + ch + "k"):
            best = spellings(word, lang, limit=1)[0]
            assert not any("a" <= c <= "z" for c in best), (word, best)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), lang=st.sampled_from(LANGS))
def test_never_raises(text: str, lang: str) -> None:
    result = cyrillic_candidates(text, lang, limit=5)
    assert 1 <= len(result) <= 5
    assert all(isinstance(c, str) and 0 <= s <= 1 for c, s in result)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=string.ascii_letters + " -'", max_size=30),
    lang=st.sampled_from(LANGS),
)
def test_ascii_letters_all_become_cyrillic(text: str, lang: str) -> None:
    for cyr, _ in cyrillic_candidates(text, lang, limit=5):
        assert not any(c in string.ascii_letters for c in cyr)
        assert all(in_script(c, "Cyrl") or c in " -'ʼ" for c in cyr), cyr


needs_iso9 = pytest.mark.skipif("ru_iso9" not in scheme_ids(), reason="ru_iso9 scheme not installed")


@needs_iso9
def test_iso9_reverse_examples() -> None:
    assert iso9_to_cyrillic("Ŝukin") == "Щукин"
    assert iso9_to_cyrillic("Tëtkino") == "Тёткино"
    assert iso9_to_cyrillic("Zelenskij, 2019") == "Зеленский, 2019"


_RU_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщыэюя"
#: Russian words; ъ and ь (the caseless ʺ and ʹ in ISO 9) only inside a word, in the word's case.
_ru_words = st.builds(
    lambda head, sign, tail, case: case(head + sign + tail),
    st.text(alphabet=_RU_LETTERS, min_size=1, max_size=8),
    st.sampled_from(["", "ъ", "ь"]),
    st.text(alphabet=_RU_LETTERS, min_size=1, max_size=8),
    st.sampled_from([str.lower, str.upper, str.capitalize]),
)


@needs_iso9
@settings(max_examples=200, deadline=None)
@given(words=st.lists(_ru_words, min_size=1, max_size=5), sep=st.sampled_from([" ", ", ", "-"]))
def test_iso9_round_trip(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert iso9_to_cyrillic(get_scheme("ru_iso9").translit(text)) == text


@needs_iso9
def test_scheme_tables_are_used() -> None:
    """ISO 9 letters come only from the ru_iso9 scheme file, not the built-in table."""
    assert spellings("Ŝukin", limit=1) == ["Щукин"]
    assert spellings("Čehov", limit=1) == ["Чехов"]

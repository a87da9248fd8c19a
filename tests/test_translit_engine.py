"""The transliteration engine's fast path against its reference, and its properties.

``Scheme.translit`` runs a compiled fast path (token cache, one regex for the
context rules, ``str.translate`` for single letters); ``Scheme._reference``
is the plain word-by-word engine that defines the output.  Hypothesis draws
text from each scheme's own alphabet, its capitals, Latin, digits,
punctuation, every apostrophe, spaces, line breaks and combining marks
(sometimes decomposed to NFD) and requires the two to agree on every scheme,
including synthetic schemes that use what no bundled scheme uses yet.
The official examples run in ``tests/test_schemes.py``.
"""

from __future__ import annotations

import string
import sys
import threading
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import translit as translit_api
from normalize.translit import APOSTROPHES, Scheme, get_scheme, in_script, scheme_ids

fast_module = sys.modules["normalize.translit.fast"]

#: Letters of each script that no table lists (unidecode's fallback), with capitals.
SCRIPT_EXTRA = {
    "Cyrl": "ѣѢѳѲѵӀӏꙮҐґЎўЄєЇї",
    "Grek": "ἀἈὨϜϝΆΪΰϐ",
    "Geor": "ᲐᲑᲦႠⴀჰ",
}
#: What surrounds words: digits, punctuation, apostrophes, white space, combining marks.
AROUND = "0123456789" + ".,;:!?-—()«»\"/" + APOSTROPHES + "   \n\t" + "\u0301\u0306\u0308\u0300"
#: Letters of no scheme: Latin, and letters whose case behaves unusually (İ
#: lowercases to two characters, Σ to ς at a word's end, ǅ is title case, Ⅻ
#: and ² count as letters of a word for the word regex, _ does not).
ODD = "abzAZéÄñŁİΣςǅß²_Ⅻʹ"
EXTRA = AROUND + ODD


def scheme_letters(scheme: Scheme) -> list[str]:
    """Every character the scheme's keys, rules and contexts mention."""
    chars: set[str] = set()
    for key in scheme.letters:
        chars.update(key)
    for rule in scheme.rules:
        chars.update(rule.match)
        chars.update((rule.after or frozenset()) - {"^"})
        chars.update((rule.before or frozenset()) - {"$"})
    return sorted(chars)


def scheme_chunks(scheme: Scheme) -> list[str]:
    """Every multi-letter key and every rule match (so that rules fire often)."""
    return sorted({m for m in scheme.letters if len(m) > 1} | {r.match for r in scheme.rules})


CASINGS = {
    "keep": lambda w: w,
    "first": lambda w: w[:1].upper() + w[1:],
    "upper": str.upper,
    "lower": str.lower,
}


def texts(scheme: Scheme) -> st.SearchStrategy[str]:
    """Words of the scheme's letters and chunks (kept, capitalized, in capitals),
    apostrophes inside and around them, separated by anything in EXTRA;
    sometimes decomposed to NFD. One strategy object per scheme (built once: hypothesis
    then reuses what it derived from it, which is most of the time a test takes)."""
    found = _TEXTS.get(scheme.id)
    if found is None or found[0] is not scheme:
        found = _TEXTS[scheme.id] = (scheme, _texts(scheme))
    return found[1]


_TEXTS: dict[str, tuple[Scheme, st.SearchStrategy[str]]] = {}


def _texts(scheme: Scheme) -> st.SearchStrategy[str]:
    letters = scheme_letters(scheme)
    lower = st.sampled_from(letters)
    unlisted = SCRIPT_EXTRA[scheme.info.script]
    capital = st.sampled_from(sorted({v for c in letters for v in (c.upper(), c.title()) if len(v) == 1}))
    chunk = st.sampled_from(scheme_chunks(scheme) or letters)
    odd = st.sampled_from(ODD + unlisted)
    letter = st.one_of(lower, lower, lower, lower, chunk, chunk, capital, odd)
    glue = st.sampled_from(["", "", "", "", *APOSTROPHES])
    word = st.lists(st.tuples(glue, letter).map("".join), min_size=1, max_size=6).map("".join)
    cased = st.tuples(word, st.sampled_from(["keep", "keep", "first", "first", "upper", "lower"]))
    sep = st.just(" ") | st.text(alphabet=AROUND, min_size=1, max_size=3)
    text = st.lists(st.tuples(cased.map(lambda wc: CASINGS[wc[1]](wc[0])), sep).map("".join), max_size=10)
    return st.tuples(text.map("".join), st.booleans()).map(
        lambda t: unicodedata.normalize("NFD", t[0]) if t[1] else t[0]
    )


def assert_fast_equals_reference(scheme: Scheme, text: str) -> None:
    expected = scheme._reference(text)
    assert scheme.translit(text) == expected
    assert scheme.translit(text) == expected  # again, now from the token cache


# -- the fast path equals the reference, for every scheme -----------------------------


@pytest.mark.parametrize("scheme_id", scheme_ids())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_path_equals_reference(scheme_id: str, data: st.DataObject) -> None:
    scheme = get_scheme(scheme_id)
    assert_fast_equals_reference(scheme, data.draw(texts(scheme)))


@pytest.mark.parametrize("scheme_id", scheme_ids())
def test_fast_path_equals_reference_on_samples_in_one_text(scheme_id: str) -> None:
    """All samples joined (one batch of tokens) and in capitals (the reference route)."""
    scheme = get_scheme(scheme_id)
    text = "\n".join(src for src, _ in scheme.samples)
    for variant in (text, text.upper(), text.lower(), text.title()):
        assert_fast_equals_reference(scheme, variant)
    assert scheme.translit(text) == "\n".join(exp for _, exp in scheme.samples)


@pytest.mark.parametrize("scheme_id", ["uk_national", "ru_bgn_pcgn", "ru_icao", "ru_iso9"])
def test_benchmarked_schemes_compile_a_fast_path(scheme_id: str) -> None:
    scheme = get_scheme(scheme_id)
    scheme.translit("ж")
    assert scheme._fast is not None and scheme._fast.unsupported is None


# -- synthetic schemes: features no bundled scheme uses yet --------------------------

SYNTHETIC = [
    {
        # contexts with apostrophes, ʼ, ^ and $; a title; a longer rule before a
        # shorter one; a rule that shadows a key; a context that can never hold
        "id": "xx_apostrophes",
        "lang": "xx",
        "apostrophes": True,
        "letters": {
            "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh",
            "ʼ": "'", "аб": "ab~", "жж": "never", "ёж": "yozh", "ё": "yo",
        },
        "rules": [
            {"match": "е", "after": "^аʼ'’", "out": "ye"},
            {"match": "е", "before": "$'`", "out": "ee"},
            {"match": "б", "out": "bh", "title": "BH"},
            {"match": "д", "before": "д", "out": "d-"},
            {"match": "дд", "out": "dd"},
            {"match": "г", "after": "Г", "out": "never"},
            {"match": "г", "before": "Ж", "out": "never"},
            {"match": "ж", "out": "ʒ"},
            {"match": "вʼ", "out": "vv"},
            {"match": "ва", "after": "^", "before": "$", "out": "WA-word"},
            {"match": "г", "after": "^", "out": "gh", "title": "GH"},
            {"match": "вд", "out": "vd", "title": "V-D"},
        ],
    },
    {
        # no apostrophe canonicalization: ' is inside a word between letters
        "id": "xx_plain",
        "lang": "xx",
        "letters": {"а": "a", "б": "b", "в": "v", "е": "e", "ь": "’", "ъ": "\"", "бв": "bw"},
        "rules": [
            {"match": "е", "after": "'^", "out": "je"},
            {"match": "а", "before": "'", "out": "a:"},
            {"match": "ь", "after": "б", "before": "$", "out": ""},
        ],
    },
    {
        # outputs holding a space and a line break: the batch falls back
        "id": "xx_spaces",
        "lang": "xx",
        "letters": {"а": "a b", "б": "b\nb", "в": "v"},
        "rules": [{"match": "вв", "out": "w w"}],
    },
    {
        # an ASCII key: the passes cannot run it, every token takes the reference
        "id": "xx_ascii_key",
        "lang": "xx",
        "letters": {"а": "a", "b": "β", "в": "v"},
    },
    {
        # Greek: σ/ς, accented keys, word-final rules
        "id": "xx_greek",
        "lang": "xx",
        "script": "Grek",
        "letters": {"α": "a", "σ": "s", "ς": "z", "ο": "o", "υ": "y", "ου": "ou", "ύ": "ý"},
        "rules": [
            {"match": "σ", "before": "$", "out": "S$"},
            {"match": "ς", "after": "α", "out": "Z"},
            {"match": "αυ", "before": "σς$", "out": "af"},
        ],
    },
]
SYNTHETIC_SCHEMES = {d["id"]: Scheme.from_dict(d) for d in SYNTHETIC}  # type: ignore[arg-type]


@pytest.mark.parametrize("scheme_id", sorted(SYNTHETIC_SCHEMES))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_synthetic_fast_path_equals_reference(scheme_id: str, data: st.DataObject) -> None:
    scheme = SYNTHETIC_SCHEMES[scheme_id]
    assert_fast_equals_reference(scheme, data.draw(texts(scheme)))


def test_synthetic_schemes_take_the_paths_they_test() -> None:
    for scheme in SYNTHETIC_SCHEMES.values():
        scheme.translit("а б")
    assert SYNTHETIC_SCHEMES["xx_apostrophes"]._fast.unsupported is None  # type: ignore[union-attr]
    assert SYNTHETIC_SCHEMES["xx_ascii_key"]._fast.unsupported  # type: ignore[union-attr]
    assert not SYNTHETIC_SCHEMES["xx_spaces"]._fast.split_lines  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Еба", "Yebha"),  # word-initial е; б takes its rule
        ("аб Аб", "ab~ Ab~"),  # the key аб starts at а: the rule on б never sees it
        ("ае бе", "aye bhee"),  # е after а; е at a word's end
        ("p'е", "p'ye"),  # ' after a Latin letter stays ', and е after it is ye
        ("вʼе вʼ", "vvye vv"),
        ("в'е", "vvye"),  # ' between two Cyrillic letters is ʼ
        ("дд ддд Дд", "dd ddd Dd"),  # the longer rule comes first
        ("Бег", "BHeg"),  # the rule's title form
        ("Гб Вд", "GHbh V-D"),  # titles of a conditional and of a two-letter rule
        ("БЕГ", "BHEG"),  # ALL CAPS: upper case of the outputs
        ("жж ёж", "ʒʒ yozh"),
        ("ва вав", "WA-word vav"),
        ("Ва ВА", "WA-word WA-WORD"),
    ],
)
def test_synthetic_rules(text: str, expected: str) -> None:
    scheme = SYNTHETIC_SCHEMES["xx_apostrophes"]
    assert scheme._reference(text) == expected
    assert scheme.translit(text) == expected


def test_outputs_with_spaces_and_line_breaks() -> None:
    scheme = SYNTHETIC_SCHEMES["xx_spaces"]
    text = "аб ба\nвв ав Вв"
    assert scheme.translit(text) == "a bb\nb b\nba b\nw w a bv W w" == scheme._reference(text)


def test_long_tokens_are_right_and_not_cached() -> None:
    scheme = get_scheme("uk_national")
    token = "Згурівка-" * 20
    out = scheme.translit(token)
    assert out == scheme._reference(token) == "Zghurivka-" * 20
    assert token not in scheme._fast.cache  # type: ignore[union-attr]


def test_threads_share_one_scheme() -> None:
    data = {"id": "xx_threads", "lang": "xx", "letters": {"а": "a", "б": "b"}, "rules": [{"match": "аб", "out": "AB"}]}
    scheme = Scheme.from_dict(data)
    texts_ = [f"аб ба Аб {i} аба{'б' * (i % 7)}" for i in range(300)]
    expected = [scheme._reference(t) for t in texts_]
    errors: list[str] = []

    def work() -> None:
        for t, e in zip(texts_, expected):
            if scheme.translit(t) != e:
                errors.append(t)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


# -- assumptions the fast path rests on -----------------------------------------------


def test_no_cased_character_beyond_the_limit() -> None:
    limit = fast_module._CASED_LIMIT
    odd = [hex(cp) for cp in range(limit, sys.maxunicode + 1) if chr(cp).lower() != chr(cp) or chr(cp).isupper()]
    assert not odd


def test_no_character_composes_with_a_space_or_line_break() -> None:
    """So that normalizing each space-separated token equals normalizing the text."""
    odd = [
        hex(cp)
        for cp in range(sys.maxunicode + 1)
        if not 0xD800 <= cp <= 0xDFFF and (set(unicodedata.normalize("NFD", chr(cp))) & {" ", "\n"})
        and chr(cp) not in " \n"
    ]
    assert not odd


# -- properties of every scheme ------------------------------------------------------


@pytest.mark.parametrize("scheme_id", scheme_ids())
@settings(max_examples=60, deadline=None)
@given(text=st.text())
def test_never_raises(scheme_id: str, text: str) -> None:
    assert isinstance(translit_api(text, scheme_id), str)


@pytest.mark.parametrize("scheme_id", scheme_ids())
def test_lone_surrogates_and_astral_characters(scheme_id: str) -> None:
    """What a surrogateescape decoding or an emoji brings in passes through."""
    scheme = get_scheme(scheme_id)
    for text in ("\udcff Київ Ελλάδα", "Ки\ud800їв", "\U0001f600Київ\U0001f600 ЗСУ 𝐀"):
        assert scheme.translit(text) == scheme._reference(text)
        assert "\udcff" not in text or "\udcff" in scheme.translit(text)


@pytest.mark.parametrize("scheme_id", scheme_ids())
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_no_letter_of_the_source_script_remains(scheme_id: str, data: st.DataObject) -> None:
    scheme = get_scheme(scheme_id)
    text = data.draw(texts(scheme) | st.text())
    assert not [c for c in scheme.translit(text) if in_script(c, scheme.info.script)]


#: Characters that are never part of a word and compose with nothing around them.
SEPARATORS = " \n\t.,;:!?()[]{}-—«»0123456789/+*#@%&"


@pytest.mark.parametrize("scheme_id", scheme_ids())
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_non_letters_are_preserved(scheme_id: str, data: st.DataObject) -> None:
    scheme = get_scheme(scheme_id)
    left = data.draw(texts(scheme))
    right = data.draw(texts(scheme))
    # the marks a standard itself converts (Greek ; and ·) are not pass-through
    kept = "".join(c for c in SEPARATORS if c not in scheme.punctuation)
    sep = data.draw(st.text(alphabet=kept, min_size=1, max_size=5))
    assert scheme.translit(left + sep + right) == scheme.translit(left) + sep + scheme.translit(right)
    assert scheme.translit(sep) == sep


@pytest.mark.parametrize("scheme_id", scheme_ids())
@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=string.printable))
def test_ascii_text_is_unchanged(scheme_id: str, text: str) -> None:
    assert translit_api(text, scheme_id) == text


LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x24F, blacklist_categories=("Cc", "Cs", "Mn"))


@pytest.mark.parametrize("scheme_id", scheme_ids())
@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=LATIN))
def test_latin_text_is_unchanged(scheme_id: str, text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert translit_api(text, scheme_id) == text


@pytest.mark.parametrize("scheme_id", scheme_ids())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_translit_many_equals_translit(scheme_id: str, data: st.DataObject) -> None:
    """The batched form an index build uses gives exactly what one call per text gives."""
    scheme = get_scheme(scheme_id)
    batch = data.draw(st.lists(texts(scheme), max_size=12))
    batch += ["", "ПРОПИСНЫЕ БУКВЫ", "два\nрядки", "слово" * 15]
    assert scheme.translit_many(batch) == [scheme.translit(t) for t in batch]


def test_translit_many_crosses_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts that fill several batches come back complete and in order."""
    monkeypatch.setattr(fast_module, "_BATCH", 3)
    scheme = get_scheme("uk_national")
    batch = [f"Згурський {i} Київ" if i % 2 else "Харків, Одеса" for i in range(20)] + ["", "Ґ"]
    assert scheme.translit_many(batch) == [scheme.translit(t) for t in batch]

"""Text as the press writes it: typography undone before the scan, headlines whose capitals say nothing.

normalize/tagger/typography.py (soft hyphens, words broken across lines, stress marks, odd spaces,
NFC; offsets back to the text as written) and the headline rules (tagger/words.py: among_capitals,
title_case_line, function_words; tagger/doubt.py and tagger/scan.py use them). A small lexicon is
made here; the sentences are this file's own.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize.lexicon import Entity, Lexicon, Name
from normalize.tagger import Tagger
from normalize.tagger.typography import typeset
from normalize.tagger.words import among_capitals, title_case_line


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    lex = Lexicon.from_entities([
        Entity("test:kherson", "place", (Name("Kherson", "en"), Name("Херсон", "uk")), subtype="populated place",
               country="UA", population=280_000),
        Entity("test:dachne", "place", (Name("Dachne", "en"), Name("Дачне", "uk")), subtype="populated place",
               country="UA", population=2_000),
        Entity("test:hat", "place", (Name("Hat", "en"),), subtype="populated place", country="UA", population=3_000),
        Entity("test:zaporizhzhia", "place", (Name("Zaporizhzhia", "en"), Name("Запоріжжя", "uk")),
               subtype="populated place", country="UA", population=710_000),
        Entity("test:sbu", "org", (Name("Security Service of Ukraine", "en"), Name("SBU", kind="acronym")),
               country="UA"),
        Entity("test:par", "org", (Name("Presidential Administration of Russia", "en"),), country="RU"),
        Entity("test:gladkov", "person", (Name("Vyacheslav Gladkov", "en"), Name("Вячеслав Гладков", "ru"))),
    ])
    return Tagger(lex, cache=False)


def found(tagger: Tagger, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.id) for m in tagger.tag(text)]


# -- typography --------------------------------------------------------------------------------

def test_marks_inside_words_do_not_hide_a_name(tagger: Tagger) -> None:
    text = ("Governor Vya\u00adcheslav Glad\u200bkov visited Zapo-\nrizhzhia; "
            "Вячесла\u0301в Гладко\u0301в, Запо-\r\n  ріжжя, Dachne\u00a0and Kherson.")
    assert found(tagger, text) == [
        ("Vya\u00adcheslav Glad\u200bkov", "test:gladkov"),
        ("Zapo-\nrizhzhia", "test:zaporizhzhia"),
        ("Вячесла\u0301в Гладко\u0301в", "test:gladkov"),
        ("Запо-\r\n  ріжжя", "test:zaporizhzhia"),
        ("Dachne", "test:dachne"),
        ("Kherson", "test:kherson"),
    ]


def test_a_stress_mark_on_a_names_last_letter_is_in_its_span(tagger: Tagger) -> None:
    # the mark belongs to the letter before it: a name ending in a stressed vowel keeps it
    text = "Гладко\u0301в и Херсо\u0301н, Запорі\u0301жжя\u0301."
    assert found(tagger, text) == [
        ("Гладко\u0301в", "test:gladkov"),
        ("Херсо\u0301н", "test:kherson"),
        ("Запорі\u0301жжя\u0301", "test:zaporizhzhia"),
    ]
    clean, back = typeset("Дачне\u0301 і")
    assert clean == "Дачне і" and back is not None
    assert (back.start(0), back.end(4)) == (0, 6)


def test_a_hyphen_before_a_capital_on_the_next_line_stays() -> None:
    # "Rostov-na-\nDonu": the hyphen is the name's; only a second part in lower case is joined
    assert typeset("Rostov-na-\nDonu")[1] is None
    assert typeset("Zapo-\nrizhzhia")[0] == "Zaporizhzhia"
    assert typeset("plain text, no marks")[1] is None


_DECORATIONS = st.sampled_from(["", "\u00ad", "\u200b", "\u0301", "-\n", "\u00a0"])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_DECORATIONS, min_size=60, max_size=60), st.booleans())
def test_offsets_point_at_the_text_as_written(tagger: Tagger, marks: list[str], nfd: bool) -> None:
    """Marks put anywhere inside words, and NFD or not: the same mentions, at offsets into the text as
    written, whose text without the marks is the plain mention's."""
    plain = "Вячеслав Гладков visited Kherson and Zaporizhzhia near Dachne."
    out = []
    for i, c in enumerate(plain):
        nxt = plain[i + 1] if i + 1 < len(plain) else " "
        mark = marks[i % len(marks)]
        out.append("\u00a0" if c == " " and mark == "\u00a0" else c)  # a no-break space for a space
        if c.isalpha() and nxt.isalpha() and mark != "\u00a0" and (mark != "-\n" or nxt.islower()):
            if mark == "\u0301" and c not in "аеиоуяюэыієї":
                continue  # a stress mark goes on a Cyrillic vowel
            out.append(mark)
    text = "".join(out)
    if nfd:
        text = unicodedata.normalize("NFD", text)
    want = found(tagger, plain)
    got = tagger.tag(text)
    assert [m.id for m in got] == [i for _, i in want]
    for m, (name, _) in zip(got, want):
        assert text[m.start : m.end] == m.text
        clean = unicodedata.normalize("NFC", m.text)
        for mark in ("\u00ad", "\u200b", "\u0301", "-\n"):
            clean = clean.replace(mark, "")
        assert clean.replace("\u00a0", " ") == name


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(list("aBc Дже-\n\r\t.'") + ["\u00ad", "\u0301", "\u0308", "\u00a0", "\u200b",
                                                               "\u202f", "e\u0301"]), max_size=40))
def test_the_map_covers_the_text_in_order(parts: list[str]) -> None:
    text = "".join(parts)
    clean, back = typeset(text)
    if back is None:
        assert len(clean) == len(text)
        return
    spans = [(back.start(i), back.end(i)) for i in range(len(clean))]
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(spans[i][0] <= spans[i + 1][0] for i in range(len(spans) - 1))
    assert unicodedata.is_normalized("NFC", clean)
    assert "\u00ad" not in clean and "\u200b" not in clean


# -- headlines -----------------------------------------------------------------------------------

def test_capitals_around_a_word() -> None:
    text = "TROOPS STEP UP ASSAULTS NEAR DACHNE\nKYIV, Dec 6 - the SBU said."
    assert among_capitals(text, text.index("UP"), text.index("UP") + 2)
    assert not among_capitals(text, text.index("KYIV"), text.index("KYIV") + 4)
    assert not among_capitals(text, text.index("SBU"), text.index("SBU") + 3)
    title = "Mayor Warns Of Longer Blackouts In Kherson\nThe mayor said so."
    assert title_case_line(title, title.index("Kherson"))
    assert not title_case_line(title, title.index("mayor"))
    assert not title_case_line("Kherson Was Shelled Again By Drones", 0)  # one line alone: no headline


def test_a_short_word_in_a_headline_in_capitals_is_no_acronym(tagger: Tagger) -> None:
    text = ("SBU SAYS TALKS ARE ON A PAR WITH LAST YEAR AS HAT FACES SHELLING\n"
            "The Security Service of Ukraine said the talks went on.")
    assert found(tagger, text) == [("SBU", "test:sbu"), ("Security Service of Ukraine", "test:sbu")]
    # outside a headline the same words keep their reading
    assert found(tagger, "The SBU and the PAR met.") == [("SBU", "test:sbu"), ("PAR", "test:par")]


def test_a_small_place_in_a_headline_needs_more_than_its_capital(tagger: Tagger) -> None:
    hat = "Hat Residents Fear Winter As Prices Rise\nResidents of the region said prices rose again."
    assert found(tagger, hat) == []
    assert "a headline" in next(m.rejected for m in tagger.tag(hat, all=True) if m.text == "Hat")
    # a preposition before it, or the body naming it, still makes it a place
    assert found(tagger, "SHELLING NEAR DACHNE\nNobody was hurt.") == [("DACHNE", "test:dachne")]
    assert found(tagger, "DACHNE COUNTS THE DAMAGE\nThe shelling of Dachne lasted all night.") == [
        ("DACHNE", "test:dachne"), ("Dachne", "test:dachne")]
    # a big place is no weak mention: a headline does not change it
    assert found(tagger, "KHERSON COUNTS THE DAMAGE\nNobody was hurt.") == [("KHERSON", "test:kherson")]

"""Press spellings of the larger places of UA, RU and BY in seven press languages
(tests/cases/press_places.tsv: oblast centres, cities over ~100,000, front-line towns, regions
and countries whose press names are exonyms), with the bundled lexicons, which are the point.

Each spelling must be the matcher's one answer, and the tagger must find its place in a short
sentence of that language ("Lieu : Iekaterinbourg."): a mention with the place's ID over the
spelling (its span may be shorter: "St. Petersburg" is tagged "Petersburg").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize.matcher import Matcher
from normalize.tagger import Tagger

CASES = Path(__file__).parent / "cases" / "press_places.tsv"
LEAD = {"en": "Location:", "de": "Ort:", "fr": "Lieu :", "pl": "Miejsce:", "es": "Lugar:", "it": "Luogo:",
        "cs": "Místo:"}


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            spelling, place, lang = line.split("\t")
            rows.append((spelling, place, lang))
    return rows


ROWS = _rows()


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher()  # the bundled lexicons, from the session's index


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


def test_the_list_is_well_formed() -> None:
    assert len(ROWS) > 700
    assert {lang for _, _, lang in ROWS} == set(LEAD)
    assert len(set(ROWS)) == len(ROWS), "a row twice"


@pytest.mark.parametrize("lang", sorted(LEAD))
def test_the_matcher_names_each_place(matcher: Matcher, lang: str) -> None:
    wrong = []
    for spelling, place, row_lang in ROWS:
        if row_lang != lang:
            continue
        best = matcher.best(spelling)
        if best is None or place not in (best.id, *best.same_as):
            wrong.append((spelling, place, best.id if best else None))
    assert wrong == []


@pytest.mark.parametrize("lang", sorted(LEAD))
def test_the_tagger_finds_each_place_in_a_sentence(tagger: Tagger, lang: str) -> None:
    missed = []
    for spelling, place, row_lang in ROWS:
        if row_lang != lang:
            continue
        text = f"{LEAD[lang]} {spelling}."
        start = len(LEAD[lang]) + 1
        end = start + len(spelling)
        found = [m for m in tagger.tag(text)
                 if m.start < end and m.end > start and place in (m.id, *m.same_as)]
        if not found:
            missed.append((spelling, place, [(m.text, m.id) for m in tagger.tag(text)]))
    assert missed == []

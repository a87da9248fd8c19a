"""Polish, Czech and Slovak case forms of East Slavic names: inflect, matcher and tagger.

The cases are data (tests/cases/press_inflection.json), positives and negatives, run
against the fixture lexicon tests/fixtures/press_inflection_lexicon.jsonl.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from normalize import Matcher, Tagger
from normalize.inflect import latin_language, name_forms, press_forms
from normalize.lexicon import Lexicon

HERE = Path(__file__).resolve().parent
CASES = json.loads((HERE / "cases" / "press_inflection.json").read_text(encoding="utf-8"))
FIXTURE = HERE / "fixtures" / "press_inflection_lexicon.jsonl"


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    return Matcher(Lexicon.load([FIXTURE]))


@lru_cache(maxsize=1)
def _tagger() -> Tagger:
    return Tagger(Lexicon.load([FIXTURE]))


@pytest.mark.parametrize("case", CASES["forms"], ids=lambda c: f"{c['name']}-{c['lang']}-{c['type']}")
def test_press_forms(case: dict[str, Any]) -> None:
    forms = press_forms(case["name"], lang=case["lang"], type=case["type"], gender=case["gender"])
    for form, tags in case["expect"].items():
        assert forms.get(form) == tags, (form, forms)
    for form in case["absent"]:
        assert form not in forms, (form, forms)
    assert case["name"] not in forms  # the nominative is the schemes' business
    for tags in forms.values():
        lang, *cases = tags.split()
        assert lang in ("pl", "cs", "sk") and cases


def _match_id(case: dict[str, Any]) -> str:
    return f"{case['query']}-{case.get('expect') or 'not ' + case['not']}"


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(reason=c["xfail"], strict=True)) if "xfail" in c else c
     for c in CASES["match"]],
    ids=_match_id,
)
def test_matcher_finds_press_case_forms(case: dict[str, Any]) -> None:
    results = _matcher().match(case["query"])
    if "expect" in case:
        assert results and results[0].id == case["expect"], results
    else:
        assert all(r.id != case["not"] for r in results), results


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(reason=c["xfail"], strict=True)) if "xfail" in c else c
     for c in CASES["tag"]],
    ids=lambda c: c["text"][:30],
)
def test_tagger_finds_press_case_forms(case: dict[str, Any]) -> None:
    got = [[m.text, m.id] for m in _tagger().tag(case["text"])]
    assert got == case["expect"]


def test_latin_language_needs_a_telling_letter() -> None:
    assert latin_language("Charków") == "pl"
    assert latin_language("Oděsa") == "cs"
    assert latin_language("Kyjevom") is None
    assert latin_language("Łódź ě") is None  # letters of two languages: no decision


def test_name_forms_declines_latin_only_when_asked() -> None:
    assert name_forms("Lwów", type="place") == {"Lwów": "nom"}
    assert name_forms("Lwów", lang="pl", type="place")["Lwowie"] == "loc"


def test_press_forms_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="name must be a str"):
        press_forms(None)  # type: ignore[arg-type]

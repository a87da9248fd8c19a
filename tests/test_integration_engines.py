"""normalize._integration: where every integration gets its engines, and what counts as text."""

from __future__ import annotations

import math
import os
import shutil
from pathlib import Path

import pytest

from normalize import _integration
from normalize.lexicon import Lexicon
from tests.integration_rows import MATCH_LEXICON, TAG_LEXICON


@pytest.mark.parametrize(
    ("value", "text"),
    [("Kyiv", "Kyiv"), ("", ""), ("Київ", "Київ"), (None, None), (5, None), (math.nan, None), (b"Kyiv", None),
     (["Kyiv"], None), ("Kyiv\ud800", None), ("\udfff", None)],
)
def test_text_or_none(value: object, text: str | None) -> None:
    assert _integration.text_or_none(value) == text


def test_engines_are_built_once_per_source(tmp_path: Path) -> None:
    lexicon = tmp_path / "lex.jsonl"
    shutil.copy(TAG_LEXICON, lexicon)
    first = _integration.tagger(lexicon)
    assert _integration.tagger([str(lexicon)]) is first  # a path or a list of it: the same source
    assert _integration.tagger(lexicon, fuzzy=True) is not first
    os.utime(lexicon, ns=(1, 1))  # the file changed: a new engine
    assert _integration.tagger(lexicon) is not first
    m = _integration.matcher(MATCH_LEXICON)
    assert _integration.matcher(MATCH_LEXICON) is m
    r = _integration.resolver(MATCH_LEXICON, min_score=90)
    assert r.matcher is m and _integration.resolver(MATCH_LEXICON, min_score=90) is r
    lex = Lexicon.load([MATCH_LEXICON])
    assert _integration.matcher(lex) is _integration.matcher(Lexicon.load([MATCH_LEXICON]))  # by content


def test_a_compiled_index_is_opened_once(tmp_path: Path) -> None:
    from normalize.index import compile_index

    index = tmp_path / "tag.nidx"
    compile_index([TAG_LEXICON], index)
    first = _integration.tagger(None, index)
    assert _integration.tagger(None, str(index)) is first
    assert first.tag("Kharkiv") == _integration.tagger(TAG_LEXICON).tag("Kharkiv")
    assert _integration.matcher(None, index).match("Kharkov")[0].id == _integration.matcher(TAG_LEXICON).match("Kharkov")[0].id


def test_bad_sources_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="x.idx: cannot read"):
        _integration.tagger(None, "x.idx")
    with pytest.raises(ValueError, match="not both"):
        _integration.tagger(TAG_LEXICON, "x.idx")
    with pytest.raises(ValueError, match="empty list"):
        _integration.matcher([])
    with pytest.raises(TypeError, match="not int"):
        _integration.matcher(5)  # type: ignore[arg-type]


def test_match_values_is_match_records() -> None:
    from normalize.batch import match_records

    values = ["Kharkov", None, "  Бахмут ", 3, "x" * 400, "Nowhere", ""]
    ids, labels, scores = _integration.match_values(values, _integration.resolver(MATCH_LEXICON))
    want = list(match_records([{"c": v} for v in values], ["c"], matcher=_integration.matcher(MATCH_LEXICON)))
    assert ids == [w["c_id"] for w in want]
    assert labels == [w["c_label"] for w in want]
    assert scores == [w["c_score"] for w in want]

"""normalize.pandas: add_ids adds what `normalize batch` adds; tag finds what `normalize tag` finds."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import normalize.pandas as npd
from normalize import _integration
from normalize.batch import match_many
from tests.integration_rows import (
    COLUMNS,
    MATCH_LEXICON,
    TAG_LEXICON,
    TEXTS,
    records,
    run_batch,
    run_tag_jsonl,
)


def cell(value: Any) -> Any:
    """A frame's cell as the batch JSON writes it: missing is None."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def test_add_ids_equals_batch_jsonl(tmp_path: Path) -> None:
    rows = records()
    expected = run_batch(rows, tmp_path, "jsonl")
    out = npd.add_ids(pd.DataFrame(rows), COLUMNS, lexicons=MATCH_LEXICON)
    assert len(out) == len(expected)
    matched = 0
    for (_, got), want in zip(out.iterrows(), expected):
        for col in COLUMNS:
            for suffix in ("id", "label", "score"):
                key = f"{col}_{suffix}"
                assert cell(got[key]) == want[key], (want[col] if isinstance(want[col], str) else None, key)
        matched += want["city_id"] is not None
    assert matched >= 10  # the rows are not all empty
    for col in COLUMNS:
        assert out[f"{col}_id"].dtype == "string" and out[f"{col}_score"].dtype == "float64"


def test_add_ids_equals_batch_csv_as_text(tmp_path: Path) -> None:
    """The CSV writes the same results as text: the score with one decimal, empty for none."""
    rows = [{k: v for k, v in r.items() if k != "code"} for r in records()]
    expected = run_batch(rows, tmp_path, "csv")
    frame = pd.DataFrame(rows).fillna("").astype(str)
    out = npd.add_ids(frame, ["city", "person"], lexicons=MATCH_LEXICON)
    for (_, got), want in zip(out.iterrows(), expected):
        for col in ("city", "person"):
            score = got[f"{col}_score"]
            assert (cell(got[f"{col}_id"]) or "") == want[f"{col}_id"]
            assert (cell(got[f"{col}_label"]) or "") == want[f"{col}_label"]
            assert ("" if math.isnan(score) else f"{score:.1f}") == want[f"{col}_score"]


def test_add_ids_keeps_index_order_and_other_columns() -> None:
    df = pd.DataFrame(
        {"n": [3, 1, 2, 5], "city": ["Бахмут", None, "Kharkov", "Бахмут"], "when": pd.to_datetime(["2024-01-01"] * 4)},
        index=pd.Index(["z", "a", "a", "q"], name="key"),
    )
    before = df.copy()
    out = npd.add_ids(df, "city", lexicons=MATCH_LEXICON)
    pd.testing.assert_frame_equal(df, before)  # the input is not changed
    pd.testing.assert_frame_equal(out[list(df.columns)], df)
    assert list(out.columns) == ["n", "city", "when", "city_id", "city_label", "city_score"]
    assert out["city_id"].tolist() == ["place:bakhmut", pd.NA, "place:kharkiv", "place:bakhmut"]
    # a re-run over its own output replaces the fields in place
    again = npd.add_ids(out.assign(city=["Kharkov"] * 4), "city", lexicons=MATCH_LEXICON)
    assert list(again.columns) == list(out.columns)
    assert again["city_id"].tolist() == ["place:kharkiv"] * 4


def test_bad_cells_give_empty_results() -> None:
    bad = [None, np.nan, 5, 2.5, True, ["Kharkov"], {"a": 1}, "Kharkov\ud800", "\udcff", "x" * (1 << 20), "", " "]
    df = pd.DataFrame({"city": [*bad, "Kharkov"]})
    out = npd.add_ids(df, ["city"], lexicons=MATCH_LEXICON)
    assert out["city_id"].isna().tolist() == [True] * len(bad) + [False]
    assert out["city_score"].isna().tolist() == [True] * len(bad) + [False]


def test_each_distinct_value_is_matched_once(monkeypatch: pytest.MonkeyPatch) -> None:
    _integration._CACHE.clear()
    matcher = _integration.matcher(MATCH_LEXICON)
    calls: list[str] = []
    real = matcher.match

    def counting(name: str, **kw: Any) -> Any:
        calls.append(name)
        return real(name, **kw)

    monkeypatch.setattr(matcher, "match", counting)
    df = pd.DataFrame({"a": ["Kharkov", "Бахмут", "Kharkov", " Kharkov", None] * 50, "b": ["Бахмут"] * 250})
    npd.add_ids(df, ["a", "b"], lexicons=MATCH_LEXICON)
    assert sorted(c for c in calls if c) == ["Kharkov", "Бахмут"]  # "": the resolver warming up
    _integration._CACHE.clear()


def test_unknown_or_duplicated_column_and_index_are_clear_errors() -> None:
    df = pd.DataFrame({"city": ["Kharkov"]})
    with pytest.raises(ValueError, match="'town' is not in the frame"):
        npd.add_ids(df, ["town"], lexicons=MATCH_LEXICON)
    with pytest.raises(ValueError, match="appears 2 times"):
        npd.add_ids(pd.concat([df, df], axis=1), ["city"], lexicons=MATCH_LEXICON)
    with pytest.raises(ValueError, match="people.idx: cannot read"):
        npd.add_ids(df, ["city"], index="people.idx")


def test_a_compiled_index_answers_as_its_lexicons(tmp_path: Path) -> None:
    from normalize.index import compile_index

    index = tmp_path / "match.nidx"
    compile_index([MATCH_LEXICON], index)
    df = pd.DataFrame({"city": ["Kharkov", None, "Zelenskyj", "nobody", 7]})
    got = npd.add_ids(df, ["city"], index=index)
    want = npd.add_ids(df, ["city"], lexicons=MATCH_LEXICON)
    pd.testing.assert_frame_equal(got, want)
    assert got["city_id"].notna().sum() == 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=30), st.none(), st.integers(), st.floats(), st.sampled_from(
    ["Kharkov", "Бахмут", "V. Zelensky", "RDC", "Zelenska"]
)), min_size=1, max_size=20))
def test_add_ids_never_raises_and_agrees_with_match_many(cells: list[Any]) -> None:
    out = npd.add_ids(pd.DataFrame({"c": pd.Series(cells, dtype=object)}), "c", lexicons=MATCH_LEXICON)
    matcher = _integration.matcher(MATCH_LEXICON)
    for value, got in zip(cells, out["c_id"].tolist()):
        text = _integration.text_or_none(value)
        want = match_many([text], matcher=matcher)[0] if text is not None else None
        assert cell(got) == (want.id if want else None)


def test_tag_equals_cli(tmp_path: Path) -> None:
    expected = run_tag_jsonl(TEXTS, tmp_path)
    series = pd.Series(TEXTS, index=[f"doc{i}" for i in range(len(TEXTS))], name="text", dtype=object)
    got = npd.tag(series, lexicons=TAG_LEXICON)
    assert list(got.columns) == list(npd.TAG_COLUMNS)
    assert got["start"].dtype == "int64" and got["id"].dtype == "string" and got["score"].dtype == "float64"
    for i, mentions in enumerate(expected):
        rows = got.loc[[f"doc{i}"]] if f"doc{i}" in got.index else got.iloc[:0]
        mine = [{k: cell(v) for k, v in r.items()} for r in rows.to_dict("records")]
        want = [{k: m[k] for k in npd.TAG_COLUMNS} for m in mentions]
        assert mine == want, TEXTS[i]
    assert len(got) > 2000  # the long text's mentions are all there


def test_tag_index_lines_up_with_the_frame() -> None:
    df = pd.DataFrame({"text": ["Kharkov і Харків", None, "Зеленська"]}, index=pd.Index([10, 20, 30], name="doc"))
    got = npd.tag(df["text"], lexicons=TAG_LEXICON)
    assert got.index.name == "doc" and got.index.tolist() == [10, 10, 30]
    joined = df.join(got.rename(columns={"text": "mention"}))
    assert joined.loc[20, "id"] is pd.NA or pd.isna(joined.loc[20, "id"])
    assert npd.tag(pd.Series([], dtype=object), lexicons=TAG_LEXICON).empty
    bad = npd.tag(pd.Series([None, 3, "Kharkov \ud800", ["x"], "x" * (1 << 20)]), lexicons=TAG_LEXICON)
    assert bad.empty

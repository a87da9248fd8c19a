"""The CLI's JSON fields of a resolution: the directly written form equals what json.dumps writes."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from normalize.tagger.results import Resolution
from normalize.tagger.runner import Formatter, _plain_fields

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["geonames:703448", "Київ", 'a "quoted" name', "back\\slash", "tab\there", "line\nbreak", "\x7f", "\u2028", ""])
_SCORE = st.floats(allow_nan=False, allow_infinity=False, width=64).map(lambda x: round(x, 1)) | st.integers(-5, 200)


def _by_dumps(id: str, label: str | None, type_: str | None, score: float) -> str:
    return json.dumps({"id": id, "label": label, "type": type_, "score": score}, ensure_ascii=False)[1:-1]


@given(_TEXT, st.none() | _TEXT, st.none() | _TEXT, _SCORE)
def test_plain_fields_are_what_json_dumps_writes(id: str, label: str | None, type_: str | None, score: float) -> None:
    got = _plain_fields(id, label, type_, score)
    if got is not None:
        assert got == _by_dumps(id, label, type_, score)


def test_plain_fields_leave_escapes_to_json() -> None:
    assert _plain_fields('a"b', "x", "place", 1.0) is None
    assert _plain_fields("a", "line\nbreak", "place", 1.0) is None
    assert _plain_fields("a", "x", "place", float("nan")) is None
    assert _plain_fields("geonames:1", "Київ", "place", 99.0) == '"id": "geonames:1", "label": "Київ", "type": "place", "score": 99.0'


@given(_TEXT, st.none() | _TEXT, st.none() | _TEXT, _SCORE, st.booleans(), st.lists(st.tuples(st.integers(0, 3), st.floats(0, 100)), max_size=3), st.lists(_TEXT, max_size=2))
def test_formatter_fields_are_json_dumps(id: str, label: str | None, type_: str | None, score: float, candidates: bool,
                                         cands: list[tuple[int, float]], same_as: list[str]) -> None:
    rows = [[f"e{i}", f"label {i}", "place"] for i in range(4)]
    res = Resolution(id, label, type_, score, cands, ("exact",), rows, tuple(same_as))
    obj: dict[str, object] = {"id": id, "label": label, "type": type_, "score": score}
    if same_as:
        obj["same_as"] = same_as
    if candidates and len(cands) > 1:
        obj["candidates"] = [c.to_json() for c in res.candidates]
    assert Formatter(candidates).fields(res) == json.dumps(obj, ensure_ascii=False)[1:-1]

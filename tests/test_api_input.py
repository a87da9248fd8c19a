"""The public Python API rejects bad arguments with a clear TypeError or ValueError.

Every case here once failed with an AttributeError deep inside the engine, or
worse, returned an empty answer as if the question had been fine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import normalize

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_schemes_stays_a_function_whatever_is_imported_first() -> None:
    # a fresh interpreter: the bug depended on import order within one process
    code = (
        "import importlib, normalize\n"
        "first = len(normalize.schemes())\n"
        "normalize.translit('Київ', 'uk_national')\n"
        "import normalize.schemes\n"
        "from normalize import schemes\n"
        "importlib.import_module('normalize.schemes')\n"
        "assert callable(schemes) and schemes is normalize.schemes, schemes\n"
        "assert len(normalize.schemes()) == first > 0\n"
        "assert normalize.translit('Київ', 'uk_national') == 'Kyiv'\n"
        "assert 'normalize' not in vars(normalize)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr


def test_all_lists_every_public_name_and_each_resolves() -> None:
    assert "translit" in normalize.__all__ and "schemes" in normalize.__all__
    for name in normalize.__all__:
        assert getattr(normalize, name) is not None, name
    assert sorted(normalize.__all__) == dir(normalize)


# -- matching ------------------------------------------------------------------------------

KYIV = {"id": "place:kyiv", "type": "place", "names": ["Київ", {"text": "Kiev", "lang": "en"}]}


@pytest.fixture(scope="module")
def matcher() -> normalize.Matcher:
    return normalize.Matcher([KYIV, {"id": "person:x", "type": "person", "names": ["Іван Франко"]}])


def test_matcher_takes_well_formed_dicts_like_lexicon_lines(matcher: normalize.Matcher) -> None:
    assert [m.id for m in matcher.match("Kyiv")] == ["place:kyiv"]
    assert matcher.lexicon["place:kyiv"].names[1] == normalize.Name("Kiev", "en")
    assert [m.id for m in normalize.Tagger([KYIV], cache=False).tag("in Kyiv")] == ["place:kyiv"]


@pytest.mark.parametrize(
    ("entities", "message"),
    [
        ([{"id": "place:x", "type": "place", "names": "Kyiv"}], "<entities>:1: error: names must be a list"),
        ([KYIV, {"id": "place:y", "type": "place", "nmes": ["Y"]}], "<entities>:2: error: unknown key 'nmes' (did you mean 'names'?)"),
        ([KYIV, dict(KYIV)], "duplicate id 'place:kyiv'"),
    ],
)
def test_entities_from_dicts_are_checked_like_lexicon_lines(entities: list[dict], message: str) -> None:
    with pytest.raises(normalize.LexiconError) as info:
        normalize.Lexicon.from_entities(entities)
    assert message in str(info.value)


@pytest.mark.parametrize("entities", [123, [1], [None], KYIV])
def test_matcher_rejects_what_is_not_a_list_of_entities(entities: object) -> None:
    with pytest.raises(TypeError, match="a lexicon"):
        normalize.Matcher(entities)
    with pytest.raises(TypeError, match="a lexicon"):
        normalize.Tagger(entities)


def test_a_string_is_a_lexicon_path(tmp_path: Path) -> None:
    matcher = normalize.Matcher(str(tmp_path / "missing.jsonl"))  # read on first use
    with pytest.raises((normalize.LexiconError, OSError), match="missing.jsonl"):
        matcher.match("Kyiv")


def test_entity_names_must_be_a_list_of_names() -> None:
    with pytest.raises(TypeError, match=r"names must be a list or tuple of names, not str \(one name: names=\('Харків',\)\)"):
        normalize.Entity("place:kharkiv", "place", names="Харків")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a name must be a string, a Name or a mapping, not int"):
        normalize.Entity("place:kharkiv", "place", names=[1])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="id must be a non-empty string, not None"):
        normalize.Entity(None, "place", names=["X"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be a string, not int"):
        normalize.Name(5)  # type: ignore[arg-type]
    e = normalize.Entity("place:kharkiv", "place", names=["Харків", {"text": "Kharkov", "kind": "former"}])
    assert e.names == (normalize.Name("Харків"), normalize.Name("Kharkov", None, "former"))


@pytest.mark.parametrize("name", [None, 123, b"Kyiv", ["Kyiv"]])
def test_match_needs_a_string(matcher: normalize.Matcher, name: object) -> None:
    with pytest.raises(TypeError, match="the name to match must be a string"):
        matcher.match(name)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        matcher.explain(name)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"top": -1}, ValueError, "top must be >= 0"),
        ({"top": 1.5}, TypeError, "top must be an integer"),
        ({"top": True}, TypeError, "top must be an integer"),
        ({"min_score": 500}, ValueError, "min_score must be between 0 and 100, not 500"),
        ({"min_score": -0.1}, ValueError, "min_score must be between 0 and 100"),
        ({"min_score": float("nan")}, ValueError, "min_score must be between 0 and 100"),
        ({"min_score": "90"}, TypeError, "min_score must be a number"),
        ({"types": "preson"}, ValueError, r"unknown type 'preson' \(types: org, person, place\)"),
        ({"types": ["place", "planet"]}, ValueError, "unknown type 'planet'"),
        ({"types": 5}, TypeError, "types must be a type name or an iterable"),
    ],
)
def test_match_options_are_checked_like_the_cli_checks_them(
    matcher: normalize.Matcher, kwargs: dict, error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        matcher.match("Kyiv", **kwargs)


def test_match_accepts_every_valid_option(matcher: normalize.Matcher) -> None:
    assert matcher.match("Kyiv", top=0, min_score=0, types=["place"])[0].id == "place:kyiv"
    assert matcher.match("Kyiv", min_score=100.0, types="org") == []  # a type no entity has is still a type
    custom = normalize.Matcher(normalize.Lexicon.from_entities([{"id": "ship:moskva", "type": "ship", "names": ["Москва"]}]))
    assert [m.id for m in custom.match("Moskva", types="ship")] == ["ship:moskva"]
    with pytest.raises(ValueError, match="threshold must be between 0 and 100"):
        normalize.Matcher([KYIV], threshold=101)


def test_batch_api_rejects_a_single_string_or_record(matcher: normalize.Matcher) -> None:
    with pytest.raises(TypeError, match="names must be an iterable of names, not str"):
        normalize.match_many("Kyiv", matcher=matcher)
    with pytest.raises(TypeError, match="records must be an iterable of records"):
        normalize.match_records({"city": "Kyiv"}, ["city"], matcher=matcher)
    with pytest.raises(ValueError, match="min_score must be between 0 and 100"):
        normalize.match_records([{"city": "Kyiv"}], ["city"], matcher=matcher, min_score=200)
    with pytest.raises(ValueError, match="unknown type 'preson'"):
        normalize.match_many(["Kyiv"], matcher=matcher, types="preson")


# -- transliteration, detection, tagging -----------------------------------------------------


@pytest.mark.parametrize("text", [None, 123, b"\xd0\x9a"])
def test_text_functions_need_a_string(text: object) -> None:
    with pytest.raises(TypeError, match="must be a string"):
        normalize.translit(text, "uk_national")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be strings"):
        normalize.get_scheme("uk_national").translit_many(["Київ", text])  # type: ignore[list-item]
    for func in (normalize.detect_language, normalize.detect_script, normalize.romanizations, normalize.cyrillic_candidates):
        with pytest.raises(TypeError, match="must be a string"):
            func(text)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="the text to tag must be a string"):
        normalize.Tagger([KYIV], cache=False).tag(text)  # type: ignore[arg-type]


def test_a_scheme_is_named_by_a_string() -> None:
    with pytest.raises(TypeError, match="a scheme is a scheme ID"):
        normalize.translit("Київ", None)  # type: ignore[arg-type]
    with pytest.raises(normalize.UnknownSchemeError, match="unknown scheme 'uk_nationl'; did you mean: uk_national"):
        normalize.translit("Київ", "uk_nationl")

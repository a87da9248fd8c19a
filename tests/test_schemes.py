"""Every official example of every scheme, and properties of the engine."""

from __future__ import annotations

import importlib.util
import json

import pytest

from normalize.translit import Deviation, SchemeFileError, _compile_text, get_scheme, scheme_ids
from tests.conftest import REPO

CASES = [(sid, src, exp) for sid in scheme_ids() for src, exp in get_scheme(sid).samples]


@pytest.mark.parametrize(
    ("scheme_id", "source", "expected"),
    CASES,
    ids=[f"{sid}:{src[:30]}" for sid, src, _ in CASES],
)
def test_official_example(scheme_id: str, source: str, expected: str) -> None:
    assert get_scheme(scheme_id).translit(source) == expected


@pytest.mark.parametrize("scheme_id", scheme_ids())
def test_every_scheme_has_samples(scheme_id: str) -> None:
    assert len(get_scheme(scheme_id).samples) >= 5


# -- documented deviations ----------------------------------------------------------

DEVIATIONS = [(sid, d) for sid in scheme_ids() for d in get_scheme(sid).deviations]


@pytest.mark.parametrize(
    ("scheme_id", "deviation"),
    DEVIATIONS,
    ids=[f"{sid}:{d.text[:30]}" for sid, d in DEVIATIONS],
)
def test_recorded_deviation_follows_the_table(scheme_id: str, deviation: Deviation) -> None:
    """The scheme writes what the table gives, which is not what the example prints."""
    scheme = get_scheme(scheme_id)
    assert scheme.translit(deviation.text) == deviation.table
    assert deviation.table != deviation.printed
    assert deviation.source in scheme.sample_sources
    assert (deviation.text, deviation.printed) not in scheme.samples


def test_schemes_that_record_deviations() -> None:
    """Where the examples contradict the table (look-alike signs, the Bulgarian -ия), the table wins."""
    assert {sid for sid, _ in DEVIATIONS} == {"bg_streamlined", "ru_bgn_pcgn", "ru_gost_16876", "ru_iso9"}


# -- loading and validating scheme files ---------------------------------------------

VALID = {
    "id": "xx_test",
    "lang": "xx",
    "letters": {"а": "a", "ъ": "ʺ"},
    "sample_sources": ["xx-rus-Cyrl-Latn-2000"],
    "samples": [["аа", "aa"]],
    "deviations": [
        {"source": "xx-rus-Cyrl-Latn-2000", "text": "аъа", "printed": 'a"a', "table": "aʺa", "why": "look-alike"},
    ],
}


def scheme_text(**changes: object) -> str:
    """A scheme file in the canonical layout (one deviation per line), with changes."""
    data = {**VALID, **changes}
    lines = [f" {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items()
             if k != "deviations"]
    devs = ",\n".join("  " + json.dumps(d, ensure_ascii=False) for d in data.get("deviations", []))  # type: ignore[attr-defined]
    return "{\n" + ",\n".join(lines) + ',\n "deviations": [\n' + devs + "\n ]\n}\n"


def test_deviations_are_loaded() -> None:
    scheme = _compile_text(scheme_text(), name="xx_test.json")
    assert scheme.deviations == (
        Deviation(source="xx-rus-Cyrl-Latn-2000", text="аъа", printed='a"a', table="aʺa", why="look-alike"),
    )
    assert scheme.translit("аъа") == "aʺa"


def test_scheme_without_deviations_has_none() -> None:
    assert get_scheme("uk_national").deviations == ()


@pytest.mark.parametrize(
    ("deviation", "line", "message"),
    [
        ({"note": "x"}, 9, "deviations[1]: unknown key 'note'"),
        ({"why": ""}, 9, "deviations[1]: 'why' must be a non-empty string"),
        ({"table": 'a"a'}, 9, "deviations[1]: 'printed' equals 'table'"),
        ({"source": "elsewhere"}, 9, "deviations[1]: source 'elsewhere' is not one of the scheme's sample_sources"),
    ],
)
def test_bad_deviation_names_file_and_line(deviation: dict[str, str], line: int, message: str) -> None:
    first = VALID["deviations"][0]  # type: ignore[index]
    second = {**first, "text": "ъ", **deviation}  # type: ignore[dict-item]
    with pytest.raises(SchemeFileError) as info:
        _compile_text(scheme_text(deviations=[first, second]), name="xx_test.json")
    assert str(info.value).startswith(f"xx_test.json:{line}: {message}")


def test_missing_deviation_key_is_an_error() -> None:
    entry = {k: v for k, v in VALID["deviations"][0].items() if k != "printed"}  # type: ignore[index]
    with pytest.raises(SchemeFileError, match=r"xx_test.json:8: deviations\[0\]: 'printed' must be"):
        _compile_text(scheme_text(deviations=[entry]), name="xx_test.json")


def test_unknown_scheme_key_names_file_and_line() -> None:
    text = scheme_text(sampels=[["а", "a"]])
    with pytest.raises(SchemeFileError, match=r"^xx_test.json:7: unknown key 'sampels'"):
        _compile_text(text, name="xx_test.json")


def test_broken_json_names_file_and_line() -> None:
    text = scheme_text().replace('"lang": "xx",', '"lang": "xx"')
    with pytest.raises(SchemeFileError, match=r"^xx_test.json:4: "):
        _compile_text(text, name="xx_test.json")


def test_bundled_scheme_files_pass_the_formatter() -> None:
    """Every bundled scheme file is already in the canonical layout ``scripts/format_schemes.py`` writes."""
    spec = importlib.util.spec_from_file_location("format_schemes", REPO / "scripts" / "format_schemes.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    for path in sorted((REPO / "normalize" / "schemes").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert module.format_scheme(json.loads(text)) == text, path.name


@pytest.mark.parametrize(
    ("changes", "line", "message"),
    [
        ({"letters": {"а": 1}}, 4, "letters.а: must be a string, not int"),
        ({"year": "2000"}, 7, "year: must be an integer, not str"),
        ({"script": "Latn"}, 7, "script: must be one of 'Cyrl', 'Grek', 'Geor', not 'Latn'"),
        ({"rules": [{"match": "а", "out": "a", "after": ["б"]}]}, 7, "rules[0].after: must be a string, not a list"),
        ({"samples": [["аа", "aa", "extra"]]}, 6, "samples[0]: a sample is [source, romanization]"),
    ],
)
def test_wrong_value_type_names_file_and_line(changes: dict[str, object], line: int, message: str) -> None:
    with pytest.raises(SchemeFileError) as info:
        _compile_text(scheme_text(**changes), name="xx_test.json")
    assert str(info.value).startswith(f"xx_test.json:{line}: {message}"), str(info.value)


def test_a_key_written_twice_is_an_error() -> None:
    text = scheme_text().replace('"lang": "xx",', '"lang": "xx",\n "lang": "yy",')
    with pytest.raises(SchemeFileError, match=r"^xx_test.json:4: key 'lang' written twice in one object"):
        _compile_text(text, name="xx_test.json")

"""The engine's data files are checked at load, and the text engine shares one word and apostrophe.

Each loader is given a broken copy of its file's text: the error names the file and the
line of the fault (never a traceback from deep inside the engine, never a silent table).
"""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from normalize import detect, reverse
from normalize.datafile import DataFileError, Fields, MapOf, OneOf, check, line_of, parse_json
from normalize.inflect import name_forms
from normalize.inflect import tables as inflect_tables
from normalize.text import APOSTROPHES, WORD_RE, word_pattern

ENGINE_FILES = ("language_evidence.json", "reverse.json", "inflection.json", "folding.json")


def bundled(name: str) -> str:
    return (resources.files("normalize.data") / name).read_text(encoding="utf-8")


def edited(name: str, edit: str, replacement: str) -> str:
    """The bundled file's text with the first ``edit`` replaced (the edit must be there)."""
    text = bundled(name)
    assert edit in text, edit
    return text.replace(edit, replacement, 1)


def line_with(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# -- the reader ---------------------------------------------------------------------------


def test_a_key_written_twice_in_one_object_names_its_line() -> None:
    text = '{\n "a": {"x": 1, "y": 2},\n "b": {"x": 1,\n  "x": 3}\n}'
    with pytest.raises(DataFileError, match=r"^t\.json:4: key 'x' written twice in one object$"):
        parse_json(text, name="t.json")
    parse_json('{"a": {"x": 1}, "b": {"x": 1}}', name="t.json")  # the same key in two objects is fine


def test_broken_json_names_its_line() -> None:
    with pytest.raises(DataFileError, match=r"^t\.json:2: "):
        parse_json('{"a": 1,\n "b" 2}', name="t.json")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"a": 1, "b": ["x"], "c": "?"}, "t.json:1: c: unknown key 'c' (allowed: a, b, d)"),
        ({"b": ["x"]}, "t.json:1: missing key 'a'"),
        ({"a": True, "b": ["x"]}, "t.json:1: a: must be a number, not bool"),
        ({"a": 1, "b": ["x", 2]}, "t.json:1: b[1]: must be a string, not int"),
        ({"a": 1, "b": [], "d": {"k": "z"}}, "t.json:1: d.k: must be one of 'x', 'y', not 'z'"),
    ],
)
def test_check_says_what_and_where(data: dict[str, object], message: str) -> None:
    shape = Fields({"a": float, "b": [str]}, {"d": MapOf(OneOf(("x", "y")))})
    with pytest.raises(DataFileError) as info:
        check(data, shape, name="t.json")
    assert str(info.value) == message


def test_check_finds_the_line_in_the_text() -> None:
    text = '{\n "a": 1,\n "b": [\n  "x",\n  2\n ]\n}'
    with pytest.raises(DataFileError, match=r"^t\.json:5: b\[1\]: must be a string"):
        check(json.loads(text), Fields({"a": float, "b": [str]}), name="t.json", text=text)
    assert line_of(text, ("b",)) == 3


# -- each engine data file ------------------------------------------------------------------


@pytest.mark.parametrize("name", ENGINE_FILES)
def test_bundled_engine_data_is_valid_and_documented(name: str) -> None:
    text = bundled(name)
    parse_json(text, name=name)  # no key twice
    readme = (resources.files("normalize.data") / "README.md").read_text(encoding="utf-8")
    assert name in readme


EVIDENCE = "language_evidence.json"
REVERSE = "reverse.json"


@pytest.mark.parametrize(
    ("name", "edit", "replacement", "needle", "message"),
    [
        (EVIDENCE, '"foreign_letter": -4.0', '"foreign_letter": "-4"', '"foreign_letter":',
         "foreign_letter: must be a number"),
        (EVIDENCE, '{"items": ["ў"], "weights": {"be": 3.0}', '{"items": ["ї"], "weights": {"be": 3.0}', '["ї"], "weights": {"be"',
         "letters[1]: 'ї' is in an earlier group too"),
        (EVIDENCE, '"що": {"uk": 1.5}', '"що": {"ua": 1.5}', '"що":', "words: unknown language 'ua'"),
        (REVERSE, '"shch": "щ:10 шч:0.3"', '"shch": "щ:10 шч=0.3"', '"shch":', "'shch': 'шч=0.3' is not cyrillic:weight"),
        (REVERSE, '"shch": "щ:10 шч:0.3"', '"sh ch": "щ:10"', '"sh ch":', "'sh ch': a segment is letters or marks"),
        (REVERSE, '"a": "а:10",', '"a": "а:10",\n   "a": "я:1",', "я:1", "key 'a' written twice"),
    ],
)
def test_evidence_and_reverse_faults(name: str, edit: str, replacement: str, needle: str, message: str) -> None:
    text = edited(name, edit, replacement)
    compile_ = detect._compile if name == EVIDENCE else reverse._read
    with pytest.raises(DataFileError) as info:
        compile_(text, name=f"x/{name}")
    assert str(info.value).startswith(f"x/{name}:{line_with(text, needle)}: {message}"), str(info.value)


def test_inflection_rule_faults_name_their_line() -> None:
    """A rule at fault is reported at the line its object starts on (looked for only once one is)."""
    name = "inflection.json"

    def rule_line(text: str, marker: str) -> int:  # the line of the "{" that opens the marked rule
        return text[: text.rindex("{", 0, text.index(marker))].count("\n") + 1

    data = json.loads(bundled(name))
    rules = data["uk"]["rules"]
    n = len(rules) - 1
    rules[n] = {"paradigm": "paradigm_of_the_last_rule", **{k: v for k, v in rules[n].items() if k != "paradigm"}}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    line = rule_line(text, '"paradigm_of_the_last_rule"')
    with pytest.raises(DataFileError, match=rf"^x/{name}:{line}: uk\.rules\[{n}\]: no paradigm 'paradigm_of_the_last_rule'$"):
        inflect_tables._checked(text, name=f"x/{name}")
    data = json.loads(bundled(name))
    rule = data["ru"]["rules"][1]
    data["ru"]["rules"][1] = {"endings": ["-marker-"], **{k: v for k, v in rule.items() if k != "endings"}, "words": ["x"]}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    line = rule_line(text, '"-marker-"')
    with pytest.raises(DataFileError, match=rf"^x/{name}:{line}: ru\.rules\[1\]: give either endings or words$"):
        inflect_tables._checked(text, name=f"x/{name}")


def test_inflection_table_faults() -> None:
    name = "inflection.json"
    data = json.loads(bundled(name))
    rule = data["ru"]["rules"][0]
    data["ru"]["rules"][0] = {**rule, "paradigm": "no_such_paradigm"}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(DataFileError, match=rf"^x/{name}:\d+: ru\.rules\[0\]: no paradigm 'no_such_paradigm'"):
        inflect_tables._checked(text, name=f"x/{name}")
    data["ru"]["rules"][0] = {**rule, "gender": "x"}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(DataFileError, match=rf"^x/{name}:\d+: ru\.rules\[0\]\.gender: must be one of"):
        inflect_tables._checked(text, name=f"x/{name}")
    del data["uk"]["vowels"]
    data["ru"]["rules"][0] = rule
    text = json.dumps(data, ensure_ascii=False, indent=1)
    line = line_with(text, '"uk": {')
    with pytest.raises(DataFileError, match=rf"^x/{name}:{line}: uk: missing key 'vowels'"):
        inflect_tables._checked(text, name=f"x/{name}")


# -- one word, one apostrophe set ------------------------------------------------------------


def test_every_apostrophe_joins_a_word() -> None:
    for apostrophe in APOSTROPHES:
        assert WORD_RE.findall(f"Слов{apostrophe}янськ 2022") == [f"Слов{apostrophe}янськ"]
    assert WORD_RE.findall("l'Ukraine, 'quoted'") == ["l'Ukraine", "quoted"]
    assert re.findall(word_pattern(combining=True), "Те\u0308ткино") == ["Те\u0308ткино"]


def test_the_declension_reads_every_apostrophe_alike() -> None:
    plain = name_forms("Слов'янськ", type="place")
    assert plain["Слов'янська"] == "gen"
    for apostrophe in APOSTROPHES:
        forms = name_forms(f"Слов{apostrophe}янськ", type="place")
        assert forms == {form.replace("'", apostrophe): tags for form, tags in plain.items()}

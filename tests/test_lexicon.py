"""The lexicon format: loader errors, round trip, stats, the CLI and the bundled lexicons."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from normalize.lexicon import (
    Entity,
    Lexicon,
    LexiconError,
    Name,
    Problem,
    bundled_paths,
    load_lexicon,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL = FIXTURES / "lexicon_small.jsonl"
BROKEN = FIXTURES / "lexicon_broken.jsonl"


def write(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def errors_of(*paths: Path) -> list[Problem]:
    with pytest.raises(LexiconError) as info:
        Lexicon.load(list(paths))
    return info.value.problems


# -- loader errors -------------------------------------------------------------

OK = '{"id": "place:ok", "type": "place", "names": ["Ok"]}'

MALFORMED = [
    # (line, expected message fragment)
    ('{"id": "place:x", "type": "place", "names": ["X"],', "invalid JSON"),
    ('["place:x", "place", ["X"]]', "expected a JSON object, got list"),
    ('{"type": "place", "names": ["X"]}', "missing required key 'id'"),
    ('{"id": "place:x", "names": ["X"]}', "missing required key 'type'"),
    ('{"id": "place:x", "type": "place"}', "missing required key 'names'"),
    ('{"id": "place:x", "type": "place", "names": [""]}', "name 1 is empty"),
    ('{"id": "place:x", "type": "place", "names": ["X", " \\t "]}', "name 2 is empty"),
    ('{"id": "place:x", "type": "place", "names": []}', "names must not be empty"),
    ('{"id": "place:x", "type": "place", "names": "X"}', "names must be a list of strings or objects, got string \"X\""),
    ('{"id": "place:x", "type": "place", "names": [42]}', "name 1 must be a string or an object, got integer 42"),
    ('{"id": "place:x", "type": "place", "names": [{"lang": "uk"}]}', "name 1: missing required key 'text'"),
    ('{"id": "place:x", "type": "place", "names": [{"text": "X", "lagn": "uk"}]}',
     "name 1: unknown key 'lagn' (did you mean 'lang'?)"),
    ('{"id": "place:x", "type": "place", "names": [{"text": "X", "kind": "acronim"}]}',
     "unknown kind string \"acronim\" (did you mean 'acronym'?)"),
    ('{"id": "place:x", "type": "place", "names": [{"text": "X", "lang": "Ukrainian"}]}',
     "lang must be a language code"),
    ('{"id": "place:x", "type": "place", "names": ["X"], "lable": "X"}',
     "unknown key 'lable' (did you mean 'label'?)"),
    ('{"id": "place:x", "type": "place", "names": ["X"], "zzz": 1}', "unknown key 'zzz'"),
    ('{"id": "place:x", "type": "place", "names": ["X"], "population": "12"}',
     "population must be an integer >= 0, got string \"12\""),
    ('{"id": "place:x", "type": "place", "names": ["X"], "population": -1}', "population must be an integer >= 0"),
    ('{"id": "place:x", "type": "place", "names": ["X"], "population": 1.5}', "population must be an integer >= 0"),
    ('{"id": "place:x", "type": "place", "names": ["X"], "population": true}', "population must be an integer >= 0"),
    ('{"id": "place:x", "type": "place", "names": ["X"], "refs": ["geonames", "1"]}',
     "refs must be an object of strings, got list"),
    ('{"id": "place:x", "type": "place", "names": ["X"], "refs": {"geonames": 1}}',
     "refs['geonames'] must be a non-empty string, got integer 1"),
    ('{"id": "place:x", "type": "place", "names": ["X"], "country": "ukr"}', "country must be an ISO 3166-1 alpha-2"),
    ('{"id": "place:x", "type": "place", "names": ["X"], "gender": "male"}', 'gender must be "m" or "f"'),
    ('{"id": "place:x", "type": "place", "names": ["X"], "label": 5}', "label must be a non-empty string"),
    ('{"id": "place x", "type": "place", "names": ["X"]}', "id must be a non-empty string without spaces"),
    ('{"id": 7, "type": "place", "names": ["X"]}', "id must be a non-empty string without spaces, got integer 7"),
    ('{"id": "place:x", "type": "Place", "names": ["X"]}', "type must be a lowercase word"),
    ('{"id": "place:x", "type": "place", "names": ["X"], "parent": "place:nowhere"}',
     "parent 'place:nowhere' is not a known id"),
    ('{"id": "place:x", "type": "place", "names": ["X"], "parent": "place:x"}', "parent is the entity itself"),
]


@pytest.mark.parametrize(("line", "fragment"), MALFORMED, ids=[m for _, m in MALFORMED])
def test_malformed_line_reports_path_line_and_message(tmp_path: Path, line: str, fragment: str) -> None:
    path = write(tmp_path / "bad.jsonl", OK, "", line)
    problems = errors_of(path)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.path, problem.line, problem.severity) == (str(path), 3, "error")
    assert fragment in problem.message
    assert str(problem) == f"{path}:3: error: {problem.message}"


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    problems = errors_of(BROKEN)
    where = [(p.line, p.message) for p in problems]
    expected = [
        (2, "invalid JSON"),
        (3, "expected a JSON object"),
        (4, "missing required key 'id'"),
        (5, f"duplicate id 'place:a' (first defined at {BROKEN}:1)"),
        (6, "name 1 is empty"),
        (7, "unknown key 'lable' (did you mean 'label'?)"),
        (8, "population must be an integer >= 0"),
        (9, "names must be a list"),
        (10, "refs must be an object"),
        (11, "parent 'place:nowhere' is not a known id"),
        (12, "unknown kind string \"acronim\" (did you mean 'acronym'?)"),
    ]
    assert len(where) == len(expected), where
    for (line, message), (want_line, fragment) in zip(where, expected):
        assert line == want_line and fragment in message, (line, message)
    assert all(p.path == str(BROKEN) for p in problems)


def test_error_message_lists_every_problem_one_per_line() -> None:
    with pytest.raises(LexiconError) as info:
        Lexicon.load([BROKEN])
    lines = str(info.value).splitlines()
    assert lines == [str(p) for p in info.value.problems]
    assert lines[0].startswith(f"{BROKEN}:2: error: invalid JSON")
    assert isinstance(info.value, ValueError)


def test_several_errors_on_one_line_are_all_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "x.jsonl", '{"id": "", "tpye": "place", "names": [""], "population": "many"}')
    messages = [p.message for p in errors_of(path)]
    assert any("unknown key 'tpye' (did you mean 'type'?)" in m for m in messages)
    assert any("missing required key 'type'" in m for m in messages)
    assert any("id must be" in m for m in messages)
    assert any("name 1 is empty" in m for m in messages)
    assert any("population must be" in m for m in messages)


def test_duplicate_id_across_two_files_names_the_first_location(tmp_path: Path) -> None:
    first = write(tmp_path / "a.jsonl", OK, '{"id": "org:x", "type": "org", "names": ["X"]}')
    second = write(tmp_path / "b.jsonl", '{"id": "org:y", "type": "org", "names": ["Y"]}',
                   '{"id": "org:x", "type": "org", "names": ["X again"]}')
    (problem,) = errors_of(first, second)
    assert (problem.path, problem.line) == (str(second), 2)
    assert problem.message == f"duplicate id 'org:x' (first defined at {first}:2)"


def test_parent_may_be_defined_in_a_later_file(tmp_path: Path) -> None:
    child = write(tmp_path / "a.jsonl", '{"id": "place:c", "type": "place", "names": ["C"], "parent": "place:p"}')
    parent = write(tmp_path / "b.jsonl", '{"id": "place:p", "type": "place", "names": ["P"]}')
    lexicon = Lexicon.load([child, parent])
    assert [e.id for e in lexicon.ancestors("place:c")] == ["place:p"]


def test_parent_cycle_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl",
                 '{"id": "place:a", "type": "place", "names": ["A"], "parent": "place:b"}',
                 '{"id": "place:b", "type": "place", "names": ["B"], "parent": "place:a"}')
    (problem,) = errors_of(path)
    assert problem.line == 1 and problem.message == "parent cycle: place:a -> place:b -> place:a"


def test_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    missing = tmp_path / "missing.jsonl"
    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes(OK.encode() + b"\n" + '{"id": "place:y", "type": "place", "names": ["Kürten"]}'.encode("latin-1"))
    problems = errors_of(missing, latin1)
    assert problems[0].path == str(missing) and problems[0].line == 0 and "cannot read" in problems[0].message
    assert str(problems[0]).startswith(f"{missing}: error: cannot read")
    assert (problems[1].path, problems[1].line, problems[1].message) == (str(latin1), 2, "not valid UTF-8")


# -- warnings ------------------------------------------------------------------

def test_shared_names_are_warnings_and_strict_makes_them_errors() -> None:
    lexicon = Lexicon.load([SMALL])
    shared = [w for w in lexicon.warnings if "shared" in w.message]
    assert [w.message for w in shared] == [
        f"name {n!r} is shared by 2 entities: geonames:707364, geonames:707381"
        for n in ("Ivanivka", "Ivanovka", "Іванівка")
    ]
    assert all(w.severity == "warning" and w.line == 4 for w in shared)
    with pytest.raises(LexiconError) as info:
        Lexicon.load([SMALL], strict=True)
    assert len(info.value.problems) == 3
    assert all(p.severity == "error" for p in info.value.problems)


def test_non_nfc_and_padded_names_are_normalized_with_a_warning(tmp_path: Path) -> None:
    decomposed = "Тёткино".replace("ё", "е\u0308")
    path = write(tmp_path / "a.jsonl", json.dumps(
        {"id": "place:t", "type": "place", "names": [decomposed, " Tetkino ", "Tetkino"]}, ensure_ascii=False))
    lexicon = Lexicon.load([path])
    assert [n.text for n in lexicon["place:t"].names] == ["Тёткино", "Tetkino"]
    messages = [w.message for w in lexicon.warnings]
    assert any("not in Unicode NFC" in m for m in messages)
    assert any("leading or trailing spaces" in m for m in messages)
    assert any("repeats an earlier name" in m for m in messages)
    with pytest.raises(LexiconError):
        Lexicon.load([path], strict=True)


def test_unusual_type_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '{"id": "person:x", "type": "preson", "names": ["X"]}')
    lexicon = Lexicon.load([path])
    assert lexicon["person:x"].type == "preson"
    assert [w.message for w in lexicon.warnings] == ["unusual type 'preson' (did you mean 'person'?)"]


# -- the model -----------------------------------------------------------------

def test_loaded_entities_and_navigation() -> None:
    lexicon = load_lexicon([SMALL])
    assert len(lexicon) == 6 and "org:sbu" in lexicon and "org:fsb" not in lexicon
    assert [e.id for e in lexicon][:2] == ["place:ua-kharkivska", "place:ua-kharkiv"]
    city = lexicon["place:ua-kharkiv"]
    assert city.names[:2] == (Name("Kharkiv"), Name("Харків", "uk"))
    assert city.names[3] == Name("Kharkov", kind="alternate")
    assert city.population == 1421125 and city.refs == {"geonames": "706483"}
    assert city.display_label == "Kharkiv" and city.label is None
    assert (city.source, city.line) == (str(SMALL), 2)
    assert lexicon["person:volodymyr-zelenskyy"].gender == "m"
    assert [e.id for e in lexicon.children("place:ua-kharkivska")] == ["place:ua-kharkiv"]
    assert lexicon.children("place:ua-kharkiv") == []
    assert [e.id for e in lexicon.ancestors("place:ua-kharkiv")] == ["place:ua-kharkivska"]
    assert lexicon.get("nope") is None
    with pytest.raises(KeyError):
        lexicon["nope"]
    with pytest.raises(KeyError):
        lexicon.children("nope")
    assert lexicon.paths == (SMALL,)


def test_round_trip(tmp_path: Path) -> None:
    first = Lexicon.load([SMALL])
    out = tmp_path / "copy.jsonl"
    out.write_text("".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in first), encoding="utf-8")
    second = Lexicon.load([out])
    assert second.entities == first.entities
    assert [e.to_json() for e in second] == [e.to_json() for e in first]
    # bare strings stay bare strings; objects keep only the keys they need
    assert second["place:ua-kharkiv"].to_json()["names"][:2] == ["Kharkiv", {"text": "Харків", "lang": "uk"}]
    assert "source" not in second["org:sbu"].to_json() and "line" not in second["org:sbu"].to_json()


def test_round_trip_of_the_bundled_gazetteer_is_byte_exact() -> None:
    (path,) = [p for p in bundled_paths() if p.name == "geonames_ua_ru_by.jsonl"]
    lexicon = Lexicon.load([path])
    text = "".join(json.dumps(e.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n" for e in lexicon)
    assert text.encode("utf-8") == path.read_bytes()


def test_gzip_file_loads_like_the_plain_one(tmp_path: Path) -> None:
    packed = tmp_path / "small.jsonl.gz"
    packed.write_bytes(gzip.compress(SMALL.read_bytes()))
    assert Lexicon.load([packed]).entities == Lexicon.load([SMALL]).entities


def test_a_corrupt_gzip_lexicon_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    packed = bytearray(gzip.compress(SMALL.read_bytes()))
    packed[20:40] = bytes(range(20))  # a bad deflate stream (not a truncation)
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(bytes(packed))
    with pytest.raises(LexiconError) as info:
        Lexicon.load([bad])
    assert info.value.problems[0].path == str(bad)
    assert info.value.problems[0].message.startswith("not a valid gzip file: ")
    proc = cli("check", str(bad))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{bad}: error: not a valid gzip file" in proc.stderr


def test_deeply_nested_json_is_an_invalid_line(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    path = write(tmp_path / "deep.jsonl", OK, deep, '{"id": "place:x", "type": "place", "names": [' + deep + "]}")
    lexicon, problems = Lexicon.check([path])
    assert len(lexicon) == 1
    assert [(p.line, p.message) for p in problems] == [(2, "invalid JSON: nested too deeply"), (3, "invalid JSON: nested too deeply")]
    proc = cli("check", str(path))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and f"{path}:2: error: invalid JSON: nested too deeply" in proc.stderr


def test_a_lone_surrogate_is_not_text(tmp_path: Path) -> None:
    # "\ud800" is valid JSON but no character: it could not be written to a cache, a CSV, stdout
    path = write(tmp_path / "s.jsonl", OK, '{"id": "place:s", "type": "place", "names": ["Kyiv\\uD800"]}',
                 '{"id": "place:t", "type": "place", "names": ["Київ"], "refs": {"x\\udcff": "1"}}',
                 '{"id": "place:u", "type": "place", "names": ["\\u041a\\u0438\\u0457\\u0432"]}')
    lexicon, problems = Lexicon.check([path])
    assert [e.id for e in lexicon] == ["place:ok", "place:u"] and lexicon["place:u"].names[0].text == "Київ"
    assert [(p.line, p.message) for p in problems if p.severity == "error"] == [
        (2, "'names' holds a lone surrogate (\\ud800), which is not a character"),
        (3, "a key of 'refs' holds a lone surrogate (\\udcff), which is not a character"),
    ]
    proc = cli("check", str(path))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    with pytest.raises(ValueError, match="holds a lone surrogate"):
        Name("Kyiv\ud800")
    with pytest.raises(ValueError, match="holds a lone surrogate"):
        Entity("place:\udcff", "place", ("Kyiv",))
    with pytest.raises(LexiconError, match="holds a lone surrogate"):
        Lexicon.from_entities([{"id": "place:x", "type": "place", "names": ["\ud800"]}])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "type": "place", "names": ["Kyi', "invalid JSON: Unterminated string starting at column 40"),
        ('{"id": "x", "type": "place", "names": ["K\tyiv"]}', "invalid JSON: Invalid control character at column 42"),
        ('{"id": "x" "type"}', "invalid JSON: Expecting ',' delimiter at column 12"),
    ],
)
def test_json_errors_read_as_sentences(tmp_path: Path, line: str, message: str) -> None:
    _, problems = Lexicon.check([write(tmp_path / "l.jsonl", OK, line)])  # (a bad first line: not a lexicon at all)
    assert [p.message for p in problems] == [message]


def test_content_hash_follows_the_bytes(tmp_path: Path) -> None:
    a = Lexicon.load([SMALL])
    assert a.content_hash == Lexicon.load([SMALL]).content_hash and len(a.content_hash) == 64
    changed = write(tmp_path / "c.jsonl", *SMALL.read_text(encoding="utf-8").splitlines(), OK)
    assert Lexicon.load([changed]).content_hash != a.content_hash


def test_from_entities() -> None:
    lexicon = Lexicon.from_entities([
        Entity("place:p", "place", ("P",)),  # type: ignore[arg-type]  # strings become Names
        Entity("place:c", "place", [Name("C", "en")], parent="place:p"),  # type: ignore[arg-type]
    ])
    assert lexicon["place:p"].names == (Name("P"),)
    assert isinstance(lexicon["place:c"].names, tuple)
    assert [e.id for e in lexicon.children("place:p")] == ["place:c"]
    assert lexicon.content_hash != Lexicon.from_entities([Entity("place:p", "place", (Name("Q"),))]).content_hash
    with pytest.raises(LexiconError) as info:
        Lexicon.from_entities([Entity("a:x", "org", (Name("X"),)), Entity("a:x", "org", (Name("Y"),), parent="a:zz")])
    assert [p.message for p in info.value.problems] == [
        "duplicate id 'a:x' (first at entity 1)", "parent 'a:zz' is not a known id"]


def test_entities_are_hashable_and_compare_by_content() -> None:
    a = Entity("org:x", "org", (Name("X"),), refs={"wikidata": "Q1"}, source="a", line=1)
    b = Entity("org:x", "org", (Name("X"),), refs={"wikidata": "Q1"}, source="b", line=9)
    assert a == b and hash(a) == hash(b)
    assert a != Entity("org:x", "org", (Name("X"),))


# -- stats -----------------------------------------------------------------------

def test_stats_of_the_small_fixture() -> None:
    from normalize.cli.lexicon import stats

    data = stats(Lexicon.load([SMALL]))
    assert data["entities"] == 6
    assert data["entities_by_type"] == {"place": 4, "person": 1, "org": 1}
    assert data["names"] == 24
    assert data["names_by_lang"] == {"-": 14, "ru": 4, "uk": 4, "en": 2}
    assert data["names_by_kind"] == {"-": 18, "acronym": 2, "official": 2, "alias": 1, "alternate": 1}
    assert data["shared_names"] == 3
    assert [(g["name"], g["count"]) for g in data["largest_homonym_groups"]] == [
        ("Ivanivka", 2), ("Ivanovka", 2), ("Іванівка", 2)]


# -- CLI -------------------------------------------------------------------------

def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "normalize", "lexicon", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False,
    )


def test_cli_check_valid_file_with_homonyms() -> None:
    ok = cli("check", str(SMALL))
    assert ok.returncode == 0, ok.stderr
    assert f"{SMALL}:4: warning: name 'Ivanivka' is shared by 2 entities" in ok.stderr
    assert ok.stderr.splitlines()[-1] == "1 file, 6 entities, 24 names: 0 errors, 3 warnings (3 shared names)"
    strict = cli("check", "--strict", "--lexicon", str(SMALL))
    assert strict.returncode == 1


def test_cli_check_broken_file() -> None:
    bad = cli("check", str(BROKEN), str(SMALL))
    assert bad.returncode == 1
    assert f"{BROKEN}:2: error: invalid JSON" in bad.stderr
    assert f"{BROKEN}:12: error: name 1 ('K'): unknown kind" in bad.stderr
    assert "11 errors" in bad.stderr.splitlines()[-1]


def test_cli_stats() -> None:
    text = cli("stats", "--lexicon", str(SMALL))
    assert text.returncode == 0, text.stderr
    assert "entities: 6" in text.stdout and "names: 24" in text.stdout
    assert "shared names (case-insensitive): 3" in text.stdout
    as_json = cli("stats", str(SMALL), "--json")
    data = json.loads(as_json.stdout)
    assert data["entities_by_type"] == {"place": 4, "person": 1, "org": 1}


def test_cli_show() -> None:
    shown = cli("show", "place:ua-kharkiv", "--lexicon", str(SMALL))
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert out.startswith("place:ua-kharkiv  place (city)\n")
    assert "  Харків  [uk]\n" in out and "  Kharkov  [alternate]\n" in out
    assert "parent: place:ua-kharkivska (Kharkiv Oblast)" in out
    assert "variants the engine derives" in out
    as_json = cli("show", "org:sbu", "--json", "--lexicon", str(SMALL))
    assert json.loads(as_json.stdout) == Lexicon.load([SMALL])["org:sbu"].to_json()


def test_cli_show_unknown_id_suggests_close_ids() -> None:
    missing = cli("show", "org:sbuu", "--lexicon", str(SMALL))
    assert missing.returncode == 2
    assert "no entity with id 'org:sbuu'; did you mean org:sbu?" in missing.stderr


def test_cli_help_does_not_load_lexicons() -> None:
    code = ("import sys; from normalize.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('normalize.lexicon', 'normalize.geonames') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         check=False)
    assert out.stdout.strip() == "[]", out.stderr


# -- the bundled lexicons ----------------------------------------------------------

def test_bundled_lexicons_are_valid() -> None:
    paths = bundled_paths()
    assert "geonames_ua_ru_by.jsonl" in [p.name for p in paths]
    lexicon, problems = Lexicon.check(None)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert errors == [], "\n".join(errors[:50])
    lines = sum(1 for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    ids = [e.id for e in lexicon]
    assert len(ids) == lines and len(set(ids)) == len(ids)
    assert lexicon.paths == tuple(paths)


def test_every_bundled_person_has_ukrainian_and_russian_names() -> None:
    lexicon = Lexicon.load()
    missing = [e.id for e in lexicon if e.type == "person"
               and not {"uk", "ru"} <= {n.lang for n in e.names}]
    assert missing == []
    assert sum(e.type == "person" for e in lexicon) >= 300  # the promise for people.jsonl

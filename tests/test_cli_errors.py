"""Bad input at the command line: one rule for bad bytes, usage errors that list the valid
values, failed writes that name the file, and no traceback anywhere.

Most cases run in-process through ``normalize.cli.main`` (see tests/cli_inprocess.py);
what needs real file descriptors (a full device) runs the real entry point.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_inprocess import run_main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MATCH_LEXICON = str(FIXTURES / "match_lexicon.jsonl")
TAG_LEXICON = str(FIXTURES / "tag_lexicon.jsonl")


# -- invalid UTF-8: read as U+FFFD, reported as FILE:LINE, exit status 1, in every command ----------


@pytest.mark.parametrize(
    ("args", "stdin", "where", "first_line_of_output", "echoed"),
    [
        (["match", "--lexicon", MATCH_LEXICON, "--top", "1"], b"Kyiv\nKy\xffiv\n", "<stdin>:2", '{"query": "Kyiv", ', True),
        (["tag", "--lexicon", TAG_LEXICON], b"Kharkiv\nKy\xffiv\n", "<stdin>:2", '{"start": 0, "end": 7, "text": "Kharkiv"', False),
        (["translit", "-s", "uk_national"], "Київ\n".encode() + b"Ky\xffiv\n", "<stdin>:2", "Kyiv", True),
        (["tag", "--jsonl", "--lexicon", TAG_LEXICON], b'{"text": "Kharkiv"}\nKy\xffiv\n',
         "<stdin>:2", '{"text": "Kharkiv", ', False),  # not JSON either: only in normalize_raw, as bytes
        (["batch", "-", "--format", "csv", "-c", "name", "--lexicon", MATCH_LEXICON, "--no-progress"],
         b"name\nKyiv\nKy\xffiv\n", "<stdin>:3", "name,name_id,", True),
    ],
)
def test_invalid_utf8_gets_one_rule_in_every_command(
    args: list[str], stdin: bytes, where: str, first_line_of_output: str, echoed: bool
) -> None:
    run = run_main(args, stdin)
    assert run.status == 1
    said = f"{where}: invalid UTF-8: byte 0xff at column 3 (read as U+FFFD)"
    assert any(line.startswith(said) for line in run.stderr.splitlines()), run.stderr
    assert run.lines[0].startswith(first_line_of_output)
    assert ("Ky\ufffdiv" in run.stdout.decode("utf-8")) == echoed


def test_match_reports_every_bad_line_and_keeps_one_output_line_per_input_line() -> None:
    run = run_main(["match", "--lexicon", MATCH_LEXICON], b"\xff\nKyiv\n\xc3\xa9\xc3\n\n")
    assert run.status == 1
    assert [json.loads(line)["query"] for line in run.lines] == ["\ufffd", "Kyiv", "\u00e9\ufffd", ""]
    assert run.stderr.splitlines() == [
        "<stdin>:1: invalid UTF-8: byte 0xff at column 1 (read as U+FFFD)",
        "<stdin>:3: invalid UTF-8: byte 0xc3 at column 3 (read as U+FFFD)",
    ]
    clean = run_main(["match", "--lexicon", MATCH_LEXICON], "Київ\n".encode())
    assert clean.status == 0 and clean.stderr == ""


def test_tag_names_the_line_of_each_bad_byte_and_counts_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(b"Kharkiv\n" + b"bad \xff\n" * 12 + b"Kharkiv \xfe\n")
    run = run_main(["tag", "--lexicon", TAG_LEXICON, str(path)])
    assert run.status == 1
    lines = run.stderr.splitlines()
    assert lines[0] == f"{path}:2: invalid UTF-8: byte 0xff at column 5 (read as U+FFFD)"
    assert len(lines) == 11 and lines[-1] == f"{path}: ... and 3 more lines with invalid UTF-8 (read as U+FFFD)"
    assert [json.loads(line)["start"] for line in run.lines] == [0, 8 + 12 * 6]


def test_text_arguments_that_are_not_utf8_follow_the_rule_too() -> None:
    bad = b"\xff\xd0\x9a".decode("utf-8", "surrogateescape")  # what Python makes of such an argument
    run = run_main(["translit", "-s", "uk_national", bad])
    assert (run.status, run.lines, run.stderr) == (1, ["\ufffdK"], "argument 1: invalid UTF-8: byte 0xff at column 1 (read as U+FFFD)\n")
    run = run_main(["match", "--lexicon", MATCH_LEXICON, bad])
    assert run.status == 1 and json.loads(run.lines[0])["query"] == "\ufffdК"


# -- unknown values: usage errors that list the valid ones -------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["match", "--lexicon", MATCH_LEXICON, "--type", "preson", "Kyiv"],
         "normalize match: error: unknown --type 'preson' (types: org, person, place); did you mean 'person'?"),
        (["translit", "--all", "--lang", "xx", "Київ"],
         "normalize translit: error: unknown --lang 'xx' (choose from be, bg, el, ka, kk, mk, ru, sr, uk)"),
        (["translit", "--all", "--lang", "ukr", "Київ"],
         "normalize translit: error: unknown --lang 'ukr' (choose from be, bg, el, ka, kk, mk, ru, sr, uk); did you mean 'uk'?"),
        (["schemes", "--lang", "xx"],
         "normalize schemes: error: unknown --lang 'xx' (choose from be, bg, el, ka, kk, mk, ru, sr, uk)"),
        (["translit", "-s", "uk_national", "--lang", "ru", "Київ"],
         "normalize translit: error: --lang ru does not go with --scheme uk_national, a scheme for uk"),
        (["match", "--lexicon", MATCH_LEXICON, "--top", "-1", "Kyiv"], "normalize match: error: --top must be >= 0"),
        (["match", "--lexicon", MATCH_LEXICON, "--min-score", "500", "Kyiv"],
         "normalize match: error: --min-score must be between 0 and 100"),
    ],
)
def test_unknown_values_are_usage_errors(args: list[str], message: str) -> None:
    run = run_main(args)
    assert (run.status, run.stdout, run.stderr) == (2, b"", message + "\n")


def test_valid_values_still_work() -> None:
    assert run_main(["translit", "-s", "uk_national", "--lang", "uk", "Київ"]).lines == ["Kyiv"]
    assert all(line.split()[1] == "ru" for line in run_main(["schemes", "--lang", "ru"]).lines)
    from normalize.lexicon import Lexicon

    custom = FIXTURES / "lexicon_small.jsonl"
    for t in sorted({e.type for e in Lexicon.load([custom])}):
        assert run_main(["match", "--lexicon", str(custom), "--type", t, "Ivanivka"]).status == 0


# -- tag --jsonl --text-field --------------------------------------------------------------------------


def test_a_text_field_no_document_has_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps({"id": i, "body": f"Kharkiv {i}"}) + "\n" for i in range(50)), encoding="utf-8")
    run = run_main(["tag", "--jsonl", "--lexicon", TAG_LEXICON, str(docs)])
    assert (run.status, run.stdout) == (2, b"")
    assert run.stderr == (f"normalize tag: error: no document among the first 50 of {docs} has a string field "
                          "'text' (string fields: body); use --text-field body?\n")
    run = run_main(["tag", "--jsonl", "--text-field", "bdy", "--lexicon", TAG_LEXICON, str(docs)])
    assert run.status == 2 and run.stderr.endswith("use --text-field body?\n")
    run = run_main(["tag", "--jsonl", "--text-field", "body", "--lexicon", TAG_LEXICON, str(docs)])
    assert run.status == 0 and len(run.lines) == 50


def test_a_document_without_the_field_says_which_field_it_has() -> None:
    stdin = b'{"text": "Kharkiv"}\n{"txet": "Kharkiv"}\n{"text": 5}\n'
    run = run_main(["tag", "--jsonl", "--lexicon", TAG_LEXICON], stdin)
    assert run.status == 1 and len(run.lines) == 3
    assert run.stderr.splitlines() == ["<stdin>:2: no string field 'text'; use --text-field txet?",
                                       "<stdin>:3: field 'text' is not a string"]


def test_jsonl_documents_with_lone_surrogates_come_out_as_valid_utf8() -> None:
    stdin = b'{"text": "Kharkiv \\ud800", "x": "\\udcff"}\n{"tex": "\\ud800"}\n[1, "\\ud800"]\n'
    run = run_main(["tag", "--jsonl", "--lexicon", TAG_LEXICON], stdin)
    assert run.status == 1 and len(run.lines) == 3  # stdout decodes strictly: valid UTF-8
    assert [e["text"] for e in json.loads(run.lines[0])["entities"]] == ["Kharkiv"]
    assert json.loads(run.lines[0])["x"] == "\udcff"


# -- a lexicon that cannot be read ------------------------------------------------------------------


def test_a_corrupt_lexicon_is_a_usage_error_in_every_command(tmp_path: Path) -> None:
    packed = bytearray(gzip.compress(Path(MATCH_LEXICON).read_bytes()))
    packed[20:40] = bytes(range(20))
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(bytes(packed))
    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"id": "place:x", "type": "place", "names": ["X"]}\n' + "[" * 100_000 + "]" * 100_000 + "\n",
                    encoding="utf-8")
    for lexicon in (bad, deep):
        for args in (["match", "Kyiv"], ["tag"], ["batch", "-", "--format", "csv", "-c", "name", "--no-progress"],
                     ["lexicon", "stats"], ["lexicon", "show", "x"]):
            run = run_main([*args, "--lexicon", str(lexicon)], b"name\nKyiv\n")
            assert run.status == 2 and run.stdout == b"", (args, run)
            assert str(lexicon) in run.stderr and ("not a valid gzip file" in run.stderr or "nested too deeply" in run.stderr)
        run = run_main(["lexicon", "check", str(lexicon)])
        assert run.status == 1 and str(lexicon) in run.stderr


def test_lexicon_import_of_hostile_files_never_shows_a_traceback(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    packed = bytearray(gzip.compress(b"id,name\n" + b"1,Kyiv\n" * 1000))
    packed[20:40] = bytes(range(20))
    cases = {
        "deep.json": (deep.encode(), 2, "line 1: invalid JSON: nested too deeply"),
        "deep.jsonl": (b'{"id": "1", "name": "Kyiv"}\n' + deep.encode() + b"\n", 1, "deep.jsonl:2: invalid JSON: nested too deeply"),
        "first-deep.jsonl": (b'{"a": ' + deep.encode() + b"}\n", 1, "first-deep.jsonl:1: invalid JSON: nested too deeply"),
        "bad.csv.gz": (bytes(packed), 2, "cannot read"),
    }
    for name, (data, status, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        run = run_main(["lexicon", "import", str(tmp_path / name), "--type", "place", "-o", str(tmp_path / "out.jsonl")])
        assert run.status == status and message in run.stderr, (name, run)
        assert "Traceback" not in run.stderr


# -- writes that fail ----------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["match", "--lexicon", MATCH_LEXICON, "Kyiv"],
        ["tag", "--lexicon", TAG_LEXICON, "-"],
        ["translit", "-s", "uk_national", "Київ"],
        ["schemes"],
        ["lexicon", "stats", "--lexicon", MATCH_LEXICON],
    ],
)
def test_stdout_on_a_full_device_is_an_error_not_a_traceback(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "normalize", *args], input=b"Kharkiv\n",
                              stdout=full, stderr=subprocess.PIPE, timeout=120, check=False)
    assert proc.returncode == 2
    assert proc.stderr.decode() == f"normalize {args[0]}: error: cannot write output: No space left on device\n"

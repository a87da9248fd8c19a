"""`normalize batch` and the batch API: bad data never costs a record.

The CLI is run as a subprocess (its exit status, stderr and atomic output are
part of the contract); property tests drive the engine in-process.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import normalize.batch as batch_module
from normalize.batch import ERROR_FIELD, RAW_FIELD, BatchError, chunking, match_many, match_records, run_batch
from normalize.lexicon import Lexicon
from normalize.matcher import Matcher
from tests.procs import HAVE_PROC, as_from_a_terminal, children, running

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LEXICON = FIXTURES / "match_lexicon.jsonl"
PLACES_CSV = FIXTURES / "batch_places.csv"
PLACES_JSONL = FIXTURES / "batch_places.jsonl"

_MATCHER: Matcher | None = None
csv.field_size_limit(1 << 26)  # the tests read back 1 MiB fields


def matcher() -> Matcher:
    global _MATCHER
    if _MATCHER is None:
        _MATCHER = Matcher(Lexicon.load([LEXICON]))
    return _MATCHER


# -- helpers ----------------------------------------------------------------------------


def cli(*args: str, cwd: Path, stdin: bytes | None = None, lexicon: bool = True) -> subprocess.CompletedProcess[bytes]:
    cmd = [sys.executable, "-m", "normalize", "batch", *args, "--no-progress"]
    if lexicon:
        cmd += ["--lexicon", str(LEXICON)]
    return subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, timeout=120, check=False)


def batch(tmp_path: Path, name: str, data: bytes, *args: str) -> tuple[subprocess.CompletedProcess[bytes], bytes]:
    """Write ``data`` to ``name``, run batch over it into out.<ext>, return (process, output)."""
    (tmp_path / name).write_bytes(data)
    out = tmp_path / ("out" + name[name.index(".") :])
    proc = cli(name, "-o", out.name, *(args or ("-c", "name")), cwd=tmp_path)
    return proc, out.read_bytes() if out.exists() else b""


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def jsonl_rows(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.decode("utf-8").split("\n") if line]


def problems(proc: subprocess.CompletedProcess[bytes]) -> list[str]:
    """The FILE:LINE: message lines of stderr (without the summary)."""
    lines = proc.stderr.decode("utf-8").splitlines()
    return [ln for ln in lines if not ln.startswith(("normalize batch:", " "))]


def litter(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp"))


# -- the good path ------------------------------------------------------------------------


def test_csv_adds_three_fields_per_column_and_keeps_everything_else(tmp_path: Path) -> None:
    proc, out = batch(tmp_path, "in.csv", PLACES_CSV.read_bytes(), "-c", "city", "-c", "person")
    assert proc.returncode == 0, proc.stderr
    header = out.decode().splitlines()[0].split(",")
    assert header == ["id", "city", "person", "note", "city_id", "city_label", "city_score",
                      "person_id", "person_label", "person_score", ERROR_FIELD, RAW_FIELD]
    rows = csv_rows(out)
    source = list(csv.DictReader(io.StringIO(PLACES_CSV.read_text("utf-8"), newline="")))
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    for got, orig in zip(rows, source):
        assert {k: got[k] for k in orig} == orig  # values exactly, quoted newline included
    assert [r["city_id"] for r in rows] == ["place:kharkiv", "place:bakhmut", "place:belgorod", "", "place:tyotkino", ""]
    assert rows[0]["person_id"] == "person:volodymyr-zelensky"
    assert rows[0]["city_label"] == "Харків" and rows[0]["city_score"] == "99.0"
    assert all(r["city_score"] == "" or r["city_score"].count(".") == 1 and len(r["city_score"].split(".")[1]) == 1 for r in rows)
    assert rows[3]["city_label"] == rows[3]["city_score"] == ""
    # minimal re-quoting: a needlessly quoted value loses its quotes, the rest stays as it was
    assert "\n3,Belgorod,,\"quoted \"\"twice\"\"\"," in out.decode()
    summary = proc.stderr.decode()
    assert "6 records read, 0 malformed" in summary
    assert "city: 4 matched, 1 without a name" in summary and "person: 3 matched, 2 without a name" in summary
    assert " s (" in summary and "records/s" in summary


def test_jsonl_lines_are_kept_byte_for_byte_with_keys_added_after(tmp_path: Path) -> None:
    proc, out = batch(tmp_path, "in.jsonl", PLACES_JSONL.read_bytes(), "-c", "city", "-c", "person")
    assert proc.returncode == 0, proc.stderr
    src_lines = PLACES_JSONL.read_text("utf-8").splitlines()
    out_lines = out.decode("utf-8").splitlines()
    assert len(out_lines) == len(src_lines)
    for src, got in zip(src_lines, out_lines):
        assert got.startswith(src[:-1] + ", ")  # 1.10, caf\u00e9, spacing: untouched
        obj, orig = json.loads(got), json.loads(src)
        assert list(obj)[: len(orig)] == list(orig)
        assert list(obj)[len(orig) :] == ["city_id", "city_label", "city_score", "person_id", "person_label", "person_score"]
    rows = jsonl_rows(out)
    assert rows[0]["city_id"] == "place:kharkiv" and rows[0]["city_score"] == 99.0
    assert rows[2]["person_id"] is None and rows[3]["city_label"] is None
    assert all(ERROR_FIELD not in r for r in rows)


def test_stdin_to_stdout(tmp_path: Path) -> None:
    proc = cli("-", "--format", "csv", "-c", "city", cwd=tmp_path, stdin=PLACES_CSV.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert [r["city_id"] for r in csv_rows(proc.stdout)][:3] == ["place:kharkiv", "place:bakhmut", "place:belgorod"]
    assert litter(tmp_path) == []


def test_gzip_round_trip(tmp_path: Path) -> None:
    plain = cli(str(PLACES_JSONL), "-c", "city", cwd=tmp_path).stdout
    (tmp_path / "in.jsonl.gz").write_bytes(gzip.compress(PLACES_JSONL.read_bytes()))
    proc = cli("in.jsonl.gz", "-c", "city", "-o", "out.jsonl.gz", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert gzip.decompress((tmp_path / "out.jsonl.gz").read_bytes()) == plain
    # gzip is recognised by its bytes, so a compressed stdin works too
    piped = cli("-", "--format", "jsonl", "-c", "city", cwd=tmp_path, stdin=gzip.compress(PLACES_JSONL.read_bytes()))
    assert piped.stdout == plain


def test_type_min_score_and_jobs_options(tmp_path: Path) -> None:
    def ids(*args: str) -> list[str]:
        proc = cli(str(PLACES_CSV), "-c", "city", *args, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        return [r["city_id"] for r in csv_rows(proc.stdout)]

    assert ids("--type", "person") == [""] * 6
    assert ids("--type", "place", "--min-score", "99.5") == ["", "place:bakhmut", "", "", "place:tyotkino", ""]
    assert ids("-j", "0") == ids()


def test_output_may_be_the_input_a_symlink_or_a_fifo(tmp_path: Path) -> None:
    expected = cli(str(PLACES_CSV), "-c", "city", cwd=tmp_path).stdout
    (tmp_path / "data.csv").write_bytes(PLACES_CSV.read_bytes())
    assert cli("data.csv", "-c", "city", "-o", "data.csv", cwd=tmp_path).returncode == 0
    assert (tmp_path / "data.csv").read_bytes() == expected  # read through the open file, then replaced
    (tmp_path / "link.csv").symlink_to("target.csv")
    assert cli(str(PLACES_CSV), "-c", "city", "-o", "link.csv", cwd=tmp_path).returncode == 0
    assert (tmp_path / "link.csv").is_symlink() and (tmp_path / "target.csv").read_bytes() == expected
    if hasattr(os, "mkfifo"):  # not a regular file: written through, never renamed over
        fifo = tmp_path / "pipe.csv"
        os.mkfifo(fifo)
        proc = subprocess.Popen([sys.executable, "-m", "normalize", "batch", str(PLACES_CSV), "-c", "city", "-o", str(fifo),
                                 "--no-progress", "--lexicon", str(LEXICON)], stderr=subprocess.DEVNULL)
        with fifo.open("rb") as f:
            assert f.read() == expected
        assert proc.wait(timeout=60) == 0
        assert fifo.is_fifo()
    assert litter(tmp_path) == []


def test_rerun_over_own_output_replaces_the_fields(tmp_path: Path) -> None:
    first = cli(str(PLACES_CSV), "-c", "city", "-o", "once.csv", cwd=tmp_path)
    second = cli("once.csv", "-c", "city", "-o", "twice.csv", cwd=tmp_path)
    assert first.returncode == second.returncode == 0
    assert (tmp_path / "once.csv").read_bytes() == (tmp_path / "twice.csv").read_bytes()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("r.csv", b"id,name,city\n1,Kyiv,x\n2,Short\n3,Bakh\xffmut,y\n4,Kharkov,z,extra\n5,\"Belgorod\n"),
        ("r.jsonl", b'{"id": 1, "name": "Kyiv"}\n{"id": 2, "name": "Bakh\xffmut"}\n{"id": 3, "name": \n[4]\n'),
    ],
)
def test_rerun_in_place_keeps_what_earlier_runs_saved(tmp_path: Path, name: str, data: bytes) -> None:
    """`batch r.csv -o r.csv`, twice and more: the bad rows keep their error and raw text."""
    (tmp_path / name).write_bytes(data)
    first = cli(name, "-c", "name", "-o", name, cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    once = (tmp_path / name).read_bytes()
    rows = csv_rows(once) if name.endswith(".csv") else jsonl_rows(once)
    saved = [(r.get(ERROR_FIELD) or "", r.get(RAW_FIELD) or "") for r in rows]
    assert len(rows) == 4 if name.endswith(".jsonl") else 5
    assert sum(1 for e, _ in saved if e) == len(problems(first)) >= 3
    for _ in range(2):
        again = cli(name, "-c", "name", "-o", name, cwd=tmp_path)
        assert again.returncode == 0, again.stderr  # this time every record reads cleanly
        rows = csv_rows((tmp_path / name).read_bytes()) if name.endswith(".csv") else jsonl_rows((tmp_path / name).read_bytes())
        assert [(r.get(ERROR_FIELD) or "", r.get(RAW_FIELD) or "") for r in rows] == saved
    assert (tmp_path / name).read_bytes() == once  # a fixed point: nothing drifts
    assert litter(tmp_path) == []


def test_a_rerun_over_an_output_of_bad_records_only_knows_its_column(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(b'{"name": \n[1]\n')  # nothing readable: no record has "name"
    assert cli("in.jsonl", "-c", "name", "-o", "out.jsonl", cwd=tmp_path).returncode == 1
    again = cli("out.jsonl", "-c", "name", "-o", "again.jsonl", cwd=tmp_path)
    assert again.returncode == 0, again.stderr  # not "unknown column 'name'; did you mean 'name_id'?"
    assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "out.jsonl").read_bytes()


def test_the_raw_text_escape_is_unambiguous(tmp_path: Path) -> None:
    lines = [b"1,a\\xf3b,x,y", b"2,a\xf3b,x,y", b"3,a\\\xf3b,x,y", b"4,\x00\\x00,x,y"]  # 4 fields of 3
    _, out = batch(tmp_path, "in.csv", b"id,name,note\n" + b"\n".join(lines) + b"\n")
    raws = [r[RAW_FIELD] for r in csv_rows(out)]
    assert raws == ["1,a\\\\xf3b,x,y", "2,a\\xf3b,x,y", "3,a\\\\\\xf3b,x,y", "4,\\x00\\\\x00,x,y"]
    assert len(set(raws)) == 4
    assert [batch_module.raw_bytes(r) for r in raws] == lines  # the documented way back to the bytes


def test_a_replaced_output_keeps_its_permissions(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_bytes(b"id,name\n1,Kharkov\n")
    out = tmp_path / "out.csv"
    out.write_bytes(b"old")
    out.chmod(0o600)
    assert cli("in.csv", "-c", "name", "-o", "out.csv", cwd=tmp_path).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o600 and out.read_bytes().startswith(b"id,name,name_id")


# -- the battery of bad inputs -------------------------------------------------------------


def test_truncated_json(tmp_path: Path) -> None:
    proc, out = batch(tmp_path, "in.jsonl", b'{"name": "Kharkov"}\n{"name": "Bakhmut"}\n{"name": "Belg')
    assert proc.returncode == 1
    rows = jsonl_rows(out)
    assert len(rows) == 3
    assert [r["name_id"] for r in rows] == ["place:kharkiv", "place:bakhmut", None]
    assert rows[2][ERROR_FIELD].startswith("invalid JSON: Unterminated string")
    assert rows[2][RAW_FIELD] == '{"name": "Belg'
    assert problems(proc) == [f"in.jsonl:3: {rows[2][ERROR_FIELD]}"]


def test_json_values_that_are_not_objects(tmp_path: Path) -> None:
    data = b'[1, 2]\n"Kharkov"\n42\nnull\n{"name": "Bakhmut"}\ntrue\n'
    proc, out = batch(tmp_path, "in.jsonl", data)
    assert proc.returncode == 1
    rows = jsonl_rows(out)
    assert len(rows) == 6
    kinds = ["array", "string", "number", "null", None, "boolean"]
    for row, kind, raw in zip(rows, kinds, data.decode().splitlines()):
        if kind is None:
            assert row == {"name": "Bakhmut", "name_id": "place:bakhmut", "name_label": "Бахмут", "name_score": 99.0}
        else:
            assert row[ERROR_FIELD] == f"JSON value is not an object ({kind})"
            assert row[RAW_FIELD] == raw and row["name_id"] is None
    assert problems(proc) == [f"in.jsonl:{n}: JSON value is not an object ({k})" for n, k in
                              [(1, "array"), (2, "string"), (3, "number"), (4, "null"), (6, "boolean")]]


def test_invalid_utf8_in_the_middle_of_a_line(tmp_path: Path) -> None:
    # the rule of every command: bad bytes are read as U+FFFD, and the line is reported
    proc, out = batch(tmp_path, "in.csv", b"id,name,note\n1,Kharkov,a\n2,Bakh\xffmut,b\n3,Bakhmut,c\n")
    assert proc.returncode == 1
    rows = csv_rows(out)  # decodes strictly: the output is valid UTF-8
    assert [r["id"] for r in rows] == ["1", "2", "3"]  # the row keeps its fields...
    assert rows[1]["name"] == "Bakh\ufffdmut" and rows[1]["note"] == "b"
    assert [r["name_id"] for r in rows] == ["place:kharkiv", "place:bakhmut", "place:bakhmut"]  # ...and is matched
    assert rows[1][ERROR_FIELD] == "invalid UTF-8: byte 0xff at column 7 (read as U+FFFD)"
    assert rows[1][RAW_FIELD] == "2,Bakh\\xffmut,b"  # the exact bytes
    assert problems(proc) == ["in.csv:3: invalid UTF-8: byte 0xff at column 7 (read as U+FFFD)"]

    proc, out = batch(tmp_path, "in.jsonl", b'{"name": "Kharkov"}\n{"name": "Kh\xc3(arkov"}\n{"name": "Bakhmut"}\n')
    assert proc.returncode == 1
    rows = jsonl_rows(out)
    assert [r["name"] for r in rows] == ["Kharkov", "Kh\ufffd(arkov", "Bakhmut"]
    assert rows[1][RAW_FIELD] == '{"name": "Kh\\xc3(arkov"}'
    assert rows[1][ERROR_FIELD] == "invalid UTF-8: byte 0xc3 at column 13 (read as U+FFFD)"
    assert ERROR_FIELD not in rows[0] and ERROR_FIELD not in rows[2]
    assert problems(proc) == ["in.jsonl:2: invalid UTF-8: byte 0xc3 at column 13 (read as U+FFFD)"]
    # invalid UTF-8 in a line that is not JSON either: both are said
    proc, out = batch(tmp_path, "in.jsonl", b'{"name": "Kh\xc3(arkov"\n')
    assert jsonl_rows(out)[0][ERROR_FIELD] == (
        "invalid UTF-8: byte 0xc3 at column 13 (read as U+FFFD); invalid JSON: Expecting ',' delimiter at column 21")


def test_a_one_megabyte_field(tmp_path: Path) -> None:
    big = "ж" * (1 << 19)  # 1 MiB of UTF-8
    data = f'id,name,note\n1,Kharkov,"{big}"\n2,{big},x\n3,Bakhmut,y\n'.encode()
    proc, out = batch(tmp_path, "in.csv", data)
    assert proc.returncode == 0, proc.stderr
    rows = csv_rows(out)
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["note"] == big and rows[1]["name"] == big
    assert [r["name_id"] for r in rows] == ["place:kharkiv", "", "place:bakhmut"]

    line = json.dumps({"name": "Belgorod", "blob": big}, ensure_ascii=False)
    proc, out = batch(tmp_path, "in.jsonl", f'{line}\n{{"name": "{big}"}}\n'.encode())
    assert proc.returncode == 0
    rows = jsonl_rows(out)
    assert rows[0]["blob"] == big and rows[0]["name_id"] == "place:belgorod" and rows[1]["name_id"] is None


def test_nul_bytes(tmp_path: Path) -> None:
    proc, out = batch(tmp_path, "in.csv", b"id,name\n1,Kharkov\n2,Bakh\x00mut\n3,Belgorod\n")
    assert proc.returncode == 1
    rows = csv_rows(out)
    assert [r["id"] for r in rows] == ["1", "2", "3"] and rows[1]["name"] == "Bakh\ufffdmut"
    assert [r["name_id"] for r in rows] == ["place:kharkiv", "place:bakhmut", "place:belgorod"]
    assert rows[1][ERROR_FIELD] == "NUL byte at column 7 (read as U+FFFD)" and rows[1][RAW_FIELD] == "2,Bakh\\x00mut"
    assert b"\x00" not in out
    assert problems(proc) == ["in.csv:3: NUL byte at column 7 (read as U+FFFD)"]

    proc, out = batch(tmp_path, "in.jsonl", b'{"name": "Kharkov"}\n{"name": "a\x00b"}\n\x00\n')
    assert proc.returncode == 1
    rows = jsonl_rows(out)
    assert len(rows) == 3 and rows[0]["name_id"] == "place:kharkiv"
    assert rows[1][ERROR_FIELD].startswith("invalid JSON: Invalid control character")
    assert rows[2][RAW_FIELD] == "\\x00"
    assert [p.split(":")[1] for p in problems(proc)] == ["2", "3"]


def test_crlf_line_ends(tmp_path: Path) -> None:
    proc, out = batch(tmp_path, "in.csv", b'id,name,note\r\n1,Kharkov,a\r\n2,"Bakhmut","x\r\ny"\r\n3,Belgorod,b\r\n')
    assert proc.returncode == 0, proc.stderr
    assert out.startswith(b"id,name,note,name_id,") and out.count(b"\r\n") == 5 and out.endswith(b"\r\n")
    rows = csv_rows(out)
    assert [r["note"] for r in rows] == ["a", "x\r\ny", "b"]
    assert [r["name_id"] for r in rows] == ["place:kharkiv", "place:bakhmut", "place:belgorod"]

    proc, out = batch(tmp_path, "in.jsonl", b'{"name": "Kharkov"}\r\n{"name": "Bakhmut"}\r\n')
    assert proc.returncode == 0
    assert out.count(b"\r\n") == 2 and [r["name_id"] for r in jsonl_rows(out)] == ["place:kharkiv", "place:bakhmut"]


def test_missing_trailing_newline(tmp_path: Path) -> None:
    proc, out = batch(tmp_path, "in.csv", b"id,name\n1,Kharkov\n2,Bakhmut")
    assert proc.returncode == 0
    assert out.endswith(b"\n") and [r["name_id"] for r in csv_rows(out)] == ["place:kharkiv", "place:bakhmut"]
    proc, out = batch(tmp_path, "in.jsonl", b'{"name": "Kharkov"}\n{"name": "Bakhmut"}')
    assert proc.returncode == 0
    assert out.endswith(b"\n") and [r["name_id"] for r in jsonl_rows(out)] == ["place:kharkiv", "place:bakhmut"]


@pytest.mark.parametrize("name", ["in.csv", "in.jsonl", "in.tsv"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    proc, out = batch(tmp_path, name, b"")
    assert proc.returncode == 0
    assert (tmp_path / ("out" + name[2:])).exists() and out == b""
    assert problems(proc) == [f"{name}: empty input"]
    assert "0 records read, 0 malformed" in proc.stderr.decode()


def test_blank_lines_are_not_records(tmp_path: Path) -> None:
    proc, out = batch(tmp_path, "in.jsonl", b'{"name": "Kharkov"}\n\n  \n{"name": "Bakhmut"}\n')
    assert proc.returncode == 0 and len(jsonl_rows(out)) == 2
    assert "2 blank lines skipped" in proc.stderr.decode()


def test_csv_quoted_newline_and_ragged_rows(tmp_path: Path) -> None:
    data = b'id,name,note\n1,Kharkov,"two\nlines"\n2,Bakhmut,x,extra\n3,Belgorod\n4,"Zelensky, V.",ok\n'
    proc, out = batch(tmp_path, "in.csv", data)
    assert proc.returncode == 1
    rows = csv_rows(out)
    assert len(rows) == 4
    assert rows[0]["note"] == "two\nlines" and rows[0]["name_id"] == "place:kharkiv" and rows[0][ERROR_FIELD] == ""
    long_row = "expected 3 fields, found 4: not matched, the fields without a column are only in normalize_raw"
    short_row = "expected 3 fields, found 2: the missing fields are left empty"
    # a long row keeps the fields that have a column, and its raw text; it is not matched
    assert rows[1][ERROR_FIELD] == long_row and rows[1][RAW_FIELD] == "2,Bakhmut,x,extra"
    assert (rows[1]["id"], rows[1]["name"], rows[1]["note"], rows[1]["name_id"]) == ("2", "Bakhmut", "x", "")
    # a short row is read as csv.DictReader and pandas read it: the missing fields empty; it is matched
    assert rows[2][ERROR_FIELD] == short_row and rows[2][RAW_FIELD] == "3,Belgorod"
    assert (rows[2]["id"], rows[2]["name"], rows[2]["note"], rows[2]["name_id"]) == ("3", "Belgorod", "", "place:belgorod")
    assert rows[3]["name_id"] == "person:volodymyr-zelensky"
    assert problems(proc) == [f"in.csv:4: {long_row}", f"in.csv:5: {short_row}"]


def test_an_unclosed_quote_does_not_swallow_the_rest(tmp_path: Path) -> None:
    data = b'id,name\n1,"Kharkov\n2,Bakhmut\n3,"Belgorod"\n4,"Tetkino\n'
    proc, out = batch(tmp_path, "in.csv", data)
    assert proc.returncode == 1
    rows = csv_rows(out)
    assert [r["id"] for r in rows] == ["", "2", "3", ""]
    assert [r["name_id"] for r in rows] == ["", "place:bakhmut", "place:belgorod", ""]
    assert rows[0][RAW_FIELD] == '1,"Kharkov' and rows[3][RAW_FIELD] == '4,"Tetkino'
    assert [p.split(": ", 1)[0] for p in problems(proc)] == ["in.csv:2", "in.csv:5"]
    assert all("quoted field not closed" in p for p in problems(proc))


def test_missing_column_in_some_records(tmp_path: Path) -> None:
    data = b'{"name": "Kharkov"}\n{"other": 1}\n{"name": null}\n{"name": 5}\n{"name": "Bakhmut"}\n'
    proc, out = batch(tmp_path, "in.jsonl", data)
    assert proc.returncode == 0  # a missing name is not an unreadable record
    rows = jsonl_rows(out)
    assert [r["name_id"] for r in rows] == ["place:kharkiv", None, None, None, "place:bakhmut"]
    assert rows[1] == {"other": 1, "name_id": None, "name_label": None, "name_score": None}
    assert all(ERROR_FIELD not in r for r in rows) and problems(proc) == []
    assert "name: 2 matched, 3 without a name" in proc.stderr.decode()

    proc, out = batch(tmp_path, "in.csv", b"id,name\n1,Kharkov\n2,\n3,Bakhmut\n")
    assert proc.returncode == 0
    assert [r["name_id"] for r in csv_rows(out)] == ["place:kharkiv", "", "place:bakhmut"]


def test_tsv_and_bom(tmp_path: Path) -> None:
    proc, out = batch(tmp_path, "in.tsv", "\ufeffid\tname\n1\tKharkov\n2\t\"a\tb\"\n".encode())
    assert proc.returncode == 0, proc.stderr
    assert out.startswith("\ufeffid\tname\tname_id\t".encode())
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"), newline=""), delimiter="\t"))
    assert rows[1][:3] == ["1", "Kharkov", "place:kharkiv"] and rows[2][1] == "a\tb"


@pytest.mark.parametrize("delimiter", [";", "|"])
def test_csv_delimiter_from_the_header(tmp_path: Path, delimiter: str) -> None:
    """A spreadsheet saved as CSV in a German, French or Polish locale separates with ";": the
    output keeps the delimiter, and a row of the wrong width is still reported by its line."""
    d = delimiter
    data = (
        f'id{d}name{d}note\n1{d}Kharkov{d}"a, b{d} c"\n2{d}Бахмут{d}\n3{d}Kyiv{d}x{d}extra\n4{d}Belgorod{d}\n'
    ).encode()
    proc, out = batch(tmp_path, "in.csv", data)
    assert proc.returncode == 1
    assert "in.csv:4:" in proc.stderr.decode()
    lines = out.decode("utf-8").splitlines()
    assert lines[0].split(d)[:4] == ["id", "name", "note", "name_id"]
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline=""), delimiter=d))
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[1][2] == f"a, b{d} c"
    assert [r[3] for r in rows[1:]] == ["place:kharkiv", "place:bakhmut", "", "place:belgorod"]


# -- parallel, interrupted, exit statuses -------------------------------------------------


def _messy_csv(rows: int) -> bytes:
    rnd = random.Random(6)
    names = ["Kharkov", "Kharkiv", "Бахмут", "Bakhmut", "V. Zelensky", "Nowhere", "Belgorod", "Тёткино", "Zelenska"]
    out = [b"id,name,note\n"]
    for i in range(rows):
        name = rnd.choice(names) + (str(rnd.randint(0, 9)) if rnd.random() < 0.2 else "")
        r = rnd.random()
        if r < 0.001:
            out.append(f"{i},{name},x,ragged\n".encode())
        elif r < 0.002:
            out.append(f"{i},{name},".encode() + b"\xff\n")
        elif r < 0.05:
            out.append(f'{i},"{name}","multi\nline, ""quoted"""\n'.encode())
        else:
            out.append(f"{i},{name},plain {i}\n".encode())
    return b"".join(out)


def test_parallel_output_is_byte_identical(tmp_path: Path) -> None:
    data = _messy_csv(60_000)  # about 1.6 MiB: some 25 chunks
    assert len(data) > 20 * batch_module.CHUNK_BYTES
    (tmp_path / "in.csv").write_bytes(data)
    one = cli("in.csv", "-c", "name", "-o", "one.csv", "-j", "1", cwd=tmp_path)
    two = cli("in.csv", "-c", "name", "-o", "two.csv", "-j", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    assert problems(one) == problems(two)
    planted = sum(1 for line in data.split(b"\n") if line.endswith((b",ragged", b"\xff")))
    assert len(problems(one)) == planted > 0  # chunk cuts never split a quoted newline
    assert len(csv_rows((tmp_path / "one.csv").read_bytes())) == 60_000

    lines = []
    for row in csv_rows((tmp_path / "one.csv").read_bytes()):  # the same names, as JSON Lines
        lines.append(row[RAW_FIELD] if row[ERROR_FIELD] else json.dumps({"id": row["id"], "name": row["name"]}, ensure_ascii=False))
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = cli("in.jsonl", "-c", "name", "-o", "one.jsonl", "-j", "1", cwd=tmp_path)
    two = cli("in.jsonl", "-c", "name", "-o", "two.jsonl", "-j", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 1 and problems(one) == problems(two)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert len(jsonl_rows((tmp_path / "one.jsonl").read_bytes())) == 60_000


@pytest.mark.skipif(not HAVE_PROC, reason="needs Linux /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_an_interrupted_run_leaves_no_output(tmp_path: Path, sig: int) -> None:
    out = tmp_path / "out.csv"
    previous = b"id,name\nthe output of an earlier run\n"
    if sig in (signal.SIGHUP, signal.SIGINT):
        out.write_bytes(previous)
    cmd = [sys.executable, "-m", "normalize", "batch", "-", "--format", "csv", "-c", "name",
           "-o", str(out), "-j", "2", "--no-progress", "--lexicon", str(LEXICON)]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=as_from_a_terminal)  # noqa: PLW1509 -- only resets a signal
    try:
        assert proc.stdin is not None
        proc.stdin.write(_messy_csv(250_000))  # stdin stays open: the run is stuck mid-way
        proc.stdin.flush()
        deadline = time.time() + 60
        while time.time() < deadline:
            tmps = [p for p in tmp_path.iterdir() if p.name.startswith(".out.csv.")]
            if tmps and tmps[0].stat().st_size > 0:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the run did not start writing")
        workers = children(proc.pid)
        assert len(workers) >= 2
        proc.send_signal(sig)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        _, stderr = proc.communicate(timeout=30)
    if sig in (signal.SIGHUP, signal.SIGINT):
        assert out.read_bytes() == previous  # the earlier output is intact
    else:
        assert not out.exists()
    if sig != signal.SIGKILL:
        assert proc.returncode == (130 if sig == signal.SIGINT else 128 + sig)
        assert litter(tmp_path) == [] and b"Traceback" not in stderr
    deadline = time.time() + 10  # workers follow their parent, even after SIGKILL
    while any(running(w) for w in workers):
        assert time.time() < deadline, "orphaned worker processes"
        time.sleep(0.05)
    if sig == signal.SIGKILL:  # nothing could clean up; the next run of the same output does
        assert len(litter(tmp_path)) == 1
        (tmp_path / "in.csv").write_bytes(b"id,name\n1,Kharkov\n")
        again = cli("in.csv", "-c", "name", "-o", "out.csv", cwd=tmp_path)
        assert again.returncode == 0 and litter(tmp_path) == []
        assert f"removed {tmp_path}/.out.csv.{proc.pid}." in again.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [
        ["in.csv", "-c", "nmae"],
        ["in.jsonl", "-c", "nmae"],
        ["missing.csv", "-c", "name"],
        ["in.csv", "-c", "name", "--min-score", "200"],
        ["in.csv", "-c", "name", "--format", "xml"],
        ["in.csv", "-c", "name", "-j", "-1"],
        ["in.csv", "-c", "name", "--bogus"],
        ["in.csv"],
        ["in.txt", "-c", "name"],
        ["in.csv", "-c", "name", "--lexicon", "nonexistent.jsonl"],
        ["in.csv", "-c", "name", "-o", "out.jsonl"],
        ["in.csv", "-c", "name", "-o", "no/such/dir/out.csv"],
        ["in.csv", "-c", "name", "--type", "preson"],
        ["in.jsonl", "-c", "name", "--type", "place", "--type", "planet"],
    ],
)
def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "in.csv").write_bytes(b"id,name\n1,Kharkov\n")
    (tmp_path / "in.txt").write_bytes(b"id,name\n1,Kharkov\n")
    (tmp_path / "in.jsonl").write_bytes(b'{"name": "Kharkov"}\n')
    if "-o" not in args:
        args = [*args, "-o", "out.csv"]
    proc = cli(*args, cwd=tmp_path, lexicon="--lexicon" not in args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "in.jsonl", "in.txt"]
    assert proc.stderr.strip()


def test_a_truncated_gzip_input_is_an_error_and_leaves_no_output(tmp_path: Path) -> None:
    whole = gzip.compress(_messy_csv(60_000))
    (tmp_path / "in.csv.gz").write_bytes(whole[: len(whole) // 2])
    proc = cli("in.csv.gz", "-c", "name", "-o", "out.csv", "-j", "2", cwd=tmp_path)
    assert proc.returncode == 2
    assert "cannot read in.csv.gz after line" in proc.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv.gz"]
    (tmp_path / "bad.csv.gz").write_bytes(b"\x1f\x8b not really gzip")
    proc = cli("bad.csv.gz", "-c", "name", "-o", "out.csv", cwd=tmp_path)
    assert proc.returncode == 2 and not (tmp_path / "out.csv").exists()


def test_an_unknown_type_is_a_usage_error_listing_the_types(tmp_path: Path) -> None:
    proc = cli(str(PLACES_CSV), "-c", "city", "--type", "preson", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode() == (
        "normalize batch: error: unknown --type 'preson' (types: org, person, place); did you mean 'person'?\n")


@pytest.mark.slow
def test_a_corrupt_gzip_input_is_an_error_and_keeps_the_previous_output(tmp_path: Path) -> None:
    packed = bytearray(gzip.compress(_messy_csv(20_000)))
    packed[40:60] = bytes(range(20))  # a bad deflate stream, not a truncation: zlib.error
    (tmp_path / "in.csv.gz").write_bytes(bytes(packed))
    (tmp_path / "out.csv").write_bytes(b"previous\n")
    for jobs in ("1", "2"):
        proc = cli("in.csv.gz", "-c", "name", "-o", "out.csv", "-j", jobs, cwd=tmp_path)
        assert proc.returncode == 2 and b"Traceback" not in proc.stderr
        assert proc.stderr.decode().startswith("normalize batch: error: cannot read in.csv.gz")
        assert "corrupt gzip data" in proc.stderr.decode()
        assert (tmp_path / "out.csv").read_bytes() == b"previous\n" and litter(tmp_path) == []
    late = bytearray(gzip.compress(_messy_csv(60_000)))
    late[len(late) // 2 : len(late) // 2 + 20] = bytes(range(20))  # corrupt after the first chunks
    (tmp_path / "late.csv.gz").write_bytes(bytes(late))
    proc = cli("late.csv.gz", "-c", "name", "-o", "out.csv", cwd=tmp_path)
    assert proc.returncode == 2 and "cannot read late.csv.gz after line" in proc.stderr.decode()
    assert (tmp_path / "out.csv").read_bytes() == b"previous\n" and litter(tmp_path) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_device_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    proc = cli(str(PLACES_CSV), "-c", "city", "-o", "/dev/full", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "normalize batch: error: cannot write /dev/full: No space left on device\n"
    with open("/dev/full", "wb") as full:  # stdout on a full device
        proc = subprocess.run([sys.executable, "-m", "normalize", "batch", str(PLACES_CSV), "-c", "city",
                               "--no-progress", "--lexicon", str(LEXICON)], stdout=full, stderr=subprocess.PIPE,
                              timeout=120, check=False)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "normalize batch: error: cannot write stdout: No space left on device\n"


@pytest.mark.skipif(sys.platform == "win32", reason="needs resource limits")
def test_a_failed_write_keeps_the_previous_output_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    import resource

    (tmp_path / "in.csv").write_bytes(_messy_csv(20_000))
    (tmp_path / "out.csv").write_bytes(b"previous\n")

    def small_files() -> None:  # what a full disk looks like to a writer: the write fails
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    cmd = [sys.executable, "-m", "normalize", "batch", "in.csv", "-c", "name", "-o", "out.csv",
           "--no-progress", "--lexicon", str(LEXICON)]
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, timeout=120, preexec_fn=small_files, check=False)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert proc.stderr.decode().splitlines()[-1] == "normalize batch: error: cannot write out.csv: File too large"
    assert (tmp_path / "out.csv").read_bytes() == b"previous\n" and litter(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "data"),
    [("in.csv", b"id,name\r1,Kharkov\r2,Bakhmut\r"), ("in.jsonl", b'{"name": "Kharkov"}\r{"name": "Bakhmut"}\r')],
)
def test_lines_ending_in_cr_alone_are_a_usage_error(tmp_path: Path, name: str, data: bytes) -> None:
    proc, out = batch(tmp_path, name, data)
    assert proc.returncode == 2 and out == b""
    message = proc.stderr.decode()
    assert message.startswith(f"normalize batch: error: {name}: lines end in CR alone (classic Mac OS line ends)")
    assert "universal-newline" not in message
    # a lone CR inside a data row is that row's problem, in plain words
    proc, out = batch(tmp_path, "in.csv", b"id,name\n1,Khar\rkov\n2,Bakhmut\n")
    assert proc.returncode == 1
    assert problems(proc) == ["in.csv:2: a line break (CR) inside an unquoted field"]
    assert [r["name_id"] for r in csv_rows(out)] == ["", "place:bakhmut"]


@pytest.mark.parametrize(("name", "data"), [("in.csv", b"\xef\xbb\xbf"), ("in.csv", b"\xef\xbb\xbf\r\n\n"),
                                            ("in.jsonl", b"\xef\xbb\xbf"), ("in.jsonl", b"\n \n")])
def test_a_bom_or_blank_lines_alone_are_an_empty_input(tmp_path: Path, name: str, data: bytes) -> None:
    proc, out = batch(tmp_path, name, data)
    assert proc.returncode == 0 and out == b""
    assert problems(proc) == [f"{name}: empty input"]


def test_usage_error_on_stdout_writes_nothing(tmp_path: Path) -> None:
    proc = cli("-", "--format", "csv", "-c", "nmae", cwd=tmp_path, stdin=b"id,name\n1,Kharkov\n")
    assert proc.returncode == 2 and proc.stdout == b""
    assert "unknown column 'nmae'" in proc.stderr.decode() and "did you mean 'name'" in proc.stderr.decode()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    import fcntl
    import pty
    import struct
    import termios

    def stderr_of(*extra: str) -> str:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
        cmd = [sys.executable, "-m", "normalize", "batch", str(PLACES_CSV), "-c", "city", "--lexicon", str(LEXICON), *extra]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                got = os.read(master, 4096)
            except OSError:
                break
            if not got:
                break
            chunks.append(got)
        os.close(master)
        assert proc.wait(timeout=60) == 0
        return b"".join(chunks).decode("utf-8", "replace")

    assert " records/s]" in stderr_of()
    assert " records/s]" not in stderr_of("--no-progress")
    piped = cli(str(PLACES_CSV), "-c", "city", cwd=tmp_path)  # stderr is a pipe: no bar
    assert b" records/s]" not in piped.stderr


# -- the Python API --------------------------------------------------------------------------


def test_match_many() -> None:
    got = match_many(["Kharkov", "Nowhere", "Kharkov", "  Bakhmut "], matcher=matcher())
    assert [m.id if m else None for m in got] == ["place:kharkiv", None, "place:kharkiv", "place:bakhmut"]
    assert match_many(["Kharkov"], matcher=matcher(), types=["person"]) == [None]
    assert match_many(["Kharkov"], matcher=matcher(), min_score=99.5) == [None]
    assert match_many(["x" * 10_000], matcher=matcher()) == [None]  # not a name: not tried


def test_match_records_keeps_bad_records_in_place() -> None:
    records: list[Any] = [{"name": "Kharkov", "n": 1}, ["not", "a", "dict"], {"name": None}, "text"]
    out = list(match_records(records, ["name"], matcher=matcher()))
    assert len(out) == 4
    assert out[0] == {"name": "Kharkov", "n": 1, "name_id": "place:kharkiv", "name_label": "Харків", "name_score": 99.0}
    assert out[1][ERROR_FIELD] == "record is not a mapping (array)" and out[1][RAW_FIELD] == ["not", "a", "dict"]
    assert out[2]["name_id"] is None and ERROR_FIELD not in out[2]
    assert out[3][ERROR_FIELD] == "record is not a mapping (string)"


NAMES = st.sampled_from(["Kharkov", "Бахмут", "V. Zelensky", "Nowhere", "", " ", "Belgorod"])
KEYS = st.one_of(st.sampled_from(["name", "id", "name_id", "note"]), st.text(max_size=6))
RECORDS = st.lists(st.dictionaries(KEYS, st.one_of(NAMES, st.text(max_size=12)), max_size=5), max_size=25)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RECORDS)
def test_match_records_property(records: list[dict[str, str]]) -> None:
    out = list(match_records(iter(records), ["name"], matcher=matcher()))
    assert len(out) == len(records)
    added = ("name_id", "name_label", "name_score")
    for rec, got in zip(records, out):
        assert list(got)[: len(rec)] == list(rec)  # order kept, added keys after (or in place)
        assert all(got[k] == v for k, v in rec.items() if k not in added)
        assert all(k in got for k in added)
        expected = match_many([rec.get("name", "")], matcher=matcher())[0]
        assert got["name_id"] == (expected.id if expected else None)


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=15)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.one_of(NAMES, TEXT), TEXT), max_size=30))
def test_csv_engine_property(tmp_path: Path, rows: list[tuple[str, str]]) -> None:
    """Any text in any field (quotes, CR, LF, commas, unicode): same records, same values, same order."""
    src = io.StringIO(newline="")
    writer = csv.writer(src, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["name", "note"])
    writer.writerows(rows)
    (tmp_path / "p.csv").write_text(src.getvalue(), encoding="utf-8", newline="")
    reported: list[str] = []
    summary = run_batch(str(tmp_path / "p.csv"), str(tmp_path / "p.out.csv"), ["name"],
                        load_matcher=matcher, report=reported.append)
    assert reported == [] and summary.malformed == 0 and summary.records == len(rows)
    got = csv_rows((tmp_path / "p.out.csv").read_bytes())
    assert [(r["name"], r["note"]) for r in got] == rows
    assert litter(tmp_path) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(records=RECORDS)
def test_jsonl_engine_property(tmp_path: Path, records: list[dict[str, str]]) -> None:
    lines = "".join(json.dumps(r, ensure_ascii=bool(i % 2)) + "\n" for i, r in enumerate(records))
    (tmp_path / "p.jsonl").write_text(lines, encoding="utf-8")
    run = lambda: run_batch(str(tmp_path / "p.jsonl"), str(tmp_path / "p.out.jsonl"), ["name"],
                            load_matcher=matcher, report=lambda line: None)
    if not any("name" in r for r in records):  # no record has the column: a usage error (or empty input)
        if records:
            with pytest.raises(BatchError, match="unknown column 'name'"):
                run()
            assert not (tmp_path / "p.out.jsonl").exists() or litter(tmp_path) == []
        return
    summary = run()
    got = jsonl_rows((tmp_path / "p.out.jsonl").read_bytes())
    assert len(got) == len(records) and summary.malformed == 0
    for rec, row in zip(records, got):
        assert all(row[k] == v for k, v in rec.items() if k not in ("name_id", "name_label", "name_score"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(st.one_of(NAMES, TEXT), TEXT), max_size=40),
    ragged=st.lists(st.integers(0, 40), max_size=3),
    size=st.integers(1, 64),
)
def test_chunking_does_not_change_the_output(tmp_path: Path, rows: list[tuple[str, str]], ragged: list[int], size: int) -> None:
    """Cutting the input into chunks of any size at quote-balanced line ends gives the same output."""
    records = []
    for row in rows:
        src = io.StringIO(newline="")
        csv.writer(src, lineterminator="\n").writerow(row)  # minimal quoting: some fields quoted, some not
        records.append(src.getvalue().encode("utf-8"))
    for at in ragged:
        records.insert(min(at, len(records)), b"a,b,c\n")
    data = b"name,note\n" + b"".join(records)
    from unittest import mock

    with mock.patch.object(chunking, "CHUNK_BYTES", size):
        chunks = list(chunking.chunks(io.BytesIO(data), 1, True))
    assert b"".join(c for _, c in chunks) == data
    offset = 0
    for line, chunk in chunks:  # every chunk knows the number of its first line
        assert line == 1 + data.count(b"\n", 0, offset)
        offset += len(chunk)

    (tmp_path / "c.csv").write_bytes(data)
    outputs = []
    for chunk_bytes in (size, 1 << 20):
        reported: list[str] = []
        with mock.patch.object(chunking, "CHUNK_BYTES", chunk_bytes):
            run_batch(str(tmp_path / "c.csv"), str(tmp_path / "c.out.csv"), ["name"], load_matcher=matcher, report=reported.append)
        outputs.append(((tmp_path / "c.out.csv").read_bytes(), reported))
    assert outputs[0] == outputs[1]
    if b"\r" not in data:  # (csv.writer leaves a lone CR unquoted: such rows are malformed too)
        assert len(outputs[0][1]) == len(ragged)  # only the planted rows are malformed

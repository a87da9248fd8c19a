"""The README's tables of exit statuses and of what bad input gets, held to the behaviour.

Each row of the bad-input table has a scenario here that produces that input and
returns the exit status it gets; the test fails when a row has no scenario, a
scenario no row, or the status differs from the table's. So the table cannot
promise what the commands do not do.
"""

from __future__ import annotations

import gzip
import re
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

import normalize
from normalize import cli
from tests.cli_inprocess import Run, run_main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LEXICON = str(FIXTURES / "match_lexicon.jsonl")
TAG_LEXICON = str(FIXTURES / "tag_lexicon.jsonl")


def readme_tables() -> tuple[list[list[str]], list[list[str]]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.search(r"### Bad input, errors and exit statuses\n(.*?)\n#", text, re.DOTALL)
    assert section, "README has no section on bad input and exit statuses"
    tables: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for line in section.group(1).splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if not set("".join(cells)) <= set("-"):
                rows.append(cells)
        elif rows:
            tables.append(rows[1:])  # without the header
            rows = []
    assert len(tables) == 2, tables
    return tables[0], tables[1]


def batch(tmp: Path, name: str, data: bytes, *extra: str) -> Run:
    (tmp / name).write_bytes(data)
    return run_main(["batch", name, "-c", "name", "-o", "out" + name[name.index("."):], "--lexicon", LEXICON,
                     "--no-progress", *extra], cwd=tmp)


def not_utf8(tmp: Path) -> int:
    runs = [run_main(["match", "--lexicon", LEXICON], b"Ky\xffiv\n"),
            run_main(["translit", "-s", "uk_national"], b"\xff\n"),
            run_main(["tag", "--lexicon", TAG_LEXICON], b"Kharkiv \xff\n"),
            batch(tmp, "in.csv", b"id,name\n1,Ky\xffiv\n")]
    assert all("invalid UTF-8" in r.stderr and "(read as U+FFFD)" in r.stderr for r in runs)
    return same(r.status for r in runs)


def nul(tmp: Path) -> int:
    run = batch(tmp, "in.csv", b"id,name\n1,Khar\x00kov\n")
    assert b"1,Khar\xef\xbf\xbdkov,place:kharkiv," in (tmp / "out.csv").read_bytes()
    return run.status


def short_row(tmp: Path) -> int:
    run = batch(tmp, "in.csv", b"id,name,note\n1,Kyiv\n")
    assert (tmp / "out.csv").read_bytes().splitlines()[1].startswith(b"1,Kyiv,,place:kyiv,")
    return run.status


def long_row(tmp: Path) -> int:
    run = batch(tmp, "in.csv", b"id,name\n1,Kyiv,x\n")
    assert (tmp / "out.csv").read_bytes().splitlines()[1].startswith(b"1,Kyiv,,,,")
    assert (tmp / "out.csv").read_bytes().endswith(b',"1,Kyiv,x"\n')
    return run.status


def broken_quoting(tmp: Path) -> int:
    runs = [batch(tmp, "in.csv", b'id,name\n1,"Kyiv"x\n2,Kyiv\n'), batch(tmp, "in.csv", b"id,name\n1,Ky\riv\n2,Kyiv\n"),
            batch(tmp, "in.csv", b'id,name\n1,"Kyiv\n2,Kyiv\n')]
    return same(r.status for r in runs)


def bad_json(tmp: Path) -> int:
    runs = [batch(tmp, "in.jsonl", data) for data in
            (b'{"name": "Kyiv"\n', b"[" * 100_000 + b"\n", b'["Kyiv"]\n')]
    runs.append(run_main(["tag", "--jsonl", "--lexicon", TAG_LEXICON], b'{"text": "Kyiv"}\n{"text": \n'))
    return same(r.status for r in runs)


def no_text_field(tmp: Path) -> int:
    run = run_main(["tag", "--jsonl", "--lexicon", TAG_LEXICON], b'{"text": "Kharkiv"}\n{"body": "Kharkiv"}\n')
    assert '"entities": [], "normalize_error": "no string field' in run.lines[1]
    return run.status


def earlier_run(tmp: Path) -> int:
    assert batch(tmp, "in.csv", b"id,name\n1,Kyiv,x\n").status == 1
    first = (tmp / "out.csv").read_bytes()
    (tmp / "in.csv").write_bytes(first)
    run = batch(tmp, "in.csv", first)
    assert (tmp / "out.csv").read_bytes() == first
    return run.status


def blank_lines(tmp: Path) -> int:
    run = batch(tmp, "in.jsonl", b'{"name": "Kyiv"}\n\n  \n{"name": "Kyiv"}\n')
    assert "2 records read" in run.stderr and "2 blank lines skipped" in run.stderr
    return run.status


def empty(tmp: Path) -> int:
    runs = [batch(tmp, "in.csv", b""), batch(tmp, "in.csv", b"\xef\xbb\xbf"), batch(tmp, "in.jsonl", b"")]
    assert all("empty input" in r.stderr for r in runs)
    return same(r.status for r in runs)


def cr_alone(tmp: Path) -> int:
    run = batch(tmp, "in.csv", b"id,name\r1,Kyiv\r")
    assert "lines end in CR alone" in run.stderr
    return run.status


def unknown_values(tmp: Path) -> int:
    (tmp / "docs.jsonl").write_bytes(b'{"body": "Kyiv"}\n')
    runs = [batch(tmp, "in.csv", b"id,nmae\n1,Kyiv\n"), batch(tmp, "in.csv", b"id,name\n1,Kyiv\n", "--type", "preson"),
            run_main(["translit", "--all", "--lang", "xx", "Київ"]), run_main(["schemes", "--lang", "xx"]),
            run_main(["translit", "-s", "uk_nationl", "Київ"]),
            run_main(["tag", "--jsonl", "--lexicon", TAG_LEXICON, str(tmp / "docs.jsonl")])]
    assert all(re.search(r"did you mean|choose from|types:|use --text-field", r.stderr) for r in runs)
    return same(r.status for r in runs)


def bad_gzip(tmp: Path) -> int:
    whole = gzip.compress(b"id,name\n" + b"1,Kyiv\n" * 50_000)
    corrupt = bytearray(whole)
    corrupt[30:50] = bytes(range(20))
    runs = [batch(tmp, "in.csv.gz", whole[: len(whole) // 2]), batch(tmp, "in.csv.gz", bytes(corrupt))]
    assert all("cannot read in.csv.gz" in r.stderr for r in runs)
    return same(r.status for r in runs)


def bad_lexicon(tmp: Path) -> int:
    (tmp / "deep.jsonl").write_text('{"id": "x", "type": "place", "names": ["X"]}\n' + "[" * 100_000 + "]" * 100_000 + "\n",
                                    encoding="utf-8")
    (tmp / "surrogate.jsonl").write_text('{"id": "x", "type": "place", "names": ["\\ud800"]}\n', encoding="utf-8")
    packed = bytearray(gzip.compress(Path(LEXICON).read_bytes()))
    packed[30:50] = bytes(range(20))
    (tmp / "bad.jsonl.gz").write_bytes(bytes(packed))
    statuses = []
    for name in ("deep.jsonl", "surrogate.jsonl", "bad.jsonl.gz"):
        assert run_main(["lexicon", "check", str(tmp / name)]).status == 1
        run = run_main(["match", "--lexicon", str(tmp / name), "Kyiv"])
        assert f"{tmp / name}:" in run.stderr
        statuses.append(run.status)
    return same(statuses)


def failed_write(tmp: Path) -> int:
    target = "/dev/full" if Path("/dev/full").exists() else str(tmp)  # a full device, or a directory
    run = run_main(["batch", "-", "--format", "csv", "-c", "name", "-o", target, "--lexicon", LEXICON, "--no-progress"],
                   b"id,name\n1,Kyiv\n")
    assert f"cannot write {target}: " in run.stderr and not list(tmp.glob(".*.tmp"))
    return run.status


def python_arguments(tmp: Path) -> str:
    matcher = normalize.Matcher(LEXICON)
    for call in (lambda: matcher.match(None), lambda: matcher.match("Kyiv", top=-1),  # type: ignore[arg-type]
                 lambda: normalize.translit(123, "uk_national"), lambda: normalize.Entity("x", "place", "Kyiv")):  # type: ignore[arg-type]
        with pytest.raises((TypeError, ValueError)):
            call()
    return "—"


def same(statuses: object) -> int:
    got = set(statuses)  # type: ignore[call-overload]
    assert len(got) == 1, f"one row, several statuses: {got}"
    return got.pop()


#: the first cell of each row of the bad-input table -> its scenario
SCENARIOS: dict[str, Callable[[Path], int | str]] = {
    "bytes that are not UTF-8, in any command": not_utf8,
    "a NUL byte in a CSV row": nul,
    "a CSV row with too few fields": short_row,
    "a CSV row with too many fields": long_row,
    "broken CSV quoting, a CR inside an unquoted field": broken_quoting,
    "invalid JSON, JSON nested too deeply, a JSON value that is not an object": bad_json,
    "a `tag --jsonl` document without the text field": no_text_field,
    "a record an earlier `batch` run could not read (a re-run over its output)": earlier_run,
    "blank lines in `batch` input": blank_lines,
    "an empty file, or a UTF-8 BOM alone": empty,
    "lines ending in CR alone (classic Mac OS)": cr_alone,
    "an unknown `--column`, `--type`, `--lang` or `--scheme`, a `--text-field` no document has": unknown_values,
    "corrupt or truncated gzip input": bad_gzip,
    "a lexicon with errors (invalid or deeply nested JSON, a lone surrogate, corrupt gzip)": bad_lexicon,
    "a full disk, or any write that fails": failed_write,
    "a bad argument to a Python function (`match(None)`, `top=-1`)": python_arguments,
}


def test_every_row_of_the_bad_input_table_has_a_scenario_and_every_scenario_a_row() -> None:
    _, bad_input = readme_tables()
    assert [row[0] for row in bad_input] == list(SCENARIOS)


@pytest.mark.parametrize("row", readme_tables()[1], ids=lambda row: row[0][:40])
def test_bad_input_gets_the_exit_status_the_readme_says(row: list[str], tmp_path: Path) -> None:
    kind, _, status = row
    got = SCENARIOS[kind](tmp_path)
    assert str(got) == status, f"{kind}: the README says exit status {status}, the commands give {got}"


def test_the_exit_status_table_lists_the_statuses_the_cli_uses() -> None:
    statuses, bad_input = readme_tables()
    listed = {int(n) for row in statuses for n in row[0].split(", ")}
    used = {cli.EXIT_OK, cli.EXIT_BAD_INPUT, cli.EXIT_USAGE, cli.EXIT_INTERRUPTED, cli.EXIT_BROKEN_PIPE,
            128 + signal.SIGHUP, 128 + signal.SIGTERM}
    assert listed == used
    assert {row[2] for row in bad_input} <= {str(s) for s in listed} | {"—"}

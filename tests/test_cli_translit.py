"""`normalize translit` and `normalize schemes` through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "normalize", *args], input=stdin, capture_output=True, timeout=60,
                          check=False)


def test_stdin_lines_in_order_same_count() -> None:
    stdin = "Київ\n\nЗгурівка\r\n".encode() + b"bad \xff bytes\n" + b"last"  # no final newline
    proc = run("translit", "--scheme", "uk_national", stdin=stdin)
    assert proc.returncode == 1  # the rule of every command: bad bytes read as U+FFFD, reported, exit 1
    assert proc.stderr.decode() == "<stdin>:4: invalid UTF-8: byte 0xff at column 5 (read as U+FFFD)\n"
    lines = proc.stdout.decode().split("\n")
    assert lines[:3] == ["Kyiv", "", "Zghurivka"] and lines[3] == "bad \ufffd bytes"
    assert lines[4] == "last" and len(lines) == 6 and lines[5] == ""


def test_text_arguments() -> None:
    proc = run("translit", "--scheme", "ru_bgn_pcgn", "Щука", "ЩУКА")
    assert proc.stdout.decode().strip() == "Shchuka SHCHUKA"


def test_all_schemes() -> None:
    proc = run("translit", "--all", "Харків")
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "uk_national" in out and "Kharkiv" in out


def test_unknown_scheme_exit_2_names_close_ids() -> None:
    proc = run("translit", "--scheme", "uk_nationl", "Київ")
    assert proc.returncode == 2
    assert "uk_national" in proc.stderr.decode()


def test_schemes_json() -> None:
    proc = run("schemes", "--json")
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    ids = {r["id"] for r in rows}
    assert {"ru_bgn_pcgn", "uk_national", "ru_iso9", "be_national", "bg_streamlined"} <= ids
    assert all({"id", "lang", "standard", "year", "reversible"} <= set(r) for r in rows)
    assert next(r for r in rows if r["id"] == "ru_iso9")["reversible"] is True


def test_help_is_fast_and_builds_nothing() -> None:
    # `import normalize` brings the small translit package (its modules, the text helpers and
    # the data-file reader); --help must load no other engine module and no scheme file
    allowed = ("normalize.cli", "normalize.translit", "normalize.schemes", "normalize.text", "normalize.datafile")
    script = (
        "import sys; from normalize.cli import main; "
        "import contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):\n    try: main(['--help'])\n"
        "    except SystemExit: pass\n"
        "from normalize.translit import registry\n"
        "print(sorted(m for m in sys.modules if m.startswith('normalize.') "
        f"and m.split('.')[0] + '.' + m.split('.')[1] not in {allowed!r}))\n"
        "print(sorted(registry._loaded))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True, timeout=60, check=False,
    )
    assert proc.stdout.decode().split() == ["[]", "[]"], proc.stdout

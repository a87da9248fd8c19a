"""The fault battery: every command and public function fed hostile input by hypothesis.

Random bytes, random Unicode (lone surrogates, control characters, runs of
combining marks, bidi controls, huge lines) and malformed structured input
(CSV rows of the wrong width, broken quoting, invalid and deeply nested JSON,
JSON values that are not objects). For each, the properties the README's
table of exit statuses promises:

* no traceback: a command returns an exit status of the table, a function
  returns its documented result or raises the TypeError/ValueError it
  documents (nothing else escapes);
* the exit status is the one the table gives for that input: 0 all read as
  is, 1 some input repaired or unreadable (each reported as FILE:LINE), 2 a
  usage error with nothing written;
* one output record per input record, in order (batch, tag --jsonl, match,
  translit), and offsets that index the text (tag).

The CLI runs in-process through ``normalize.cli.main`` (tests/cli_inprocess.py):
the same code and bytes as a subprocess without the interpreter start-up, so a
few hundred examples take seconds. A handful run the real entry point, with
-j 2 among them. The lexicons are the small fixtures, not the bundled ones.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import normalize
from normalize.batch import ERROR_FIELD, RAW_FIELD, raw_bytes
from normalize.translit import scheme_ids
from tests.cli_inprocess import Run, run_main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MATCH_LEXICON = str(FIXTURES / "match_lexicon.jsonl")
TAG_LEXICON = str(FIXTURES / "tag_lexicon.jsonl")

#: the exit statuses of the README's table that input (not signals) can cause
STATUSES = {0, 1, 2}

#: examples per property in every suite run; a longer hunt: NORMALIZE_FUZZ_EXAMPLES=2000
EXAMPLES = int(os.environ.get("NORMALIZE_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
csv.field_size_limit(1 << 26)

# -- strategies ---------------------------------------------------------------------------------

SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
CONTROL = st.sampled_from([chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe"])
BIDI = st.sampled_from(["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
                        "\u200e", "\u200f", "\u061c"])
COMBINING_RUN = st.builds(
    lambda base, mark, n: base + mark * n,
    st.sampled_from(["a", "К", "ї", "ω", " "]),
    st.sampled_from(["\u0301", "\u0308", "\u0306", "\u20dd", "\u0489", "\u0651"]),
    st.integers(1, 60),
)
NAME = st.sampled_from(["Kharkiv", "Харків", "Kharkov", "Kyiv", "Київ", "Bakhmut", "Тёткино", "Zelensky",
                        "Vitali Klitschko", "Зеленського", "RDK", "Belgorod", "Nowhere"])
ANY_CHAR = st.characters(exclude_categories=())  # surrogates included
PIECE = st.one_of(st.text(ANY_CHAR, max_size=6), SURROGATE, CONTROL, BIDI, COMBINING_RUN, NAME, NAME)
NASTY = st.lists(PIECE, max_size=10).map("".join)
HUGE_LINES = ("Kharkiv " * 12_000, "к\u0301" * 20_000, "\u202e" * 30_000 + "Kyiv", "x" * 120_000, "Київ, " * 8_000)
HUGE = st.integers(0, len(HUGE_LINES) - 1).map(HUGE_LINES.__getitem__)  # (not sampled_from: its repr would be huge)
TEXT = st.one_of(NASTY, NASTY, NASTY, NASTY, HUGE)


def encode(text: str) -> bytes:
    """UTF-8, with lone surrogates written as the bytes they would be (which are not UTF-8)."""
    return text.encode("utf-8", "surrogatepass")


BYTES = st.one_of(TEXT.map(encode), st.binary(max_size=300), st.binary(max_size=40).map(lambda b: b * 50))


def lines_of(data: bytes) -> list[bytes]:
    """Lines as a binary stream yields them (split on LF only), without the LF."""
    parts = data.split(b"\n")
    if parts[-1] == b"":
        parts.pop()
    return parts


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def check_clean_failure(run: Run) -> None:
    """Exit status 2: a usage error, said in a `normalize CMD: error:` line, nothing on stdout.

    (argparse puts the usage before it; the commands themselves say only that line.)
    """
    assert run.stdout == b""
    assert re.match(r"(usage: .*\n)?normalize [a-z]+: error: [^\n]+\n\Z", run.stderr, re.DOTALL), run.stderr


# -- match, translit: one output line per input line ---------------------------------------------


@FUZZ
@given(data=st.lists(BYTES, max_size=6).map(b"\n".join))
def test_match_fuzz(data: bytes) -> None:
    run = run_main(["match", "--lexicon", MATCH_LEXICON, "--top", "2"], data)
    lines = lines_of(data)
    assert run.status == (0 if is_utf8(data) else 1), run.stderr
    out = run.stdout.decode("utf-8").split("\n")
    assert out.pop() == ""
    assert len(out) == len(lines)
    for raw, got in zip(lines, out):
        obj = json.loads(got)
        assert obj["query"] == raw.decode("utf-8", "replace").rstrip("\r\n")
        assert len(obj["matches"]) <= 2
    bad = [n for n, raw in enumerate(lines, 1) if not is_utf8(raw)]
    assert [line.split(":")[1] for line in run.stderr.splitlines()] == [str(n) for n in bad]


@FUZZ
@given(data=st.lists(BYTES, max_size=6).map(b"\n".join), scheme=st.sampled_from(scheme_ids()))
def test_translit_fuzz(data: bytes, scheme: str) -> None:
    run = run_main(["translit", "--scheme", scheme], data)
    assert run.status == (0 if is_utf8(data) else 1), run.stderr
    out = run.stdout.decode("utf-8").split("\n")
    assert out.pop() == "" and len(out) == len(lines_of(data))


# -- tag -------------------------------------------------------------------------------------------


@FUZZ
@given(data=BYTES, fuzzy=st.booleans())
def test_tag_text_fuzz(data: bytes, fuzzy: bool) -> None:
    run = run_main(["tag", "--lexicon", TAG_LEXICON, *(["--fuzzy"] if fuzzy else [])], data)
    assert run.status == (0 if is_utf8(data) else 1), run.stderr
    text = data.decode("utf-8", "replace")
    last = 0
    for line in run.stdout.decode("utf-8").split("\n")[:-1]:
        m = json.loads(line)
        assert text[m["start"] : m["end"]] == m["text"] and m["start"] >= last  # offsets index the text, in order
        last = m["end"]
    assert all(line.startswith("<stdin>") for line in run.stderr.splitlines())


def json_documents() -> st.SearchStrategy[bytes]:
    scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT)
    value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                         max_leaves=6)
    document = st.fixed_dictionaries({"text": TEXT}, optional={"id": st.integers(), "entities": value, "x": value})
    line = st.one_of(
        st.builds(lambda d, a: json.dumps(d, ensure_ascii=a), document, st.booleans()).map(encode),
        value.map(lambda v: encode(json.dumps(v))),  # a JSON value, rarely an object with a text
        st.builds(lambda d, k: json.dumps(d)[:k], document, st.integers(0, 30)).map(encode),  # truncated
        st.integers(1, 3).map(lambda k: b"[" * (30_000 * k) + b"]" * (30_000 * k)),  # deeply nested
        BYTES.map(lambda b: b.replace(b"\n", b" ")),
        st.just(b""),
    )
    return st.lists(line, min_size=1, max_size=6).map(lambda ls: b"\n".join(ls) + b"\n")


@FUZZ
@given(data=json_documents())
def test_tag_jsonl_fuzz(data: bytes) -> None:
    run = run_main(["tag", "--jsonl", "--lexicon", TAG_LEXICON], data)
    lines = lines_of(data)
    if run.status == 2:  # no document has a string "text": a usage error, before any output
        check_clean_failure(run)
        for raw in lines:
            try:
                doc = json.loads(raw.decode("utf-8", "replace"))
            except (ValueError, RecursionError):
                continue
            assert not (isinstance(doc, dict) and isinstance(doc.get("text"), str))
        return
    out = run.stdout.decode("utf-8").split("\n")
    assert out.pop() == "" and len(out) == len(lines)  # one output line per input line
    problems = 0
    for raw, got in zip(lines, out):
        obj = json.loads(got)
        assert isinstance(obj["entities"], list)
        problems += "normalize_error" in obj and not (raw.strip().startswith(b"{") and b'"normalize_error"' in raw)
        if "normalize_raw" in obj:
            assert raw_bytes(obj["normalize_raw"]) == raw.removesuffix(b"\r")
    assert run.status == (1 if problems else 0), run.stderr
    assert len(run.stderr.splitlines()) == problems


# -- batch: one output record per input record, in order ----------------------------------------


def csv_field(text: str) -> bytes:
    """A field as a CSV writer quotes it (minimally)."""
    if any(c in text for c in ',"\r\n'):
        text = '"' + text.replace('"', '""') + '"'
    return encode(text)


@st.composite
def csv_records(draw: Any) -> tuple[bytes, int, bool]:
    """(file, records, some record has a problem): rows of every kind, each starting with its number.

    Only good rows have quoted line breaks: a multi-line record that does not parse or has the
    wrong width is taken to be an unclosed quote, so its first line alone is the record (the
    documented rule that keeps a stray quote from swallowing the file).
    """
    kinds = draw(st.lists(st.sampled_from(["good", "good", "good", "short", "long", "bad-utf8", "nul", "after-quote",
                                           "cr", "blank"]), max_size=8))
    out = [b"id,name,note\n"]
    n = 0
    problem = False
    for kind in kinds:
        if kind == "blank":
            out.append(b"\n")
            continue
        name, note = draw(TEXT), draw(NASTY)
        if kind != "good":
            name, note = name.replace("\n", " "), note.replace("\n", " ")
        head = str(n).encode()
        if kind == "good":
            row = b",".join([head, csv_field(name), csv_field(note)])
            problem |= not is_utf8(row) or b"\x00" in row
        elif kind == "short":
            row, problem = head + b"," + csv_field(name), True
        elif kind == "long":
            row, problem = b",".join([head, csv_field(name), csv_field(note), b"extra"]), True
        elif kind == "bad-utf8":
            row, problem = b",".join([head, csv_field(name), draw(st.binary(min_size=1, max_size=4).map(lambda b: bytes(x | 0x80 for x in b)))]), True
        elif kind == "nul":
            row, problem = b",".join([head, csv_field(name), b"a\x00b"]), True
        elif kind == "after-quote":
            row, problem = head + b',"Kyiv"x,' + csv_field(note), True
        else:  # a CR inside an unquoted field
            row, problem = head + b",Ky\riv," + csv_field(note), True
        out.append(row + b"\n")
        n += 1
    if draw(st.booleans()):  # an unclosed quote in the last record
        out.append(str(n).encode() + b',"' + encode(draw(NASTY)).replace(b'"', b"").replace(b"\n", b" ") + b"\n")
        n += 1
        problem = True
    return b"".join(out), n, problem


def batch_args(fmt: str) -> list[str]:
    return ["batch", "-", "--format", fmt, "-c", "name", "--lexicon", MATCH_LEXICON, "--no-progress"]


def csv_ids(output: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(output.decode("utf-8"), newline="")))  # strict: valid UTF-8
    header, body = rows[0], rows[1:]
    assert header[:3] == ["id", "name", "note"] and header[-2:] == [ERROR_FIELD, RAW_FIELD]
    ids = []
    for row in body:
        assert len(row) == len(header)
        ids.append(row[0] or raw_bytes(row[-1]).split(b",")[0].decode())
        assert bool(row[-2]) == bool(row[-1])  # an error always comes with the raw text
    return ids


@FUZZ
@given(case=csv_records())
def test_batch_csv_fuzz(case: tuple[bytes, int, bool]) -> None:
    data, records, problem = case
    run = run_main(batch_args("csv"), data)
    assert run.status == (1 if problem else 0), run.stderr
    assert csv_ids(run.stdout) == [str(i) for i in range(records)]


@st.composite
def jsonl_records(draw: Any) -> tuple[bytes, int, bool]:
    kinds = draw(st.lists(st.sampled_from(["good", "good", "good", "garbage", "array", "truncated", "deep", "blank",
                                           "no-name", "earlier-error"]), max_size=8))
    out = []
    n = 0
    problem = False
    for kind in kinds:
        if kind == "blank":
            out.append(draw(st.sampled_from([b"\n", b"  \n", b"\t\r\n"])))
            continue
        name = draw(TEXT)
        if kind == "good":
            line = encode(json.dumps({"id": n, "name": name, "x": draw(NASTY)}, ensure_ascii=draw(st.booleans())))
            problem |= not is_utf8(line)
        elif kind == "no-name":
            line = encode(json.dumps({"id": n, "name": draw(st.sampled_from([None, 5, [], {}]))}))
        elif kind == "earlier-error":  # what a run writes for a bad record; a re-run keeps it as it is
            line = json.dumps({"id": n, "name_id": None, "name_label": None, "name_score": None,
                               ERROR_FIELD: "invalid JSON", RAW_FIELD: "{"}).encode()
        elif kind == "garbage":
            line, problem = b"#%d#" % n + draw(BYTES).replace(b"\n", b" "), True
        elif kind == "array":
            line, problem = encode(json.dumps([n, name])), True
        elif kind == "truncated":
            whole = json.dumps({"id": n, "name": name})
            line, problem = encode(whole[: draw(st.integers(len(f'{{"id": {n}'), len(whole) - 1))]), True
        else:
            line, problem = b"[%d, " % n + b"[" * 50_000 + b"]" * 50_000 + b"]", True
        out.append(line + b"\n")
        n += 1
    return b"".join(out), n, problem


def jsonl_ids(output: bytes) -> list[int]:
    ids = []
    for line in output.decode("utf-8").split("\n")[:-1]:  # strict: valid UTF-8
        obj = json.loads(line)
        assert {"name_id", "name_label", "name_score"} <= set(obj)
        if isinstance(obj.get("id"), int):
            ids.append(obj["id"])
        else:
            m = re.match(rb'(?:\{"id": |#|\[)(\d+)', raw_bytes(obj[RAW_FIELD]))
            assert m, obj
            ids.append(int(m.group(1)))
    return ids


@FUZZ
@given(case=jsonl_records())
def test_batch_jsonl_fuzz(case: tuple[bytes, int, bool]) -> None:
    data, records, problem = case
    run = run_main(batch_args("jsonl"), data)
    assert run.status == (1 if problem else 0), run.stderr
    assert jsonl_ids(run.stdout) == list(range(records))


def damaged_gzip(data: bytes, cut: int, flip: int) -> bytes:
    """gzip of ``data``, then truncated (``cut``) or with a byte changed (``flip``) or both."""
    packed = bytearray(gzip.compress(data))
    if flip:
        packed[flip % len(packed)] ^= 0x5A
    return bytes(packed[: len(packed) - cut % len(packed)] if cut else packed)


GZIP = st.one_of(
    st.binary(max_size=200).map(lambda b: b"\x1f\x8b" + b),
    st.builds(damaged_gzip, BYTES, st.integers(0, 50), st.integers(0, 500)),
)


@FUZZ
@given(data=st.one_of(BYTES, GZIP), fmt=st.sampled_from(["csv", "tsv", "jsonl"]),
       column=st.one_of(st.just("name"), st.text(min_size=1, max_size=5)))
def test_batch_random_bytes_fuzz(data: bytes, fmt: str, column: str) -> None:
    run = run_main([*batch_args(fmt), f"--column={column}"], data)
    assert run.status in STATUSES
    if run.status == 2:
        check_clean_failure(run)
    else:
        run.stdout.decode("utf-8")  # always valid UTF-8


# -- lexicons --------------------------------------------------------------------------------------


def lexicon_lines() -> st.SearchStrategy[bytes]:
    """Lexicon files: mostly valid entities (with hostile names), some invalid ones, some junk."""
    name = st.one_of(TEXT, st.fixed_dictionaries({"text": TEXT}, optional={"lang": st.sampled_from(["uk", "ru", "en", "x"]),
                                                                           "kind": st.sampled_from(["alias", "former", "typo"])}))
    valid = st.fixed_dictionaries(
        {"id": st.from_regex(r"(place|person|org):[a-z]{1,6}", fullmatch=True),
         "type": st.sampled_from(["place", "person", "org", "ship"]), "names": st.lists(name, min_size=1, max_size=3)},
        optional={"population": st.integers(0, 10**7), "label": TEXT, "gender": st.sampled_from(["m", "f"])},
    )
    invalid = st.fixed_dictionaries(
        {"id": st.one_of(st.from_regex(r"place:[a-z]{1,6}", fullmatch=True), TEXT), "type": st.sampled_from(["place", "x y"]),
         "names": st.one_of(st.lists(name, max_size=3), TEXT)},
        optional={"parent": st.text(max_size=5), "population": st.one_of(st.integers(), TEXT), "nmes": st.just(1)},
    )
    entity = st.one_of(valid, valid, valid, invalid)
    line = st.one_of(st.builds(lambda e, a: encode(json.dumps(e, ensure_ascii=a)), entity, st.booleans()),
                     st.builds(lambda e, a: encode(json.dumps(e, ensure_ascii=a)), entity, st.booleans()),
                     BYTES.map(lambda b: b.replace(b"\n", b" ")),
                     st.just(b"[" * 60_000 + b"]" * 60_000))
    return st.lists(line, max_size=4).map(lambda ls: b"\n".join(ls))


@FUZZ
@given(data=st.one_of(lexicon_lines(), lexicon_lines().map(gzip.compress), GZIP), entity=TEXT)
def test_lexicon_fuzz(data: bytes, entity: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("lex") / ("fuzz.jsonl.gz" if data.startswith(b"\x1f\x8b") else "fuzz.jsonl")
    path.write_bytes(data)
    lexicon, problems = normalize.Lexicon.check([path])  # never raises for bad content
    errors = [p for p in problems if p.severity == "error"]
    check = run_main(["lexicon", "check", str(path)])
    assert check.status == (1 if errors else 0)
    stats = run_main(["lexicon", "stats", "--json", "--lexicon", str(path)])
    if errors:
        assert stats.status == 2 and stats.stdout == b""
    else:
        assert stats.status == 0 and json.loads(stats.stdout)["entities"] == len(lexicon)
        match = run_main(["match", "--lexicon", str(path), "Kyiv"])
        assert match.status == 0 and len(match.lines) == 1
        tag = run_main(["tag", "--lexicon", str(path), "--no-cache"], "Kyiv Київ Kharkiv".encode())
        assert tag.status == 0
    if lexicon.entities and entity == "":
        entity = lexicon.entities[0].id  # an entity that exists, whatever its names
    show = run_main(["lexicon", "show", entity, "--lexicon", str(path)])
    assert show.status in ((2,) if errors or lexicon.get(entity) is None else (0,))


@FUZZ
@given(
    data=st.one_of(BYTES, GZIP, json_documents(), csv_records().map(lambda c: c[0]), lexicon_lines()),
    fmt=st.sampled_from([None, "csv", "tsv", "jsonl", "json", "ftm"]),
    kind=st.sampled_from(["--type=place", "--type=person", "--type-column=type"]),
)
def test_lexicon_import_fuzz(data: bytes, fmt: str | None, kind: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("import")
    out = tmp / "out.jsonl"
    run = run_main(["lexicon", "import", "-", "-o", str(out), kind, *([f"--format={fmt}"] if fmt else [])], data)
    assert run.status in STATUSES, run
    if run.status == 2:
        check_clean_failure(run)
        assert not out.exists()
    else:  # rows that could not be used are reported; what is written is a valid lexicon
        assert run.status == (1 if re.search(r"^<stdin>:\d+: ", run.stderr, re.MULTILINE) else 0), run.stderr
        normalize.Lexicon.load([out])


# -- option values ----------------------------------------------------------------------------------


@FUZZ
@given(
    command=st.sampled_from(["match", "translit", "schemes", "tag", "batch"]),
    value=st.one_of(st.text(max_size=6), st.integers(-5, 200).map(str), st.sampled_from(["0", "100", "nan", "1e9", "-0"])),
    option=st.sampled_from(["--top", "--min-score", "--type", "--lang", "--scheme", "-j", "--text-field", "--format"]),
)
def test_option_values_fuzz(command: str, value: str, option: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    cwd = tmp_path_factory.mktemp("cwd")
    if option == "-j" and value.lstrip("-").isdigit():
        value = str(min(int(value), 2))  # two cores: a valid worker count, not two hundred processes
    base = {
        "match": ["match", "--lexicon", MATCH_LEXICON],
        "translit": ["translit", "--all"] if option == "--lang" else ["translit"],
        "schemes": ["schemes"],
        "tag": ["tag", "--lexicon", TAG_LEXICON] + (["--jsonl"] if option == "--text-field" else []),
        "batch": ["batch", "-", "-c", "name", "--lexicon", MATCH_LEXICON, "--no-progress"]
        + ([] if option == "--format" else ["--format", "csv"]),
    }[command]
    stdin = b'{"text": "Kharkiv"}\n' if "--jsonl" in base else b"name\nKharkiv\n" if command == "batch" else b"Kharkiv\n"
    run = run_main([*base, f"{option}={value}", *(["Київ"] if command == "translit" else [])], stdin, cwd=cwd)
    assert run.status in STATUSES, run
    if run.status == 2:
        assert run.stdout == b"" and "error: " in run.stderr
    else:
        assert run.stdout


# -- the Python API -----------------------------------------------------------------------------------

_MATCHER: normalize.Matcher | None = None
_TAGGER: normalize.Tagger | None = None


def matcher() -> normalize.Matcher:
    global _MATCHER
    if _MATCHER is None:
        _MATCHER = normalize.Matcher(MATCH_LEXICON)
    return _MATCHER


def tagger() -> normalize.Tagger:
    global _TAGGER
    if _TAGGER is None:
        _TAGGER = normalize.Tagger(TAG_LEXICON, cache=False)
    return _TAGGER


SCHEMES = scheme_ids()
ANYTHING = st.one_of(TEXT, st.none(), st.integers(), st.binary(max_size=5), st.lists(st.text(max_size=3), max_size=2),
                     st.floats())


@FUZZ
@given(text=TEXT, scheme=st.sampled_from(SCHEMES))
def test_text_functions_fuzz(text: str, scheme: str) -> None:
    assert isinstance(normalize.translit(text, scheme), str)
    assert normalize.detect_script(text) in (None, "Cyrl", "Latn", "Grek", "Geor", "Other", "Mixed")
    assert normalize.detect_language(text) in (None, "uk", "ru", "be", "bg", "sr", "mk", "kk")
    if len(text) < 2_000:  # every scheme's rendering: linear, but 46 schemes
        assert all(isinstance(r.text, str) for r in normalize.romanizations(text))
    for lang in ("ru", "uk"):
        if len(unicodedata.normalize("NFC", text)) > 200:
            with pytest.raises(ValueError, match="at most 200 characters"):
                normalize.cyrillic_candidates(text, lang)
        else:
            assert 1 <= len(normalize.cyrillic_candidates(text, lang, limit=3)) <= 3
    mentions = tagger().tag(text)
    assert all(text[m.start : m.end] == m.text for m in mentions)


@FUZZ
@given(name=st.one_of(TEXT, ANYTHING), top=st.one_of(st.integers(-2, 6), ANYTHING),
       min_score=st.one_of(st.none(), st.floats(-10, 200), ANYTHING))
def test_match_arguments_fuzz(name: Any, top: Any, min_score: Any) -> None:
    valid = (
        isinstance(name, str)
        and isinstance(top, int) and not isinstance(top, bool) and top >= 0
        and (min_score is None or (isinstance(min_score, (int, float)) and not isinstance(min_score, bool) and 0 <= min_score <= 100))
    )
    if valid:
        results = matcher().match(name, top=top, min_score=min_score)
        assert all(isinstance(r, normalize.Match) and r.score >= (min_score if min_score is not None else 0) for r in results)
        assert len(results) <= top or top == 0
    else:
        with pytest.raises((TypeError, ValueError)):
            matcher().match(name, top=top, min_score=min_score)


@FUZZ
@given(records=st.lists(st.one_of(st.dictionaries(st.sampled_from(["name", "x", "id"]), ANYTHING, max_size=3), ANYTHING),
                        max_size=8))
def test_match_records_fuzz(records: list[Any]) -> None:
    out = list(normalize.match_records(records, ["name"], matcher=matcher()))
    assert len(out) == len(records)  # one output per input, in order
    for rec, got in zip(records, out):
        if isinstance(rec, dict):
            assert {k: got[k] for k in rec} == rec and ERROR_FIELD not in got
        else:
            assert got[RAW_FIELD] is rec and got[ERROR_FIELD].startswith("record is not a mapping")
    names = [r.get("name") if isinstance(r, dict) else r for r in records]
    assert len(normalize.match_many(names, matcher=matcher())) == len(names)


@FUZZ
@given(entities=st.lists(st.one_of(
    st.fixed_dictionaries({"id": ANYTHING, "type": ANYTHING, "names": ANYTHING}, optional={"parent": ANYTHING, "label": ANYTHING}),
    st.fixed_dictionaries({"id": st.just("place:x"), "type": st.just("place"), "names": st.lists(st.one_of(TEXT, ANYTHING), max_size=3)}),
    ANYTHING,
), max_size=3))
def test_entities_from_code_fuzz(entities: list[Any]) -> None:
    try:
        lexicon = normalize.Lexicon.from_entities(entities)
    except (normalize.LexiconError, TypeError) as exc:
        assert str(exc)
        return
    assert len(lexicon) == len(entities)
    normalize.Matcher(lexicon).match("Kyiv")
    for e in entities:
        try:
            normalize.Entity(e["id"], e["type"], e["names"])
        except (TypeError, ValueError) as exc:
            assert str(exc)


_INDEX: bytes | None = None


def compiled_index() -> bytes:
    """The bytes of an index of the small lexicon, compiled once."""
    global _INDEX
    if _INDEX is None:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "small.idx"
            normalize.compile_index(MATCH_LEXICON, path)
            _INDEX = path.read_bytes()
    return _INDEX


@FUZZ
@given(kind=st.sampled_from(["random", "cut", "flip"]), data=st.binary(max_size=300), at=st.integers(0, 10**7))
def test_index_files_fuzz(kind: str, data: bytes, at: int, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A damaged or foreign index file is refused with IndexFileError, or (a changed byte that
    breaks nothing checked) still answers; never a crash (a checksummed index refuses the rest)."""
    whole = compiled_index()
    if kind == "random":
        blob = data
    elif kind == "cut":
        blob = whole[: at % len(whole)]
    else:
        i = at % len(whole)
        blob = whole[:i] + bytes([whole[i] ^ 0x5A]) + whole[i + 1 :]
    path = tmp_path_factory.mktemp("idx") / "f.idx"
    path.write_bytes(blob)
    try:
        index = normalize.load_index(path)
    except normalize.IndexFileError as exc:
        assert str(path) in str(exc)
        at_load = True
    else:
        at_load = False
        try:  # each section is checked when first used: a query may find the damage
            assert all(isinstance(m, normalize.Match) for m in index.matcher().match("Kyiv Kharkiv Zelensky"))
        except normalize.IndexFileError as exc:
            assert str(path) in str(exc)
    for args, stdin in ((["match", "--index", str(path), "Kyiv Kharkiv Zelensky"], b""),
                        (["tag", "--index", str(path)], "Kyiv, Київ, Zelensky".encode()),
                        (["batch", "-", "--format", "csv", "-c", "name", "--index", str(path), "--no-progress"], b"name\nKyiv\n")):
        run = run_main(args, stdin)
        assert run.status in ((2,) if at_load else (0, 2)), (args, run)  # the sections a command uses decide
        if run.status == 2:
            check_clean_failure(run)


@FUZZ
@given(text=TEXT)
def test_html_view_fuzz(text: str) -> None:
    page = normalize.render_html(text, tagger().tag(text))
    page.encode("utf-8")  # writable, whatever the text held
    assert page.startswith("<!DOCTYPE html>")


# -- the real entry point --------------------------------------------------------------------------


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=st.one_of(csv_records().map(lambda c: ("csv", c)), jsonl_records().map(lambda c: ("jsonl", c))))
def test_subprocess_batch_with_workers_matches_in_process(case: tuple[str, tuple[bytes, int, bool]]) -> None:
    """`python -m normalize batch -j 2` gives the bytes and status of the in-process -j 1 run."""
    fmt, (data, records, problem) = case
    inprocess = run_main(batch_args(fmt), data)
    proc = subprocess.run([sys.executable, "-m", "normalize", *batch_args(fmt), "-j", "2"], input=data,
                          capture_output=True, timeout=120, check=False)
    assert b"Traceback" not in proc.stderr
    assert proc.returncode == inprocess.status == (1 if problem else 0)
    assert proc.stdout == inprocess.stdout
    ids = csv_ids(proc.stdout) if fmt == "csv" else jsonl_ids(proc.stdout)
    assert [str(i) for i in ids] == [str(i) for i in range(records)]


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["match", "--lexicon", MATCH_LEXICON], b"\xff\xfe\n\x00Kyiv\n\xed\xa0\x80\n" + "\u202e" .encode() * 10_000),
        (["tag", "--lexicon", TAG_LEXICON], b"Kharkiv \xff " + "а\u0301".encode() * 20_000 + b"\n\x00\r\nKyiv"),
        (["tag", "--jsonl", "--lexicon", TAG_LEXICON], b'{"text": "Kharkiv \\ud800"}\n' + b"[" * 100_000 + b"\n\xff\n"),
        (["translit", "-s", "ru_iso9"], b"\xd0\n\x00\n" + "Щ\u0301".encode() * 10_000),
    ],
)
def test_subprocess_hostile_input(args: list[str], stdin: bytes) -> None:
    proc = subprocess.run([sys.executable, "-m", "normalize", *args], input=stdin, capture_output=True, timeout=120,
                          check=False)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr  # repaired input: exit 1, never a crash
    assert proc.stdout.decode("utf-8").count("\n") >= 1
    assert proc.stderr.decode("utf-8").startswith("<stdin>:")

"""Batch normalization: add canonical IDs to every record of a table or a JSON dump.

Two layers:

* the Python API, :func:`match_records` (a generator over dicts) and
  :func:`match_many` (the best match of each name of a list), for pipelines
  that already hold their records in memory or stream them themselves;
* the file engine behind ``normalize batch``, :func:`run_batch`, which streams a
  CSV, TSV or JSON Lines file (plain or gzip) through worker processes and
  never loses a record.

What the file engine guarantees, and how (the choices a data engineer needs
to know):

* **One output record per input record, in input order.** Blank lines are not
  records: they are skipped and counted in the summary.
* **Added fields**: for every ``--column NAME``, ``NAME_id``, ``NAME_label``
  and ``NAME_score`` (the best match at or above the threshold; the score with
  one decimal). No match: empty cells in CSV, ``null`` in JSON. A field of
  that name already in the input is overwritten in place, so a re-run on the
  engine's own output replaces the previous results.
* **Everything else is kept.** CSV: column order, values exactly (the fields
  are re-quoted minimally, so ``"Kyiv"`` becomes ``Kyiv``), unicode, a UTF-8
  BOM. JSON Lines: each good line is written back byte for byte, with the new
  keys spliced in before its closing brace (numbers, escapes and spacing
  untouched). Output lines end the way the input's first line ends (CRLF or
  LF); a missing final newline is added.
* **Records with a problem** are written in their place with a
  ``normalize_error`` field (what was wrong, and what was done about it) and
  a ``normalize_raw`` field (the record's raw bytes, without the final line
  break, escaped as :func:`raw_bytes` describes: backslashes doubled, bytes
  that are not UTF-8 and NUL as ``\\xNN``, so the output is always valid
  UTF-8 and the bytes can always be recovered), and reported on stderr as
  ``FILE:LINE: message``. What is kept depends on the problem:

  - invalid UTF-8 or a NUL byte: the bad bytes are read as U+FFFD (the rule of
    every command) and the record is processed as usual, matched included;
  - a CSV row with too few fields: the missing trailing fields are empty (as
    ``csv.DictReader`` and pandas read it), and the row is matched;
  - a CSV row with too many fields: the fields that have a column are kept,
    the others are only in ``normalize_raw``; it is not matched (its fields
    may be shifted);
  - broken CSV quoting, invalid JSON, a JSON value that is not an object:
    nothing can be lined up, the other fields are empty (CSV) or absent (JSON).

  A CSV output always has the ``normalize_error`` and ``normalize_raw``
  columns (empty on good rows): a schema that does not depend on the data.
  In JSON Lines only records with a problem carry them.
* **A re-run over the engine's own output loses nothing**: a record that
  carries a ``normalize_error`` of an earlier run is written back as it is
  (that run saw the raw record; this one cannot); clear the field of a record
  you have fixed and the next run matches it. So ``-o`` may name the input
  itself: it is read to the end before being replaced, and running the same
  command again gives the same file.
* **Broken CSV quoting does not swallow the file**: a record that spans several
  lines (a quoted newline) and does not parse, or has the wrong number of
  fields, is taken to be an unclosed quote: only its first line is reported,
  and parsing resumes on the next line.
* **Parallelism without reordering**: the input is cut into chunks of about
  64 KiB at record boundaries (for CSV, a line end after an even number of
  quote characters), each chunk is parsed, matched and formatted by a worker,
  and the results are written in chunk order, at most ``2 * jobs`` chunks in
  flight. The cutting depends only on the bytes, so the output is identical
  for any number of workers. (A stray quote inside an unquoted field, which
  the csv module keeps as a literal character, can in rare cases make a cut
  fall inside a multi-line quoted field; both halves are then reported as
  malformed, the same way for every ``-j``.) Workers are forked (where the
  platform can) after the parent has indexed the lexicon and done the first
  chunk itself, so they share the built matcher and start out knowing the
  frequent names; each name a worker matches is forwarded to the others.
* **Names are matched once per distinct value** (a bounded cache per process).
* **OUTPUT appears whole or not at all**: it is written to a temporary file in
  its directory and renamed at the end; on an error (a full disk included),
  Ctrl-C, SIGTERM or SIGHUP the temporary file is removed and an existing
  OUTPUT is left as it was. After SIGKILL it remains, as
  ``.OUTPUT.PID.XXXXXXXX.tmp``, until the next run of the same OUTPUT removes
  it (once process PID is gone); OUTPUT is never half-written. stdout, devices
  and FIFOs are written straight through.
* **Usage errors come before any output**: the input is opened, the header
  (CSV) or the first chunk (JSON Lines) is read and the columns are checked,
  the output's directory is checked, the lexicon is loaded and the options
  checked against it (an unknown ``--type``), all before the
  first byte is written. For JSON Lines, a column is unknown when no object in
  the first chunk (about 64 KiB) has it; records after that without it are
  just records without a name.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import json
import os
import queue
import secrets
import signal
import sys
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from normalize._badinput import csv_error, escape_raw, json_error, json_line, unescape_raw, utf8_error

if TYPE_CHECKING:  # pragma: no cover
    from normalize.matcher import Match, Matcher

__all__ = [
    "ERROR_FIELD",
    "RAW_FIELD",
    "BatchError",
    "Summary",
    "added_fields",
    "match_many",
    "match_records",
    "raw_bytes",
    "run_batch",
]

#: the field that carries the reason a record could not be read
ERROR_FIELD = "normalize_error"
#: the field that carries the raw text of a record that could not be read
RAW_FIELD = "normalize_raw"
#: longer texts are not names: they are not matched (and would be slow to try)
MAX_NAME_LENGTH = 300
#: target size of a chunk of input handed to a worker: small chunks spread what the
#: workers learn about names sooner (measured: 64 KiB costs less CPU in total than 1 MiB)
CHUNK_BYTES = 1 << 16
#: a CSV record still open after this many bytes is cut (an unclosed quote)
MAX_RECORD_BYTES = 64 << 20
#: distinct names remembered per process before the cache is cleared (bounds memory)
CACHE_SIZE = 100_000

FORMATS = ("csv", "tsv", "jsonl")
_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_BOM = codecs.BOM_UTF8
_SUFFIXES = ("id", "label", "score")


class BatchError(Exception):
    """A problem with the job itself (bad input file, unknown column): exit status 2."""


def raw_bytes(raw: str) -> bytes:
    r"""The exact bytes of a record from its ``normalize_raw`` text.

    ``normalize_raw`` is the record's bytes as UTF-8 text with every backslash
    doubled and every byte that is not valid UTF-8 (and NUL) written ``\xNN``,
    so that it is always valid text and never ambiguous: ``\xf3`` is the byte
    0xF3, ``\\xf3`` the four characters ``\xf3`` as written.

    >>> raw_bytes(r"caf\xe9 costs \\x41")
    b'caf\xe9 costs \\x41'
    """
    return unescape_raw(raw)


def added_fields(columns: Sequence[str]) -> list[str]:
    """The fields a batch adds for ``columns``: ``NAME_id``, ``NAME_label``, ``NAME_score`` each."""
    return [f"{c}_{s}" for c in columns for s in _SUFFIXES]


# -- matching ---------------------------------------------------------------------------


class _Resolver:
    """The best match of a name, remembered: batches repeat the same names a lot."""

    def __init__(
        self, matcher: Matcher, min_score: float | None, types: Sequence[str] | None, *, cache: bool = True
    ) -> None:
        from normalize.matcher import check_match_options

        check_match_options("", 1, min_score, types, matcher.entity_types)  # bad options fail now
        self.matcher = matcher
        self.min_score = min_score
        self.types = list(types) if types else None
        self._cache: dict[str, Match | None] | None = {} if cache else None
        matcher.match("")  # build the indexes now (before a fork shares them)

    def best(self, name: str) -> Match | None:
        key = name.strip()
        if len(key) > MAX_NAME_LENGTH:  # not a name; not cached either (memory)
            return None
        cache = self._cache
        if cache is not None and key in cache:
            return cache[key]
        result = None
        if key:
            found = self.matcher.match(key, top=1, min_score=self.min_score, types=self.types)
            result = found[0] if found else None
        if cache is not None:
            if len(cache) >= CACHE_SIZE:
                cache.clear()
            cache[key] = result
        return result


_DEFAULT_MATCHER: Matcher | None = None


def _get_matcher(matcher: Matcher | None, lexicon: Any) -> Matcher:
    """The given matcher, or one over ``lexicon`` (the bundled lexicons, built once, when None)."""
    global _DEFAULT_MATCHER
    from normalize.matcher import Matcher

    if matcher is not None:
        return matcher
    if lexicon is not None:
        return Matcher(lexicon)
    if _DEFAULT_MATCHER is None:
        _DEFAULT_MATCHER = Matcher(None)
    return _DEFAULT_MATCHER


def match_many(
    names: Iterable[str],
    *,
    lexicon: Any = None,
    matcher: Matcher | None = None,
    min_score: float | None = None,
    types: Sequence[str] | str | None = None,
) -> list[Match | None]:
    """The best match of each name (``None`` when nothing scores high enough), in order.

    Each distinct name is matched once. Pass ``matcher`` to reuse its indexes
    across calls; otherwise ``lexicon`` (a :class:`~normalize.lexicon.Lexicon`
    or paths) is indexed, or the bundled lexicons (indexed once per process).

    >>> from normalize.lexicon import Entity, Lexicon, Name
    >>> lex = Lexicon.from_entities([Entity("place:ua-kharkiv", "place", (Name("Харків", "uk"),))])
    >>> [m.id if m else None for m in match_many(["Kharkiv", "Kharkiv", "Lviv"], lexicon=lex)]
    ['place:ua-kharkiv', 'place:ua-kharkiv', None]
    """
    _check_iterable("names", names, "names")
    if isinstance(types, str):
        types = [types]
    resolver = _Resolver(_get_matcher(matcher, lexicon), min_score, types)
    return [resolver.best(n) if isinstance(n, str) else None for n in names]


def _check_iterable(what: str, value: Any, items: str) -> None:
    """An argument that must hold several things: a string or a single mapping is a mistake."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"{what} must be an iterable of {items}, not {type(value).__name__}")


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    return "null" if value is None else type(value).__name__


def match_records(
    records: Iterable[Any],
    columns: Sequence[str] | str,
    *,
    lexicon: Any = None,
    matcher: Matcher | None = None,
    min_score: float | None = None,
    types: Sequence[str] | str | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield each record with ``NAME_id``, ``NAME_label``, ``NAME_score`` added per column.

    Lazy, one output per input, in order. Every original key keeps its value
    and its position; the added keys follow (or overwrite same-named keys in
    place). A column whose value is not a non-empty string gets ``None``
    matches. A record that is not a mapping is not dropped: it comes out as
    ``{NAME_id: None, ..., "normalize_error": message, "normalize_raw": record}``.

    >>> from normalize.lexicon import Entity, Lexicon, Name
    >>> lex = Lexicon.from_entities([Entity("place:ua-kharkiv", "place", (Name("Харків", "uk"),))])
    >>> rows = match_records([{"city": "Kharkiv", "n": 1}, ["oops"]], ["city"], lexicon=lex)
    >>> next(rows)
    {'city': 'Kharkiv', 'n': 1, 'city_id': 'place:ua-kharkiv', 'city_label': 'Харків', 'city_score': 99.0}
    >>> next(rows)["normalize_error"]
    'record is not a mapping (array)'
    """
    _check_iterable("records", records, "records (mappings)")
    if isinstance(columns, str):
        columns = [columns]
    _check_iterable("columns", columns, "column names")
    columns = list(dict.fromkeys(columns))
    if not all(isinstance(c, str) for c in columns):
        raise TypeError("columns must be strings")
    if isinstance(types, str):
        types = [types]
    resolver = _Resolver(_get_matcher(matcher, lexicon), min_score, types)
    return _match_records(records, columns, resolver)


def _match_records(records: Iterable[Any], columns: list[str], resolver: _Resolver) -> Iterator[dict[str, Any]]:
    for record in records:
        if not isinstance(record, Mapping):
            out: dict[str, Any] = dict.fromkeys(added_fields(columns))
            out[ERROR_FIELD] = f"record is not a mapping ({_json_kind(record)})"
            out[RAW_FIELD] = record
            yield out
            continue
        out = dict(record)
        for col in columns:
            value = record.get(col)
            m = resolver.best(value) if isinstance(value, str) else None
            out[f"{col}_id"] = m.id if m else None
            out[f"{col}_label"] = m.label if m else None
            out[f"{col}_score"] = round(m.score, 1) if m else None
        yield out


# -- the file engine: plan, reading, chunking ---------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """Everything a worker needs to turn a chunk of input into a chunk of output."""

    fmt: str
    columns: tuple[str, ...]
    newline: str
    # CSV only
    delimiter: str = ","
    nfields: int = 0
    name_index: tuple[int, ...] = ()
    width: int = 0  # fields in an output row
    positions: tuple[int, ...] = ()  # output index of each added field, in added_fields order
    error_pos: int = 0
    raw_pos: int = 0


@dataclass
class Summary:
    """What a batch run did, for the final report."""

    records: int = 0
    malformed: int = 0
    blank_lines: int = 0
    matched: dict[str, int] = field(default_factory=dict)
    empty: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        rate = self.records / self.seconds if self.seconds > 0 else 0.0
        head = (
            f"{self.records:,} records read, {self.malformed:,} malformed, "
            f"{self.seconds:.2f} s ({rate:,.0f} records/s)"
        )
        if self.blank_lines:
            head += f", {self.blank_lines:,} blank lines skipped"
        out = [head]
        for col, n in self.matched.items():
            out.append(f"  {col}: {n:,} matched, {self.empty.get(col, 0):,} without a name")
        return out


def detect_format(path: str, fmt: str | None, fallback: str | None = None) -> str:
    """The format named by ``fmt``, else by the file extension (``.gz`` ignored)."""
    if fmt:
        if fmt not in FORMATS:
            raise BatchError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        return fmt
    for candidate in (path, fallback):
        if candidate and candidate != "-":
            name = candidate[:-3] if candidate.endswith(".gz") else candidate
            found = _EXTENSIONS.get(Path(name).suffix.lower())
            if found:
                return found
    raise BatchError(
        f"cannot tell the format of {path!r} from its name; use --format {{{','.join(FORMATS)}}}"
    )


def _open_input(path: str) -> tuple[IO[bytes], IO[bytes], str]:
    """(stream, underlying file, name for messages): gunzipped when it starts with the gzip magic."""
    if path == "-":
        raw: Any = sys.stdin.buffer
        name = "<stdin>"
    else:
        try:
            raw = open(path, "rb")  # noqa: SIM115 - closed by run_batch
        except OSError as exc:
            raise BatchError(f"cannot read {path}: {exc.strerror or exc}") from None
        name = path
    if not hasattr(raw, "peek"):
        raw = io.BufferedReader(raw)
    try:
        magic = raw.peek(2)[:2]
    except OSError as exc:
        raise BatchError(f"cannot read {name}: {exc.strerror or exc}") from None
    if magic == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb"), raw, name
    return raw, raw, name


def _split_lines(data: bytes) -> list[bytes]:
    """Lines with their ``\\n`` (only ``\\n`` ends a line; ``\\r`` stays with its line)."""
    parts = data.split(b"\n")
    last = parts.pop()
    lines = [p + b"\n" for p in parts]
    if last:
        lines.append(last)
    return lines


def _split_text(text: str) -> list[str]:
    """:func:`_split_lines` for text (``str.splitlines`` would also split on \\x1c, \\u2028...)."""
    parts = text.split("\n")
    last = parts.pop()
    lines = [p + "\n" for p in parts]
    if last:
        lines.append(last)
    return lines


def _strip_newline(line: bytes) -> bytes:
    if line.endswith(b"\r\n"):
        return line[:-2]
    if line.endswith(b"\n"):
        return line[:-1]
    return line


def _cut(buf: bytes, quoted: bool, known_odd: int) -> int:
    """Where to end a chunk: just after the last line end at a record boundary (0: none).

    For CSV a line end is a record boundary when the number of quote characters
    before it is even. Positions before ``known_odd`` are known not to be.
    """
    pos = buf.rfind(b"\n")
    if not quoted or pos < 0:
        return pos + 1
    quotes = buf.count(b'"', 0, pos)
    while pos >= known_odd:
        if quotes % 2 == 0:
            return pos + 1
        prev = buf.rfind(b"\n", 0, pos)
        if prev < 0:
            return 0
        quotes -= buf.count(b'"', prev, pos)
        pos = prev
    return 0


def _chunks(f: IO[bytes], first_line: int, quoted: bool) -> Iterator[tuple[int, bytes]]:
    """(number of the chunk's first line, chunk bytes): whole records, about CHUNK_BYTES each.

    Reads with ``read1`` (one system call at a time, returning to Python in
    between), so that a signal (SIGTERM, Ctrl-C) is handled at once even while
    a pipe keeps the input coming; a C-level ``read(n)`` loop would swallow it.
    """
    parts: list[bytes] = []
    size = 0
    line = first_line
    known_odd = 0
    eof = False
    target = CHUNK_BYTES  # join and look for a cut once this much is buffered
    read = getattr(f, "read1", f.read)
    while not eof:
        block = read(CHUNK_BYTES)
        if block:
            parts.append(block)
            size += len(block)
        else:
            eof = True
        if size < target and not eof:
            continue
        buf = b"".join(parts)
        if eof:
            cut = len(buf)
        else:
            cut = _cut(buf, quoted, known_odd)
            if not cut and len(buf) > MAX_RECORD_BYTES:
                cut = buf.rfind(b"\n") + 1 or len(buf)  # a runaway quote: cut anyway
        if not cut:  # inside a quoted field: wait for another CHUNK_BYTES
            known_odd = max(0, len(buf) - 1)
            parts, target = [buf], size + CHUNK_BYTES
            continue
        chunk, rest = buf[:cut], buf[cut:]
        parts, size, known_odd, target = ([rest] if rest else []), len(rest), 0, CHUNK_BYTES
        if chunk:
            yield line, chunk
            line += chunk.count(b"\n")


def _read_csv_header(f: IO[bytes], name: str, delimiter: str) -> tuple[list[str], int, str, bool] | None:
    """(header fields, lines it took, output newline, BOM seen) or None for an empty input."""
    lines: list[bytes] = []
    quotes = 0
    skipped = 0
    size = 0
    while True:
        line = f.readline()
        if not line:
            break
        if not lines and not line.removeprefix(_BOM if not skipped else b"").strip(b"\r\n"):
            skipped += 1  # blank lines (or a BOM alone) before the header
            continue
        lines.append(line)
        quotes += line.count(b'"')
        size += len(line)
        if quotes % 2 == 0 or size > MAX_RECORD_BYTES:
            break
    if not lines:
        return None
    data = b"".join(lines)
    bom = data.startswith(_BOM)
    if bom:
        data = data[len(_BOM):]
    newline = "\r\n" if lines[0].endswith(b"\r\n") else "\n"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BatchError(f"{name}:{skipped + 1}: the header is not valid UTF-8 (byte 0x{data[exc.start]:02x})") from None
    if "\x00" in text:
        raise BatchError(f"{name}:{skipped + 1}: NUL byte in the header")
    csv.field_size_limit(MAX_RECORD_BYTES)
    _check_line_ends(data, data.find(b"\n"), name)
    try:
        rows = list(csv.reader(_split_text(text), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise BatchError(f"{name}:{skipped + 1}: cannot parse the header: {csv_error(str(exc))}") from None
    if len(rows) != 1:
        raise BatchError(f"{name}:{skipped + 1}: cannot parse the header")
    return rows[0], skipped + len(lines), newline, bom


def _check_line_ends(data: bytes, first_lf: int, name: str) -> None:
    """Lines that end in CR alone (classic Mac OS) would read as one record: a usage error."""
    head = (data if first_lf < 0 else data[:first_lf]).rstrip(b"\r")
    cr = head.find(b"\r")
    if cr >= 0 and head.count(b'"', 0, cr) % 2 == 0:  # a CR outside quotes ends the first line
        raise BatchError(
            f"{name}: lines end in CR alone (classic Mac OS line ends), not LF or CRLF: "
            f"convert them first, e.g. tr '\\r' '\\n' < {name}"
        )


def _reason(exc: BaseException) -> str:
    """What went wrong, without Python's "[Errno 28]" prefix."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, zlib.error):
        return f"corrupt gzip data ({exc})"
    return str(exc) or type(exc).__name__


def _suggest(word: str, choices: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _csv_plan(
    header: list[str], columns: Sequence[str], newline: str, delimiter: str, name: str
) -> tuple[_Plan, list[str]]:
    """The plan of a CSV job and its output header; an unknown column is a BatchError."""
    index = []
    for col in columns:
        count = header.count(col)
        if count == 0:
            shown = ", ".join(header[:20]) + (", ..." if len(header) > 20 else "")
            raise BatchError(f"unknown column {col!r} in {name} (columns: {shown}){_suggest(col, header)}")
        if count > 1:
            raise BatchError(f"column {col!r} appears {count} times in the header of {name}")
        index.append(header.index(col))
    out_header = list(header)
    positions = []
    for extra in [*added_fields(columns), ERROR_FIELD, RAW_FIELD]:
        if extra in header:
            positions.append(header.index(extra))
        else:
            positions.append(len(out_header))
            out_header.append(extra)
    return _Plan(
        fmt="csv",
        columns=tuple(columns),
        newline=newline,
        delimiter=delimiter,
        nfields=len(header),
        name_index=tuple(index),
        width=len(out_header),
        positions=tuple(positions[:-2]),
        error_pos=positions[-2],
        raw_pos=positions[-1],
    ), out_header


def _check_jsonl_columns(chunk: bytes, columns: Sequence[str], name: str) -> None:
    """An unknown column: one that no JSON object of the first chunk has (exit 2 before any output)."""
    seen: set[str] = set()
    objects = 0
    for line in chunk.split(b"\n"):
        try:
            obj = json.loads(line.decode("utf-8", "replace"))  # as the records will be read
        except (ValueError, RecursionError):
            continue
        if isinstance(obj, dict) and not obj.get(ERROR_FIELD):  # an earlier run's bad record says nothing
            objects += 1
            seen.update(obj)
    if not objects:
        return
    for col in columns:
        if col not in seen:
            raise BatchError(
                f"unknown column {col!r}: no record among the first {objects:,} of {name} has it"
                f"{_suggest(col, sorted(seen))}"
            )


# -- the worker side --------------------------------------------------------------------


#: what a worker knows of a name: (id, label, score) of its best match, or None
_Known = tuple[str, str, float] | None


@dataclass
class _Result:
    """What a worker returns for a chunk; ``learned``: the names it matched for it."""

    data: bytes
    records: int
    matched: list[int]
    empty: list[int]
    errors: list[tuple[int, str]]
    blank_lines: int
    learned: list[tuple[str, _Known]] = field(default_factory=list)


class _Worker:
    """Turns chunks of input into chunks of output (in a worker process, or in-process for -j 1).

    ``known`` holds the best match of every name seen so far, by this worker or
    (forwarded by the parent) by the others: with several workers a name is
    then matched about once, not once per worker.
    """

    def __init__(self, plan: _Plan, resolver: _Resolver) -> None:
        self.plan = plan
        self.resolver = resolver
        self.known: dict[str, _Known] = {}
        self.learned: list[tuple[str, _Known]] = []
        self.json_cache: dict[tuple[int, str], str] = {}
        self.csv_cache: dict[str, tuple[str, str, str]] = {}
        if plan.fmt == "csv":
            csv.field_size_limit(MAX_RECORD_BYTES)  # the default (128 KiB) is too small for real data

    def run(self, first_line: int, data: bytes) -> _Result:
        result = self._jsonl(first_line, data) if self.plan.fmt == "jsonl" else self._csv(first_line, data)
        result.learned, self.learned = self.learned, []
        return result

    def learn(self, items: Iterable[tuple[str, _Known]]) -> None:
        """Take what other workers found (their results do not depend on who computed them)."""
        known = self.known
        for key, value in items:
            if len(known) >= CACHE_SIZE:
                known.clear()
            known[key] = value

    def _resolve(self, name: str) -> _Known:
        key = name.strip()
        try:
            return self.known[key]
        except KeyError:
            pass
        m = self.resolver.best(key)
        value = (m.id, m.label, m.score) if m else None
        if len(key) <= MAX_NAME_LENGTH:
            self.learn([(key, value)])
            self.learned.append((key, value))
        return value

    # CSV ------------------------------------------------------------------------------

    def _csv_fields(self, name: str) -> tuple[str, str, str]:
        """The three cells for a name (``_EMPTY_FIELDS`` when there is no name)."""
        got = self.csv_cache.get(name)
        if got is None:
            if not name.strip():
                got = _EMPTY_FIELDS
            else:
                m = self._resolve(name)
                got = (m[0], m[1], f"{m[2]:.1f}") if m else _NO_FIELDS
            if len(name) > MAX_NAME_LENGTH:
                return got
            if len(self.csv_cache) >= CACHE_SIZE:
                self.csv_cache.clear()
            self.csv_cache[name] = got
        return got

    def _csv(self, first_line: int, data: bytes) -> _Result:
        plan = self.plan
        ncols = len(plan.columns)
        problems: dict[int, str] = {}  # line index -> what was repaired on it
        byte_lines: list[bytes] | None = None
        try:
            lines = _split_text(data.decode("utf-8"))
        except UnicodeDecodeError:
            byte_lines = _split_lines(data)
            lines = []
            for i, bl in enumerate(byte_lines):
                try:
                    lines.append(bl.decode("utf-8"))
                except UnicodeDecodeError as exc:
                    problems[i] = f"{utf8_error(bl, exc)} (read as U+FFFD)"
                    lines.append(bl.decode("utf-8", "replace"))
        if b"\x00" in data:
            byte_lines = byte_lines or _split_lines(data)
            for i, bl in enumerate(byte_lines):
                col = bl.find(b"\x00")
                if col >= 0:
                    problems.setdefault(i, f"NUL byte at column {col + 1} (read as U+FFFD)")
                    lines[i] = lines[i].replace("\x00", "\ufffd")  # the csv module of 3.10 rejects NUL
        dialect = {"delimiter": plan.delimiter, "strict": True}
        tail = plan.nfields + 3 * ncols  # fast path when the added fields all go after the input's
        appended = plan.positions == tuple(range(plan.nfields, tail)) and (plan.error_pos, plan.raw_pos) == (tail, tail + 1)
        cache_get = self.csv_cache.get
        reader = csv.reader(lines, **dialect)
        base = 0
        start = 0
        n = len(lines)
        rows: list[list[str]] = []
        errors: list[tuple[int, str]] = []
        matched = [0] * ncols
        empty = [0] * ncols
        blank = 0
        while start < n:
            try:
                row: list[str] | None = next(reader)
                err = ""
            except StopIteration:
                break
            except csv.Error as exc:
                row, err = None, csv_error(str(exc))
            end = base + reader.line_num
            if row is not None and not row and end - start == 1:
                blank += 1
                start = end
                continue
            if err and end - start > 1:
                # a multi-line record that does not parse: an unclosed quote on its first line
                err = "quoted field not closed (parsing resumes on the next line)"
                end = start + 1
                base = end
                reader = csv.reader(itertools.islice(lines, end, None), **dialect)
            if row is not None and not err and len(row) != plan.nfields and end - start > 1:
                # the same for a multi-line record with the wrong number of fields
                err = "quoted field not closed (parsing resumes on the next line)"
                row = None
                end = start + 1
                base = end
                reader = csv.reader(itertools.islice(lines, end, None), **dialect)
            if row is not None and not err and len(row) == plan.nfields and not (
                problems and any(i in problems for i in range(start, end))
            ):
                if appended:  # the common case, kept lean: one dict look-up per name
                    out = row
                    for k, idx in enumerate(plan.name_index):
                        value = row[idx]
                        fields = cache_get(value) or self._csv_fields(value)
                        if fields is _EMPTY_FIELDS:
                            empty[k] += 1
                        elif fields[0]:
                            matched[k] += 1
                        out += fields
                    out += _NO_ERROR
                else:  # some added fields overwrite input columns (a re-run)
                    out = row + [""] * (plan.width - plan.nfields)
                    if plan.error_pos >= plan.nfields or not row[plan.error_pos]:
                        self._csv_match(out, row, matched, empty)
                    # else: a record an earlier run could not read as it was; that run saved the
                    # reason and the raw text, which this run cannot see: the row stays as it is
                rows.append(out)
                start = end
                continue
            # a record with a problem: keep what can be kept, say what was done
            notes = [problems[i] if i == start else f"{problems[i]} on line {first_line + i}"
                     for i in range(start, end) if i in problems]
            out = [""] * plan.width
            if err or row is None:
                notes.insert(0, err)
            else:
                nfields = plan.nfields
                out[: min(len(row), nfields)] = row[:nfields]
                if len(row) > nfields:
                    notes.insert(0, f"expected {nfields} fields, found {len(row)}: not matched, "
                                    f"the fields without a column are only in {RAW_FIELD}")
                    for p in plan.positions:
                        out[p] = ""
                else:
                    if len(row) < nfields:
                        notes.insert(0, f"expected {nfields} fields, found {len(row)}: the missing fields are left empty")
                    self._csv_match(out, out[:nfields], matched, empty)
            if byte_lines is None:
                byte_lines = _split_lines(data)
            msg = "; ".join(notes)
            out[plan.error_pos] = msg
            out[plan.raw_pos] = escape_raw(_strip_newline(b"".join(byte_lines[start:end])))
            errors.append((first_line + start, msg))
            rows.append(out)
            start = end
        return _Result(_csv_bytes(rows, plan, b"\r" in data), len(rows), matched, empty, errors, blank)

    def _csv_match(self, out: list[str], row: list[str], matched: list[int], empty: list[int]) -> None:
        """Put the match fields of ``row``'s names at their places in ``out``."""
        plan = self.plan
        for k, idx in enumerate(plan.name_index):
            fields = self._csv_fields(row[idx])
            if fields is _EMPTY_FIELDS:
                empty[k] += 1
            elif fields[0]:
                matched[k] += 1
            p = plan.positions[3 * k : 3 * k + 3]
            out[p[0]], out[p[1]], out[p[2]] = fields

    # JSON Lines ------------------------------------------------------------------------

    def _json_fields(self, k: int, name: str) -> str:
        got = self.json_cache.get((k, name))
        if got is None:
            col = self.plan.columns[k]
            m = self._resolve(name)
            got = _json_members(col, m[0] if m else None, m[1] if m else None, round(m[2], 1) if m else None)
            if len(name) > MAX_NAME_LENGTH:
                return got
            if len(self.json_cache) >= CACHE_SIZE:
                self.json_cache.clear()
            self.json_cache[(k, name)] = got
        return got

    def _jsonl(self, first_line: int, data: bytes) -> _Result:
        plan = self.plan
        columns = plan.columns
        ncols = len(columns)
        added = set(added_fields(columns)) | {ERROR_FIELD, RAW_FIELD}
        no_match = [_json_members(c, None, None, None) for c in columns]
        try:
            lines: list[str] | None = data.decode("utf-8").split("\n")
        except UnicodeDecodeError:
            lines = None
        byte_lines = data.split(b"\n")
        if byte_lines and not byte_lines[-1]:
            byte_lines.pop()
            if lines is not None:
                lines.pop()
        out: list[str] = []
        errors: list[tuple[int, str]] = []
        matched = [0] * ncols
        empty = [0] * ncols
        blank = 0
        nl = plan.newline
        for i, bl in enumerate(byte_lines):
            err = ""
            repaired = ""  # what was done to read the line (it is still matched)
            if lines is not None:
                text = lines[i]
            else:
                try:
                    text = bl.decode("utf-8")
                except UnicodeDecodeError as exc:
                    text = bl.decode("utf-8", "replace")
                    repaired = f"{utf8_error(bl, exc)} (read as U+FFFD)"
            if text.endswith("\r"):
                text = text[:-1]
            if not text.strip():
                if not repaired:
                    blank += 1
                    continue
                err = "empty line"
            else:
                try:
                    obj = json.loads(text)
                except (ValueError, RecursionError) as exc:
                    err = json_error(exc)
                else:
                    if not isinstance(obj, dict):
                        err = f"JSON value is not an object ({_json_kind(obj)})"
            if not err and not repaired and obj.get(ERROR_FIELD):
                # a re-run: an earlier run could not read this record as it was, and saved the
                # reason and the raw text, which this run cannot see: it stays as it is
                missing = [m for c, m in zip(columns, no_match) if f"{c}_id" not in obj]
                if missing:
                    obj.update(json.loads("{" + ", ".join(missing) + "}"))
                    out.append(json_line(obj) + nl)
                else:
                    out.append(text.rstrip() + nl)
                continue
            if err:
                msg = f"{repaired}; {err}" if repaired else err
                raw = escape_raw(_strip_newline(bl + b"\n"))
                members = ", ".join(no_match)
                tail = (
                    f"{json.dumps(ERROR_FIELD)}: {json_line(msg)}, "
                    f"{json.dumps(RAW_FIELD)}: {json_line(raw)}"
                )
                out.append(f"{{{members}, {tail}}}{nl}")
                errors.append((first_line + i, msg))
                continue
            parts = []
            for k, col in enumerate(columns):
                value = obj.get(col)
                if not isinstance(value, str) or not value.strip():
                    empty[k] += 1
                    parts.append(no_match[k])
                    continue
                members = self._json_fields(k, value)
                matched[k] += not members.endswith("null")
                parts.append(members)
            if repaired:
                errors.append((first_line + i, repaired))
                raw = escape_raw(_strip_newline(bl + b"\n"))
                parts.append(f"{json.dumps(ERROR_FIELD)}: {json_line(repaired)}")
                parts.append(f"{json.dumps(RAW_FIELD)}: {json_line(raw)}")
            if added.isdisjoint(obj):
                body = text.rstrip()
                sep = ", " if obj else ""
                out.append(f"{body[:-1]}{sep}{', '.join(parts)}}}{nl}")
            else:  # a re-run over our own output: the match fields are replaced in place
                obj.update(json.loads("{" + ", ".join(parts) + "}"))
                out.append(json_line(obj) + nl)
        return _Result("".join(out).encode("utf-8"), len(out), matched, empty, errors, blank)


def _json_members(col: str, id_: str | None, label: str | None, score: float | None) -> str:
    d = json.dumps
    return (
        f"{d(col + '_id', ensure_ascii=False)}: {d(id_, ensure_ascii=False)}, "
        f"{d(col + '_label', ensure_ascii=False)}: {d(label, ensure_ascii=False)}, "
        f"{d(col + '_score', ensure_ascii=False)}: {d(score)}"
    )


def _csv_bytes(rows: list[list[str]], plan: _Plan, has_cr: bool) -> bytes:
    buf = io.StringIO()
    if plan.newline == "\n" and has_cr:
        for row in rows:  # csv.writer leaves a lone \r unquoted when lines end in \n
            buf.write(_csv_line(row, plan.delimiter, plan.newline))
    else:
        csv.writer(buf, delimiter=plan.delimiter, lineterminator=plan.newline).writerows(rows)
    return buf.getvalue().encode("utf-8")


def _csv_line(row: Sequence[str], delimiter: str, newline: str) -> str:
    special = (delimiter, '"', "\r", "\n")
    out = []
    for f in row:
        if any(c in f for c in special):
            f = '"' + f.replace('"', '""') + '"'
        out.append(f)
    return delimiter.join(out) + newline


_WORKER: _Worker | None = None
_NO_FIELDS = tuple(["", "", ""])  # no match
_EMPTY_FIELDS = tuple(["", "", ""])  # no name: told apart from _NO_FIELDS by identity
_NO_ERROR = ("", "")


def _init_worker(
    plan: _Plan,
    matcher: Any,
    spec: Any,
    min_score: float | None,
    types: Sequence[str] | None,
    parent: int,
) -> None:
    """Pool initializer: the matcher is built once per worker (inherited as is under fork)."""
    global _WORKER
    if parent:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and hang-ups
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with_parent(parent)
    if matcher is None:
        from normalize.matcher import Matcher

        matcher = Matcher.from_worker_spec(spec)
    _WORKER = _Worker(plan, _Resolver(matcher, min_score, types, cache=False))  # the worker caches its output


def _die_with_parent(parent: int) -> None:
    """Linux: get SIGTERM when the parent dies (even by SIGKILL), so no worker is orphaned."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover
        return
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


def _work(task: tuple[int, bytes]) -> _Result:
    assert _WORKER is not None
    return _WORKER.run(*task)


# -- output ------------------------------------------------------------------------------


class _Sink:
    """OUTPUT, written atomically: to a temporary file in its directory, renamed at the end.

    Only a regular file (or a new path) can be replaced that way. stdout, a
    device such as /dev/null, a FIFO... are written straight through (renaming
    over /dev/null would replace the device with a file). A symbolic link is
    followed: its target is replaced, the link stays; a replaced file keeps its
    permissions. The temporary file is ``.OUTPUT.PID.XXXXXXXX.tmp``; one that a
    run of the same OUTPUT left behind (killed by SIGKILL, or a power cut) is
    removed by the next run, once its process no longer exists. A failure to
    write (a full disk) is a :class:`BatchError`.
    """

    def __init__(self, path: str, report: Callable[[str], None] | None = None) -> None:
        self.path = path
        self.tmp: str | None = None
        self.final: Path | None = None
        self._owned = path != "-"
        if path == "-":
            raw: IO[bytes] = sys.stdout.buffer
        else:
            target = Path(path).resolve()
            if target.is_dir():
                raise BatchError(f"cannot write {path}: it is a directory")
            try:
                if target.exists() and not target.is_file():
                    raw = open(target, "wb")  # noqa: SIM115 - closed by commit/abort
                else:
                    _remove_stale_temporaries(target, report)
                    tmp = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
                    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                    self.tmp, self.final = str(tmp), target
                    if target.exists() and hasattr(os, "fchmod"):
                        os.fchmod(fd, target.stat().st_mode & 0o777)
                    raw = os.fdopen(fd, "wb", buffering=1 << 20)
            except OSError as exc:
                if self.tmp is not None:
                    os.close(fd)
                    os.unlink(self.tmp)
                    self.tmp = None
                raise BatchError(f"cannot write {path}: {_reason(exc)}") from None
        self._raw = raw
        self.stream: IO[bytes] = raw
        if path.endswith(".gz"):
            # mtime=0: the same input gives the same bytes, whatever the day or -j
            self.stream = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0)

    def _failed(self, exc: OSError) -> BatchError:
        shown = "stdout" if self.path == "-" else self.path
        return BatchError(f"cannot write {shown}: {_reason(exc)}")

    def write(self, data: bytes) -> None:
        try:
            self.stream.write(data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def commit(self) -> None:
        try:
            if self.stream is not self._raw:
                self.stream.close()  # the gzip trailer; the file itself stays open
            self._raw.flush()
            if self.tmp is not None and self.final is not None:
                os.fsync(self._raw.fileno())
                self._raw.close()
                os.replace(self.tmp, self.final)
                self.tmp = None
            elif self._owned:
                self._raw.close()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None
        self._owned = False

    def abort(self) -> None:
        if self._owned:
            try:
                self._raw.close()
            except OSError:  # a full device: what could not be written is dropped
                pass
            self._owned = False
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:  # pragma: no cover
                pass
            self.tmp = None


def _remove_stale_temporaries(target: Path, report: Callable[[str], None] | None) -> None:
    """Remove ``.NAME.PID.XXXXXXXX.tmp`` files of ``target`` whose process is gone."""
    prefix = f".{target.name}."
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid, _, token = name[len(prefix) : -4].partition(".")
        if not (pid.isdigit() and len(token) == 8 and all(c in "0123456789abcdef" for c in token)):
            continue
        if int(pid) == os.getpid() or _process_exists(int(pid)):
            continue  # a run in progress (or a reused PID: left alone, to be safe)
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        if report is not None:
            report(f"removed {Path(entry.path)}, left behind by an interrupted run (process {pid})")


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process
    return True


# -- the run -----------------------------------------------------------------------------


def _mp_context() -> Any:
    """'fork' where it exists: workers share the parent's built matcher for free."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _results(tasks: Iterator[tuple[int, bytes]], jobs: int, init: tuple[Any, ...]) -> Iterator[_Result]:
    """Process the chunks in order: in-process for one job, else with worker processes."""
    _init_worker(*init)
    if jobs <= 1:
        for task in tasks:
            yield _work(task)
        return
    # The first chunk is done here, before the workers exist: it meets most of the
    # frequent names, which the workers then all start out knowing.
    first = next(tasks, None)
    if first is None:
        return
    yield _work(first)
    assert _WORKER is not None
    pool = _Pool(jobs, init, list(_WORKER.known.items()))
    try:
        yield from pool.map(tasks)
    finally:
        pool.stop()


class _Pool:
    """``jobs`` worker processes fed round-robin, so the parent knows who does what.

    That lets it (1) read the results back in input order from each worker's own
    queue and (2) forward to every worker the names the others have matched, so
    that a name is matched about once, not once per worker. At most
    ``2 * jobs`` chunks are in flight: memory stays bounded. (A
    ``multiprocessing.Pool`` could do neither: ``imap`` reads its whole input
    ahead, and tasks go to whichever worker is free.)
    """

    def __init__(self, jobs: int, init: tuple[Any, ...], known: list[tuple[str, _Known]]) -> None:
        ctx = _mp_context()
        plan, matcher, paths, min_score, types, _ = init
        if ctx.get_start_method() != "fork":
            matcher = None  # rebuilt in each worker from the lexicon files
        init = (plan, matcher, paths, min_score, types, os.getpid())
        self.jobs = jobs
        self.tasks = [ctx.Queue() for _ in range(jobs)]
        self.results = [ctx.Queue() for _ in range(jobs)]
        self.procs = [
            ctx.Process(target=_worker_main, args=(self.tasks[i], self.results[i], init), daemon=True)
            for i in range(jobs)
        ]
        for proc in self.procs:  # all forked before any queue starts its feeder thread
            proc.start()
        self.forward: list[list[tuple[str, _Known]]] = [[] for _ in range(jobs)]
        # A queue's first put starts its feeder thread. Start them with SIGINT and SIGTERM
        # blocked, so that those signals reach the main thread: delivered to a feeder
        # thread, they would wait for a main thread blocked in a read of stdin.
        blocked = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, blocked) if hasattr(signal, "pthread_sigmask") else None
        try:
            for q in self.tasks:
                q.put(known)  # what the parent learned from the first chunk
        finally:
            if mask is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)

    def map(self, tasks: Iterator[tuple[int, bytes]]) -> Iterator[_Result]:
        pending: deque[int] = deque()
        for n, task in enumerate(tasks):
            w = n % self.jobs
            self.tasks[w].put((task, self.forward[w]))
            self.forward[w] = []
            pending.append(w)
            if len(pending) >= 2 * self.jobs:
                yield self._collect(pending.popleft())
            while pending and not self.results[pending[0]].empty():  # write what is done already
                yield self._collect(pending.popleft())
        while pending:
            yield self._collect(pending.popleft())
        for q in self.tasks:
            q.put(None)
        for proc in self.procs:
            proc.join()

    def _collect(self, w: int) -> _Result:
        while True:
            try:
                got = self.results[w].get(timeout=1.0)
                break
            except queue.Empty:
                if not self.procs[w].is_alive():
                    raise BatchError(f"batch worker {w + 1} died (exit code {self.procs[w].exitcode})") from None
        if isinstance(got, str):  # a bug: the worker's traceback is the report
            raise RuntimeError(f"batch worker {w + 1} failed:\n{got}")
        for v in range(self.jobs):
            if v != w:
                self.forward[v].extend(got.learned)
        got.learned = []
        return got

    def stop(self) -> None:
        for proc in self.procs:
            if proc.is_alive():
                proc.terminate()
        for proc in self.procs:
            proc.join()
        for q in (*self.tasks, *self.results):
            q.cancel_join_thread()  # never wait at exit to flush a queue nobody reads
            q.close()


def _worker_main(tasks: Any, results: Any, init: tuple[Any, ...]) -> None:
    """A worker process: chunks in, results out, until None."""
    _init_worker(*init)
    assert _WORKER is not None
    while True:
        item = tasks.get()
        if item is None:
            return
        if isinstance(item, list):  # knowledge only
            _WORKER.learn(item)
            continue
        (first_line, data), learned = item
        try:
            _WORKER.learn(learned)
            results.put(_WORKER.run(first_line, data))
        except Exception:  # noqa: BLE001 - reported by the parent, which stops the run
            import traceback

            results.put(traceback.format_exc())
            return


def run_batch(
    input: str,
    output: str,
    columns: Sequence[str],
    *,
    fmt: str | None = None,
    load_matcher: Callable[[], Matcher],
    min_score: float | None = None,
    types: Sequence[str] | None = None,
    jobs: int = 1,
    progress: bool = False,
    report: Callable[[str], None] | None = None,
) -> Summary:
    """Normalize ``input`` into ``output`` (``-``: stdin/stdout); see the module docstring.

    Everything that can make the job fail (input, format, columns, output
    directory, then ``load_matcher``) is checked before a byte is written;
    those raise :class:`BatchError` (or whatever ``load_matcher`` raises).
    ``report`` receives each ``FILE:LINE: message`` of an unreadable record.
    """
    started = time.perf_counter()
    columns = list(dict.fromkeys(columns))
    if not columns:
        raise BatchError("at least one --column is needed")
    fmt = detect_format(input, fmt, fallback=output if input == "-" else None)
    if output != "-":
        out_fmt = _EXTENSIONS.get(Path(output[:-3] if output.endswith(".gz") else output).suffix.lower())
        if out_fmt and out_fmt != fmt:
            raise BatchError(f"the output {output!r} looks like {out_fmt}, but the input is {fmt} (no conversion)")
    say = report or (lambda line: print(line, file=sys.stderr))
    f, raw_input, name = _open_input(input)
    sink: _Sink | None = None
    summary = Summary(matched=dict.fromkeys(columns, 0), empty=dict.fromkeys(columns, 0))
    try:
        tasks: Iterator[tuple[int, bytes]]
        try:
            if fmt in ("csv", "tsv"):
                delimiter = "," if fmt == "csv" else "\t"
                got = _read_csv_header(f, name, delimiter)
                if got is None:
                    plan, header_bytes, tasks = None, b"", iter(())
                else:
                    header, nlines, newline, bom = got
                    plan, out_header = _csv_plan(header, columns, newline, delimiter, name)
                    header_bytes = (_BOM if bom else b"") + _csv_line(out_header, delimiter, newline).encode("utf-8")
                    tasks = _chunks(f, nlines + 1, True)
            else:
                chunks = _chunks(f, 1, False)
                first = next(chunks, None)
                if first is not None and not first[1].removeprefix(_BOM).strip():
                    more = next(chunks, None)  # the whole input blank lines, or a BOM: empty
                    first, chunks = (None, chunks) if more is None else (first, itertools.chain([more], chunks))
                if first is None:
                    plan, header_bytes, tasks = None, b"", iter(())
                else:
                    data = first[1]
                    bom = data.startswith(_BOM)
                    if bom:
                        data = data[len(_BOM):]
                    nl_at = data.find(b"\n")
                    if nl_at < 0:  # no line feed in the whole first chunk
                        _check_line_ends(data, nl_at, name)
                    newline = "\r\n" if nl_at > 0 and data[nl_at - 1 : nl_at] == b"\r" else "\n"
                    _check_jsonl_columns(data, columns, name)
                    plan = _Plan(fmt="jsonl", columns=tuple(columns), newline=newline)
                    header_bytes = _BOM if bom else b""
                    tasks = itertools.chain([(1, data)], chunks)
        except (OSError, EOFError, zlib.error) as exc:  # zlib.error: a corrupt gzip stream
            raise BatchError(f"cannot read {name}: {_reason(exc)}") from None
        sink = _Sink(output, say)
        if plan is None:
            say(f"{name}: empty input")
            sink.commit()
            summary.seconds = time.perf_counter() - started
            return summary
        matcher = load_matcher()
        from normalize.matcher import check_match_options

        try:
            check_match_options("", 1, min_score, types, matcher.entity_types)
        except (TypeError, ValueError) as exc:
            raise BatchError(str(exc).replace("min_score", "--min-score").replace("unknown type", "unknown --type")) from None
        spec = matcher.worker_spec()
        matcher.match("")  # build the indexes before any fork
        sink.write(header_bytes)
        bar = _progress_bar(progress)
        emit = say if bar is None else (lambda line: bar.write(line, file=sys.stderr))
        try:
            init = (plan, matcher, spec, min_score, list(types) if types else None, 0)
            for res in _results(_guard_reads(tasks, name), max(1, jobs), init):
                sink.write(res.data)
                summary.records += res.records
                summary.malformed += len(res.errors)
                summary.blank_lines += res.blank_lines
                for k, col in enumerate(columns):
                    summary.matched[col] += res.matched[k]
                    summary.empty[col] += res.empty[k]
                for line, msg in res.errors:
                    emit(f"{name}:{line}: {msg}")
                if bar is not None:
                    bar.update(res.records)
        finally:
            if bar is not None:
                bar.close()
        sink.commit()
    finally:
        if sink is not None:
            sink.abort()
        if raw_input is not sys.stdin.buffer:
            f.close()
            raw_input.close()
    summary.seconds = time.perf_counter() - started
    return summary


class _ReadError(BatchError):
    """The input became unreadable mid-way (a truncated gzip stream, an I/O error)."""


def _guard_reads(tasks: Iterator[tuple[int, bytes]], name: str) -> Iterator[tuple[int, bytes]]:
    last = 0
    while True:
        try:
            task = next(tasks)
        except StopIteration:
            return
        except (OSError, EOFError, zlib.error) as exc:
            raise _ReadError(f"cannot read {name} after line {last}: {_reason(exc)}") from None
        last = task[0] + task[1].count(b"\n")
        yield task


def _progress_bar(enabled: bool) -> Any:
    """A tqdm bar in records/s on stderr, only when stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency, but a bar is optional
        return None
    tqdm.monitor_interval = 0  # no monitor thread: workers are forked after the bar exists
    return tqdm(unit=" records", unit_scale=True, file=sys.stderr, desc="normalize batch")

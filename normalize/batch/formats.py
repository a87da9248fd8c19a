"""The input formats of a batch: which one a file is, opening it, its header or first records, and the plan.

A :class:`Plan` is everything a worker needs to turn a chunk of input into a
chunk of output; :func:`plan_job` makes it from the start of the input, and
checks the columns, before any output is written. Writing rows back
(:func:`csv_bytes`, :func:`json_members`) is here too: it is the format's.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from normalize._badinput import csv_delimiter, csv_error, json_objects
from normalize._suggest import did_you_mean
from normalize.batch.base import (
    ERROR_FIELD,
    MAX_RECORD_BYTES,
    RAW_FIELD,
    BatchError,
    added_fields,
)
from normalize.batch.chunking import chunks, split_text

__all__ = [
    "BOM",
    "FORMATS",
    "Plan",
    "csv_bytes",
    "csv_line",
    "detect_format",
    "format_of_name",
    "json_members",
    "open_input",
    "plan_job",
]

FORMATS = ("csv", "tsv", "jsonl")
_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
BOM = codecs.BOM_UTF8


@dataclass(frozen=True)
class Plan:
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


def format_of_name(path: str) -> str | None:
    """The format a file name says (``.gz`` ignored), if any."""
    name = path.removesuffix(".gz")
    return _EXTENSIONS.get(Path(name).suffix.lower())


def detect_format(path: str, fmt: str | None, fallback: str | None = None) -> str:
    """The format named by ``fmt``, else by the file extension (``.gz`` ignored)."""
    if fmt:
        if fmt not in FORMATS:
            raise BatchError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        return fmt
    for candidate in (path, fallback):
        if candidate and candidate != "-":
            found = format_of_name(candidate)
            if found:
                return found
    raise BatchError(
        f"cannot tell the format of {path!r} from its name; use --format {{{','.join(FORMATS)}}}"
    )


def open_input(path: str) -> tuple[IO[bytes], IO[bytes], str]:
    """(stream, underlying file, name for messages): gunzipped when it starts with the gzip magic."""
    raw: Any  # a binary stream; wrapped below when it cannot peek
    if path == "-":
        raw = sys.stdin.buffer
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
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb")), raw, name
    return raw, raw, name


def plan_job(f: IO[bytes], name: str, fmt: str, columns: Sequence[str]) -> tuple[Plan | None, bytes, Iterator[tuple[int, bytes]]]:
    """(plan, output header, chunks) of a job, from the start of its input; None for an empty input.

    Reads the header (CSV) or the first chunk (JSON Lines) and checks the
    columns against it: an unknown column is a :class:`BatchError`.
    """
    if fmt in ("csv", "tsv"):
        got = _read_csv_header(f, name, None if fmt == "csv" else "\t")
        if got is None:
            return None, b"", iter(())
        header, nlines, newline, bom, delimiter = got
        plan, out_header = _csv_plan(header, columns, newline, delimiter, name)
        header_bytes = (BOM if bom else b"") + csv_line(out_header, delimiter, newline).encode("utf-8")
        return plan, header_bytes, chunks(f, nlines + 1, True)
    rest = chunks(f, 1, False)
    first = next(rest, None)
    if first is not None and not first[1].removeprefix(BOM).strip():
        more = next(rest, None)  # the whole input blank lines, or a BOM: empty
        first, rest = (None, rest) if more is None else (first, itertools.chain([more], rest))
    if first is None:
        return None, b"", iter(())
    data = first[1]
    bom = data.startswith(BOM)
    if bom:
        data = data[len(BOM):]
    nl_at = data.find(b"\n")
    if nl_at < 0:  # no line feed in the whole first chunk
        _check_line_ends(data, nl_at, name)
    newline = "\r\n" if nl_at > 0 and data[nl_at - 1 : nl_at] == b"\r" else "\n"
    _check_jsonl_columns(data, columns, name)
    plan = Plan(fmt="jsonl", columns=tuple(columns), newline=newline)
    return plan, BOM if bom else b"", itertools.chain([(1, data)], rest)


def _read_csv_header(
    f: IO[bytes], name: str, delimiter: str | None
) -> tuple[list[str], int, str, bool, str] | None:
    """(header fields, lines it took, output newline, BOM seen, delimiter) or None for an empty input.

    ``delimiter`` None: the one the header uses most of ``,`` ``;`` ``|`` and tab
    (:func:`~normalize._badinput.csv_delimiter`); a spreadsheet saved as CSV in a
    German, French or Polish locale separates with ``;``.
    """
    lines: list[bytes] = []
    quotes = 0
    skipped = 0
    size = 0
    while True:
        line = f.readline()
        if not line:
            break
        if not lines and not line.removeprefix(BOM if not skipped else b"").strip(b"\r\n"):
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
    bom = data.startswith(BOM)
    if bom:
        data = data[len(BOM):]
    newline = "\r\n" if lines[0].endswith(b"\r\n") else "\n"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BatchError(f"{name}:{skipped + 1}: the header is not valid UTF-8 (byte 0x{data[exc.start]:02x})") from None
    if "\x00" in text:
        raise BatchError(f"{name}:{skipped + 1}: NUL byte in the header")
    csv.field_size_limit(MAX_RECORD_BYTES)
    _check_line_ends(data, data.find(b"\n"), name)
    if delimiter is None:
        delimiter = csv_delimiter(text)
    try:
        rows = list(csv.reader(split_text(text), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise BatchError(f"{name}:{skipped + 1}: cannot parse the header: {csv_error(str(exc))}") from None
    if len(rows) != 1:
        raise BatchError(f"{name}:{skipped + 1}: cannot parse the header")
    return rows[0], skipped + len(lines), newline, bom, delimiter


def _check_line_ends(data: bytes, first_lf: int, name: str) -> None:
    """Lines that end in CR alone (classic Mac OS) would read as one record: a usage error."""
    head = (data if first_lf < 0 else data[:first_lf]).rstrip(b"\r")
    cr = head.find(b"\r")
    if cr >= 0 and head.count(b'"', 0, cr) % 2 == 0:  # a CR outside quotes ends the first line
        raise BatchError(
            f"{name}: lines end in CR alone (classic Mac OS line ends), not LF or CRLF: "
            f"convert them first, e.g. tr '\\r' '\\n' < {name}"
        )


def _csv_plan(
    header: list[str], columns: Sequence[str], newline: str, delimiter: str, name: str
) -> tuple[Plan, list[str]]:
    """The plan of a CSV job and its output header; an unknown column is a BatchError."""
    index = []
    for col in columns:
        count = header.count(col)
        if count == 0:
            shown = ", ".join(header[:20]) + (", ..." if len(header) > 20 else "")
            raise BatchError(f"unknown column {col!r} in {name} (columns: {shown}){did_you_mean(col, header)}")
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
    return Plan(
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
    for obj in json_objects(chunk.split(b"\n")):
        if not obj.get(ERROR_FIELD):  # an earlier run's bad record says nothing
            objects += 1
            seen.update(obj)
    if not objects:
        return
    for col in columns:
        if col not in seen:
            raise BatchError(
                f"unknown column {col!r}: no record among the first {objects:,} of {name} has it"
                f"{did_you_mean(col, sorted(seen))}"
            )


# -- writing rows back ----------------------------------------------------------------------


def csv_bytes(rows: list[list[str]], plan: Plan, has_cr: bool) -> bytes:
    buf = io.StringIO()
    if plan.newline == "\n" and has_cr:
        for row in rows:  # csv.writer leaves a lone \r unquoted when lines end in \n
            buf.write(csv_line(row, plan.delimiter, plan.newline))
    else:
        csv.writer(buf, delimiter=plan.delimiter, lineterminator=plan.newline).writerows(rows)
    return buf.getvalue().encode("utf-8")


def csv_line(row: Sequence[str], delimiter: str, newline: str) -> str:
    special = (delimiter, '"', "\r", "\n")
    out = []
    for f in row:
        if any(c in f for c in special):
            f = '"' + f.replace('"', '""') + '"'
        out.append(f)
    return delimiter.join(out) + newline


def json_members(col: str, id_: str | None, label: str | None, score: float | None) -> str:
    """``"COL_id": ..., "COL_label": ..., "COL_score": ...``: the members spliced into a JSON record."""
    d = json.dumps
    return (
        f"{d(col + '_id', ensure_ascii=False)}: {d(id_, ensure_ascii=False)}, "
        f"{d(col + '_label', ensure_ascii=False)}: {d(label, ensure_ascii=False)}, "
        f"{d(col + '_score', ensure_ascii=False)}: {d(score)}"
    )

"""Reading each input format into rows: ``(line, record or None, why it could not be read)``."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from normalize.importer.result import ImportUsageError

__all__ = ["MAX_CELL_BYTES", "Row"]

#: cells up to this size are read (the csv module's default, 128 KiB, is too small for real data)
MAX_CELL_BYTES = 64 << 20
_SURROGATE_RE = re.compile("[\udc80-\udcff]")

#: a record, or the reason it could not be read, at a line
Row = tuple[int, "dict[str, Any] | None", str]


def _open(path: Path, stdin: bytes | None = None) -> IO[bytes]:
    """The file's bytes, through gzip when they are gzip's (``stdin``: the bytes of ``-``)."""
    raw: IO[bytes] = io.BytesIO(stdin) if stdin is not None else open(path, "rb")  # noqa: SIM115 - the caller closes it
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return gzip.open(raw)  # type: ignore[return-value]
    raw.seek(0)
    return raw


def _read_delimited(f: IO[bytes], delimiter: str) -> tuple[list[str], int, Iterator[Row]]:
    """The header, its line, and the rows (dicts by header name) of a CSV or TSV stream."""
    text = io.TextIOWrapper(f, encoding="utf-8", errors="surrogateescape", newline="")
    csv.field_size_limit(MAX_CELL_BYTES)
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_line = 0
    end = 0
    while header is None:
        try:
            cells = next(reader)
        except StopIteration:
            raise ImportUsageError("no header line: the file is empty") from None
        except csv.Error as exc:
            raise ImportUsageError(f"line {end + 1}: cannot read the header: {exc}") from None
        start, end = end + 1, reader.line_num
        if cells and any(c.strip() for c in cells):
            header = [_clean_header(c) for c in cells]
            header_line = start
    if any(_has_surrogates(c) for c in header):
        raise ImportUsageError(f"line {header_line}: the header is not valid UTF-8")

    def rows() -> Iterator[Row]:
        nonlocal end
        width = len(header)
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                start, end = end + 1, reader.line_num
                yield start, None, f"malformed row: {exc}"
                continue
            start, end = end + 1, reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # a blank line
            if any(_has_surrogates(c) for c in cells):
                yield start, None, "not valid UTF-8"
                continue
            if len(cells) != width:
                if len(cells) > width and not any(c.strip() for c in cells[width:]):
                    cells = cells[:width]  # trailing empty cells
                else:
                    yield start, None, f"{len(cells)} cell{'s' * (len(cells) != 1)}, the header has {width}"
                    continue
            yield start, dict(zip(header, cells)), ""

    return header, header_line, rows()


def _clean_header(cell: str) -> str:
    return cell.strip().lstrip("\ufeff").strip()


def _has_surrogates(text: str) -> bool:
    """Bytes that were not UTF-8 (decoded with ``surrogateescape``)."""
    return _SURROGATE_RE.search(text) is not None


def _read_json_lines(f: IO[bytes]) -> Iterator[Row]:
    for lineno, raw in enumerate(f, 1):
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield lineno, None, f"invalid JSON: {msg}"
            continue
        except RecursionError:
            yield lineno, None, "invalid JSON: nested too deeply"
            continue
        if type(obj) is not dict:
            yield lineno, None, f"expected a JSON object, got {type(obj).__name__}"
            continue
        yield lineno, obj, ""


def _read_json_array(f: IO[bytes]) -> Iterator[Row]:
    data = f.read()
    try:
        text = data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportUsageError(f"line {line}: not valid UTF-8") from None
    decoder = json.JSONDecoder()
    if not text.lstrip().startswith("["):
        raise ImportUsageError("not a JSON array (it does not begin with '[')")
    pos = text.index("[") + 1
    line, counted = text.count("\n", 0, pos) + 1, pos
    n = len(text)

    def skip(p: int) -> int:
        while p < n and text[p] in " \t\r\n":
            p += 1
        return p

    pos = skip(pos)
    if pos < n and text[pos] == "]":
        return
    while pos < n:
        line, counted = line + text.count("\n", counted, pos), pos
        try:
            obj, pos = decoder.raw_decode(text, pos)
        except ValueError as exc:
            raise ImportUsageError(f"line {line}: invalid JSON: {exc}") from None
        except RecursionError:
            raise ImportUsageError(f"line {line}: invalid JSON: nested too deeply") from None
        if type(obj) is dict:
            yield line, obj, ""
        else:
            yield line, None, f"expected a JSON object, got {type(obj).__name__}"
        pos = skip(pos)
        if pos < n and text[pos] == ",":
            pos = skip(pos + 1)
        elif pos < n and text[pos] == "]":
            return
        else:
            line += text.count("\n", counted, pos)
            raise ImportUsageError(f"line {line}: invalid JSON array: ',' or ']' expected")
    raise ImportUsageError("invalid JSON array: no closing ']'")

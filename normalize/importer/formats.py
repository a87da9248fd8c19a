"""The input formats, told apart from a file's first bytes (and its name)."""

from __future__ import annotations

import codecs
import csv
import json
from typing import Any

from normalize._badinput import csv_delimiter
from normalize.importer.result import ImportUsageError

__all__ = ["FORMATS", "describe_content", "detect_format"]

#: the input formats, and what each is
FORMATS: dict[str, str] = {
    "csv": "comma-separated values (or ; or |) with a header line",
    "tsv": "tab-separated values with a header line",
    "jsonl": "JSON Lines: one JSON object per line",
    "json": "a JSON array of objects",
    "ftm": "FollowTheMoney entities (OpenSanctions), one per line or in a JSON array",
}

#: how much of a file format detection looks at
_HEAD_BYTES = 1 << 16


def _is_ftm(obj: Any) -> bool:
    return type(obj) is dict and isinstance(obj.get("schema"), str) and isinstance(obj.get("properties"), dict)


def detect_format(head: bytes, name: str = "") -> tuple[str, str]:
    """``(format, delimiter)`` of a file from its first bytes, then its name.

    Raises :class:`ImportUsageError` for what cannot be imported (a ZIP or
    spreadsheet, UTF-16 text, an empty file).

    >>> detect_format(b'{"id": "1", "schema": "Person", "properties": {"name": ["X"]}}\\n')
    ('ftm', '')
    >>> detect_format(b"id;name;type\\n1;X;person\\n", "list.csv")
    ('csv', ';')
    """
    kind = _binary_kind(head)
    if kind:
        raise ImportUsageError(f"{name or 'the input'} is {kind}, not text: export it as CSV (UTF-8) first")
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    stripped = text.lstrip()
    lower = name.lower().removesuffix(".gz")
    if not stripped:
        raise ImportUsageError(f"{name or 'the input'} is empty")
    if stripped.startswith("["):
        first = _first_array_item(stripped)
        return ("ftm" if _is_ftm(first) else "json"), ""
    if stripped.startswith("{"):
        first_line = stripped.split("\n", 1)[0]
        try:
            obj = json.loads(first_line)
        except (ValueError, RecursionError):
            obj = None
        return ("ftm" if _is_ftm(obj) else "jsonl"), ""
    if lower.endswith((".tsv", ".tab")):
        return "tsv", "\t"
    best = csv_delimiter(text.lstrip("\r\n").split("\n", 1)[0])
    if best == "\t" and not lower.endswith(".csv"):
        return "tsv", "\t"
    return "csv", best


def _first_array_item(text: str) -> Any:
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    try:
        return decoder.raw_decode(text, pos)[0]
    except (ValueError, RecursionError):
        return None


def _binary_kind(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive (an .xlsx or .ods spreadsheet?)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Office document (an .xls spreadsheet?)"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text"
    if head.startswith(b"%PDF"):
        return "a PDF document"
    return ""


def describe_content(data: bytes, name: str = "") -> str | None:
    """What a file that is not a JSON Lines lexicon looks like, or None when it may well be one.

    Used by ``normalize lexicon check`` to say once "this is a CSV file" rather
    than "invalid JSON" on every line. A file whose first lines include a JSON
    object that is not FollowTheMoney is taken for a lexicon (its bad lines
    are then reported one by one).

    >>> describe_content(b"id,name\\n1,Kyiv\\n")
    'a CSV file (comma-separated; header: id, name)'
    >>> describe_content(b'{"id": "x", "type": "place", "names": ["X"]}\\n') is None
    True
    """
    kind = _binary_kind(data[:16])
    if kind:
        return kind
    text = data[:_HEAD_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = [line for line in text.split("\n") if line.strip()][:20]
    if not lines:
        return None
    stripped = text.lstrip()
    if stripped.startswith("["):
        return "a JSON array" + (" of FollowTheMoney entities" if _is_ftm(_first_array_item(stripped)) else "")
    objects = ftm = entries = 0
    keys: dict[str, None] = {}
    for line in lines:
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if type(obj) is dict:
            objects += 1
            ftm += _is_ftm(obj)
            entries += sum(k in obj for k in ("id", "type", "names")) >= 2  # an entry, perhaps with a typo
            keys.update(dict.fromkeys(obj))
    if ftm and ftm == objects:
        return "FollowTheMoney entities (id, schema, properties)"
    if objects and not entries:
        shown = ", ".join(list(keys)[:6]) + (", ..." if len(keys) > 6 else "")
        return f"JSON Lines of other records (keys: {shown}; a lexicon entry has id, type and names)"
    if objects:
        return None
    if stripped.startswith("{"):
        return "a JSON document spread over several lines, not one object per line"
    fmt, delimiter = detect_format(data[:_HEAD_BYTES], name)
    try:
        header = next(csv.reader([lines[0].rstrip("\r")], delimiter=delimiter))
    except csv.Error:  # not even a table (a CR or NUL in the line): let its lines speak for themselves
        return None
    columns = ", ".join(c.strip() for c in header[:6]) + (", ..." if len(header) > 6 else "")
    what = {",": "comma", ";": "semicolon", "|": "bar", "\t": "tab"}[delimiter]
    return f"a {fmt.upper()} file ({what}-separated; header: {columns})"

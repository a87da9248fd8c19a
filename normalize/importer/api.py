"""The entry points: :func:`import_file` (a file, ``-`` for stdin) and :func:`from_records` (dicts)."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from normalize.importer.builder import _Builder, _slug
from normalize.importer.formats import _HEAD_BYTES, FORMATS, _is_ftm, detect_format
from normalize.importer.readers import _open, _read_delimited, _read_json_array, _read_json_lines
from normalize.importer.result import ImportResult, ImportUsageError

__all__ = ["from_records", "import_file"]

def import_file(
    path: str | Path,
    *,
    format: str | None = None,
    id_column: str | None = None,
    name_columns: Sequence[str] | None = None,
    separator: str | None = None,
    type: str | None = None,
    type_column: str | None = None,
    lang: str | None = None,
    id_prefix: str | None = None,
    same_as_column: str | None = None,
) -> ImportResult:
    """Read ``path`` (``.gz`` too; ``-``: stdin) into entities; see the module docstring for the options.

    Raises :class:`ImportUsageError` when nothing can be imported (bad options,
    a missing column, an unreadable or binary file); problems of single rows
    are in the result's ``problems``.
    """
    path = Path(path)
    if format is not None and format not in FORMATS:
        raise ImportUsageError(f"unknown format {format!r}; formats: {', '.join(FORMATS)}")
    if type is not None and type_column is not None:
        raise ImportUsageError("give --type or --type-column, not both")
    stdin = None
    if str(path) == "-":
        import sys

        stdin = sys.stdin.buffer.read()
    try:
        with _open(path, stdin) as f:
            head = f.read(_HEAD_BYTES)
    except (OSError, EOFError, zlib.error) as exc:  # zlib.error: a corrupt gzip stream
        raise ImportUsageError(f"cannot read {path}: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}") from None
    fmt, delimiter = detect_format(head, path.name)
    if format is not None:
        fmt = format
        if fmt in ("csv", "tsv") and (format == "tsv" or delimiter == ""):
            delimiter = "\t" if fmt == "tsv" else ","
    stem = path.name if stdin is None else "stdin"
    for suffix in (".gz", ".csv", ".tsv", ".tab", ".txt", ".jsonl", ".ndjson", ".json"):
        stem = stem.removesuffix(suffix)
    builder = _Builder(
        "<stdin>" if stdin is not None else str(path), fmt, id_column=id_column, name_columns=name_columns, separator=separator, type=type,
        type_column=type_column, lang=lang, id_prefix=id_prefix, slug_prefix=f"{_slug(stem)}:",
        same_as_column=same_as_column,
    )
    try:
        with _open(path, stdin) as f:
            if fmt in ("csv", "tsv"):
                header, _, rows = _read_delimited(f, delimiter)
                builder.set_columns(header)
            elif fmt == "json" or (fmt == "ftm" and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")):
                rows = _read_json_array(f)
            else:
                rows = _read_json_lines(f)
            for line, record, error in rows:
                builder.add(line, record, error)
    except ImportUsageError as exc:
        raise ImportUsageError(f"{path}: {exc}") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise ImportUsageError(f"cannot read {path}: {exc}") from None
    return builder.finish()


def from_records(
    records: Iterable[Mapping[str, Any]],
    *,
    format: str | None = None,
    id_column: str | None = None,
    name_columns: Sequence[str] | None = None,
    separator: str | None = None,
    type: str | None = None,
    type_column: str | None = None,
    lang: str | None = None,
    id_prefix: str | None = None,
    same_as_column: str | None = None,
    source: str = "<records>",
) -> ImportResult:
    """Entities from records in memory: dicts of columns, or FollowTheMoney entities.

    ``format`` is ``ftm`` for FollowTheMoney entities (detected from the first
    record when not given), anything else for dicts of columns. A record's
    line in messages is its position, from 1.
    """
    iterator = iter(records)
    first = next(iterator, None)
    if format is None:
        format = "ftm" if _is_ftm(first) else "jsonl"
    if type is not None and type_column is not None:
        raise ImportUsageError("give type or type_column, not both")
    builder = _Builder(
        source, "ftm" if format == "ftm" else "jsonl", id_column=id_column, name_columns=name_columns,
        separator=separator, type=type, type_column=type_column, lang=lang, id_prefix=id_prefix,
        slug_prefix="records:", same_as_column=same_as_column,
    )
    if first is not None:
        import itertools

        for position, record in enumerate(itertools.chain([first], iterator), 1):
            given: object = record  # a caller's rows may be anything, whatever the annotation says
            if isinstance(given, Mapping):
                builder.add(position, given, "")
            else:
                builder.add(position, None, f"expected a mapping, got {_type_name(given)}")
    return builder.finish()


def _type_name(value: Any) -> str:
    return type(value).__name__

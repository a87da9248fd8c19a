"""Reading the engine's data files with clear errors: ``file:line: what is wrong``.

The engine's knowledge lives in files (``normalize/data/*.json`` and ``*.tsv``,
``normalize/schemes/*.json``) that people edit by hand.  A fault in one must say which
file and line, never end in a traceback or a silently wrong table.  This module is the one
place that reads them:

* :func:`parse_json` parses a JSON text and refuses a key written twice in one object
  (``json`` would keep the last one silently);
* :func:`check` holds the parsed data to a *shape* (below), so an unknown key, a missing
  key or a value of the wrong type is an error naming the key's line;
* :func:`load_json` does both for a bundled file; :func:`read_tsv` reads a tab-separated
  table, line by line;
* :func:`line_of` finds the line of a value in a JSON text by its path.

A shape is written as plain Python values: a type (``str``, ``float``: an int is a number
too, never a bool) is a value of that type; a one-element list ``[shape]`` a list of such
values; :class:`Fields` an object with named keys; :class:`MapOf` an object whose keys are
free (each value of one shape); :class:`OneOf` one of a few literal values; a tuple of
shapes any one of them.

>>> data = parse_json('{"a": 1, "b": ["x"]}', name="demo.json")
>>> check(data, Fields({"a": float, "b": [str]}), name="demo.json", text='{"a": 1, "b": ["x"]}')
>>> check({"a": "1"}, Fields({"a": float}), name="demo.json")
Traceback (most recent call last):
...
normalize.datafile.DataFileError: demo.json:1: a: must be a number, not str
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources

__all__ = [
    "DataFileError", "Fields", "MapOf", "OneOf", "check", "line_of", "load_json", "parse_json", "problem", "read_tsv",
]

#: A path into a JSON document: object keys and list indexes.
Where = tuple[str | int, ...]


class DataFileError(ValueError):
    """A data file that breaks its format; the message starts with ``file:line:``."""

    def __init__(self, message: str, where: Where = ()):
        super().__init__(message)
        self.where = where


@dataclass(frozen=True)
class Fields:
    """An object with these keys (``optional`` ones may be left out; no other key allowed)."""

    required: Mapping[str, object]
    optional: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class MapOf:
    """An object whose keys are free: each value has the shape ``value``."""

    value: object
    key: object = str


@dataclass(frozen=True)
class OneOf:
    """One of these literal values."""

    values: tuple[object, ...]


_TYPE_NAMES = {str: "a string", float: "a number", int: "an integer", bool: "true or false", dict: "an object"}


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", type(None): "null"}.get(type(value), type(value).__name__)


def _problem(value: object, shape: object, where: Where) -> tuple[str, Where] | None:
    """What is wrong with ``value`` as ``shape`` (a message and the path), or None."""
    if isinstance(shape, tuple):
        problems = [_problem(value, option, where) for option in shape]
        if all(problems):
            return next(p for p in problems if p is not None)
        return None
    if isinstance(shape, OneOf):
        if value in shape.values:
            return None
        return f"must be one of {', '.join(map(repr, shape.values))}, not {value!r}", where
    if isinstance(shape, list):
        if not isinstance(value, list):
            return f"must be a list, not {_kind(value)}", where
        for i, item in enumerate(value):
            found = _problem(item, shape[0], (*where, i))
            if found:
                return found
        return None
    if isinstance(shape, (Fields, MapOf)):
        if not isinstance(value, dict):
            return f"must be an object, not {_kind(value)}", where
        if isinstance(shape, MapOf):
            for key, item in value.items():
                found = _problem(key, shape.key, (*where, key)) or _problem(item, shape.value, (*where, key))
                if found:
                    return found
            return None
        known = {**shape.required, **shape.optional}
        for key in value:
            if key not in known:
                return f"unknown key {key!r} (allowed: {', '.join(sorted(known))})", (*where, key)
        for key in shape.required:
            if key not in value:
                return f"missing key {key!r}", where
        for key, item in value.items():
            found = _problem(item, known[key], (*where, key))
            if found:
                return found
        return None
    if shape is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif shape is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(shape, type):
        ok = isinstance(value, shape)
    else:  # pragma: no cover - a shape written wrong is a bug in the engine
        raise TypeError(f"not a shape: {shape!r}")
    if ok:
        return None
    return f"must be {_TYPE_NAMES.get(shape, shape.__name__)}, not {_kind(value)}", where


def _path(where: Where) -> str:
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def problem(data: object, shape: object) -> tuple[str, Where] | None:
    """``("path: what is wrong", path)`` when ``data`` does not have ``shape``, else None.

    For a caller that adds the file and line itself (:func:`check` does both).
    """
    found = _problem(data, shape, ())
    if found is None:
        return None
    message, at = found
    label = _path(at)
    return (f"{label}: {message}" if label else message), at


def check(data: object, shape: object, *, name: str, text: str | None = None, where: Where = ()) -> None:
    """Raise :class:`DataFileError` ``name:line: path: problem`` unless ``data`` has ``shape``.

    ``text`` is the file's JSON text, to name the line of the fault (line 1 without it);
    ``where`` is the path of ``data`` in the document, when it is a part of one.
    """
    found = _problem(data, shape, where)
    if found is None:
        return
    message, at = found
    line = line_of(text, at) if text is not None else 1
    label = _path(at)
    raise DataFileError(f"{name}:{line}: {label + ': ' if label else ''}{message}", at)


def _no_duplicates(name: str, text: str) -> Callable[[list[tuple[str, object]]], dict[str, object]]:
    """An ``object_pairs_hook`` that refuses a key written twice in one object."""

    def hook(pairs: list[tuple[str, object]]) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in pairs:
            if key in out:
                line = _duplicate_line(text, key)
                raise DataFileError(f"{name}:{line}: key {key!r} written twice in one object")
            out[key] = value
        return out

    return hook


def _duplicate_line(text: str, key: str) -> int:
    """Line of the second ``key`` written in one object of a JSON text (1 if none is found)."""
    opened: list[int] = []  # positions of the "{" and "[" enclosing the scan
    seen: set[tuple[int, str]] = set()
    pos, n = 0, len(text)
    while pos < n:
        ch = text[pos]
        if ch == '"':
            end = pos + 1
            while text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            after = end + 1
            while after < n and text[after] in " \t\r\n":
                after += 1
            if after < n and text[after] == ":" and opened:
                found = (opened[-1], json.loads(text[pos:end + 1]))
                if found[1] == key and found in seen:
                    return text.count("\n", 0, pos) + 1
                seen.add(found)
            pos = end + 1
            continue
        if ch in "{[":
            opened.append(pos)
        elif ch in "}]" and opened:
            opened.pop()
        pos += 1
    return 1


def _key_re(key: str) -> re.Pattern[str]:
    """A key of a JSON object, as written in its text."""
    return re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")


def parse_json(text: str, *, name: str) -> object:
    """The parsed JSON ``text`` of the file ``name``; a fault is a :class:`DataFileError`."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates(name, text))
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{name}:{exc.lineno}: {exc.msg}") from None


def load_json(file: str, shape: object, *, package: str = "normalize.data") -> object:
    """Read, parse and check the bundled data file ``file`` of ``package``.

    Errors name the file as ``normalize/data/FILE:LINE``.
    """
    text = (resources.files(package) / file).read_text(encoding="utf-8")
    name = package.replace(".", "/") + "/" + file
    data = parse_json(text, name=name)
    check(data, shape, name=name, text=text)
    return data


def read_tsv(file: str, columns: int, *, package: str = "normalize.data") -> Iterator[tuple[str, int, list[str]]]:
    """``(name, line number, fields)`` for each line of a bundled tab-separated table.

    Blank lines and lines starting with ``#`` are skipped; a line with another number of
    fields than ``columns`` is a :class:`DataFileError` naming the file and line.
    """
    text = (resources.files(package) / file).read_text(encoding="utf-8")
    name = package.replace(".", "/") + "/" + file
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise DataFileError(f"{name}:{number}: {len(fields)} tab-separated fields, expected {columns}")
        yield name, number, fields


def line_of(text: str, where: Where) -> int:
    """Line (1-based) of the value at ``where`` (keys and list indexes) in a JSON object's text.

    Follows the path through the document with :meth:`json.JSONDecoder.raw_decode`,
    so it needs no particular layout; stops at the deepest part it can find.
    """
    decoder = json.JSONDecoder()
    pos = text.index("{")
    for part in where:
        if isinstance(part, int):
            start = text.find("[", pos)
            if start < 0:
                break
            pos = start + 1
            for _ in range(part + 1):
                while text[pos] in " \t\r\n,":
                    pos += 1
                found = pos
                _, pos = decoder.raw_decode(text, pos)
            pos = found
        else:
            match = _key_re(part).search(text, pos)
            if match is None:
                break
            pos = match.start()
    return text.count("\n", 0, pos) + 1

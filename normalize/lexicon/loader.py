"""Reading and checking lexicon files: every problem, with its file and line, at once.

The loader is strict because lexicons are reviewed like code: invalid JSON, a
missing or duplicate id, an empty name, an unknown key, a value of the wrong
type, a ``parent`` that points nowhere... are all collected, so one run of
``normalize lexicon check`` shows everything to fix.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from normalize.lexicon.model import (
    _ENTITY_KEYSET,
    _GENDERS,
    _NAME_KEYS,
    _NAME_KEYSET,
    _REQUIRED_KEYS,
    ENTITY_KEYS,
    KNOWN_TYPES,
    NAME_KINDS,
    Entity,
    Name,
    Problem,
    _describe,
    _suggest,
)
from normalize.lexicon.same_as import _same_as_problems

_LANG_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
_COUNTRY_RE = re.compile(r"[A-Z]{2}\Z")
_TYPE_RE = re.compile(r"[a-z][a-z0-9_-]*\Z")
_WORD_RE = re.compile(r"\S+\Z")


class _Loader:
    """Reads files one after another, collecting entities and problems."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.problems: list[Problem] = []
        self.first_seen: dict[str, tuple[str, int]] = {}

    def read(self, path: Path) -> bytes:
        """Read and parse one file; returns its raw bytes (for the content hash)."""
        where = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.problems.append(Problem(where, 0, f"cannot read: {exc.strerror or exc}"))
            return b""
        raw = data
        if path.name.endswith(".gz"):
            import gzip
            import zlib

            try:
                raw = gzip.decompress(data)
            except (OSError, EOFError, zlib.error) as exc:  # zlib.error: a corrupt deflate stream
                self.problems.append(Problem(where, 0, f"not a valid gzip file: {exc}"))
                return data
        bad_utf8 = None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad_utf8 = Problem(where, raw[: exc.start].count(b"\n") + 1, "not valid UTF-8")
            text = raw.decode("utf-8", errors="replace")
        text = text.removeprefix("\ufeff")
        what = _not_a_lexicon(raw, text, path.name)
        if what:  # one message for the file, not one per line
            self.problems.append(Problem(
                where, 0, f"this looks like {what}, not a lexicon (one JSON entity per line); "
                f"convert it with: normalize lexicon import {path} -o OUT.jsonl",
            ))
            return data
        if bad_utf8 is not None:
            self.problems.append(bad_utf8)
        for lineno, line in enumerate(text.split("\n"), 1):
            if line and not line.isspace():
                self.parse_line(where, lineno, line)
        return data

    def parse_line(self, where: str, lineno: int, line: str) -> None:
        def error(message: str) -> None:
            self.problems.append(Problem(where, lineno, message))

        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
            from normalize._badinput import json_error

            error(json_error(exc))
            return
        if type(obj) is not dict:
            error(f"expected a JSON object, got {_describe(obj)}")
            return
        # a lone surrogate can only come from a \\uD800-\\uDFFF escape: look deeper only then
        self.parse_obj(where, lineno, obj, surrogates="\\ud" in line or "\\uD" in line)

    def parse_obj(self, where: str, lineno: int, obj: dict[str, Any], *, surrogates: bool = True) -> None:
        """Check one entity object; add it, or its problems."""
        problems = self.problems
        n_before = len(problems)

        def error(message: str) -> None:
            problems.append(Problem(where, lineno, message))

        def warn(message: str) -> None:
            problems.append(Problem(where, lineno, message, "warning"))

        surrogate = _lone_surrogate(obj) if surrogates else None
        if surrogate is not None:  # "\ud800" in JSON: not text, it could not even be written out
            error(f"{surrogate[0]} holds a lone surrogate (\\u{ord(surrogate[1]):04x}), which is not a character")
            return

        for key in sorted(obj.keys() - _ENTITY_KEYSET, key=str):
            error(f"unknown key {key!r}{_suggest(str(key), ENTITY_KEYS)}")
        for key in _REQUIRED_KEYS:
            if key not in obj:
                error(f"missing required key {key!r}")

        entity_id = obj.get("id")
        if "id" in obj and not _is_word(entity_id):
            error(f"id must be a non-empty string without spaces, got {_describe(entity_id)}")
            entity_id = None
        etype = obj.get("type")
        if "type" in obj:
            if type(etype) is not str or not _TYPE_RE.match(etype):
                error(f"type must be a lowercase word, got {_describe(etype)}")
            elif etype not in KNOWN_TYPES:
                warn(f"unusual type {etype!r}{_suggest(etype, KNOWN_TYPES)}")

        names = self.parse_names(obj.get("names"), error, warn) if "names" in obj else ()

        optional: dict[str, Any] = {}
        for key in ("label", "note", "subtype", "admin1", "parent"):
            value = obj.get(key)
            if value is None:
                continue
            if type(value) is not str or not value.strip():
                error(f"{key} must be a non-empty string, got {_describe(value)}")
            else:
                optional[key] = value
        if "parent" in optional and optional["parent"] == entity_id:
            error("parent is the entity itself")
        country = obj.get("country")
        if country is not None:
            if type(country) is not str or not _COUNTRY_RE.match(country):
                error(f"country must be an ISO 3166-1 alpha-2 code (two capital letters), got {_describe(country)}")
            else:
                optional["country"] = country
        population = obj.get("population")
        if population is not None:
            if type(population) is not int or population < 0:
                error(f"population must be an integer >= 0, got {_describe(population)}")
            else:
                optional["population"] = population
        prior = obj.get("prior")
        if prior is not None:
            if type(prior) not in (int, float) or not 0 <= prior <= 1:
                error(f"prior must be a number from 0 to 1, got {_describe(prior)}")
            else:
                optional["prior"] = float(prior)
        gender = obj.get("gender")
        if gender is not None:
            if gender not in _GENDERS:
                error(f"gender must be \"m\" or \"f\", got {_describe(gender)}")
            else:
                optional["gender"] = gender
        refs = obj.get("refs")
        if refs is not None:
            if type(refs) is not dict:
                error(f"refs must be an object of strings, got {_describe(refs)}")
            else:
                for key, value in refs.items():
                    if type(value) is not str or not value.strip():
                        error(f"refs[{key!r}] must be a non-empty string, got {_describe(value)}")
                if refs:
                    optional["refs"] = refs
        same_as = obj.get("same_as")
        if same_as is not None:
            if type(same_as) is not list or not same_as:
                error(f"same_as must be a non-empty list of ids, got {_describe(same_as)}")
            else:
                linked: list[str] = []
                for i, other in enumerate(same_as, 1):
                    if not _is_word(other):
                        error(f"same_as {i} must be an id (a string without spaces), got {_describe(other)}")
                    elif other == entity_id:
                        error(f"same_as {i} is the entity itself")
                    elif other in linked:
                        warn(f"same_as {i} ({other!r}) repeats an earlier id")
                    else:
                        linked.append(other)
                optional["same_as"] = tuple(linked)

        if entity_id is not None:
            first = self.first_seen.get(entity_id)
            if first is not None:
                error(f"duplicate id {entity_id!r} (first defined at {first[0]}:{first[1]})")
                return
            self.first_seen[entity_id] = (where, lineno)
        if any(p.severity == "error" for p in problems[n_before:]):
            return
        assert type(entity_id) is str and type(etype) is str  # else an error was reported
        self.entities.append(Entity(
            id=entity_id, type=etype, names=names, source=where, line=lineno, **optional,
        ))

    def parse_names(self, value: Any, error: Any, warn: Any) -> tuple[Name, ...]:
        if type(value) is not list:
            error(f"names must be a list of strings or objects, got {_describe(value)}")
            return ()
        if not value:
            error("names must not be empty")
            return ()
        out: list[Name] = []
        seen: set[tuple[str, str | None, str | None]] = set()
        for i, item in enumerate(value, 1):
            lang = kind = None
            text: Any
            if type(item) is Name:  # from code (Lexicon.from_entities)
                item = {k: v for k, v in (("text", item.text), ("lang", item.lang), ("kind", item.kind)) if v is not None}
            if type(item) is str:
                text = item
            elif type(item) is dict:
                for key in sorted(item.keys() - _NAME_KEYSET, key=str):
                    error(f"name {i}: unknown key {key!r}{_suggest(str(key), _NAME_KEYS)}")
                text = item.get("text")
                if text is None:
                    error(f"name {i}: missing required key 'text'")
                    continue
                if type(text) is not str:
                    error(f"name {i}: text must be a string, got {_describe(text)}")
                    continue
                lang = item.get("lang")
                if lang is not None and (type(lang) is not str or not _LANG_RE.match(lang)):
                    error(f"name {i} ({text!r}): lang must be a language code like \"uk\", got {_describe(lang)}")
                kind = item.get("kind")
                if kind is not None and kind not in NAME_KINDS:
                    hint = _suggest(kind, NAME_KINDS) if type(kind) is str else ""
                    error(f"name {i} ({text!r}): unknown kind {_describe(kind)}{hint}; "
                          f"kinds are {', '.join(NAME_KINDS)}")
            else:
                error(f"name {i} must be a string or an object, got {_describe(item)}")
                continue
            if not text or text.isspace():
                error(f"name {i} is empty")
                continue
            if text != text.strip():
                warn(f"name {i} ({text!r}) has leading or trailing spaces (stripped)")
                text = text.strip()
            if not unicodedata.is_normalized("NFC", text):
                warn(f"name {i} ({text!r}) is not in Unicode NFC (normalized)")
                text = unicodedata.normalize("NFC", text)
            key = (text, lang, kind)
            if key in seen:
                warn(f"name {i} ({text!r}) repeats an earlier name of the entity")
                continue
            seen.add(key)
            out.append(Name(text, lang, kind))
        return tuple(out)

    def finish(self) -> None:
        """Checks that need every file: parents exist, no parent cycles, same_as links."""
        known = self.first_seen
        by_id = {e.id: e for e in self.entities}
        for e in self.entities:
            if e.parent is not None and e.parent not in known:
                self.problems.append(Problem(
                    e.source or "", e.line or 0,
                    f"parent {e.parent!r} is not a known id{_suggest(e.parent, known, 0.85)}",
                ))
        reported: set[str] = set()
        for e in self.entities:
            chain = [e.id]
            parent = e.parent
            while parent is not None and parent in by_id and parent not in chain:
                chain.append(parent)
                parent = by_id[parent].parent
            if parent is not None and parent in chain and parent not in reported:
                cycle = chain[chain.index(parent):] + [parent]
                reported.update(cycle)
                self.problems.append(Problem(
                    e.source or "", e.line or 0, f"parent cycle: {' -> '.join(cycle)}",
                ))
        self.problems += _same_as_problems(self.entities, known)


def _not_a_lexicon(raw: bytes, text: str, name: str) -> str | None:
    """What a file looks like when its first line is not a lexicon entry (see :func:`normalize.importer.describe_content`)."""
    for line in text[:1 << 16].split("\n", 64):
        if line and not line.isspace():
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError):
                break
            if type(obj) is dict and sum(key in obj for key in _REQUIRED_KEYS) < 2:
                break  # a record of another format (FollowTheMoney...), not an entry with a typo
            return None
    else:
        return None
    from normalize.importer import describe_content

    return describe_content(raw, name)


def _lone_surrogate(value: Any, path: str = "the entity") -> tuple[str, str] | None:
    """(where, the surrogate) of the first lone surrogate in a JSON value, keys included."""
    if isinstance(value, str):
        if not value.isascii():
            for c in value:
                if "\ud800" <= c <= "\udfff":
                    return path, c
        return None
    if isinstance(value, dict):
        for k, v in value.items():
            found = _lone_surrogate(k, f"a key of {path}") or _lone_surrogate(v, f"{k!r}" if path == "the entity" else path)
            if found:
                return found
    elif isinstance(value, list):
        for v in value:
            found = _lone_surrogate(v, path)
            if found:
                return found
    return None


def _is_word(value: Any) -> bool:
    return type(value) is str and _WORD_RE.match(value) is not None

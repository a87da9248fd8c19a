"""Records to entities: names read from cells, rows with the same ID or names merged, every
problem kept with its line; what is made is checked as a lexicon line is."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from normalize.importer.columns import (
    _FTM_COUNTRY_PROPS,
    _FTM_NAME_PROPS,
    FTM_SCHEMAS,
    TYPE_WORDS,
    ColumnMapping,
    _type_key,
)
from normalize.importer.result import ImportResult, ImportUsageError
from normalize.lexicon import NAME_KINDS, Name, Problem
from normalize.lexicon.loader import _LANG_RE, _Loader

__all__ = ["MAX_NAME_CHARS"]

#: names longer than this are not names (a wrong column, a pasted paragraph)
MAX_NAME_CHARS = 300

_SPACE_RE = re.compile(r"\s+")
_SLUG_RE = re.compile(r"[^a-z0-9]+")
_COUNTRY_RE = re.compile(r"[A-Za-z]{2}\Z")
_LETTER_RE = re.compile(r"[^\W\d_]")
#: letters of scripts other than Latin (Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic, CJK...)
_NON_LATIN_RE = re.compile("[\u0370-\u1cff\u2d00-\u2dff\u3040-\u9fff\ua640-\ua69f\uac00-\ud7af]")


@dataclass
class _Draft:
    id: str
    type: str
    line: int
    names: list[Name] = field(default_factory=list)
    keys: set[tuple[str, str | None]] = field(default_factory=set)
    label: str | None = None
    gender: str | None = None
    country: str | None = None
    note: str | None = None
    same_as: list[str] = field(default_factory=list)

    def add(self, names: Iterable[Name]) -> None:
        for n in names:
            if (n.text, n.kind) not in self.keys:
                self.keys.add((n.text, n.kind))
                self.names.append(n)


class _Builder(ColumnMapping):
    """Turns records into entity drafts, collecting problems by line."""

    def __init__(
        self,
        source: str,
        fmt: str,
        *,
        id_column: str | None,
        name_columns: Sequence[str] | None,
        separator: str | None,
        type: str | None,
        type_column: str | None,
        lang: str | None,
        id_prefix: str | None,
        slug_prefix: str,
        same_as_column: str | None = None,
    ) -> None:
        self.result = ImportResult(source=source, format=fmt)
        self.source = source
        self.ftm = fmt == "ftm"
        if type is not None:
            forced = TYPE_WORDS.get(_type_key(type))
            if forced is None and not re.fullmatch(r"[a-z][a-z0-9_-]*", type):
                raise ImportUsageError(f"--type {type!r}: expected person, org or place (or another lowercase word)")
            self.forced_type: str | None = forced or type
        else:
            self.forced_type = None
        if lang is not None and not _LANG_RE.match(lang):
            raise ImportUsageError(f"--lang {lang!r}: expected a language code such as ru, uk, be")
        if separator == "":
            raise ImportUsageError("--separator must not be empty")
        self.lang = lang
        self.separator = separator
        self.id_prefix = id_prefix or ""
        self.slug_prefix = id_prefix if id_prefix is not None else slug_prefix
        self.want_id_column = id_column
        self.want_name_columns = list(name_columns) if name_columns else None
        self.want_type_column = type_column
        self.want_same_as_column = same_as_column
        self.same_as_column: str | None = None
        self.drafts: dict[str, _Draft] = {}
        self.by_names: dict[tuple[str, frozenset[str]], str] = {}
        self.columns_ready = False
        self.id_column: str | None = None
        self.name_columns: list[str] = []
        self.type_column: str | None = None
        self._detect_cache: dict[str, str | None] = {}

    # -- columns --

    def add(self, line: int, record: Mapping[str, Any] | None, error: str) -> None:
        result = self.result
        result.rows += 1
        problems: list[Problem] = []
        if record is None:
            problems.append(Problem(self.source, line, error))
        elif self.ftm:
            self._add_ftm(line, record, problems)
        else:
            self._add_row(line, record, problems)
        if problems:
            _fix_lines(problems, line)
            result.reported_rows += 1
            result.problems.extend(problems)

    def _add_row(self, line: int, record: Mapping[str, Any], problems: list[Problem]) -> None:
        if not self.columns_ready:
            self.set_columns(list(record.keys()))
        etype = self._row_type(record, problems)
        names: list[Name] = []
        for column in self.name_columns:
            names += self._names(record.get(column), column, None, problems)
        if etype is None:
            return
        if not names:
            if problems:  # every name was dropped
                problems.append(Problem(self.source, line, "no usable name"))
            else:
                shown = " or ".join(repr(c) for c in self.name_columns)
                problems.append(Problem(self.source, line, f"no name in column {shown}"))
            return
        entity_id = None
        if self.id_column is not None:
            entity_id = self._id(record.get(self.id_column), self.id_column, problems)
            if entity_id is None:
                return
        draft = self._place(line, entity_id, etype, names, problems)
        if draft is not None and self.same_as_column is not None:
            for other in self._same_as(record.get(self.same_as_column), problems):
                if other not in draft.same_as and other != draft.id:
                    draft.same_as.append(other)

    def _same_as(self, value: Any, problems: list[Problem]) -> list[str]:
        items = value if isinstance(value, list) else [value]
        out = []
        for item in items:
            if item is None:
                continue
            if isinstance(item, bool) or not isinstance(item, (str, int)):
                problems.append(Problem(self.source, 0, f"a {type(item).__name__} in column {self.same_as_column!r} "
                                                        "is not an id: dropped", "warning"))
                continue
            for part in str(item).split(self.separator) if self.separator else [str(item)]:
                part = part.strip()
                if not part:
                    continue
                if len(part.split()) > 1 or len(part) > MAX_NAME_CHARS or not part.isprintable():
                    problems.append(Problem(self.source, 0, f"{part[:40]!r} in column {self.same_as_column!r} "
                                                            "is not an id: dropped", "warning"))
                else:
                    out.append(part)
        return out

    def _id(self, value: Any, column: str, problems: list[Problem]) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            what = "no" if value is None else f"a {type(value).__name__} as"
            problems.append(Problem(self.source, 0, f"{what} id in column {column!r}"))
            return None
        text = _SPACE_RE.sub("-", str(value).strip())
        if not text:
            problems.append(Problem(self.source, 0, f"empty id in column {column!r}"))
            return None
        if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
            problems.append(Problem(self.source, 0, f"id {text[:40]!r} in column {column!r} contains control characters"))
            return None
        if len(text) > MAX_NAME_CHARS:
            problems.append(Problem(self.source, 0, f"id in column {column!r} is {len(text):,} characters long"))
            return None
        return self.id_prefix + text

    def _names(self, value: Any, column: str, kind: str | None, problems: list[Problem]) -> list[Name]:
        """The names of one cell (a string, split by the separator; a list; a lexicon name object)."""
        if value is None:
            return []
        items: list[Any] = value if isinstance(value, list) else [value]
        out: list[Name] = []
        for item in items:
            lang: str | None = None
            item_kind = kind
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                text = item["text"]
                given = item.get("lang")
                lang = given if isinstance(given, str) and _LANG_RE.match(given) else None
                k = item.get("kind")
                item_kind = k if isinstance(k, str) and k in NAME_KINDS else kind
                parts = [text]
            elif isinstance(item, str):
                parts = item.split(self.separator) if self.separator else [item]
            elif isinstance(item, (int, float)) and not isinstance(item, bool):
                parts = [str(item)]
            else:
                problems.append(Problem(self.source, 0, f"a {type(item).__name__} in column {column!r} is not a name: dropped",
                                        "warning"))
                continue
            for part in parts:
                name = self._name(part, column, lang, item_kind, problems)
                if name is not None:
                    out.append(name)
        return out

    def _name(self, text: str, column: str, lang: str | None, kind: str | None, problems: list[Problem]) -> Name | None:
        def drop(why: str) -> None:
            problems.append(Problem(self.source, 0, f"name in column {column!r} {why}: dropped", "warning"))

        if "\x00" in text:
            drop("contains a NUL byte")
            return None
        if len(text) > MAX_NAME_CHARS * 4:
            drop(f"is {len(text):,} characters long (at most {MAX_NAME_CHARS})")
            return None
        text = unicodedata.normalize("NFC", _SPACE_RE.sub(" ", text)).strip()
        if not text:
            return None
        if len(text) > MAX_NAME_CHARS:
            drop(f"is {len(text):,} characters long (at most {MAX_NAME_CHARS})")
            return None
        if _LETTER_RE.search(text) is None:
            drop(f"{text[:40]!r} has no letter")
            return None
        if not text.isprintable() and any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") for ch in text):
            drop(f"{text[:40]!r} contains control or unassigned characters")
            return None
        if lang is None and _non_latin(text):
            lang = self.lang if self.lang is not None else self._detect(text)
        return Name(text, lang, kind)

    def _detect(self, text: str) -> str | None:
        got = self._detect_cache.get(text, "")
        if got == "":
            from normalize.detect import detect_language

            got = detect_language(text)
            if len(self._detect_cache) < 200_000:
                self._detect_cache[text] = got
        return got

    def _place(self, line: int, entity_id: str | None, etype: str, names: list[Name], problems: list[Problem],
               **extra: str | None) -> _Draft | None:
        """Add the names to the entity ``entity_id`` (None: a new slug entity, unless one has the same names)."""
        result = self.result
        if entity_id is None:
            key = (etype, frozenset(n.text for n in names))
            entity_id = self.by_names.get(key)
            if entity_id is not None:
                result.merged_rows += 1
                return self.drafts[entity_id]
            entity_id = self._slug_id(names[0].text)
            self.by_names[key] = entity_id
        draft = self.drafts.get(entity_id)
        if draft is None:
            draft = self.drafts[entity_id] = _Draft(entity_id, etype, line)
        elif draft.type != etype:
            problems.append(Problem(self.source, 0, f"id {entity_id!r} is {_a(draft.type)} at line {draft.line}, "
                                                    f"this row says {etype}"))
            return None
        else:
            result.merged_rows += 1
        draft.add(names)
        for attr, value in extra.items():
            if value is not None and getattr(draft, attr) is None:
                setattr(draft, attr, value)
        return draft

    def _slug_id(self, text: str) -> str:
        base = self.slug_prefix + _slug(text)
        entity_id, n = base, 1
        while entity_id in self.drafts:
            n += 1
            entity_id = f"{base}-{n}"
        return entity_id

    # -- FollowTheMoney --

    def _add_ftm(self, line: int, record: Mapping[str, Any], problems: list[Problem]) -> None:
        if not self.columns_ready:
            self.set_columns([])
        schema = record.get("schema")
        props = record.get("properties")
        if not isinstance(schema, str) or not isinstance(props, dict):
            problems.append(Problem(self.source, line, "not a FollowTheMoney entity (no schema or properties)"))
            return
        etype = FTM_SCHEMAS.get(schema)
        if etype is None:
            self.result.other_schemas[schema] = self.result.other_schemas.get(schema, 0) + 1
            self.result.rows -= 1  # counted apart, in the summary
            return
        if self.forced_type is not None:
            etype = self.forced_type
        raw_id = record.get("id")
        entity_id = self._id(raw_id, "id", problems) if raw_id is not None else None
        if entity_id is None:
            if raw_id is None:
                problems.append(Problem(self.source, line, "no id"))
            return
        names: list[Name] = []
        for prop in self.name_columns:
            names += self._names(_values(props.get(prop)), prop, _FTM_NAME_PROPS.get(prop), problems)
        if not any(n.kind is None for n in names) and "name" in self.name_columns:
            parts = [_first(props, p) for p in ("firstName", "fatherName", "middleName", "lastName")]
            if parts[1] and parts[2]:
                parts[2] = None
            composed = " ".join(p for p in parts if p)
            if composed and (parts[0] or parts[3]):
                got = self._name(composed, "firstName/lastName", None, None, problems)
                if got is not None:
                    names.insert(0, got)
        if not names:
            problems.append(Problem(self.source, line, "no name (properties " + ", ".join(self.name_columns) + ")"))
            return
        caption = record.get("caption")
        label = caption if isinstance(caption, str) and caption in {n.text for n in names} else None
        gender = {"male": "m", "female": "f"}.get((_first(props, "gender") or "").lower()) if etype == "person" else None
        country = None
        for prop in _FTM_COUNTRY_PROPS:
            country = next((c.upper() for c in _values(props.get(prop)) if isinstance(c, str) and _COUNTRY_RE.match(c)), None)
            if country:
                break
        births = [b for b in _values(props.get("birthDate")) if isinstance(b, str) and b.strip()]
        note = ("born " + " or ".join(sorted(set(births)))) if births else None
        self._place(line, entity_id, etype, names, problems, label=label, gender=gender, country=country, note=note)

    # -- the end --

    def finish(self) -> ImportResult:
        """Check every entity against the lexicon format; what fails is reported, not written."""
        result = self.result
        loader = _Loader()
        for draft in self.drafts.values():
            obj: dict[str, Any] = {"id": draft.id, "type": draft.type}
            if draft.label is not None:
                obj["label"] = draft.label
            obj["names"] = [n.to_json() for n in draft.names]
            for key in ("gender", "country", "note"):
                value = getattr(draft, key)
                if value is not None:
                    obj[key] = value
            if draft.same_as:
                obj["same_as"] = draft.same_as
            before = len(loader.problems)
            loader.parse_line(self.source, draft.line, json.dumps(obj, ensure_ascii=False))
            errors = [p for p in loader.problems[before:] if p.severity == "error"]
            if errors:
                result.problems += [Problem(self.source, draft.line, f"entity {draft.id!r} left out: {p.message}")
                                    for p in errors]
                result.reported_rows += 1
            else:
                result.entities.append(loader.entities[-1])
        result.problems.sort(key=lambda p: p.line)
        return result


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def _fix_lines(problems: list[Problem], line: int) -> None:
    """Problems collected with line 0 get the row's line."""
    for i, p in enumerate(problems):
        if p.line == 0:
            problems[i] = Problem(p.path, line, p.message, p.severity)


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first(props: Mapping[str, Any], key: str) -> str | None:
    return next((v.strip() for v in _values(props.get(key)) if isinstance(v, str) and v.strip()), None)


def _non_latin(text: str) -> bool:
    """Does the name have a letter of another script than Latin (Cyrillic, Greek...)?"""
    return not text.isascii() and _NON_LATIN_RE.search(text) is not None


def _slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: ``Абрамович Роман`` -> ``abramovich-roman``."""
    from unidecode import unidecode

    slug = _SLUG_RE.sub("-", unidecode(text).lower().replace("'", "")).strip("-")
    return slug[:60].rstrip("-") or "entity"

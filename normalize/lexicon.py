"""Entity lexicons: the JSON Lines format, its loader and its checks.

A lexicon maps every spelling of an entity to one canonical ID. The format is
described for users in ``lexicons/README.md``; in short, one JSON object per
line::

    {"id": "place:ua-kharkiv", "type": "place", "names": ["Kharkiv", {"text": "Харків", "lang": "uk"}]}

The loader is strict because lexicons are reviewed like code: every problem
(invalid JSON, a missing or duplicate id, an empty name, an unknown key, a
value of the wrong type, a ``parent`` that points nowhere) is collected with
its file and line, and all of them are reported at once, so one run of
``normalize lexicon check`` shows everything to fix. Names that several
entities share are only warnings: homonyms are real (there are dozens of
villages called Novoselivka).

Importing this module reads nothing; files are read by :meth:`Lexicon.load`.

>>> lex = Lexicon.from_entities([
...     Entity("place:ua-kharkiv-oblast", "place", ("Kharkiv Oblast",)),
...     Entity("place:ua-kharkiv", "place", ("Kharkiv", Name("Харків", "uk")),
...            parent="place:ua-kharkiv-oblast"),
... ])
>>> lex["place:ua-kharkiv"].display_label
'Kharkiv'
>>> [e.id for e in lex.ancestors("place:ua-kharkiv")]
['place:ua-kharkiv-oblast']
>>> lex["place:ua-kharkiv"].to_json()["names"]
['Kharkiv', {'text': 'Харків', 'lang': 'uk'}]
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "ENTITY_KEYS",
    "NAME_KINDS",
    "Entity",
    "Lexicon",
    "LexiconError",
    "Name",
    "Problem",
    "bundled_paths",
    "load_lexicon",
]

#: every key an entity object may have, in the order :meth:`Entity.to_json` writes them
ENTITY_KEYS: tuple[str, ...] = (
    "id", "type", "subtype", "label", "names", "gender", "parent",
    "country", "admin1", "population", "refs", "note",
)
_ENTITY_KEYSET = frozenset(ENTITY_KEYS)
_REQUIRED_KEYS = ("id", "type", "names")
_NAME_KEYS = ("text", "lang", "kind")
_NAME_KEYSET = frozenset(_NAME_KEYS)

#: the kinds a name may have; anything else is an error (a typo must not pass)
NAME_KINDS: dict[str, str] = {
    "official": "the entity's official or full name",
    "alias": "another name it is known by (nickname, informal name)",
    "acronym": "an abbreviation: SBU, СБУ, RDK, РДК",
    "former": "a name no longer in use (renamed places, old unit names)",
    "exonym": "a name used outside the place, e.g. a Russian name of a Ukrainian town",
    "short": "a shortened form of the full name",
    "alternate": "another spelling or transliteration",
}

#: the entity types the bundled lexicons use; other types load with a warning
KNOWN_TYPES = ("person", "place", "org")
_GENDERS = ("m", "f")

_LANG_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
_COUNTRY_RE = re.compile(r"[A-Z]{2}\Z")
_TYPE_RE = re.compile(r"[a-z][a-z0-9_-]*\Z")
_WORD_RE = re.compile(r"\S+\Z")

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Name:
    """One written form of an entity's name.

    ``lang`` is a language code (``uk``, ``ru``, ``be``, ``en``...) when the
    form belongs to one language; ``kind`` is one of :data:`NAME_KINDS`.
    """

    text: str
    lang: str | None = None
    kind: str | None = None

    def to_json(self) -> str | dict[str, str]:
        """A bare string when there is neither lang nor kind, else an object."""
        if self.lang is None and self.kind is None:
            return self.text
        out = {"text": self.text}
        if self.lang is not None:
            out["lang"] = self.lang
        if self.kind is not None:
            out["kind"] = self.kind
        return out


@dataclass(frozen=True)
class Entity:
    """One thing a text can mention: a person, a place, an organization...

    ``source`` and ``line`` say where it was loaded from; they are not part of
    the format and take no part in equality. ``refs`` take no part in hashing
    (a dict is not hashable) but do in equality.
    """

    id: str
    type: str
    names: tuple[Name, ...]
    label: str | None = None
    refs: Mapping[str, str] = field(default_factory=dict, hash=False)
    parent: str | None = None
    country: str | None = None
    population: int | None = None
    note: str | None = None
    gender: str | None = None
    subtype: str | None = None
    admin1: str | None = None
    source: str | None = field(default=None, compare=False, repr=False)
    line: int | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # accept plain strings and lists from code that builds entities by hand
        names = self.names
        if not isinstance(names, tuple) or not all(type(n) is Name for n in names):
            fixed = tuple(n if isinstance(n, Name) else Name(n) for n in names)
            object.__setattr__(self, "names", fixed)

    @property
    def display_label(self) -> str:
        """The label, or the first name when the entity has no label."""
        if self.label:
            return self.label
        return self.names[0].text if self.names else self.id

    def to_json(self) -> dict[str, Any]:
        """The entity as a JSON object of the lexicon format (without source/line)."""
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.subtype is not None:
            out["subtype"] = self.subtype
        if self.label is not None:
            out["label"] = self.label
        out["names"] = [n.to_json() for n in self.names]
        for key in ("gender", "parent", "country", "admin1", "population"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.refs:
            out["refs"] = dict(self.refs)
        if self.note is not None:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Problem:
    """A problem found in a lexicon file, at a line (0: the file as a whole)."""

    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


class LexiconError(ValueError):
    """A lexicon failed to load; ``problems`` holds every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def bundled_paths() -> list[Path]:
    """Every ``*.jsonl`` file of the bundled lexicons, sorted by file name.

    The bundled lexicons are installed as the package ``normalize.lexicons``
    (the repository's ``lexicons/`` directory); running from a source checkout
    that is not installed, that directory is used directly.
    """
    return sorted(_bundled_dir().glob("*.jsonl"), key=lambda p: p.name)


def _bundled_dir() -> Path:
    import importlib.util

    try:
        spec = importlib.util.find_spec("normalize.lexicons")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if Path(location).is_dir():
                return Path(location)
    return Path(__file__).resolve().parent.parent / "lexicons"


def load_lexicon(paths: Sequence[str | Path] | None = None, **kw: Any) -> Lexicon:
    """Same as :meth:`Lexicon.load`."""
    return Lexicon.load(paths, **kw)


class Lexicon:
    """A set of entities, indexed by id, in load order.

    Build one with :meth:`load` (files) or :meth:`from_entities` (objects).
    """

    def __init__(
        self,
        entities: Iterable[Entity],
        *,
        paths: Sequence[Path] = (),
        content_hash: str = "",
        warnings: Sequence[Problem] = (),
    ) -> None:
        self.entities: list[Entity] = list(entities)
        self._by_id: dict[str, Entity] = {e.id: e for e in self.entities}
        self.paths: tuple[Path, ...] = tuple(paths)
        self.content_hash: str = content_hash or _hash_entities(self.entities)
        self._file_warnings = list(warnings)
        self._warnings: list[Problem] | None = None
        self._children: dict[str, list[Entity]] | None = None
        self._shared: dict[str, list[str]] | None = None

    # -- construction ---------------------------------------------------------

    @classmethod
    def load(cls, paths: Sequence[str | Path] | None = None, *, strict: bool = False) -> Lexicon:
        """Load lexicon files (the bundled lexicons when ``paths`` is None).

        Raises :class:`LexiconError` listing every error of every file; with
        ``strict=True`` warnings (shared names, non-NFC names...) count as
        errors too. ``.jsonl.gz`` files are read through gzip.
        """
        lexicon, problems = cls._read(paths)
        if strict:
            problems += lexicon._shared_name_warnings()
            errors = [replace(p, severity="error") for p in problems]
        else:
            errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise LexiconError(lexicon._sorted(errors))
        return lexicon

    @classmethod
    def check(cls, paths: Sequence[str | Path] | None = None) -> tuple[Lexicon, list[Problem]]:
        """Load what is valid and return it with every problem found (errors and warnings).

        Unlike :meth:`load` this never raises for bad content: entities with
        errors are left out of the returned lexicon. Problems come sorted by
        file (in the order given) and line.
        """
        lexicon, problems = cls._read(paths)
        problems += lexicon._shared_name_warnings()
        return lexicon, lexicon._sorted(problems)

    def _sorted(self, problems: list[Problem]) -> list[Problem]:
        """Problems by file (in load order), then line; stable within a line."""
        order = {str(p): i for i, p in enumerate(self.paths)}
        return sorted(problems, key=lambda p: (order.get(p.path, len(order)), p.line))

    @classmethod
    def _read(cls, paths: Sequence[str | Path] | None) -> tuple[Lexicon, list[Problem]]:
        if paths is None:
            paths = bundled_paths()
        if isinstance(paths, (str, Path)):
            paths = [paths]
        loader = _Loader()
        digest = hashlib.sha256()
        for path in paths:
            data = loader.read(Path(path))
            digest.update(str(len(data)).encode() + b"\0" + data)
        loader.finish()
        lexicon = cls(
            loader.entities,
            paths=[Path(p) for p in paths],
            content_hash=digest.hexdigest(),
            warnings=[p for p in loader.problems if p.severity == "warning"],
        )
        return lexicon, loader.problems

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> Lexicon:
        """A lexicon of entities built in code; duplicate ids and unknown parents raise."""
        entities = list(entities)
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        for i, e in enumerate(entities, 1):
            where, line = (e.source or "<entities>", e.line or i)
            if e.id in seen:
                problems.append(Problem(where, line, f"duplicate id {e.id!r} (first at entity {seen[e.id]})"))
            else:
                seen[e.id] = i
        for i, e in enumerate(entities, 1):
            if e.parent is not None and e.parent not in seen:
                problems.append(Problem(e.source or "<entities>", e.line or i, f"parent {e.parent!r} is not a known id"))
        if problems:
            raise LexiconError(problems)
        return cls(entities)

    # -- access ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def __getitem__(self, entity_id: str) -> Entity:
        try:
            return self._by_id[entity_id]
        except KeyError:
            raise KeyError(f"no entity with id {entity_id!r}") from None

    def __repr__(self) -> str:
        return f"<Lexicon {len(self.entities)} entities from {len(self.paths)} files>"

    def children(self, entity_id: str) -> list[Entity]:
        """The entities whose ``parent`` is ``entity_id``, in load order."""
        self[entity_id]
        if self._children is None:
            children: dict[str, list[Entity]] = {}
            for e in self.entities:
                if e.parent is not None:
                    children.setdefault(e.parent, []).append(e)
            self._children = children
        return list(self._children.get(entity_id, ()))

    def ancestors(self, entity_id: str) -> list[Entity]:
        """The parent, its parent and so on, nearest first."""
        out: list[Entity] = []
        seen = {entity_id}
        parent = self[entity_id].parent
        while parent is not None and parent not in seen:
            entity = self._by_id.get(parent)
            if entity is None:
                break
            out.append(entity)
            seen.add(parent)
            parent = entity.parent
        return out

    # -- homonyms -------------------------------------------------------------

    def shared_names(self) -> dict[str, list[str]]:
        """Names (compared case-insensitively) that more than one entity has.

        Maps the name as first written to the ids that have it, in load order.
        """
        if self._shared is None:
            groups: dict[str, list[str]] = {}
            first: dict[str, str] = {}
            for e in self.entities:
                for n in e.names:
                    key = n.text.casefold()
                    ids = groups.get(key)
                    if ids is None:
                        groups[key] = [e.id]
                        first[key] = n.text
                    elif ids[-1] != e.id:
                        ids.append(e.id)
            self._shared = {first[k]: ids for k, ids in groups.items() if len(ids) > 1}
        return self._shared

    def _shared_name_warnings(self) -> list[Problem]:
        out = []
        for text, ids in self.shared_names().items():
            entity = self._by_id[ids[0]]
            shown = ", ".join(ids[:5]) + (f" (+{len(ids) - 5} more)" if len(ids) > 5 else "")
            out.append(Problem(
                entity.source or "<entities>", entity.line or 0,
                f"name {text!r} is shared by {len(ids)} entities: {shown}", "warning",
            ))
        return out

    @property
    def warnings(self) -> list[Problem]:
        """Warnings: problems in the files that are not errors, then shared names."""
        if self._warnings is None:
            self._warnings = self._file_warnings + self._shared_name_warnings()
        return self._warnings


def _hash_entities(entities: list[Entity]) -> str:
    digest = hashlib.sha256()
    for e in entities:
        digest.update(json.dumps(e.to_json(), ensure_ascii=False, sort_keys=True).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _suggest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(value: Any) -> str:
    """A short description of a wrong value for messages: "str '12'"."""
    if value is None:
        return "null"
    name = {bool: "boolean", int: "integer", float: "number", str: "string",
            list: "list", dict: "object"}.get(type(value), type(value).__name__)
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{name} {text}"


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

            try:
                raw = gzip.decompress(data)
            except (OSError, EOFError) as exc:
                self.problems.append(Problem(where, 0, f"not a valid gzip file: {exc}"))
                return data
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad_line = raw[: exc.start].count(b"\n") + 1
            self.problems.append(Problem(where, bad_line, "not valid UTF-8"))
            text = raw.decode("utf-8", errors="replace")
        if text.startswith("\ufeff"):
            text = text[1:]
        for lineno, line in enumerate(text.split("\n"), 1):
            if line and not line.isspace():
                self.parse_line(where, lineno, line)
        return data

    def parse_line(self, where: str, lineno: int, line: str) -> None:
        problems = self.problems
        n_before = len(problems)

        def error(message: str) -> None:
            problems.append(Problem(where, lineno, message))

        def warn(message: str) -> None:
            problems.append(Problem(where, lineno, message, "warning"))

        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            error(f"invalid JSON: {exc.msg} (column {exc.colno})")
            return
        if type(obj) is not dict:
            error(f"expected a JSON object, got {_describe(obj)}")
            return

        for key in sorted(obj.keys() - _ENTITY_KEYSET):
            error(f"unknown key {key!r}{_suggest(key, ENTITY_KEYS)}")
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
            if type(item) is str:
                text = item
            elif type(item) is dict:
                for key in sorted(item.keys() - _NAME_KEYSET):
                    error(f"name {i}: unknown key {key!r}{_suggest(key, _NAME_KEYS)}")
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
        """Checks that need every file: parents exist, and no parent cycles."""
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


def _is_word(value: Any) -> bool:
    return type(value) is str and _WORD_RE.match(value) is not None

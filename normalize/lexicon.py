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

Several lexicons load together: ``Lexicon.load(["bundled", "my.jsonl"])`` (the
name ``bundled``, or ``+``, stands for :func:`bundled_paths`). An entity may say
it is the ``same_as`` other IDs, in its own lexicon or another; such a group
answers as one entity (:meth:`Lexicon.merged`), under the ID of the first
lexicon named (see ``lexicons/README.md``).

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

from normalize._suggest import did_you_mean

__all__ = [
    "BUNDLED",
    "ENTITY_KEYS",
    "NAME_KINDS",
    "Entity",
    "Lexicon",
    "LexiconError",
    "Name",
    "Problem",
    "bundled_paths",
    "lexicon_paths",
    "load_lexicon",
]

#: every key an entity object may have, in the order :meth:`Entity.to_json` writes them
ENTITY_KEYS: tuple[str, ...] = (
    "id", "type", "subtype", "label", "names", "gender", "parent",
    "country", "admin1", "population", "prior", "refs", "same_as", "note",
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

#: the names that stand for the bundled lexicons in a list of lexicon paths
BUNDLED: tuple[str, ...] = ("bundled", "+")

#: bump when what :meth:`Lexicon.merged` makes of a same_as group changes (it keys index caches)
MERGE_VERSION = "same-as-1"


@dataclass(frozen=True, slots=True)
class Name:
    """One written form of an entity's name.

    ``lang`` is a language code (``uk``, ``ru``, ``be``, ``en``...) when the
    form belongs to one language; ``kind`` is one of :data:`NAME_KINDS`.
    """

    text: str
    lang: str | None = None
    kind: str | None = None

    def __post_init__(self) -> None:
        if type(self.text) is not str:
            raise TypeError(f"a name's text must be a string, not {type(self.text).__name__}")
        _check_text("a name", self.text)
        for key in ("lang", "kind"):
            value = getattr(self, key)
            if value is not None and type(value) is not str:
                raise TypeError(f"a name's {key} must be a string or None, not {type(value).__name__}")

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
    (a dict is not hashable) but do in equality. ``same_as`` lists the IDs of
    entities that are this same one (in this lexicon or another); in a merged
    lexicon (:meth:`Lexicon.merged`) it lists every other ID of the group.
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
    same_as: tuple[str, ...] = ()
    prior: float | None = None
    source: str | None = field(default=None, compare=False, repr=False)
    line: int | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        for key in ("id", "type"):
            value = getattr(self, key)
            if type(value) is not str or not value.strip():
                raise TypeError(f"an entity's {key} must be a non-empty string, not {value!r}")
            _check_text(f"an entity's {key}", value)
        for key in ("label", "parent", "note", "subtype", "admin1", "country", "gender"):
            value = getattr(self, key)
            if value is not None:
                if not isinstance(value, str):
                    raise TypeError(f"entity {self.id!r}: {key} must be a string or None, not {type(value).__name__}")
                _check_text(f"entity {self.id!r}: {key}", value)
        # accept plain strings, mappings and lists from code that builds entities by hand
        names = self.names
        if not isinstance(names, tuple) or not all(type(n) is Name for n in names):
            if isinstance(names, (str, bytes, Mapping)) or not isinstance(names, Iterable):
                hint = f" (one name: names=({names!r},))" if isinstance(names, str) else ""
                raise TypeError(
                    f"entity {self.id!r}: names must be a list or tuple of names, not {type(names).__name__}{hint}"
                )
            object.__setattr__(self, "names", tuple(_to_name(n, self.id) for n in names))
        if type(self.same_as) is not tuple:
            object.__setattr__(self, "same_as", tuple(self.same_as))
        if self.prior is not None:
            if isinstance(self.prior, bool) or not isinstance(self.prior, (int, float)):
                raise TypeError(f"entity {self.id!r}: prior must be a number from 0 to 1, not {type(self.prior).__name__}")
            if not 0 <= self.prior <= 1:  # NaN fails too
                raise ValueError(f"entity {self.id!r}: prior must be a number from 0 to 1, not {self.prior!r}")

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
        for key in ("gender", "parent", "country", "admin1", "population", "prior"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.refs:
            out["refs"] = dict(self.refs)
        if self.same_as:
            out["same_as"] = list(self.same_as)
        if self.note is not None:
            out["note"] = self.note
        return out


def _to_name(value: Any, entity_id: str) -> Name:
    """A name given in code: a :class:`Name`, a string or a mapping like the JSON format's."""
    if isinstance(value, Name):
        return value
    if isinstance(value, str):
        return Name(value)
    if isinstance(value, Mapping):
        unknown = sorted(str(k) for k in value.keys() - _NAME_KEYSET)
        if unknown or "text" not in value:
            problem = f"unknown key {unknown[0]!r}" if unknown else "no 'text'"
            raise ValueError(f"entity {entity_id!r}: a name given as a mapping has {problem}")
        return Name(value["text"], value.get("lang"), value.get("kind"))
    raise TypeError(f"entity {entity_id!r}: a name must be a string, a Name or a mapping, not {type(value).__name__}")


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

    These are what every command and class uses when given no lexicon, and
    what the name ``bundled`` (or ``+``) stands for in a list of lexicons
    (``--lexicon bundled --lexicon my.jsonl``, ``Lexicon.load(["bundled",
    "my.jsonl"])``). The bundled lexicons are installed as the package
    ``normalize.lexicons`` (the repository's ``lexicons/`` directory); running
    from a source checkout that is not installed, that directory is used directly.

    >>> sorted(p.name for p in bundled_paths())[:2]
    ['geonames_ua_ru_by.jsonl', 'orgs.jsonl']
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


def lexicon_paths(paths: str | Path | Sequence[str | Path] | None) -> list[Path]:
    """The files a list of lexicons names: ``bundled`` (or ``+``) stands for :func:`bundled_paths`.

    None means the bundled lexicons; a single path may be given bare. A file
    named twice is read once, at its first place (so ``["bundled",
    "lexicons/places.jsonl"]`` does not define every place twice). A file that
    is really called ``bundled`` is named ``./bundled``.

    >>> [p.name for p in lexicon_paths(["my.jsonl", "+"])][:2]
    ['my.jsonl', 'geonames_ua_ru_by.jsonl']
    """
    if paths is None:
        return bundled_paths()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[Path] = []
    seen: set[Path] = set()
    for item in paths:
        group = bundled_paths() if isinstance(item, str) and item in BUNDLED else [Path(item)]
        for path in group:
            key = _real(path)
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # pragma: no cover - a symlink loop
        return path.absolute()


def _source_ranks(sources: Iterable[str | None]) -> dict[str | None, int]:
    """The lexicon position of each source file, in order of first appearance.

    The bundled lexicons count as one lexicon, at the position of the first of
    them: when two entities are the ``same_as`` each other, the one from the
    lower position gives the group its ID.
    """
    bundled = {_real(p) for p in bundled_paths()}
    ranks: dict[str | None, int] = {}
    bundled_rank: int | None = None
    next_rank = 0
    for source in sources:
        if source in ranks:
            continue
        if source is not None and _real(Path(source)) in bundled:
            if bundled_rank is None:
                bundled_rank, next_rank = next_rank, next_rank + 1
            ranks[source] = bundled_rank
        else:
            ranks[source], next_rank = next_rank, next_rank + 1
    return ranks


def load_lexicon(paths: Sequence[str | Path] | None = None, **kw: Any) -> Lexicon:
    """Same as :meth:`Lexicon.load`."""
    return Lexicon.load(paths, **kw)


class Lexicon:
    """A set of entities, indexed by id, in load order.

    Build one with :meth:`load` (files), :meth:`from_entities` (objects),
    :meth:`import_file` or :meth:`from_records` (other formats: CSV, TSV, JSON
    Lines, FollowTheMoney). Entities linked by ``same_as`` stay apart here (so
    that ``lexicon check`` and ``show`` see each line as written); the matcher
    and the tagger use :meth:`merged`, one entity per group.
    """

    #: the bundled lexicon files (:func:`bundled_paths`)
    bundled_paths = staticmethod(bundled_paths)

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
        self._groups: list[list[int]] | None = None
        self._merged: Lexicon | None = None
        #: True for the result of :meth:`merged` (one entity per same_as group)
        self.is_merged = False

    # -- construction ---------------------------------------------------------

    @classmethod
    def load(cls, paths: str | Path | Sequence[str | Path] | None = None, *, strict: bool = False) -> Lexicon:
        """Load lexicon files (the bundled lexicons when ``paths`` is None).

        ``bundled`` (or ``+``) in ``paths`` stands for the bundled lexicons, in
        its place: ``Lexicon.load(["bundled", "my.jsonl"])``. Raises
        :class:`LexiconError` listing every error of every file; with
        ``strict=True`` warnings (shared names, non-NFC names, unknown
        ``same_as`` IDs...) count as errors too. ``.jsonl.gz`` files are read
        through gzip.
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
    def check(cls, paths: str | Path | Sequence[str | Path] | None = None) -> tuple[Lexicon, list[Problem]]:
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
    def _read(cls, paths: str | Path | Sequence[str | Path] | None) -> tuple[Lexicon, list[Problem]]:
        paths = lexicon_paths(paths)
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
    def from_entities(cls, entities: Iterable[Entity | Mapping[str, Any]]) -> Lexicon:
        """A lexicon of entities built in code; duplicate ids and unknown parents raise.

        Each item is an :class:`Entity` or a mapping in the lexicon format
        (``{"id": ..., "type": ..., "names": [...]}``), checked like a line of a
        lexicon file: a bad one raises :class:`LexiconError` naming it.

        >>> Lexicon.from_entities([{"id": "place:kyiv", "type": "place", "names": ["Kyiv"]}])["place:kyiv"].names
        (Name(text='Kyiv', lang=None, kind=None),)
        """
        if isinstance(entities, (str, bytes, Mapping)) or not isinstance(entities, Iterable):
            raise TypeError(
                f"entities must be an iterable of Entity objects or mappings, not {type(entities).__name__}"
            )
        items: list[Entity] = []
        loader: _Loader | None = None
        for i, item in enumerate(entities, 1):
            if isinstance(item, Entity):
                items.append(item)
            elif isinstance(item, Mapping):
                loader = loader or _Loader()
                before = len(loader.entities)
                loader.parse_obj("<entities>", i, dict(item))
                if len(loader.entities) > before:
                    items.append(loader.entities[-1])
            else:
                raise TypeError(f"entity {i} must be an Entity or a mapping, not {type(item).__name__}")
        if loader is not None:
            errors = [p for p in loader.problems if p.severity == "error"]
            if errors:
                raise LexiconError(errors)
        entities = items
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
        if not problems:
            problems = _same_as_problems(entities, seen, default_source="<entities>")
        if any(p.severity == "error" for p in problems):
            raise LexiconError([p for p in problems if p.severity == "error"])
        return cls(entities, warnings=problems)

    @classmethod
    def import_file(cls, path: str | Path, *, strict: bool = False, **options: Any) -> Lexicon:
        """A lexicon from a CSV, TSV, JSON Lines or FollowTheMoney file (see :mod:`normalize.importer`).

        ``options`` are those of :func:`normalize.importer.import_file`
        (``id_column``, ``name_columns``, ``separator``, ``type``,
        ``type_column``, ``lang``, ``id_prefix``, ``format``). Rows that could
        not be used are the lexicon's :attr:`warnings` (``FILE:LINE: why``);
        with ``strict=True`` they raise :class:`LexiconError` instead.
        Bad options (an unknown column...) raise :class:`ValueError`.
        """
        from normalize.importer import import_file

        return import_file(path, **options).lexicon(strict=strict)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], *, strict: bool = False, **options: Any) -> Lexicon:
        """A lexicon from dicts: table rows, JSON objects or FollowTheMoney entities.

        Same options as :meth:`import_file`; a record's line in messages is its
        position (1 for the first).
        """
        from normalize.importer import from_records

        return from_records(records, **options).lexicon(strict=strict)

    def save(self, path: str | Path) -> None:
        """Write the lexicon as JSON Lines, one compact object per line, atomically.

        A ``.gz`` path is gzip-compressed. The file loads back into an equal lexicon.
        """
        import os

        path = Path(path)
        data = "".join(
            json.dumps(e.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n" for e in self.entities
        ).encode("utf-8")
        if path.name.endswith(".gz"):
            import gzip

            data = gzip.compress(data, mtime=0)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

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

    # -- same_as ----------------------------------------------------------------

    def _group_indexes(self) -> list[list[int]]:
        """The same_as groups as entity indexes, each canonical first (see :meth:`same_as_groups`)."""
        if self._groups is None:
            if self.is_merged or not any(e.same_as for e in self.entities):
                self._groups = []
            else:
                sources = [str(p) for p in self.paths] + [e.source for e in self.entities]
                ranks = _source_ranks(sources)
                self._groups = _group_indexes(
                    [e.id for e in self.entities],
                    [ranks[e.source] for e in self.entities],
                    {i: e.same_as for i, e in enumerate(self.entities) if e.same_as},
                )
        return self._groups

    def same_as_groups(self) -> list[tuple[str, ...]]:
        """The IDs of each group of entities linked by ``same_as``, the canonical ID first.

        The canonical ID is the one from the first lexicon loaded (the bundled
        lexicons count as one, in their place); within one lexicon an entity
        that lists the others wins over one that is only listed, then the
        first in file order. The others follow in the same order. IDs that no
        loaded lexicon defines take no part.

        >>> lex = Lexicon.from_entities([
        ...     Entity("geonames:703448", "place", ("Kyiv",), population=2952301),
        ...     Entity("place:ua-kyiv", "place", ("Київ",), same_as=("geonames:703448",)),
        ... ])
        >>> lex.same_as_groups()
        [('place:ua-kyiv', 'geonames:703448')]
        >>> lex.canonical_id("geonames:703448")
        'place:ua-kyiv'
        """
        return [tuple(self.entities[i].id for i in group) for group in self._group_indexes()]

    def canonical_id(self, entity_id: str) -> str:
        """The ID that answers for ``entity_id``: its group's canonical ID, or itself."""
        self[entity_id]
        for group in self.same_as_groups():
            if entity_id in group:
                return group[0]
        return entity_id

    def merged(self) -> Lexicon:
        """This lexicon with each same_as group as one entity (the lexicon itself when there is none).

        The merged entity has the canonical ID (see :meth:`same_as_groups`),
        ``same_as`` listing the group's other IDs, the names of every member
        (the canonical's first, repeats dropped), and for every other field the
        canonical's value, else the first member's that has one (so a curated
        place gains its GeoNames record's population); ``refs`` are combined.
        A ``parent`` pointing to a merged-away ID points to its canonical ID;
        ``same_as`` IDs that no loaded lexicon defines are dropped. Two entities
        that only share a name are never merged.

        >>> lex = Lexicon.from_entities([
        ...     Entity("geonames:703448", "place", ("Kyiv",), population=2952301),
        ...     Entity("place:ua-kyiv", "place", ("Київ",), same_as=("geonames:703448",)),
        ... ])
        >>> kyiv, = lex.merged()
        >>> kyiv.id, [n.text for n in kyiv.names], kyiv.population, kyiv.same_as
        ('place:ua-kyiv', ['Київ', 'Kyiv'], 2952301, ('geonames:703448',))
        """
        if self._merged is None:
            if self.is_merged or not any(e.same_as for e in self.entities):
                self._merged = self
            else:
                self._merged = self._build_merged(self._group_indexes())
        return self._merged

    def _build_merged(self, groups: list[list[int]]) -> Lexicon:
        entities = self.entities
        canonical: dict[str, str] = {}
        for group in groups:
            for i in group[1:]:
                canonical[entities[i].id] = entities[group[0]].id
        merged_at = {group[0]: _merge_group([entities[i] for i in group], canonical) for group in groups}
        out: list[Entity] = []
        changed: list[Entity] = []
        for i, e in enumerate(entities):
            if e.id in canonical:
                continue
            new = merged_at.get(i)
            if new is None and (e.same_as or (e.parent is not None and e.parent in canonical)):
                # links to IDs that are not loaded are dropped; a parent merged away is its group's ID
                new = replace(e, parent=canonical.get(e.parent, e.parent) if e.parent else None, same_as=())
            if new is not None:
                changed.append(new)
                e = new
            out.append(e)
        digest = hashlib.sha256(f"{self.content_hash}\0{MERGE_VERSION}\0{_hash_entities(changed)}".encode())
        result = Lexicon(out, paths=self.paths, content_hash=digest.hexdigest(), warnings=self._file_warnings)
        result.is_merged = True
        result._merged = result
        return result

    # -- homonyms -------------------------------------------------------------

    def shared_names(self) -> dict[str, list[str]]:
        """Names (compared case-insensitively) that more than one entity has.

        Maps the name as first written to the ids that have it, in load order.
        Entities linked by ``same_as`` count as one (under the canonical ID):
        their common names are not homonyms.
        """
        if self._shared is None:
            canonical = {member: group[0] for group in self.same_as_groups() for member in group[1:]}
            groups: dict[str, list[str]] = {}
            first: dict[str, str] = {}
            for e in self.entities:
                eid = canonical.get(e.id, e.id)
                for n in e.names:
                    key = n.text.casefold()
                    ids = groups.get(key)
                    if ids is None:
                        groups[key] = [eid]
                        first[key] = n.text
                    elif ids[-1] != eid and (not canonical or eid not in ids):
                        ids.append(eid)
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


def _group_indexes(ids: Sequence[str], ranks: Sequence[int], links: Mapping[int, Sequence[str]]) -> list[list[int]]:
    """Union-find over ``same_as`` links: groups of entity indexes, each canonical first.

    ``ids``: every entity's ID in load order; ``ranks``: its lexicon's position;
    ``links``: entity index -> the IDs it lists. Unknown IDs are ignored.
    Within a group, members are ordered by lexicon position, then listing
    before only listed, then load order; groups are ordered by their canonical.
    """
    index = {entity_id: i for i, entity_id in enumerate(ids)}
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for i, targets in links.items():
        for target in targets:
            j = index.get(target)
            if j is None or j == i:
                continue
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = {}
    for i in list(parent):
        members.setdefault(find(i), []).append(i)
    for root, group in members.items():
        if root not in group:
            group.append(root)
    groups = [
        sorted(group, key=lambda i: (ranks[i], 0 if links.get(i) else 1, i))
        for group in members.values() if len(group) > 1
    ]
    return sorted(groups, key=lambda g: g[0])


def _merge_group(members: Sequence[Entity], canonical: Mapping[str, str]) -> Entity:
    """One entity for a same_as group (members in precedence order; see :meth:`Lexicon.merged`)."""
    first = members[0]
    names: list[Name] = []
    seen: set[tuple[str, str | None]] = set()
    for e in members:
        for n in e.names:
            if (n.text, n.lang) not in seen:
                seen.add((n.text, n.lang))
                names.append(n)

    def pick(key: str) -> Any:
        return next((getattr(e, key) for e in members if getattr(e, key) is not None), None)

    parent = None
    for e in members:
        if e.parent is not None:
            candidate = canonical.get(e.parent, e.parent)
            if candidate != first.id:
                parent = candidate
                break
    refs: dict[str, str] = {}
    for e in reversed(members):
        refs.update(e.refs)
    return Entity(
        id=first.id, type=first.type, names=tuple(names), label=pick("label"), refs=refs,
        parent=parent, country=pick("country"), population=pick("population"), note=pick("note"),
        gender=pick("gender"), subtype=pick("subtype"), admin1=pick("admin1"), prior=pick("prior"),
        same_as=tuple(e.id for e in members[1:]), source=first.source, line=first.line,
    )


def _same_as_problems(entities: Sequence[Entity], known: Iterable[str], default_source: str = "") -> list[Problem]:
    """What is wrong with the ``same_as`` links of valid entities (``known``: every ID defined, valid or not).

    An ID no loaded lexicon defines is a warning (the lexicon that defines it
    may simply not be loaded); linking entities of different types or
    genders, or an entity to its own parent, is an error, as is a parent
    cycle that only the merge closes.
    """
    problems: list[Problem] = []
    if not any(e.same_as for e in entities):
        return problems
    by_id = {e.id: e for e in entities}
    known = set(known)
    bundled: frozenset[str] | None = None

    def where(e: Entity, i: int) -> tuple[str, int]:
        return (e.source or default_source, e.line or i)

    usable: dict[int, list[str]] = {}  # the links that take part in the merge
    for i, e in enumerate(entities, 1):
        for other_id in e.same_as:
            other = by_id.get(other_id)
            if other is not None and other.type == e.type:
                usable.setdefault(i - 1, []).append(other_id)
            if other is None:
                if other_id not in known:
                    if bundled is None:
                        bundled = _bundled_ids()
                    if other_id in bundled:
                        message = (f"same_as {other_id!r} is in the bundled lexicons, which are not loaded: "
                                   "ignored (load them too: --lexicon bundled)")
                    else:
                        hint = _suggest(other_id, known, 0.85)
                        message = f"same_as {other_id!r} is not an id of the loaded lexicons{hint}: ignored"
                    problems.append(Problem(*where(e, i), message, "warning"))
            elif other.type != e.type:
                article = "an" if other.type[:1] in "aeiou" else "a"
                problems.append(Problem(
                    *where(e, i), f"same_as {other_id!r} is {article} {other.type}, this entity a {e.type}",
                ))
    ids = [e.id for e in entities]
    groups = _group_indexes(ids, [0] * len(ids), usable)
    group_of: dict[str, int] = {}
    for g, group in enumerate(groups):
        for i in group:
            group_of[ids[i]] = g
        members = [entities[i] for i in group]
        genders = {e.gender for e in members if e.gender is not None}
        if len(genders) > 1:
            e = members[0]
            problems.append(Problem(
                *where(e, group[0] + 1),
                "same_as links entities of different genders: " + ", ".join(f"{m.id} ({m.gender})" for m in members if m.gender),
            ))
        countries = {e.country for e in members if e.country is not None}
        if len(countries) > 1:
            e = members[0]
            problems.append(Problem(
                *where(e, group[0] + 1),
                "same_as links entities of different countries: "
                + ", ".join(f"{m.id} ({m.country})" for m in members if m.country),
                "warning",
            ))
        for m, i in zip(members, group):
            if m.parent is not None and group_of.get(m.parent, -1) == g:
                problems.append(Problem(*where(m, i + 1), f"parent {m.parent!r} is this same entity (same_as)"))
    # a parent cycle between groups: each group's parents, as groups (plain entities are their own group)
    node = {e.id: ("g", group_of[e.id]) if e.id in group_of else ("e", e.id) for e in entities}
    up: dict[tuple[str, Any], set[tuple[str, Any]]] = {}
    for e in entities:
        if e.parent is not None and e.parent in node and node[e.parent] != node[e.id]:
            up.setdefault(node[e.id], set()).add(node[e.parent])
    state: dict[tuple[str, Any], int] = {}
    for start in up:
        if start[0] != "g" or start in state:
            continue
        stack = [(start, iter(sorted(up.get(start, ()))))]
        state[start] = 1
        while stack:
            current, children = stack[-1]
            nxt = next(children, None)
            if nxt is None:
                state[current] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                g = groups[start[1]]
                e = entities[g[0]]
                problems.append(Problem(
                    *where(e, g[0] + 1), "same_as closes a parent cycle through " + ", ".join(entities[i].id for i in g),
                ))
                stack.clear()
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(sorted(up.get(nxt, ())))))
    return problems


def _json_line(line: bytes) -> dict[str, Any] | None:
    try:
        obj = json.loads(line.decode("utf-8").lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return None
    return obj if type(obj) is dict else None


def _scan_entries(text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """``(id, same_as)`` of each entry of a lexicon's text, parsing in full only the lines that need it."""
    for line in text.split("\n"):
        if not line or line.isspace():
            continue
        m = None if '"same_as"' in line or line.count('"id"') != 1 else _ID_AT_START.match(line)
        if m is not None:
            yield m.group(1), ()
            continue
        try:
            obj = json.loads(line.lstrip("\ufeff"))
            entity_id = obj["id"]
        except (ValueError, KeyError, TypeError):
            continue
        if type(entity_id) is str:
            same = obj.get("same_as")
            yield entity_id, tuple(x for x in same if type(x) is str) if type(same) is list else ()


def _bundled_ids() -> frozenset[str]:
    """The IDs of the bundled lexicons (for a hint when a same_as names one that is not loaded)."""
    out: set[str] = set()
    for path in bundled_paths():
        try:
            out.update(entity_id for entity_id, _ in _scan_entries(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):  # pragma: no cover - a broken installation
            pass
    return frozenset(out)


#: a line that starts with its id, the id free of escapes (read without parsing the JSON)
_ID_AT_START = re.compile(r'\ufeff?\s*\{\s*"id"\s*:\s*"([^"\\]+)"')


def _hash_entities(entities: list[Entity]) -> str:
    digest = hashlib.sha256()
    for e in entities:
        digest.update(json.dumps(e.to_json(), ensure_ascii=False, sort_keys=True).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _suggest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    return did_you_mean(word, choices, cutoff=cutoff, form=" (did you mean {!r}?)")


def _describe(value: Any) -> str:
    """A short description of a wrong value for messages: "str '12'"."""
    if value is None:
        return "null"
    name = {bool: "boolean", int: "integer", float: "number", str: "string",
            list: "list", dict: "object"}.get(type(value), type(value).__name__)
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):  # from code: not a JSON value
        text = repr(value)
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
        if text.startswith("\ufeff"):
            text = text[1:]
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


def _check_text(what: str, text: str) -> None:
    """Text an entity is built from must be writable as UTF-8: no lone surrogates."""
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{what} {text!r} holds a lone surrogate, which is not a character") from None


def _is_word(value: Any) -> bool:
    return type(value) is str and _WORD_RE.match(value) is not None

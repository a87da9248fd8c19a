"""The :class:`Lexicon`: a set of entities by id, loaded, checked, merged and saved."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from normalize.lexicon.hashing import FilesDigest, entities_hash
from normalize.lexicon.loader import _Loader
from normalize.lexicon.model import Entity, LexiconError, Problem
from normalize.lexicon.paths import _source_ranks, bundled_paths, lexicon_paths
from normalize.lexicon.same_as import MERGE_VERSION, _group_indexes, _merge_group, _same_as_problems

__all__ = ["Lexicon", "load_lexicon"]


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
        self.content_hash: str = content_hash or entities_hash(self.entities)
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
        digest = FilesDigest()
        for path in paths:
            digest.add(loader.read(Path(path)))
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
        from normalize.cache import atomic_write

        path = Path(path)
        data = "".join(
            json.dumps(e.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n" for e in self.entities
        ).encode("utf-8")
        if path.name.endswith(".gz"):
            import gzip

            data = gzip.compress(data, mtime=0)

        def write(f: BinaryIO) -> None:
            f.write(data)

        atomic_write(path, write, durable=True)  # a file the user asked for

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
        digest = hashlib.sha256(f"{self.content_hash}\0{MERGE_VERSION}\0{entities_hash(changed)}".encode())
        return Lexicon(out, paths=self.paths, content_hash=digest.hexdigest(), warnings=self._file_warnings).as_merged()

    def as_merged(self) -> Lexicon:
        """This lexicon, marked as merged already: each ``same_as`` group is one entity in it.

        For entities that come merged (from a compiled index, or the merge itself):
        :meth:`merged` then returns the lexicon as it is.
        """
        self.is_merged = True
        self._merged = self
        return self

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

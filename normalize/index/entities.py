"""The entities of a compiled index: one column per field, written and read; the lexicon itself.

``e.*`` sections hold one column per entity field (``e.byid`` maps every ID an
entity answers to, its own and its ``same_as``, to its number);
``lexicon.jsonl.z`` holds the lexicon (zlib-compressed JSON Lines) for tools
that need the full entities.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from normalize.index.container import IndexFileError, Reader, StrTable, Writer
from normalize.index.encoding import SEP as _SEP
from normalize.index.encoding import Pool

if TYPE_CHECKING:  # pragma: no cover
    from normalize.lexicon import Entity, Lexicon

__all__ = ["EntityRecord", "EntityTable", "ancestors_of", "lexicon_from", "write_entities", "write_lexicon"]


def write_entities(w: Writer, entities: list[Entity], pool: Pool) -> None:
    from normalize.prior import entity_prior

    index = {e.id: i for i, e in enumerate(entities)}
    w.add_strings("e.id", [e.id for e in entities])
    w.add_strings("e.label", [e.display_label for e in entities])
    w.add_array("e.type", "i", [pool(e.type) for e in entities])
    w.add_array("e.subtype", "i", [pool.opt(e.subtype) for e in entities])
    w.add_array("e.country", "i", [pool.opt(e.country) for e in entities])
    w.add_array("e.admin1", "i", [pool.opt(e.admin1) for e in entities])
    w.add_array("e.gender", "i", [pool.opt(e.gender) for e in entities])
    w.add_array("e.parent", "i", [index.get(e.parent, -1) if e.parent else -1 for e in entities])
    w.add_array("e.population", "q", [-1 if e.population is None else e.population for e in entities])
    w.add_array("e.prior", "d", [entity_prior(e) for e in entities])  # given or derived (normalize/prior.py)
    w.add_array("e.haslabel", "b", [e.label is not None for e in entities])  # e.label is the display label
    w.add_strings("e.same_as", ["\n".join(getattr(e, "same_as", ()) or ()).replace("\n", _SEP) for e in entities])
    w.add_strings("e.parent_id", [e.parent or "" for e in entities])
    # every ID an entity answers to (its own, its same_as) -> its number, for layered indexes
    ids: dict[str, int] = {}
    for i, e in enumerate(entities):
        for x in (e.id, *(getattr(e, "same_as", ()) or ())):
            ids.setdefault(x, i)
    w.add_keymap("e.byid", list(ids), [[i] for i in ids.values()], (("e", "i"),))


def write_lexicon(w: Writer, entities: list[Entity]) -> None:
    text = "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in entities)
    w.add("lexicon.jsonl.z", zlib.compress(text.encode("utf-8", "surrogatepass"), 6))


class EntityRecord:
    """An entity of a compiled index: the fields matching and tagging use."""

    __slots__ = (
        "admin1",
        "country",
        "gender",
        "id",
        "label",
        "label_given",
        "parent",
        "population",
        "prior",
        "same_as",
        "subtype",
        "type",
    )

    def __init__(self, id: str, label: str, type: str, subtype: str | None, country: str | None,
                 admin1: str | None, gender: str | None, parent: int, population: int | None,
                 same_as: tuple[str, ...] = (), prior: float | None = None, label_given: bool = True) -> None:
        self.id, self.label, self.type, self.subtype = id, label, type, subtype
        self.country, self.admin1, self.gender, self.parent, self.population = country, admin1, gender, parent, population
        self.same_as = same_as
        self.prior = prior  # the entity's prior, given or derived (normalize/prior.py)
        self.label_given = label_given  # False: ``label`` is the first name (the lexicon gives no label)

    @property
    def display_label(self) -> str:
        return self.label

    @property
    def names(self) -> tuple[()]:
        return ()

    def __repr__(self) -> str:
        return f"EntityRecord({self.id!r}, {self.type!r}, {self.label!r})"


class EntityTable:
    """The entities of a compiled index by number, as :class:`EntityRecord` (made on access)."""

    def __init__(self, r: Reader, strings: StrTable) -> None:
        self.ids = r.strings("e.id")
        self.labels = r.strings("e.label")
        n = len(self.ids)
        self.type = r.array("e.type", "i")
        self.subtype = r.array("e.subtype", "i")
        self.country = r.array("e.country", "i")
        self.admin1 = r.array("e.admin1", "i")
        self.gender = r.array("e.gender", "i")
        self.parent = r.array("e.parent", "i")
        self.population = r.array("e.population", "q")
        self.prior = r.array("e.prior", "d")
        self.haslabel = r.array("e.haslabel", "b")
        self.same_as = r.strings("e.same_as")
        self.parent_id = r.strings("e.parent_id")
        self._byid = r.keymap("e.byid")
        self._byid_e = r.array("e.byid.e", "i")
        if not all(len(c) == n for c in (self.labels, self.type, self.subtype, self.country, self.admin1,
                                         self.gender, self.parent, self.population, self.prior, self.haslabel,
                                         self.same_as, self.parent_id)):
            raise IndexFileError(f"{r.where}: corrupt (entity columns differ in length)")
        self._strings = strings
        self._memo: dict[int, EntityRecord] = {}
        self._types: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def types(self) -> set[str]:
        """The distinct entity types (one pass in C over the type column)."""
        return {self._strings[t] for t in set(self.type)}

    def type_of(self, i: int) -> str:
        t = self.type[i]
        got = self._types.get(t)
        if got is None:
            got = self._types[t] = self._strings[t]
        return got

    def _opt(self, k: int) -> str | None:
        return None if k < 0 else self._strings[k]

    def find(self, entity_id: str) -> int:
        """The number of the entity answering to ``entity_id`` (its ID or one of its same_as), or -1."""
        k = self._byid.find(entity_id)
        return -1 if k < 0 else self._byid_e[self._byid.span(k)[0]]

    def same_as_of(self, i: int) -> tuple[str, ...]:
        """The other IDs of entity ``i`` (its ``same_as`` group, see :meth:`Lexicon.merged`)."""
        text = self.same_as[i]
        return tuple(text.split(_SEP)) if text else ()

    def has_same_as(self, i: int) -> bool:
        """``bool(self.same_as_of(i))``, read from the column's offsets without decoding its text."""
        return not self.same_as.is_empty(i)

    def __getitem__(self, i: int) -> EntityRecord:
        got = self._memo.get(i)
        if got is None:
            if not 0 <= i < len(self.ids):
                raise IndexError(i)
            pop = self.population[i]
            got = self._memo[i] = EntityRecord(
                self.ids[i], self.labels[i], self.type_of(i), self._opt(self.subtype[i]),
                self._opt(self.country[i]), self._opt(self.admin1[i]), self._opt(self.gender[i]),
                self.parent[i], None if pop < 0 else pop, self.same_as_of(i), self.prior[i], bool(self.haslabel[i]),
            )
        return got

    def __iter__(self) -> Iterator[EntityRecord]:
        return (self[i] for i in range(len(self.ids)))


def lexicon_from(r: Reader) -> Lexicon:
    """The lexicon stored in a compiled index (parsed as a lexicon file is)."""
    from normalize.lexicon import Lexicon
    from normalize.lexicon.loader import _Loader

    try:
        text = zlib.decompress(r.raw("lexicon.jsonl.z")).decode("utf-8", "surrogatepass")
    except (zlib.error, UnicodeDecodeError):
        raise IndexFileError(f"{r.where}: corrupt (stored lexicon)") from None
    loader = _Loader()
    for i, line in enumerate(text.split("\n"), 1):
        if line:
            loader.parse_line(r.where, i, line)
    loader.finish()
    return Lexicon(loader.entities, content_hash=str(r.stamp.get("lexicon", "")))


class IntColumn(Protocol):
    """A column of numbers read by position (an array, a memoryview, a layered view)."""

    def __getitem__(self, i: int, /) -> int: ...


def ancestors_of(parent: IntColumn, e: int) -> tuple[int, ...]:
    """The parent of entity ``e``, its parent and so on, nearest first (``parent``: the parent column, -1 for none).

    >>> ancestors_of([-1, 0, 1], 2)
    (1, 0)
    """
    out: list[int] = []
    p = parent[e]
    while p >= 0 and p not in out and p != e:
        out.append(p)
        p = parent[p]
    return tuple(out)

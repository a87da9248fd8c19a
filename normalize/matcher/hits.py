"""The records the index holds: a hit behind a key, a name form being indexed, a person's keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from normalize.lexicon import Name

__all__ = ["EntityView", "Hit", "NameForm", "PersonKeys"]


class EntityView(Protocol):
    """What the matcher reads of an entity: a lexicon's :class:`~normalize.lexicon.Entity`, or a
    compiled index's record (:class:`~normalize.index.tables.EntityRecord`, which holds no names).

    Other fields (``gender``, ``subtype``, ``label_given`` ...) are read where an entity has them.
    """

    @property
    def id(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def label(self) -> str | None: ...

    @property
    def names(self) -> Sequence[Name | str]: ...

    @property
    def population(self) -> int | None: ...

    @property
    def same_as(self) -> tuple[str, ...]: ...


class Hit(NamedTuple):
    """An entity behind a key: which name gave the key, how, and how directly (quality 0..1)."""

    entity: int
    alias: str
    via: tuple[str, ...]
    quality: float


class NameForm(NamedTuple):
    """A name an entity is indexed under: a lexicon name, or one derived from it
    (``how`` says how: the press order of a register name, a name without its legal
    form); ``alias`` is the lexicon name it comes from."""

    text: str
    lang: str | None
    kind: str | None
    alias: str
    how: str | None = None


@dataclass
class PersonKeys:
    """What the person index holds of one person: its gender, and the skeletons of its given names,
    patronymics and surnames (every rendering), given-name groups and initials (``p:`` for a
    patronymic's), and the lexicon name it was first read from."""

    entity: int
    gender: str | None
    given_groups: set[str] = field(default_factory=set)
    given_skels: set[str] = field(default_factory=set)
    patronymic_skels: set[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    surname_skels: set[str] = field(default_factory=set)
    alias: str = ""

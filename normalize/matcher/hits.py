"""The records the index holds: a hit behind a key, a name form being indexed, a person's keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = ["Hit", "NameForm", "PersonKeys"]


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

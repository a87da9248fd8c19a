"""The lexicon model: names, entities, and the problems a lexicon can have.

:class:`Entity` and :class:`Name` are what a lexicon line becomes (the format is
``lexicons/README.md``); they check what code gives them, so an entity built by
hand is as sound as one loaded from a file. :class:`Problem` is one finding
with its file and line; :class:`LexiconError` carries every one of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from normalize._suggest import did_you_mean

__all__ = ["ENTITY_KEYS", "KNOWN_TYPES", "NAME_KINDS", "Entity", "LexiconError", "Name", "Problem", "Severity"]

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
            given: object = names  # code may pass anything here, whatever the annotation says
            if isinstance(given, (str, bytes, Mapping)) or not isinstance(given, Iterable):
                hint = f" (one name: names=({given!r},))" if isinstance(given, str) else ""
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


def _check_text(what: str, text: str) -> None:
    """Text an entity is built from must be writable as UTF-8: no lone surrogates."""
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{what} {text!r} holds a lone surrogate, which is not a character") from None


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

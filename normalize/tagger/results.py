"""What the tagger returns: :class:`Mention` (with its :class:`Candidate` list), :class:`Mentions`,
the shared :class:`Resolution` of mentions that resolve alike, and the exact pass's :data:`Raw` mention."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, Protocol, cast

__all__ = ["VIA_CATEGORY", "VIA_ORG", "VIA_QUOTED", "VIA_REGION_NOUN", "VIA_REGION_PREPOSITION", "VIA_SHARED", "VIA_SPELLING", "Candidate", "EntityRowsLike", "Mention", "Mentions", "Raw",
           "Rejected", "Resolution"]


#: one raw mention of the exact pass: (start, end, key index, valid flags, person or -1);
#: a person of -2 - e resolves to entity e directly (a name with a shared category word...)
Raw = tuple[int, int, int, int, int]
#: a raw mention the text's evidence turned down: (start, end, key index, flags, person, reason)
Rejected = tuple[int, int, int, int, int, str]
#: how a direct raw mention (person < -1) was found, beside the key flags in its mask: a name
#: before or after a category word, an organization with the country after it (and VIA_SPELLING below)
VIA_SHARED, VIA_CATEGORY, VIA_ORG = 16, 32, 64
#: a person named in a press spelling that no key holds, or that person's surname after it
#: (:mod:`normalize.tagger.spellings`)
VIA_SPELLING = 128
#: an organization named in quotation marks, among places of that name (:mod:`normalize.tagger.quotes`)
VIA_QUOTED = 256
#: a town's name after a preposition that takes a region, read as the region named after the town
#: ("na Zaporożu": :meth:`normalize.tagger.categories.CategoryWords.regions_after_preposition`)
VIA_REGION_PREPOSITION = 512
#: a noun derived from a region's centre that names the region (Czech "na Charkovsku":
#: :meth:`normalize.tagger.categories.CategoryWords.region_nouns`)
VIA_REGION_NOUN = 1024

class Candidate(NamedTuple):
    """One entity a mention may denote."""

    id: str
    label: str
    type: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "type": self.type, "score": self.score}


class Mention(NamedTuple):
    """A mention of an entity: ``text == document[start:end]`` (code point offsets).

    ``id`` is None when the mention is ambiguous (a surname several people
    share, with no antecedent in the document): ``label`` is None too, ``type``
    the candidates' common type, and ``candidates`` lists them. ``candidates``
    holds every entity the mention may denote, best first (the chosen one first
    when ``id`` is set); ``via`` says how it was found and resolved; ``same_as``
    the entity's other IDs (``same_as`` links in the lexicons).
    """

    start: int
    end: int
    text: str
    id: str | None
    label: str | None
    type: str | None
    score: float
    candidates: tuple[Candidate, ...] = ()
    via: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    #: why the tagger turned this mention down (only with ``Tagger.tag(text, all=True)``); "" when kept
    rejected: str = ""

    def to_json(self, *, candidates: bool = False) -> dict[str, Any]:
        """The CLI's object; ``candidates`` are added when asked or when ``id`` is None;
        ``rejected`` (the reason) for a mention turned down, shown with ``--all``."""
        out: dict[str, Any] = {
            "start": self.start, "end": self.end, "text": self.text,
            "id": self.id, "label": self.label, "type": self.type, "score": self.score,
        }
        if self.same_as:
            out["same_as"] = list(self.same_as)
        if self.id is None or (candidates and len(self.candidates) > 1):
            out["candidates"] = [c.to_json() for c in self.candidates]
        if self.rejected:
            out["rejected"] = self.rejected
        return out


class Mentions(list):  # type: ignore[type-arg]
    """What :meth:`Tagger.tag` returns: a plain list of :class:`Mention`, plus the ``text``.

    It displays itself in Jupyter as the highlighted text (:mod:`normalize.html`);
    otherwise it is the list it always was (equal to it, same ``repr``).
    """

    __slots__ = ("text",)

    def __init__(self, text: str, mentions: Iterable[Mention] = ()) -> None:
        super().__init__(mentions)
        self.text = text

    def _repr_html_(self) -> str:
        from normalize.html import render_fragment

        return render_fragment(self.text, self)


class EntityRowsLike(Protocol):
    """Entity rows by number: ``[id, label, type, ...]`` (see :class:`normalize.tagger.table.EntityRows`)."""

    def __getitem__(self, e: int, /) -> list[Any]: ...


class Resolution:
    """What a mention resolves to, shared by the mentions that resolve alike.

    ``candidates`` is built on first access (the CLI only needs it for
    ambiguous mentions) from ``cands``, ``(entity number, score)`` pairs read in
    ``entities``, or given as they are (``entities`` None: the fuzzy pass's
    candidates); ``json`` and ``json_all`` hold the CLI's encoded fields.
    """

    __slots__ = ("_built", "_cands", "_entities", "id", "json", "json_all", "label", "same_as", "score", "type", "via")

    def __init__(self, id: str | None, label: str | None, type: str | None, score: float,
                 cands: Sequence[tuple[int, float]] | Sequence[Candidate], via: tuple[str, ...],
                 entities: EntityRowsLike | None,
                 same_as: tuple[str, ...] = ()) -> None:
        self.id, self.label, self.type, self.score, self.via = id, label, type, score, via
        self.same_as = same_as  # the entity's other IDs (same_as links in the lexicons)
        self.json: str | None = None  # with candidates only when ambiguous
        self.json_all: str | None = None  # with candidates whenever there are several
        self._cands, self._entities = cands, entities
        self._built: tuple[Candidate, ...] | None = None

    @property
    def candidates(self) -> tuple[Candidate, ...]:
        if self._built is None:
            if self._entities is None:
                self._built = tuple(cast("Sequence[Candidate]", self._cands))
            else:
                ents = self._entities
                pairs = cast("Sequence[tuple[int, float]]", self._cands)
                self._built = tuple(Candidate(ents[e][0], ents[e][1], ents[e][2], round(sc, 1)) for e, sc in pairs)
        return self._built


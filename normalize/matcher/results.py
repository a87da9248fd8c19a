"""What a match returns: :class:`Match`, its steps, and the structured explanation of a query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

__all__ = ["ExplainedCandidate", "Explanation", "Match", "Step"]

#: the kinds of step whose ``via`` text is ``kind:detail``
_DETAILED = ("scheme", "inflection", "correspondence", "category", "generic", "distinctive", "country", "adjective",
             "fuzzy", "generic words")


class Step(NamedTuple):
    """One step of a match's ``via``: what connects the query to the name that matched.

    ``kind`` is what was done (``scheme``, ``inflection``, ``skeleton``, ``fuzzy``,
    ``near surname``, ...); ``detail`` says with what (the scheme ID, the case, the
    number of edits, the surname's skeleton ...), None when the step has none;
    ``text`` is the step as ``via`` writes it.

    >>> Step.parse("scheme:ru_bgn_pcgn")
    Step(kind='scheme', detail='ru_bgn_pcgn', text='scheme:ru_bgn_pcgn')
    >>> Step.parse("surname~zelenskii").kind, Step.parse("skeleton").detail
    ('near surname', None)
    """

    kind: str
    detail: str | None
    text: str

    @classmethod
    def parse(cls, text: str) -> Step:
        """The step a ``via`` entry stands for."""
        kind, sep, detail = text.partition(":")
        if sep and kind in _DETAILED:
            return cls(kind, detail.strip(), text)
        if text.startswith("surname~"):
            return cls("near surname", text[len("surname~"):], text)
        return cls(text, None, text)


@dataclass(frozen=True)
class Match:
    """One candidate entity for a query.

    ``alias`` is the lexicon name that matched; ``via`` lists the steps that
    connect the query to it (scheme, rule, given-name equivalent, inflection,
    fuzzy distance...), so a user can trust or fix the result; :attr:`steps` gives
    them as :class:`Step` records. ``same_as`` lists the other IDs of the entity
    (``same_as`` links in the lexicons).
    """

    id: str
    label: str
    type: str
    score: float
    alias: str
    via: tuple[str, ...] = ()
    subtype: str | None = None
    population: int | None = None
    same_as: tuple[str, ...] = ()
    #: the name fits this and other returned entities about equally (they are ranked by prior)
    ambiguous: bool = False
    #: the entity's prior (0-1, how prominent it is: given by the lexicon or derived, see normalize.prior)
    prior: float | None = None
    #: the query is the name of a well-known place outside the lexicons' region (a capital, a city
    #: of 500,000 people: Berlin, Paris, New York) and this entity is a small place so named: a
    #: table of places world-wide most likely means the well-known one (:meth:`Matcher.best` gives None)
    elsewhere: bool = False

    @property
    def steps(self) -> tuple[Step, ...]:
        """The steps of :attr:`via`, structured (:class:`Step`)."""
        return tuple(Step.parse(v) for v in self.via)

    def to_json(self, *, explain: bool = False) -> dict[str, Any]:
        """The match as JSON (``explain``: with ``via`` and ``prior``)."""
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "score": round(self.score, 1),
            "alias": self.alias,
        }
        if self.same_as:
            out["same_as"] = list(self.same_as)
        if self.ambiguous:
            out["ambiguous"] = True
        if self.elsewhere:
            out["elsewhere"] = True
        if explain:
            out["via"] = list(self.via)
            if self.prior is not None:
                out["prior"] = self.prior
        return out


@dataclass(frozen=True)
class ExplainedCandidate:
    """A candidate of :class:`Explanation`: the match, its rank and what the rank is made of."""

    match: Match
    #: score plus the bonuses below (what orders candidates that fit about equally)
    rank: float
    #: the score reaches the matcher's threshold (else the candidate is shown, not returned)
    matched: bool
    #: the entity's prior times the prior weight
    prior_bonus: float
    #: the bonus for matching the entity's label (None: the alias is not its label)
    label_bonus: float | None = None
    #: the bonus of a surname alone (None: not a surname alone)
    surname_bonus: float | None = None

    @property
    def steps(self) -> tuple[Step, ...]:
        """The match's steps (:attr:`Match.steps`)."""
        return self.match.steps

    def lines(self) -> list[str]:
        """The candidate as the two lines of :meth:`Matcher.explain`."""
        r = self.match
        mark = "match" if self.matched else "below threshold"
        if r.ambiguous:
            mark += ", ambiguous"
        if r.elsewhere:
            mark += ", a well-known place elsewhere has this name"
        why = [f"prior {r.prior:g} (+{self.prior_bonus:.1f})"]
        if self.label_bonus is not None:
            why.append(f"its label (+{self.label_bonus:g})")
        if self.surname_bonus is not None:
            why.append(f"a surname alone (+{self.surname_bonus:g})")
        return [f"{r.score:5.1f} {r.id} ({r.label}) via {' > '.join(r.via)} [alias {r.alias!r}] {mark}",
                f"      rank {self.rank:.1f}: score {r.score:g}, " + ", ".join(why)]


@dataclass(frozen=True)
class Explanation:
    """How a query was matched (:meth:`Matcher.explain` with ``structured=True``); ``str()`` gives
    the text :meth:`Matcher.explain` returns."""

    query: str
    #: the query folded (what the exact table is asked)
    light_key: str
    #: the query romanized and reduced to its skeleton (what the skeleton table is asked)
    skeleton: str
    #: the first five candidates at any score, best first
    candidates: tuple[ExplainedCandidate, ...]
    #: why the first ranks first, and whether the answer is ambiguous
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        lines = [f"query: {self.query!r}", f"light key: {self.light_key!r}", f"skeleton: {self.skeleton!r}"]
        if not self.candidates:
            lines.append("no candidate")
        for c in self.candidates:
            lines.extend(c.lines())
        lines.extend(self.notes)
        return "\n".join(lines)

"""Document-level resolution of the exact pass's raw mentions, in text order.

A surname alone takes the person last mentioned in full with that surname, else
the only person of that surname, else the one whose prior clearly leads, else it
stays ambiguous; a given name or initial before a surname names that person;
homonyms are ranked by the document's unambiguous places (:mod:`normalize.tagger.rank`);
a generic organization name of several countries' bodies takes the country its sentence,
else its paragraph, speaks for decisively, else stays without ID (:meth:`Resolver._by_near_country`).
Mentions that resolve alike share one :class:`~normalize.tagger.results.Resolution`;
choices that do not depend on the document are kept from one document to the next.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterable, Sequence
from typing import Any

from normalize import scores
from normalize.evidence import sentence_bounds
from normalize.tagger.generic import GenericNames, sentence_countries
from normalize.tagger.rank import Context, Ranker
from normalize.tagger.results import (
    VIA_ORG,
    VIA_QUOTED,
    VIA_REGION_NOUN,
    VIA_REGION_PREPOSITION,
    VIA_SHARED,
    VIA_SPELLING,
    Raw,
    Resolution,
)
from normalize.tagger.state import PRIOR_SPAN, TaggerState, UsesState
from normalize.tagger.table import ACRO, FULL_ANY, FULL_CAP, SHORT

__all__ = ["Resolver", "named_countries", "speaking_country"]

#: how far (characters) an entity of a country may stand from a generic organization name to tell its country
_NEAR = 40
#: the weight of a country's evidence by kind: a nationality word or a person or organization of the country
#: speaks for it more than a place, which may be the other side's target ("Russian drones hit Kharkiv")
_WEIGHT_ACTOR = 2.0
_WEIGHT_PLACE = 1.0
#: how many times the next country's weight the leading country's must be to decide
_DECISIVE = 2.0
#: the paragraph's entities count up to this far (characters) from a generic organization name: so the
#: work per name is bounded in a long document whose paragraphs no blank line parts (a news paragraph
#: is well under it; at this distance an entity weighs 1/50 of one next to the name)
_PARAGRAPH_REACH = 2000

#: a resolution, with its entity (-1: none)
_Got = tuple[Resolution, int]
#: the document's mentions that name an entity of a country, ``(start, end, country, weight)`` in text
#: order, and their starts (to find a paragraph's by bisection)
_Near = tuple[list[tuple[int, int, str, float]], list[int]]


def _person_over_place() -> float:
    """How far (in standing) a person must stand above a place for a surname to name the person."""
    from normalize import evidence

    return float(evidence.data()["raw"]["person_over_place"])


def named_countries(t: Any, is_place: Sequence[int], raws: Iterable[Raw], base: int = 0,
                    skip: dict[int, str] | None = None) -> list[tuple[int, int, str, float]]:
    """``(start - base, end - base, country, weight)`` of each mention in ``raws`` that names one entity of a
    known country, in the order of ``raws``: a place (``_WEIGHT_PLACE``), a person named in full or an
    organization (``_WEIGHT_ACTOR``); an acronym, a short name and a key ``skip`` maps to a country (a
    body named without its country, whose country is what is asked) name none."""
    ents = t.entities
    solo = t.solo
    out: list[tuple[int, int, str, float]] = []
    for start, end, kid, mask, person in raws:
        if person < -1:
            e = -2 - person
        elif person >= 0:
            e = person  # a given name and surname
        elif mask & (ACRO | SHORT) or (skip is not None and skip.get(kid)):
            continue
        else:
            e = solo[kid]  # one entity's full name
        if e >= 0 and ents[e][4]:
            out.append((start - base, end - base, ents[e][4], _WEIGHT_PLACE if is_place[e] else _WEIGHT_ACTOR))
    return out


class Resolver(UsesState):
    """Resolves raw mentions (:meth:`resolve`); keeps the choices that do not depend on the document."""

    def __init__(self, state: TaggerState) -> None:
        super().__init__(state)
        self._ranker = Ranker(state)
        self._memo: dict[Any, _Got] = {}
        self._solo_res: list[Resolution | None] = [None] * len(state.table)
        self._generic = GenericNames(state)  # which keys are generic names of several countries' bodies

    def context_places(self, raws: Iterable[Raw]) -> set[int]:
        """The places named unambiguously by these raw mentions (entity indexes)."""
        t = self._t
        ctx_ids: set[int] = set()
        solo = t.solo
        is_place = self._is_place
        for r in raws:
            if r[4] < -1 and is_place[-2 - r[4]]:
                ctx_ids.add(-2 - r[4])  # a region named with its category word
        for kid, mask in {(r[2], r[3]) for r in raws if r[4] == -1}:
            if not mask & (FULL_CAP | FULL_ANY | ACRO) or mask & SHORT:
                continue  # a word that is also a person's surname names no place unambiguously
            if not mask & ACRO and solo[kid] >= 0:
                if is_place[solo[kid]]:
                    ctx_ids.add(solo[kid])
                continue
            cands = self._candidates(kid, mask)
            if len(cands) == 1 and is_place[cands[0][0]]:
                ctx_ids.add(cands[0][0])
        return ctx_ids

    def solo_resolution(self, kid: int, mask: int, person: int) -> Resolution | None:
        """The resolution of a raw mention when it depends on nothing else in the document.

        That is a full name of exactly one entity that is not a person (people
        take part in coreference, so their mentions are resolved in order); None
        otherwise. Used to resolve most mentions in worker processes.
        """
        if person != -1 or mask & (ACRO | SHORT):
            return None
        e = self._t.solo[kid]
        if e < 0 or self._is_person[e]:
            return None
        res = self._solo_res[kid]
        if res is None:
            res = self._solo_res[kid] = self._solo_resolution(kid, e)
        return res

    def resolve_alone(self, raws: Sequence[Raw]) -> tuple[list[Resolution | None], set[int]]:
        """:meth:`solo_resolution` of each raw mention, and the places those name.

        The places are the part of :meth:`context_places` that these mentions
        give; a worker that resolves a chunk's mentions alone hands them on
        for the document's other mentions (:mod:`normalize.tagger.runner`).
        """
        solo = self._t.solo
        is_place = self._is_place
        is_person = self._is_person
        solo_res = self._solo_res
        out: list[Resolution | None] = []
        append = out.append
        places: set[int] = set()
        for _, _, kid, mask, person in raws:
            e = solo[kid]
            # solo_resolution, inlined: a full name (not ACRO | SHORT) of one entity that is not a person
            if e < 0 or person != -1 or mask & 12 or is_person[e]:
                append(None)
                continue
            res = solo_res[kid]
            if res is None:
                res = solo_res[kid] = self._solo_resolution(kid, e)
            append(res)
            if is_place[e]:
                places.add(e)
        return out, places

    def alone_parts(self) -> tuple[Any, bytes, bytes, list[Resolution | None], Any, Any, Any, Any]:
        """What :meth:`resolve_alone` reads, for a caller that inlines it in its own loop
        (:func:`normalize.tagger.runner._text_task`): the keys' one entity (``solo``), ``is_person``,
        ``is_place``, the resolutions made so far by key, the function that makes one (key, entity),
        and what such a resolution is made of: the entity rows, their ``same_as`` by entity (a function
        whose answer is true when the entity has one: a compiled index's ``has_same_as``, which decodes
        nothing) and the keys' scores (``solo_score``; the resolution's is rounded to one decimal)."""
        t = self._t
        ents = self._compiled.entities
        return (t.solo, self._is_person, self._is_place, self._solo_res, self._solo_resolution, t.entities,
                getattr(ents, "has_same_as", None) or ents.same_as_of, t.solo_score)

    def prepare(self, raws: Iterable[Raw]) -> None:
        """What the resolution of these raw mentions needs whatever the rest of the document says,
        worked out now (:meth:`Ranker.prepare <normalize.tagger.rank.Ranker.prepare>`)."""
        prepare = self._ranker.prepare
        for kid, mask in {(r[2], r[3]) for r in raws if r[4] == -1}:
            if mask & (FULL_CAP | FULL_ANY | ACRO):
                prepare(kid, mask)

    def _solo_resolution(self, kid: int, e: int) -> Resolution:
        t = self._t
        score = t.solo_score[kid]
        return self._resolution(e, score, [(e, score)], ("exact", t.strings[t.solo_via[kid]]))

    def resolve(self, raws: Sequence[Raw], ctx_ids: set[int], text: str = "") -> list[tuple[int, int, Resolution]]:
        """``(start, end, resolution)`` of each raw mention, given the document's unambiguous places
        (:meth:`context_places`) and its ``text`` (read only around a generic organization name,
        for the sentence it stands in)."""
        t = self._t
        ents = t.entities
        solo = t.solo
        ctx_up: set[int] = set()
        ctx_admin: set[tuple[str, str]] = set()
        ctx_country: set[str] = set()
        ctx_regions: set[tuple[str, str]] = set()  # first-level regions named: their only ancestor is the country
        for e in ctx_ids:
            up = t.ancestors(e)
            ctx_up.update(up)
            row = ents[e]  # read once (each read is a look-up in the rows' memo)
            if row[5] and row[4]:
                ctx_admin.add((row[4], row[5]))
                if len(up) == 1 and self._is_place[e]:
                    ctx_regions.add((row[4], row[5]))
            if row[4]:
                ctx_country.add(row[4])
        context: Context = (ctx_ids, ctx_up, ctx_admin, ctx_country, ctx_regions)
        seen: dict[int, int] = {}  # person -> start of their last mention
        doc_memo: dict[Any, _Got] = {}  # choices that depend on the document
        memo = self._memo  # choices that do not
        if len(memo) > 500_000:
            memo.clear()
        out: list[tuple[int, int, Resolution]] = []
        append = out.append
        solo_res = self._solo_res
        is_person = self._is_person
        near: _Near | None = None  # the named countries' spans, made when first needed
        for start, end, kid, mask, person in raws:
            if person < -1:
                append((start, end, self._quoted(kid, mask, -2 - person) if mask & VIA_QUOTED
                        else self._direct(-2 - person, mask)))
                continue
            if person < 0 and not mask & 12:  # ACRO | SHORT
                e = solo[kid]
                if e >= 0:
                    res = solo_res[kid]
                    if res is None:
                        res = solo_res[kid] = self._solo_resolution(kid, e)
                    if is_person[e]:
                        seen[e] = start
                    append((start, end, res))
                    continue
            if person < 0 and not mask & SHORT:
                if mask & (FULL_CAP | FULL_ANY | ACRO) and self._generic.by_country(kid, mask):
                    # an acronym too: the bare МИД of "МИД России" and "МИД Украины" is the body of the country
                    # its sentence or paragraph speaks for
                    if near is None:
                        near = self._named_countries(raws)
                    append((start, end, self._by_near_country(kid, mask, start, end, near, text)))
                    continue
                km = (kid, mask)
                got = memo.get(km) or doc_memo.get(km)
                if got is None:
                    got, fixed = self._resolve_full(kid, mask, context)
                    (memo if fixed else doc_memo)[km] = got
                res, e = got
                if e >= 0 and is_person[e]:  # the type read from the bytes, not the entity's row
                    seen[e] = start
                append((start, end, res))
            else:
                append((start, end, self._resolve_person(start, kid, mask, person, seen, memo, doc_memo, context)))
        return out

    def _named_countries(self, raws: Sequence[Raw]) -> _Near:
        """``(start, end, country, weight)`` of each mention that names one entity of a known country
        (:func:`named_countries`): the document's other entities, in text order, with their starts."""
        out = named_countries(self._t, self._is_place, raws)
        out.sort(key=lambda m: m[0])
        return out, [m[0] for m in out]

    def _by_near_country(self, kid: int, mask: int, start: int, end: int,
                         near: _Near, text: str) -> Resolution:
        """A generic organization name that several countries' bodies share, without a country word
        next to it (:meth:`GenericNames.country_word`): the body of the country its sentence speaks for,
        else the one its paragraph speaks for, else none (an ID-less tag with the candidates).

        The same policy in every language. Evidence in the name's own sentence comes first: the
        entities of these countries in it (the nearest, "der Generalstab in Kiew", counts most) and
        the nationality words before it ("Côté ukrainien, la Garde nationale"); then the
        paragraph's other entities, weighed by distance. A person or organization of a country, or a
        nationality word, weighs ``_WEIGHT_ACTOR``, a place ``_WEIGHT_PLACE`` (it may be the other
        side's target); a country decides when its weight is ``_DECISIVE`` times the next one's."""
        by = self._generic.by_country(kid, mask)
        assert by is not None
        chosen, how = speaking_country(near, text, start, end, by)
        if chosen is None:
            key: Any = ("generic-none", kid, mask)
            got = self._memo.get(key)
            if got is None:
                found = self._candidates(kid, mask)
                cands = [(c[0], c[1] - 10.0) for c in found]
                via = ("exact", self._t.strings[found[0][2]], "no decisive country")
                got = self._memo[key] = (self._resolution(None, cands[0][1], cands, via), -1)
            return got[0]
        e = by[chosen]
        key = ("near", kid, mask, e, how)
        got = self._memo.get(key)
        if got is None:
            cands = [(c[0], c[1] - (3.0 if c[0] == e else 10.0)) for c in self._candidates(kid, mask)]
            cands.sort(key=lambda c: c[0] != e)
            via = ("exact", self._t.strings[self._candidates(kid, mask)[0][2]], how)
            got = self._memo[key] = (self._resolution(e, cands[0][1], cands, via), e)
        return got[0]

    def _direct(self, e: int, mask: int) -> Resolution:
        """The resolution of a raw mention that names its entity directly (see :meth:`normalize.tagger.scan.Scanner.scan`)."""
        key = ("direct", e, mask)
        got = self._memo.get(key)
        if got is None:
            if mask & VIA_SHARED:
                score, via = scores.TAG_SHARED_CATEGORY, ("category word", "shared by coordinated names")
            elif mask & VIA_SPELLING:
                score, via = scores.TAG_PRESS_SPELLING, ("press spelling", "person name")
            elif mask & VIA_ORG:
                score, via = scores.TAG_ORG_OF_COUNTRY, ("organization", "country named after it")
            elif mask & VIA_REGION_PREPOSITION:
                score, via = scores.TAG_CATEGORY_AFTER, ("preposition of a region", "region of the town")
            elif mask & VIA_REGION_NOUN:
                score, via = scores.TAG_CATEGORY_AFTER, ("region noun", "derived from its centre")
            else:
                score, via = scores.TAG_CATEGORY_AFTER, ("category word", "name after it")
            got = self._memo[key] = (self._resolution(e, score, [(e, score)], via), e)
        return got[0]

    def _quoted(self, kid: int, mask: int, e: int) -> Resolution:
        """An organization named in quotation marks among places of that name (see
        :mod:`normalize.tagger.quotes`): the organization, with its own score, the places after it."""
        key = ("quoted", kid, mask, e)
        got = self._memo.get(key)
        if got is None:
            cands = self._candidates(kid, mask & (FULL_CAP | FULL_ANY | ACRO | SHORT))
            own = next((c[1] for c in cands if c[0] == e), scores.TAG_ORG_OF_COUNTRY)
            ranked = [(e, own)] + [(c[0], c[1] - 10.0) for c in cands if c[0] != e]
            got = self._memo[key] = (self._resolution(e, own, ranked, ("exact", "quoted name", "organization")), e)
        return got[0]

    def _resolution(self, chosen: int | None, score: float, cands: Sequence[tuple[int, float]],
                    via: tuple[str, ...]) -> Resolution:
        ents = self._t.entities
        if chosen is None:
            types = {ents[e][2] for e, _ in cands}
            etype = types.pop() if len(types) == 1 else None
            return Resolution(None, None, etype, round(score, 1), cands, via, ents)
        e = ents[chosen]
        return Resolution(e[0], e[1], e[2], round(score, 1), cands, via, ents, self._compiled.entities.same_as_of(chosen))

    def _resolve_full(self, kid: int, mask: int, context: Context, extra: Sequence[int] = ()) -> tuple[_Got, bool]:
        """A full name or acronym: the best candidate (homonyms by context); ``extra``: surname persons.

        Returns ``((resolution, entity or -1), fixed)``; ``fixed`` when the choice
        does not depend on the document (no homonyms to weigh).
        """
        ranked, via, ambiguous, fixed = self._ranker.choose(kid, mask, context)
        e, score = ranked[0][0], ranked[0][1]
        cands = [(c[0], c[1]) for c in ranked]
        if extra:
            cands += [(q, scores.TAG_SURNAME_OTHERS) for q in extra if all(q != c[0] for c in cands)]
        if ambiguous:
            return (self._resolution(None, score, cands, via), -1), fixed
        return (self._resolution(e, score, cands, via), e), fixed

    def _resolve_person(self, start: int, kid: int, mask: int, person: int, seen: dict[int, int],
                        memo: dict[Any, _Got], doc_memo: dict[Any, _Got], context: Context) -> Resolution:
        """A surname, alone or after a given name (coreference within the document)."""
        shorts = self._t.short(kid) if mask & SHORT else []
        if person >= 0:
            key: Any = ("given", person)
            if key not in memo:
                memo[key] = (self._resolution(person, scores.TAG_GIVEN_AND_SURNAME, [(person, scores.TAG_GIVEN_AND_SURNAME)],
                                               ("given name", "surname")), person)
            seen[person] = start
            return memo[key][0]
        ante = [p for p in shorts if p in seen]
        if ante:
            p = max(ante, key=lambda q: seen[q])
            seen[p] = start
            key = ("coref", kid, p)
            if key not in memo:
                cands = [(p, scores.TAG_SURNAME_COREFERENCE)] + [(q, scores.TAG_SURNAME_OTHERS) for q in shorts if q != p]
                memo[key] = (self._resolution(p, scores.TAG_SURNAME_COREFERENCE, cands, ("surname", "coreference")), p)
            return memo[key][0]
        if mask & (FULL_CAP | FULL_ANY | ACRO):
            key = ("full", kid, mask)
            got = memo.get(key) or doc_memo.get(key)
            if got is None:
                got, fixed = self._resolve_full(kid, mask, context, shorts)
                if shorts and got[1] >= 0 and self._is_place[got[1]]:
                    fixed = False  # the document's places decide (see _person_over_place)
                    over = self._person_over_place(got[1], shorts, context)
                    if over is not None:
                        got = over
                (memo if fixed else doc_memo)[key] = got
            res, e = got
            if e >= 0 and self._is_person[e]:
                seen[e] = start
            return res
        from normalize.matcher.data import ranking as _ranking

        conf = _ranking()
        alone = conf["surname_score"]
        if len(shorts) == 1:
            p = shorts[0]
            seen[p] = start
            key = ("surname", p)
            if key not in memo:
                memo[key] = (self._resolution(p, alone, [(p, alone)], ("surname",)), p)
            return memo[key][0]
        # several persons of that surname: the one the priors clearly prefer (the foreign
        # minister over a deputy prime minister, as Matcher.best), else none
        key = ("ambiguous", kid)
        if key not in memo:
            ranked = sorted(shorts, key=lambda q: (-self._standing[q], q))
            lead = (self._standing[ranked[0]] - self._standing[ranked[1]]) / PRIOR_SPAN * conf["prior_weight"]
            if lead >= conf["clear_lead"]:
                p = ranked[0]
                memo[key] = (self._resolution(p, alone, [(q, alone) for q in ranked], ("surname", "prior")), p)
            else:
                memo[key] = (self._resolution(None, scores.TAG_SURNAME_OTHERS, [(q, scores.TAG_SURNAME_OTHERS) for q in ranked],
                                               ("surname", "ambiguous")), -1)
        res, p = memo[key]
        if p >= 0:
            seen[p] = start
        return res

    def _person_over_place(self, place: int, shorts: Sequence[int], context: Context) -> _Got | None:
        """A surname that is also a place's name or form ("Захарова", "Syrski"): the person, when
        the place gets no support from the document's other places and one person of that
        surname clearly stands above it (prior, on the scale of :func:`~normalize.tagger.state.standing`:
        ``person_over_place`` in ``tagging.json``; a minister over a village, not over a city).

        The place stays among the candidates. None: the place stands.
        """
        from normalize.matcher.data import ranking as _ranking

        if self._ranker.points(place, context) >= 1.0:
            return None  # the document names places of its region (a country alone is no support)
        ranked = sorted(shorts, key=lambda q: (-self._standing[q], q))
        p = ranked[0]
        conf = _ranking()
        if len(ranked) > 1 and (self._standing[p] - self._standing[ranked[1]]) / PRIOR_SPAN * conf["prior_weight"] \
                < conf["clear_lead"]:
            return None  # namesakes: no one person to prefer
        if self._standing[p] - self._standing[place] < _person_over_place():
            return None
        alone = conf["surname_score"]
        cands = [(p, alone), (place, scores.TAG_SURNAME_OTHERS)] + [(q, scores.TAG_SURNAME_OTHERS) for q in ranked[1:]]
        return self._resolution(p, alone, cands, ("surname", "prior over place")), p


def speaking_country(near: _Near, text: str, start: int, end: int,
                     among: Container[str] | None = None) -> tuple[str | None, str]:
    """``(country, how)``: the country the sentence of ``text[start:end]`` speaks for decisively, else the
    one its paragraph speaks for (``near``: the entities of a country around it, as
    :meth:`Resolver._named_countries` gives them; ``among``: the countries that count, None: any);
    ``(None, "")``: no country decides (see :meth:`Resolver._by_near_country` for the weights)."""
    a, b = sentence_bounds(text, start, end) if text else (0, 1 << 62)
    pa, pb = _paragraph_bounds(text, start, end) if text else (0, 1 << 62)
    local: dict[str, float] = {}
    wide: dict[str, float] = {}
    named, starts = near
    for s, e, country, weight in named[bisect_left(starts, pa) : bisect_right(starts, pb)]:
        if e > pb:
            continue
        if among is not None and country not in among:
            continue
        gap = s - end if s >= end else start - e if e <= start else 0
        inside = a <= s and e <= b
        side = local if inside else wide
        side[country] = side.get(country, 0.0) + weight / (1.0 + max(gap, 0) / _NEAR)
    if text:
        # before the name only: a framing "Côté ukrainien," speaks for the speaker; after it
        # ("Selon l'état-major, les forces russes tentent...") the words tell what is reported
        for country, at in sentence_countries(text, a, start):
            if among is None or country in among:
                local[country] = local.get(country, 0.0) + _WEIGHT_ACTOR / (1.0 + (start - at) / _NEAR)
    chosen = _decisive(local)
    how = "country of its sentence"
    if chosen is None:
        chosen = _decisive({c: local.get(c, 0.0) + w for c, w in wide.items()} if not local else {})
        how = "country of the document's entities"
    return chosen, how if chosen is not None else ""


def _decisive(weights: dict[str, float]) -> str | None:
    """The country whose weight is at least ``_DECISIVE`` times every other's; None: no such one."""
    if not weights:
        return None
    order = sorted(weights.items(), key=lambda kv: -kv[1])
    if order[0][1] <= 0 or (len(order) > 1 and order[0][1] < _DECISIVE * order[1][1]):
        return None
    return order[0][0]


def _paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(a, b)``: the paragraph around ``text[start:end]`` (blank lines part paragraphs), at most
    ``_PARAGRAPH_REACH`` characters either side of it."""
    lo = max(0, start - _PARAGRAPH_REACH)
    hi = min(len(text), end + _PARAGRAPH_REACH)
    a = lo
    p = text.rfind("\n", lo, start)
    while p > lo:
        q = text.rfind("\n", lo, p)
        if q >= 0 and not text[q + 1 : p].strip():
            a = p + 1
            break
        p = q
    b = hi
    p = text.find("\n", end, hi)
    while p >= 0:
        q = text.find("\n", p + 1, hi)
        if q >= 0 and not text[p + 1 : q].strip():
            b = p
            break
        p = q
    return a, b

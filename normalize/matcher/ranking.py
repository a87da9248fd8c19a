"""Ranking the candidates (score, prior, label, a surname alone) and explaining the result."""

from __future__ import annotations

import math

from normalize import evidence
from normalize.fold import fold, has_cyrillic, skeleton
from normalize.matcher.build import Builder
from normalize.matcher.data import ranking
from normalize.matcher.hits import EntityView
from normalize.matcher.options import check_known_types, check_match_options
from normalize.matcher.query import QueryMixin
from normalize.matcher.results import ExplainedCandidate, Explanation, Match
from normalize.matcher.variants import canonical_latin, name_skeleton

__all__ = ["Ranker"]


def _small_place(entity: EntityView) -> bool:
    """Whether a place is small (under ``big_place``, log10 of a population, as the tagger
    weighs one-word places); a place whose population the lexicon does not give is not."""
    population = getattr(entity, "population", None)
    return isinstance(population, int) and population > 0 and math.log10(population) < evidence.data()["big_place"]


class Ranker(QueryMixin, Builder):
    """Rank a query's candidates into matches (engine data ``ranking``)."""

    def _ranked(self, name: str, *, top: int, min_score: float | None,
                type_set: frozenset[str] | None) -> list[tuple[Match, float, int]]:
        """The matches of :meth:`match` (arguments checked), each with its rank and entity number."""
        self._ensure_built()
        check_known_types(type_set, self.entity_types)
        threshold = self.threshold if min_score is None else min_score
        scored = self._candidates(name)
        kept = [(ent_idx, hit) for ent_idx, hit in scored.items()
                if hit[0] >= threshold and (type_set is None or self.entities[ent_idx].type in type_set)]
        # a Latin label romanizes the name in its place's language: between places of several
        # countries, a Cyrillic name that romanizes to one's label only tells its language
        # (the candidates of the matcher's own threshold: a lower ``min_score`` changes no rank)
        cross = len({getattr(self.entities[e], "country", None) for e, hit in kept if hit[0] >= self.threshold}) <= 1
        rows: list[tuple[float, int, float, str, tuple[str, ...], float, float]] = []
        for ent_idx, (score, alias, via) in kept:
            score = round(min(score, 100.0), 1)
            rank, prior, fit = self._rank(ent_idx, score, alias, via, cross_script=cross)
            rows.append((rank, ent_idx, score, alias, via, prior, fit))
        # the prior only decides among candidates that fit about as well as the best one (within
        # ``prior_window`` points, a surname alone counted with its bonus): a near miss to a big
        # city never outranks an exact match of a village
        window = ranking()["prior_window"]
        top_fit = max((r[6] for r in rows), default=0.0)
        rows.sort(key=lambda r: (r[6] < top_fit - window, -(r[0] if r[6] >= top_fit - window else r[6]), -r[2],
                                 -(getattr(self.entities[r[1]], "population", None) or 0), self.entities[r[1]].id))
        within = ranking()["ambiguous_within"]
        best_score = max((r[2] for r in rows), default=0.0)
        group = {r[1] for r in rows if r[2] >= best_score - within}
        ambiguous = len(group) > 1
        elsewhere: bool | None = None  # the query names a well-known place elsewhere (asked once, when needed)
        out = []
        for rank, ent_idx, score, alias, via, prior, _ in rows[:top] if top else rows:
            entity = self.entities[ent_idx]
            small = entity.type == "place" and _small_place(entity)
            if small and elsewhere is None:
                elsewhere = evidence.names_foreign_place(fold(self._clean(name)))
            out.append((Match(
                id=entity.id,
                label=entity.label or (entity.names[0] if isinstance(entity.names[0], str) else entity.names[0].text),
                type=entity.type,
                score=score,
                alias=alias,
                via=via,
                subtype=getattr(entity, "subtype", None),
                population=getattr(entity, "population", None),
                same_as=getattr(entity, "same_as", ()),
                ambiguous=ambiguous and ent_idx in group,
                prior=prior,
                elsewhere=bool(small and elsewhere),
            ), rank, ent_idx))
        return out

    def _rank(self, ent_idx: int, score: float, alias: str, via: tuple[str, ...],
              cross_script: bool = True) -> tuple[float, float, float]:
        """(rank, prior, fit) of a candidate (engine data ``ranking``).

        ``fit`` is the score, plus a bonus for a surname alone (which scores low because a
        namesake outside the lexicon may be meant, yet is how the news names a person);
        ``rank`` adds the weighted prior and a bonus when the name that matched is the
        entity's label (its preferred name, not an alternate or former one).
        """
        from normalize.prior import entity_prior

        conf = ranking()
        entity = self.entities[ent_idx]
        prior = entity_prior(entity)
        fit = score
        rank = conf["prior_weight"] * prior
        if via[:1] == ("person",):
            if "alone" in via and "skeleton" not in via:
                fit += conf["surname_bonus"]
        elif self._is_label(entity, alias, cross_script):  # (a person's token match is not a match of one name)
            rank += conf["label_bonus"]
        return fit + rank, prior, fit

    @staticmethod
    def _is_label(entity: EntityView, alias: str, cross_script: bool = True) -> bool:
        """Is ``alias`` the entity's label (its preferred name), up to spelling?

        ``cross_script=False``: up to spelling within one script only. A gazetteer's Latin
        label romanizes the name in the place's own language, so when the candidates lie in
        several countries a Cyrillic name that romanizes to one's label tells which country's
        language the name is in, not that it is the preferred name (Волчанск is the label
        of the Russian town and the Russian name of the larger Ukrainian one).
        """
        label = getattr(entity, "label", None) if getattr(entity, "label_given", True) else None
        if not label or not alias:
            return False
        if alias == label:
            return True
        if not cross_script and has_cyrillic(alias) != has_cyrillic(label):
            return False
        return name_skeleton(alias) == name_skeleton(label)

    @property
    def entity_types(self) -> frozenset[str]:
        """The types a ``types`` filter may name: those of the lexicon and the usual ones."""
        from normalize.lexicon import KNOWN_TYPES

        got = self._entity_types
        if got is None:
            self._ensure_built()  # the entities come with the tables
            got = self._entity_types = frozenset(KNOWN_TYPES) | self._lexicon_types()
        return got


    def explanation(self, name: str) -> Explanation:
        """How ``name`` was matched (or why not), and why the first ranks first, as data
        (what :meth:`~normalize.matcher.Matcher.explain` renders)."""
        check_match_options(name, 5, 0, None)
        ranked = self._ranked(name, top=5, min_score=0, type_set=None)
        cleaned = self._clean(name)
        conf = ranking()
        candidates = []
        for r, rank, ent_idx in ranked:
            # the label bonus is what the rank holds beyond the fit and the prior (see _rank)
            fit = r.score + (conf["surname_bonus"] if "alone" in r.via and "skeleton" not in r.via else 0.0)
            label = r.via[:1] != ("person",) and rank - fit - conf["prior_weight"] * (r.prior or 0.0) > 1e-6
            candidates.append(ExplainedCandidate(
                match=r,
                rank=rank,
                matched=r.score >= self.threshold,
                prior_bonus=conf["prior_weight"] * (r.prior or 0.0),
                label_bonus=conf["label_bonus"] if label else None,
                surname_bonus=conf["surname_bonus"] if "alone" in r.via and "skeleton" not in r.via else None,
            ))
        notes = []
        if len(ranked) > 1 and ranked[0][0].score >= self.threshold:
            (a, ra, _), (b, rb, _) = ranked[0], ranked[1]
            if a.score < b.score or (a.score == b.score and ra > rb):
                notes.append(f"{a.id} ranks above {b.id}: rank {ra:.1f} against {rb:.1f}")
            if a.ambiguous and b.ambiguous:
                clear = ra - rb >= conf["clear_lead"]
                notes.append("ambiguous: the name fits several entities alike; "
                             + (f"{a.id} is the clear winner by its prior" if clear else "no clear winner"))
        return Explanation(query=name, light_key=fold(cleaned), skeleton=skeleton(fold(canonical_latin(cleaned))),
                           candidates=tuple(candidates), notes=tuple(notes))

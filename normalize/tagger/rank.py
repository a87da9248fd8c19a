"""Ranking a key's candidates: homonym places by the document's other places, then by standing.

Each entity's *standing* (:func:`~normalize.tagger.state.standing`, its prior on the
scale of log10 of a population) is computed once per tagger
(:class:`~normalize.tagger.state.TaggerState`); :class:`Ranker` orders the candidates
within the matcher's ``tagger_window`` of a key's best, by context points
(:meth:`Ranker.points`) plus standing plus the label bonus.
"""

from __future__ import annotations

from collections.abc import Callable

from normalize.tagger.state import PRIOR_SPAN, Cand, TaggerState, UsesState

__all__ = ["Context", "Ranker"]

#: the document's unambiguous places: (entities, their ancestors, their (country, admin1), their countries,
#: the (country, admin1) of those that are first-level regions: a place whose only ancestor is its country)
Context = tuple[set[int], set[int], set[tuple[str, str]], set[str], set[tuple[str, str]]]

#: a key that is a case form (its derivation starts so) spells a label followed by at most this many
#: letters of a case ending (see :meth:`Ranker._is_label_key`)
_INFLECTED, _CASE_ENDING = "inflection", 3

#: context points for a place with no parent in the lexicon (a GeoNames record) whose first-level region
#: the document names itself ("у селі Степове на Миколаївщині"): the region is its parent there, though
#: the record does not say so; less than _NAMED_NEAR, so it never lifts a place above the homonym whose
#: label the key spells (see :func:`_region_points_behind_label`); only among homonyms all smaller than
#: _REGION_NAMED_SIZE (standing: a town of 100,000): a city sharing a village's name stays the city
#: wherever the document's regions lie ("Mykolaiv", "Rivne")
_REGION_NAMED, _REGION_NAMED_SIZE = 2.0, 5.0

#: context points below this only say that a place lies in the same region or country as another named
#: (see :meth:`Ranker.points`); from this on, the place itself, a parent or a child is named
_NAMED_NEAR = 4.0


def _region_points_behind_label(pts: list[float], labels: list[bool]) -> list[float]:
    """A key that spells one homonym's label (its current, preferred name) and only an alternate or
    former name of another: the region or country they share with the document's other places does
    not lift the other above the label ("Dnipro and Sloviansk": Sloviansk, not Nikopol, once called
    Slaviansk, in Dnipro's oblast); only the place named, or a parent or child, does. Without a
    label among the homonyms, or among several, the points stand as they are."""
    if sum(labels) != 1:
        return pts
    return [p if is_label or p >= _NAMED_NEAR else 0.0 for p, is_label in zip(pts, labels)]


class Ranker(UsesState):
    """Orders the candidates of a key (see :meth:`choose`); its choices that do not depend
    on the document are kept."""

    def __init__(self, state: TaggerState) -> None:
        from normalize.matcher.data import ranking as _ranking
        from normalize.matcher.variants import name_skeleton as _name_skeleton

        super().__init__(state)
        self._window = _ranking()["tagger_window"]
        # imported once here, not at each ranking (an import statement per call costs a look-up in sys.modules)
        self._ranking = _ranking
        self._name_skeleton = _name_skeleton
        self._by_size: dict[tuple[int, int], tuple[list[Cand], tuple[str, ...], bool, bool]] = {}
        self._label_keys: dict[tuple[int, int, int], bool] = {}
        self._label_skeletons: dict[int, str | None] = {}  # place -> its label's skeleton (None: no label)
        self._key_skeletons: dict[int, str] = {}  # key -> its skeleton
        # what a compiled index says (KeyTable.spells_label), worked out when it was compiled
        self._spells_label: Callable[[int, int], bool | None] | None = getattr(self._t, "spells_label", None)

    def choose(self, kid: int, mask: int, context: Context) -> tuple[list[Cand], tuple[str, ...], bool, bool]:
        """Rank a key's candidates: homonym places by document context, then population.

        Returns ``(ranked, via, ambiguous, fixed)``; people or organisations that
        share a name equally well are ambiguous (no population or region to tell
        them apart); ``fixed`` when the document played no part.
        """
        cands = self._candidates(kid, mask)
        strings = self._t.strings
        # homonyms: the candidates within ``tagger_window`` points of the best (a case form of a
        # big place, 97, against the nominative of a village, 99: "we Lwowie" is Lviv)
        top = cands[0][1] - self._window
        tied = [c for c in cands if c[1] >= top]
        if len(tied) == 1:
            return cands, ("exact", strings[cands[0][2]]), False, True
        if not any(self._is_place[c[0]] for c in tied):
            by_country = self._by_country(tied, cands, context, kid)
            if by_country is not None:
                return by_country
            # people or organisations that share a name: the one the priors clearly prefer,
            # else none (as Matcher.best)
            key = (kid, mask)
            static = self._by_size.get(key)
            if static is None:
                ranked, via, ambiguous, _ = self._rank(tied, cands, [0.0] * len(tied), kid)
                if ambiguous:
                    rest = cands[len(tied):]
                    static = ([(c[0], c[1] - 30.0, c[2]) for c in tied] + rest, ("exact", "ambiguous"), True, True)
                else:
                    static = (ranked, via, False, True)
                self._by_size[key] = static
            return static
        pts = [self.points(c[0], context) for c in tied]
        if context[4] and max(self._standing[c[0]] for c in tied) < _REGION_NAMED_SIZE:
            pts = [p + self._region_named(c[0], context[4]) for p, c in zip(pts, tied)]
        if not any(pts):  # nothing in the document speaks for any of them: by size alone
            key = (kid, mask)
            static = self._by_size.get(key)
            if static is None:
                static = self._by_size[key] = self._rank(tied, cands, [0.0] * len(tied), kid)
            return static
        return self._rank(tied, cands, pts, kid)

    def _by_country(self, tied: list[Cand], cands: list[Cand], context: Context,
                    kid: int) -> tuple[list[Cand], tuple[str, ...], bool, bool] | None:
        """Organizations of several countries that share a generic name ("Generalstab", "Defence
        Ministry"): the one whose country the document's places name, when they name the country
        of exactly one of them (the issue's "document's other entities" as evidence). None: the
        document does not tell them apart (or they are not such organizations)."""
        countries = context[3]
        if not countries:
            return None
        ents = self._t.entities
        rows = [ents[c[0]] for c in tied]
        if any(r[2] != "org" for r in rows) or len({r[4] for r in rows}) < 2:
            return None
        pts = [8.0 if r[4] in countries else 0.0 for r in rows]
        if sum(1 for p in pts if p) != 1:
            return None
        return self._rank(tied, cands, pts, kid)

    def prepare(self, kid: int, mask: int) -> None:
        """Work out now what :meth:`choose` will need of a key whatever the document says (its
        candidates, which of them the key spells the label of, their entity rows): a ``tag -j N``
        parent does it while its workers scan, so that less is left for after the last chunk."""
        cands = self._candidates(kid, mask)
        if len(cands) < 2:
            return
        top = cands[0][1] - self._window
        tied = [c[0] for c in cands if c[1] >= top]
        if len(tied) < 2:
            return  # one candidate stands out: nothing to rank
        rows = self._t.entities
        for e in tied:
            self._is_label_key(kid, e)
            rows[e]

    def _rank(self, tied: list[tuple[int, float, int]], cands: list[tuple[int, float, int]],
              pts: list[float], kid: int) -> tuple[list[tuple[int, float, int]], tuple[str, ...], bool, bool]:
        """Order homonyms by context points, then standing (prior and label, see :func:`standing`).

        Without a place among them and without a clear lead (the matcher's ``clear_lead``),
        the result is marked ambiguous (its third item).
        """
        conf = self._ranking()
        label = conf["label_bonus"] / conf["prior_weight"] * PRIOR_SPAN
        labels = [self._is_label_key(kid, c[0]) for c in tied]
        if not any(labels):
            # a case form spells a label when no homonym's label is the key itself ("Троицкая": Troitskaya,
            # not Troitsk), and only among homonyms of one country: a gazetteer's stray alternate name yields
            # to the record whose label it is there, but another country's label ("Волчанск" in Russia) is how
            # the press of that language writes this country's place too (Vovchansk)
            ents = self._t.entities
            if len({ents[c[0]][4] for c in tied}) == 1:
                labels = [self._is_label_key(kid, c[0], c[2]) for c in tied]
        sizes = [self._standing[c[0]] + (label if is_label else 0.0) for c, is_label in zip(tied, labels)]
        ranking_pts = _region_points_behind_label(pts, labels)
        order = sorted(range(len(tied)), key=lambda i: (-(ranking_pts[i] + sizes[i]), tied[i][0]))
        best, second = order[0], order[1]
        if pts[best] > max(pts[i] for i in order[1:]):
            penalty, how = 3.0, "context"
        else:
            penalty, how = 10.0, "population" if self._is_place[tied[best][0]] else "prior"
        lead = (sizes[best] - sizes[second]) / PRIOR_SPAN * conf["prior_weight"]
        ambiguous = how == "prior" and not any(self._is_place[c[0]] for c in tied) and lead < conf["clear_lead"]
        ranked = [(tied[i][0], tied[i][1] - penalty, tied[i][2]) for i in order] + cands[len(tied):]
        return ranked, ("exact", self._t.strings[tied[best][2]], how), ambiguous, False

    def _is_label_key(self, kid: int, e: int, via: int = -1) -> bool:
        """Does key ``kid`` spell entity ``e``'s label (up to spelling)? When ``via`` (the candidate's
        derivation, a string index) says the key is a case form of one of the entity's names, a key
        that spells the label with a case ending of at most :data:`_CASE_ENDING` letters after it does
        too ("Словʼянська", of Sloviansk's label, not of the alternate name another record carries)."""
        got = self._label_keys.get((kid, e, via))
        if got is None:
            _name_skeleton = self._name_skeleton
            known = None if self._spells_label is None else self._spells_label(kid, e)
            got = False
            if known is not None and (known or via < 0 or not self._t.strings[via].startswith(_INFLECTED)):
                # the index knows the plain answer; a case form's is worked out below
                got = known
            elif self._compiled.entities.haslabel[e] and not self._is_person[e]:
                # each skeleton worked out once: a key is ranked against several places, a place's
                # label against several keys
                if e in self._label_skeletons:
                    lab = self._label_skeletons[e]
                else:
                    label = self._t.entities[e][1]
                    lab = self._label_skeletons[e] = _name_skeleton(label) if label else None
                key = self._key_skeletons.get(kid)
                if key is None:
                    key = self._key_skeletons[kid] = _name_skeleton(self._t.keys[kid])
                got = lab is not None and (key == lab or (
                    0 < len(key) - len(lab) <= _CASE_ENDING and key.startswith(lab)
                    and via >= 0 and self._t.strings[via].startswith(_INFLECTED)))
            if len(self._label_keys) > 200_000:
                self._label_keys.clear()
                self._label_skeletons.clear()
                self._key_skeletons.clear()
            self._label_keys[(kid, e, via)] = got
        return got

    def _region_named(self, e: int, regions: set[tuple[str, str]]) -> float:
        """_REGION_NAMED for a place with no parent in the lexicon whose first-level region the
        document names (``regions``, the fifth item of :data:`Context`), else 0."""
        ent = self._t.entities[e]
        return _REGION_NAMED if ent[3] < 0 and ent[5] and (ent[4], ent[5]) in regions else 0.0

    def points(self, e: int, context: Context) -> float:
        """How well a place fits the document's other places (see :func:`~normalize.tagger.state.size`)."""
        if not self._is_place[e]:
            return 0.0
        ctx_ids, ctx_up, ctx_admin, ctx_country, _ = context
        ent = self._t.entities[e]
        pts = 0.0
        if e in ctx_ids:
            pts += 8.0
        if e in ctx_up:
            pts += 4.0
        if ent[3] >= 0 and any(a in ctx_ids for a in self._t.ancestors(e)):
            pts += 4.0
        if ent[5] and (ent[4], ent[5]) in ctx_admin:
            pts += 1.0
        if ent[4] and ent[4] in ctx_country:
            pts += 0.5
        return pts

    # -- fuzzy pass --------------------------------------------------------------------

"""Fuzzy candidates: skeleton keys near a query (length buckets, first-letter edits, trigrams,
consonants), described by the features the near-miss model scores."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from normalize.matcher import nearmiss
from normalize.matcher.hits import Hit
from normalize.matcher.parallel import gc_paused
from normalize.matcher.state import Candidates, MatcherState

__all__ = ["FuzzyMixin", "consonants"]

_GRAM_CAP = 100
_VOWELS_RE = re.compile(r"[aeiouy]+")


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix of two strings."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def consonants(skel: str) -> str:
    """The consonants of a skeleton: two names that differ only in vowels meet here."""
    return _VOWELS_RE.sub("", skel)


#: what :func:`consonants` removes, as a translation table (the same result: a run of vowels is its vowels)
_NO_VOWELS = str.maketrans("", "", "aeiouy")


class FuzzyMixin(MatcherState):
    """Near misses: candidate keys, their features, their scores."""

    def _ensure_fuzzy(self) -> None:
        """Build the fuzzy indexes once (the first caller does, under the lock)."""
        if not self._fuzzy_ready:
            with self._lock:
                if not self._fuzzy_ready:
                    self._build_fuzzy()

    def _build_fuzzy(self) -> None:
        """Length buckets, trigram and consonant indexes over the skeleton keys (on first need)."""
        with gc_paused():
            self._build_fuzzy_indexes()

    def _build_fuzzy_indexes(self) -> None:
        """Length buckets, first-letter tails, trigram and consonant indexes over the skeleton keys."""
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        compact_keys: dict[str, list[str]] = {}
        tails: dict[str, list[str]] = defaultdict(list)  # key minus its first letter -> keys
        grams: dict[str, list[int]] = defaultdict(list)
        cons_index: dict[str, list[int]] = defaultdict(list)
        no_vowels = _NO_VOWELS  # (consonants(), as one C-level pass)
        for kid, key in enumerate(self._skel_keys):
            compact = key.replace(" ", "") if " " in key else key
            if not compact:
                continue
            same = compact_keys.get(compact)
            if same is None:
                compact_keys[compact] = [key]
                buckets[(compact[0], len(compact))].append(compact)
                tails[compact[1:]].append(compact)
            else:
                same.append(key)
            for g in {compact[i : i + 3] for i in range(len(compact) - 2)}:
                grams[g].append(kid)
            c = compact.translate(no_vowels)
            if len(c) >= 4:
                cons_index[c].append(kid)
        self._buckets = dict(buckets)
        self._compact_keys = compact_keys
        self._tails = dict(tails)
        self._grams = dict(grams)
        self._cons = dict(cons_index)
        self._fuzzy_ready = True

    def _fuzzy(self, skel: str, out: Candidates, cyrillic: bool = False) -> None:
        """Add the scored near misses of a skeleton to the candidates (a better score wins)."""
        compact = skel.replace(" ", "")
        if len(compact) < 4:
            return
        for ent, (score, alias, via) in self._fuzzy_scores(compact, self._fuzzy_keys(compact), cyrillic).items():
            if ent not in out or score > out[ent][0]:
                out[ent] = (score, alias, via)

    def _fuzzy_keys(self, compact: str) -> set[str]:
        """Skeleton keys near ``compact``, from the length buckets, trigrams and consonants."""
        self._ensure_fuzzy()
        cand_keys: set[str] = set()
        n = len(compact)
        near_keys: set[str] = set()
        for size in (n - 1, n, n + 1):
            bucket = self._buckets.get((compact[0], size))
            if bucket:
                # the closest few, and (a guarantee the tests check) every key one edit
                # away: one edit costs at most 2 in InDel terms, so its ratio is at least
                # 100 * (1 - 2 / (n + size)), never below 70 for n >= 4
                one_edit = 100.0 * (1.0 - 2.0 / (n + size)) - 1e-9
                found = process.extract(compact, bucket, scorer=fuzz.ratio, score_cutoff=70, limit=None)
                for rank, (near, ratio, _) in enumerate(found):
                    if rank < 8 or ratio >= one_edit:
                        near_keys.add(near)
        # one edit on the first letter: deleted, inserted before it, or replaced
        if compact[1:] in self._compact_keys:
            near_keys.add(compact[1:])
        near_keys.update(self._tails.get(compact, ()))
        near_keys.update(self._tails.get(compact[1:], ()))
        for near in near_keys:
            cand_keys.update(self._compact_keys[near])
        cand_ids: set[int] = set()
        if not cand_keys:
            # keys sharing at least half of the query's informative trigrams (a trigram
            # in more than _GRAM_CAP keys, like "ovk", says little and costs much)
            # sorted: ties break the same in every run
            grams = sorted({compact[i : i + 3] for i in range(len(compact) - 2)})
            counts: Counter[int] = Counter()
            used = 0
            for g in grams:
                ids = self._grams.get(g)
                if ids is not None and len(ids) <= _GRAM_CAP:
                    counts.update(ids)
                    used += 1
            need = max(2, (used + 1) // 2)
            cand_ids = {k for k, c in counts.most_common(50) if c >= need}
        cons = consonants(compact)
        if len(cons) >= 4:
            cand_ids.update(self._cons.get(cons, ()))
        cand_keys.update(self._skel_keys[kid] for kid in cand_ids)
        return cand_keys

    def _fuzzy_features(self, compact: str, cand_keys: Iterable[str],
                        cyrillic: bool = False) -> dict[int, tuple[dict[str, float], Hit]]:
        """Each candidate entity's best key, described by the features the fuzzy model scores.

        ``margin`` is how much better the key is than the best key of a *different*
        name (one sharing no entity and no alias with it): a near miss that is as
        close to another place is a guess, not a match. ``population`` is the
        entity's own (a big place is named in more languages, so a near miss to it
        is more often right); the other features belong to the key and are shared
        by the homonyms it names.
        """
        return {ent: ({**feats, "population": pop}, h)
                for ent, (feats, pop, h) in self._key_features(compact, cand_keys, cyrillic).items()}

    def _key_features(self, compact: str, cand_keys: Iterable[str],
                      cyrillic: bool = False) -> dict[int, tuple[dict[str, float], float, Hit]]:
        """Each candidate entity's best key: its features, its scaled population and its hit
        (see :meth:`_fuzzy_features`)."""
        scored: list[tuple[float, str, list[Hit]]] = []
        for full_key in sorted(cand_keys):  # sorted: ties break the same in every run
            hits = self._skel.get(full_key)
            if not hits:
                continue  # a key whose entities are all answered by another layer (layered indexes)
            key = full_key.replace(" ", "")
            scored.append((fuzz.ratio(compact, key), key, hits))
        scored.sort(key=lambda t: (-t[0], t[1]))
        owners = [({h.entity for h in hits}, {h.alias for h in hits}) for _, _, hits in scored]
        neg_ratios = [-r for r, _, _ in scored]  # ascending: how many keys score at least a ratio
        best: dict[int, tuple[float, int, Hit]] = {}  # entity -> (ratio x quality, key rank, hit)
        for i, (ratio, _, hits) in enumerate(scored):
            for h in hits:
                value = ratio * h.quality
                if h.entity not in best or value > best[h.entity][0]:
                    best[h.entity] = (value, i, h)
        n = len(compact)
        features: dict[int, dict[str, float]] = {}
        out: dict[int, tuple[dict[str, float], float, Hit]] = {}
        for ent, (_, i, h) in best.items():
            feats = features.get(i)
            if feats is None:
                ratio, key, _ = scored[i]
                ents, aliases = owners[i]
                rival = 0.0
                for j, (r2, _, _) in enumerate(scored):
                    if j != i and not (owners[j][0] & ents) and not (owners[j][1] & aliases):
                        rival = r2
                        break
                feats = features[i] = {
                    "ratio": ratio / 100.0,
                    "margin": max(-30.0, min(ratio - rival, 30.0)) / 30.0,
                    "length": min(n, 14) / 14.0,
                    "edits": Levenshtein.distance(compact, key) / 4.0,
                    "vowels_only": float(consonants(compact) == consonants(key)),
                    "longer": float(len(key) > n),
                    "shorter": float(len(key) < n),
                    "first_letter": float(compact[:1] == key[:1]),
                    "cyrillic_query": float(cyrillic),  # romanized by the canonical scheme first
                    # where the names differ: a slip inside a name is a spelling, a different
                    # ending is often another place (Знаменка, Знаменское)
                    "prefix": _common_prefix(compact, key) / max(n, len(key)),
                    "suffix": _common_prefix(compact[::-1], key[::-1]) / max(n, len(key)),
                    # how crowded the neighbourhood is: other names about as close
                    "crowd": min(bisect.bisect_right(neg_ratios, 5.0 - ratio) - 1, 8) / 8.0,
                    # the key is only a case form of names (a Polish genitive...), not a name
                    "case_form": float(all(any(v.startswith("inflection:") for v in h2.via) for h2 in scored[i][2])),
                }
            population = getattr(self.entities[ent], "population", None) or 0
            out[ent] = (feats, min(math.log10(population + 1.0), 7.0) / 7.0, h)
        return out

    def _fuzzy_scores(self, compact: str, cand_keys: Iterable[str], cyrillic: bool = False) -> Candidates:
        """Near misses scored by the near-miss model (:func:`nearmiss.near_miss_scores`)."""
        features = self._key_features(compact, cand_keys, cyrillic)
        return nearmiss.near_miss_scores(features, lambda ent: self.entities[ent].type == "place")

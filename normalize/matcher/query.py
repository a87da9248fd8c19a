"""A query's candidates: every layer of the index asked in turn, fallbacks only while no
candidate is confident (:data:`normalize.scores.CONFIDENT`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from normalize import scores as S
from normalize.fold import fold, has_cyrillic, skeleton
from normalize.matcher.concepts import concept_keys
from normalize.matcher.fuzzy import FuzzyMixin
from normalize.matcher.hits import Hit
from normalize.matcher.orgs import OrgsMixin
from normalize.matcher.persons import PersonsMixin
from normalize.matcher.places import PlacesMixin
from normalize.matcher.state import Candidates, Offer
from normalize.matcher.variants import PAREN_RE, canonical_latin, foreign_stems

__all__ = ["MAX_QUERY_LENGTH", "QueryMixin"]

#: queries longer than this get only the exact look-up (a 1 MB field is not a name)
MAX_QUERY_LENGTH = 200
# an English possessive ("Zelensky's"), not a soft sign inside a romanized name ("Ribal's'ke")
_POSSESSIVE_RE = re.compile(r"(?<=\w)['’]s(?![\w'’])")


def _case_form(hit: Hit) -> bool:
    """Is the hit's key an inflected form of the name (not the name or its rendering)?"""
    return any(v.startswith("inflection:") for v in hit.via)


def _unsure(out: Candidates) -> bool:
    """No candidate is confident yet (the fallbacks are worth asking)."""
    return not out or max(v[0] for v in out.values()) < S.CONFIDENT


class QueryMixin(PlacesMixin, OrgsMixin, PersonsMixin, FuzzyMixin):
    """The candidates of a query (entity -> (score, alias, via))."""

    def _candidates(self, name: str, fuzzy: bool = True) -> Candidates:
        """Every entity the query may name: entity number -> (score, alias, via), unranked."""
        out: Candidates = {}

        def offer(hits: Iterable[Hit], score: float, extra: tuple[str, ...] = ()) -> None:
            for h in hits:
                s = score * h.quality
                if h.entity not in out or s > out[h.entity][0]:
                    out[h.entity] = (s, h.alias, h.via + extra)

        cleaned = self._clean(name)
        if not cleaned:
            return out
        if len(cleaned) > MAX_QUERY_LENGTH:
            # no name is this long: an exact look-up only, never per-character work
            offer(self._exact.get(fold(cleaned), ()), S.EXACT)
            return out
        # a parenthetical acronym: "Security Service of Ukraine (SBU)"
        paren = PAREN_RE.search(cleaned)
        if paren:
            inner = paren.group(1).strip()
            outer = PAREN_RE.sub(" ", cleaned).strip()
            a = self._candidates(outer, fuzzy) if outer else {}
            b = self._candidates(inner, fuzzy) if inner else {}
            for ent in set(a) | set(b):
                sa, sb = a.get(ent, (0.0, "", ())), b.get(ent, (0.0, "", ()))
                best = sa if sa[0] >= sb[0] else sb
                bonus = S.PARENTHESIS_BONUS if ent in a and ent in b else 0.0
                out[ent] = (min(S.EXACT, best[0] + bonus), best[1], best[2])
            return out
        key = fold(cleaned)
        if not key:
            return out
        hits = self._exact.get(key)
        compact = key.replace(" ", "")
        letters = cleaned.replace(" ", "").replace(".", "")
        acro: list[Hit] | None = None
        if compact.isalnum() and not compact.isdigit() and len(compact) <= 6:  # G7, MI6
            if letters.isupper():
                acro = self._acronyms.get(compact)
                if acro:
                    offer(acro, S.ACRONYM, ("acronym",))
            elif len(compact) >= 4 and " " not in cleaned and letters[:1].isupper() and letters[1:].islower():
                # "Nato", "Otan": a long acronym the press writes as a word; only the lexicon's own
                # acronyms (a derived one in lower case is too often a word)
                written = [h for h in self._acronyms.get(compact, ()) if h.via[:1] == ("lexicon acronym",)]
                if written:
                    offer(written, S.ACRONYM_AS_WORD, ("acronym", "as a word"))
        if hits:
            if acro:
                # a name written in capitals that is also an acronym is the acronym, not a case
                # form of a place ("OSZE" is not the Polish locative of Okha)
                offer([h for h in hits if not any(v.startswith("inflection:") for v in h.via)], S.EXACT)
                offer([h for h in hits if any(v.startswith("inflection:") for v in h.via)], S.ACRONYM_INFLECTION)
            else:
                offer(hits, S.EXACT)
        if not hits:
            latin_key = fold(canonical_latin(cleaned)) if has_cyrillic(cleaned) else key
            if has_cyrillic(cleaned):
                # inflected Cyrillic forms of lexicon words, token by token
                for alt in self._deinflect(key):
                    h2 = self._exact.get(alt)
                    if h2:
                        offer(h2, S.CYRILLIC_INFLECTION, ("inflection",))
            skel = skeleton(latin_key)
            skel_hits = self._skel.get(skel, ())
            if has_cyrillic(cleaned):
                offer(skel_hits, S.EXACT)
            else:
                # a Latin query that meets a case form of a name only through its skeleton is a
                # guess (Kadai is not the Polish genitive of Кадаж): below the threshold, and the
                # near misses are still asked
                offer([h for h in skel_hits if not _case_form(h)], S.EXACT)
                offer([h for h in skel_hits if _case_form(h)], S.CASE_FORM_SKELETON)
            words = [w for w in skel.split(" ") if w not in self._stop_skels()]
            if len(words) >= 2:
                offer(self._bag.get(" ".join(sorted(words)), ()), S.EXACT)
            self._match_core(latin_key, offer)
            self._match_place_words(skel, offer)
            if _unsure(out):
                self._match_river_part(skel, offer, self._fuzzy_keys)
            if not has_cyrillic(cleaned) and _unsure(out):
                self._match_foreign_endings(key, offer)
            if _unsure(out):
                for ckey in concept_keys(cleaned, self._stop, query=True):
                    offer(self._concepts.get(ckey, ()), S.GENERIC_WORDS, ("generic words",))
        self._match_org(cleaned, offer)
        self._match_person(cleaned, out)
        if fuzzy and _unsure(out):
            latin_key = fold(canonical_latin(cleaned)) if has_cyrillic(cleaned) else key
            self._fuzzy(skeleton(latin_key), out, has_cyrillic(cleaned))
            self._person_veto(cleaned, out)
        return out

    def _clean(self, name: str) -> str:
        """The query as a name: trimmed, without an English possessive, "Surname, Given" turned around."""
        text = name.strip()
        text = _POSSESSIVE_RE.sub("", text)
        if "," in text:
            left, _, right = text.partition(",")
            if left.strip() and right.strip() and len(right.split()) <= 3 and len(left.split()) <= 2:
                text = f"{right.strip()} {left.strip()}"
        return text

    def _deinflect(self, key: str) -> list[str]:
        """The light keys of a Cyrillic query with its words taken back to the lexicon forms they inflect."""
        words = key.split(" ")
        options = [sorted(self._token_forms.get(w, ())) or [w] for w in words]
        out = [""]
        for opts in options:
            out = [f"{a} {b}".strip() for a in out for b in opts][:16]
        return [o for o in out if o != key]

    def _match_foreign_endings(self, key: str, offer: Offer) -> None:
        """A Latin name with a Baltic case ending ("Charkivas", "Charkivo sritis", "Bahmuta").

        One word at a time is replaced by its stems (engine data ``foreign_case_endings``)
        and the result looked up among the skeletons, a little below an exact match.
        """
        words = key.split(" ")
        if len(words) > 4:
            return
        for i, w in enumerate(words):
            for stem, types in foreign_stems(w, None):
                alt = " ".join(words[:i] + [stem] + words[i + 1 :])
                skel = skeleton(alt)
                hits = [h for h in self._skel.get(skel, ()) if self.entities[h.entity].type in types]
                if hits:
                    offer(hits, S.FOREIGN_CASE_ENDING, ("foreign case ending",))
                split = self._split_category(alt) if " " in alt else None
                if split is not None:
                    core = [h for h in self._core.get(split, ()) if self.entities[h.entity].type in types]
                    offer(core, S.FOREIGN_CASE_ENDING, ("foreign case ending",))

"""Organizations: acronyms (written or derived), legal forms, and cores without generic words."""

from __future__ import annotations

import re

from normalize import org_names
from normalize import scores as S
from normalize.fold import fold, has_cyrillic
from normalize.matcher.hits import Hit
from normalize.matcher.state import MatcherState, Offer
from normalize.matcher.variants import canonical_latin

__all__ = ["COUNTRY_DROPPED", "ORG_CORE", "OrgsMixin"]

#: the derivation (first step of a derived name's ``via``) of a body's name with its country left out:
#: Следственный комитет России -> Следственный комитет (:mod:`normalize.matcher.indexing` makes it; the tagger reads it)
COUNTRY_DROPPED = "country dropped"
#: the class under which organization cores are kept in the core table (places use category classes)
ORG_CORE = "org"
# a Latin c before a back vowel or a consonant is a k in an English brand spelling (Sovcomflot)
_BRAND_C_RE = re.compile(r"c(?![hei])")


def _brand_k(key: str) -> tuple[str, tuple[str, ...]]:
    """A Latin core key with its c read as k where English spells one (Vector, Vektor), and the step."""
    return _BRAND_C_RE.sub("k", key), ("brand c=k",)


class OrgsMixin(MatcherState):
    """Index and match organizations by acronym and by core."""

    def _index_acronym(self, idx: int, text: str, via: tuple[str, ...]) -> None:
        """Index an acronym (the lexicon's, or derived from a name: ``via`` says which), and its romanizations."""
        q = S.Q_LEXICON_ACRONYM if via[:1] == ("lexicon acronym",) else S.Q_DERIVED_ACRONYM
        if via[:1] == (COUNTRY_DROPPED,):  # МИД of "МИД России": below another entity's own МЗС, as Минюст is
            q *= S.Q_COUNTRY_DROPPED
        key = fold(text)
        self._add(self._acronyms, key.replace(" ", ""), Hit(idx, text, via, q))
        if " " in key:  # as running text writes it, for the tagger: "ВМС ЗСУ", "95 ОДШБр"
            self._add(self._acronyms, key, Hit(idx, text, via, q))
        if has_cyrillic(text):
            for out, sid in self._romanized(text, None):
                self._add(self._acronyms, fold(out).replace(" ", ""), Hit(idx, text, via + (f"scheme:{sid}",),
                                                                          q - S.Q_ACRONYM_SCHEME_DROP))

    def _derive_acronym(self, idx: int, text: str) -> None:
        """Index the acronym of a name's initials (three or more)."""
        acro = self._acronym_of(text)
        # two initials are too often something else, and their romanizations collide with
        # real acronyms ("Чорнобильська АЕС": ЧА, which the Italian press scheme writes "CIA")
        if acro is not None and len(acro) >= 3:
            self._index_acronym(idx, acro, ("derived acronym", text))

    def _acronym_of(self, text: str) -> str | None:
        """The initials of a name's content words (2 to 6 of them), upper case."""
        words = [w for w in re.findall(r"[^\W\d_]+", text) if fold(w) not in self._stop]
        if len(words) < 2 or len(words) > 6:
            return None
        return "".join(w[0] for w in words).upper()

    def _index_org_core(self, idx: int, text: str, lang: str | None, alias: str) -> None:
        """Index an organization name by its core: without legal forms, generic words and
        country qualifiers (see :mod:`normalize.org_names`), in every romanization.

        The generic words and qualifiers taken off are kept in the hit's ``via``
        (``generic:bank``, ``country:ru``), where the query side reads them.
        """
        parts = org_names.parse(text)
        if not parts.core_text:
            return
        marks = tuple(f"generic:{g}" for g in parts.generic) + tuple(f"distinctive:{g}" for g in parts.distinctive) \
            + tuple(f"country:{c}" for c in parts.qualifiers)
        keys: list[tuple[str, tuple[str, ...]]] = [(org_names.core_key(parts.core_text, self._stop_sk), ())]
        if has_cyrillic(parts.core_text):
            keys += [(org_names.core_key(out, self._stop_sk), (f"scheme:{sid}",))
                     for out, sid in self._romanized(parts.core_text, lang)]
        else:  # a Latin name: its c is a k where English spells one (Vector, Vektor)
            keys.append(_brand_k(keys[0][0]))
        for key, via in keys:
            if key:
                hit = Hit(idx, alias, ("organization core",) + via + marks, S.Q_ORG_CORE)
                self._add(self._core, (ORG_CORE, key), hit)

    def _match_org(self, cleaned: str, offer: Offer) -> None:
        """An organization by its core, legal forms, generic words and country qualifiers
        left out on both sides (PJSC Gazprom, Rosneft Oil Company, Sberbank of Russia);
        generic words that disagree, or a distinctive one only the query has (Gazprom
        Bank), keep two names apart (:func:`org_names.generic_verdict`)."""
        if "org" not in self._lexicon_types():
            return  # no organization to find: not worth parsing the query as one
        parts = org_names.parse(cleaned)
        if not parts.core_text:
            return
        keys: list[tuple[str, tuple[str, ...]]] = []
        if has_cyrillic(parts.core_text):
            keys.append((org_names.core_key(parts.core_text, self._stop_sk), ()))
            keys.append((org_names.core_key(canonical_latin(parts.core_text), self._stop_sk), ()))
        else:
            key = org_names.core_key(parts.core_text, self._stop_sk)
            keys.append((key, ()))
            keys.append(_brand_k(key))
        done: set[str] = set()
        for key, extra in keys:
            if not key or key in done:
                continue
            done.add(key)
            for h in self._core.get((ORG_CORE, key), ()):
                generic = tuple(v[8:] for v in h.via if v.startswith("generic:"))
                distinctive = tuple(v[12:] for v in h.via if v.startswith("distinctive:"))
                countries = tuple(v[8:] for v in h.via if v.startswith("country:"))
                verdict = org_names.generic_verdict(parts, generic, distinctive, countries)
                if verdict is None:
                    continue
                score = S.ORG_CORE_SCORES[verdict] - (S.BRAND_SPELLING_PENALTY if extra else 0.0)
                offer((h,), score, (f"generic words: {verdict}",) + extra)

"""Case endings a language adds to a foreign name as written: German "Selenskyjs", "Kiews", "Klitschkos".

The lexicon's keys hold a name and its declined forms in the languages whose grammar
the engine knows (:mod:`normalize.inflect`); German adds a bare -s to a name in the
genitive, which no key holds. After the exact pass, :meth:`CaseEndings.add` looks at
the capitalized words it left untagged in a text of such a language, removes the
ending (``name_case_endings`` in ``normalize/data/tagging.json``: by language, each
ending with the stem endings that do not take it) and tags the word when what is left
is the key of a person's name or of a place that is not weak
(:meth:`~normalize.tagger.doubt.WeakMentions.weakness`): a village called like a word
is no more a mention with an ending than without it.

Cheap: nothing is done for a text whose language (:func:`normalize.evidence.document_language`)
has no such endings; otherwise one look-up per capitalized untagged word with an ending.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from normalize import evidence
from normalize.fold import fold
from normalize.tagger.doubt import STRONG, WeakMentions
from normalize.tagger.results import Raw
from normalize.tagger.state import TaggerState, UsesState
from normalize.tagger.table import FULL_ANY, FULL_CAP, SHORT

__all__ = ["CaseEndings"]

#: a capitalized word (letters; ' or - inside are word breaks here, as in the view)
_CAP_WORD_RE = re.compile(r"(?<![\w'’ʼ-])[^\W\d_][^\W\d_]+(?![\w'’ʼ])")


class CaseEndings(UsesState):
    """Words with a case ending a language adds to a name as written (see the module docstring)."""

    def __init__(self, state: TaggerState, weak: WeakMentions) -> None:
        super().__init__(state)
        self._weak = weak
        self._rules: dict[str, list[tuple[str, tuple[str, ...]]]] = evidence.data()["name_case_endings"]

    @property
    def active(self) -> bool:
        """Does any language have such endings?"""
        return bool(self._rules)

    def wants(self, lang: str | None) -> bool:
        """Has ``lang`` such endings?"""
        return lang in self._rules

    def add(self, chunk: str, base: int, out: list[Raw], lang: str | None) -> list[Raw]:
        """``out`` (raw mentions of ``chunk``, offsets shifted by ``base``, in text order) with the
        words that name an entity once their case ending is removed, in text order."""
        rules = self._rules.get(lang or "")
        if not rules:
            return out
        starts = [r[0] - base for r in out]
        ends = [r[1] - base for r in out]
        added: list[Raw] = []
        for m in _CAP_WORD_RE.finditer(chunk):
            s, e = m.span()
            if not chunk[s].isupper():
                continue
            i = bisect.bisect_right(starts, s)
            if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
                continue  # inside or across a mention already found
            got = self._stem_key(m.group(), rules)
            if got is not None:
                kid, mask = got
                added.append((s + base, e + base, kid, mask, -1))
        if not added:
            return out
        return sorted(out + added, key=lambda r: r[0])

    def _stem_key(self, word: str, rules: Sequence[tuple[str, tuple[str, ...]]]) -> tuple[int, int] | None:
        """(key, mask) of what ``word`` names without its ending, or None."""
        t = self._t
        w = fold(word)
        for ending, blocked in rules:
            if not w.endswith(ending) or len(w) - len(ending) < 3:
                continue
            stem = w[: -len(ending)]
            if stem.endswith(blocked) or t.number(w) >= 0:
                continue
            kid = t.number(stem)
            if kid < 0:
                continue
            mask = self._flags[kid] & (FULL_CAP | FULL_ANY | SHORT)
            if not mask:
                continue
            if mask & (FULL_CAP | FULL_ANY) and (self._weak.known[kid] or self._weak.weakness(kid)) != STRONG:
                continue
            return kid, mask
        return None

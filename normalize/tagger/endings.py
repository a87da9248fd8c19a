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

Cheap: one look-up per capitalized untagged word with an ending; the text's language
(:func:`normalize.evidence.document_language`) is found only when such a word's stem is a key.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from normalize import evidence
from normalize.fold import fold
from normalize.tagger.doubt import STRONG, WeakMentions
from normalize.tagger.results import Raw
from normalize.tagger.state import TaggerState, UsesState
from normalize.tagger.table import FULL_ANY, FULL_CAP, SHORT

__all__ = ["CaseEndings"]

#: a word of letters (' or - are word breaks here, as in the view) that ends in {endings}
_WORD_ENDING = r"(?<![\w'’ʼ-])[^\W\d_][^\W\d_]+(?:{endings})(?![\w'’ʼ])"


class CaseEndings(UsesState):
    """Words with a case ending a language adds to a name as written (see the module docstring)."""

    def __init__(self, state: TaggerState, weak: WeakMentions) -> None:
        super().__init__(state)
        self._weak = weak
        self._rules: dict[str, list[tuple[str, tuple[str, ...]]]] = evidence.data()["name_case_endings"]
        #: every language's rules together: a word none of them fits is passed over before its language is asked
        self._any_rules = sorted({r for rules in self._rules.values() for r in rules}, key=lambda r: -len(r[0]))
        #: the endings as written, in either case ("s"): the cheap first test of a word
        self._all_endings = tuple({c for r in self._any_rules for c in (r[0], r[0].upper())})
        self._word_re = re.compile(_WORD_ENDING.format(endings="|".join(
            map(re.escape, sorted(self._all_endings, key=lambda x: (-len(x), x))))) if self._all_endings else "(?!)")

    @property
    def active(self) -> bool:
        """Does any language have such endings?"""
        return bool(self._rules)

    def wants(self, lang: object) -> bool:
        """Has ``lang`` such endings?"""
        return lang in self._rules

    def add(self, chunk: str, base: int, out: list[Raw], language: Callable[[], str | None]) -> list[Raw]:
        """``out`` (raw mentions of ``chunk``, offsets shifted by ``base``, in text order) with the
        words that name an entity once their case ending is removed, in text order.

        ``language`` gives the chunk's language; it is asked only when a word is found whose
        stem is a key (finding the language costs more than looking words up).
        """
        starts = [r[0] - base for r in out]
        ends = [r[1] - base for r in out]
        added: list[Raw] = []
        rules: Sequence[tuple[str, tuple[str, ...]]] | None = None
        for m in self._word_re.finditer(chunk):
            word = m.group()
            if not word[0].isupper():
                continue
            s, e = m.span()
            i = bisect.bisect_right(starts, s)
            if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
                continue  # inside or across a mention already found
            if rules is None:
                if self._stem_key(word, self._any_rules) is None:
                    continue
                rules = self._rules.get(language() or "", ())
                if not rules:
                    return out
            got = self._stem_key(word, rules)
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

"""Case endings a language adds to a foreign name as written: German "Selenskyjs", "Kiews", "Klitschkos".

The lexicon's keys hold a name and its declined forms in the languages whose grammar
the engine knows (:mod:`normalize.inflect`); German adds a bare -s to a name in the
genitive, which no key holds; Polish and Czech decline a name the lexicon holds only as
written in Latin letters ("Łukoilu", "Dumy"), which no declension of a Cyrillic name reaches.
After the exact pass, :meth:`CaseEndings.add` looks at
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
from normalize.matcher.press_langs import ANY, press_bit
from normalize.tagger.doubt import STRONG, WeakMentions
from normalize.tagger.results import Raw
from normalize.tagger.state import TaggerState, UsesState
from normalize.tagger.table import FULL_ANY, FULL_CAP, SHORT
from normalize.tagger.words import prev_word

__all__ = ["CaseEndings"]

#: a capitalized adjective with a case ending before a capitalized noun: "Europäischen Union" (the noun is
#: not taken, so that it may start the next pair)
_DECLINED = r"(?<![\w'’ʼ-])([^\W\d_a-zß][^\W\d_]{{2,}}(?:{endings})) (?=([^\W\d_a-zß][^\W\d_]+)(?![\w'’ʼ-]))"
#: a lower-case adjective made from a name (its stem ending, ``declined_lower_adjectives``) with a case
#: ending before a capitalized noun: "der russischen Nationalgarde"
_LOWER_DECLINED = r"(?<![\w'’ʼ-])([a-zß][^\W\d_]*(?:{stems})(?:{endings})) (?=([^\W\d_a-zß][^\W\d_]+)(?![\w'’ʼ-]))"
#: where such an adjective ends: the quick first test (a literal scan), the word's start found after
_LOWER_END = r"(?:{stems})(?:{endings}) (?=[^\W\d_a-zß])"
#: a noun's case ending before a lower-case word: where the head of a longer name in the genitive may
#: end ("des Instituts für Kriegsstudien"); the word and the determiner before it are checked after
_HEAD = r"(?:{endings}) (?=[a-zß])"
#: up to three words right after a declined pair, the first in lower case: the rest of a longer name
#: ("vom Roten Kreuz" after "Internationalen Komitees"), which does not decline
_TAIL = re.compile(r"(?: [a-zß][^\W\d_]*)(?: [^\W\d_]+){1,2}")
#: a word of letters (' or - are word breaks here, as in the view) that ends in {endings}, not one
#: starting with a lower-case ASCII letter (only capitalized words are taken: the others need no look)
_WORD_ENDING = r"(?<![\w'’ʼ-])[^\W\d_a-zß][^\W\d_]+(?:{endings})(?![\w'’ʼ])"


class CaseEndings(UsesState):
    """Words with a case ending a language adds to a name as written (see the module docstring)."""

    def __init__(self, state: TaggerState, weak: WeakMentions) -> None:
        super().__init__(state)
        self._weak = weak
        self._rules: dict[str, list[tuple[str, tuple[str, ...], str]]] = evidence.data()["name_case_endings"]
        #: every language's rules together: a word none of them fits is passed over before its language is asked
        self._any_rules = sorted({r for rules in self._rules.values() for r in rules}, key=lambda r: -len(r[0]))
        #: the endings as written, in either case ("s"): the cheap first test of a word
        self._all_endings = tuple({c for r in self._any_rules for c in (r[0], r[0].upper())})
        self._word_re = re.compile(_WORD_ENDING.format(endings="|".join(
            map(re.escape, sorted(self._all_endings, key=lambda x: (-len(x), x))))) if self._all_endings else "(?!)")
        #: by language: (adjective endings as written, nominative endings, noun endings) of adjective_declension
        self._decl: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = evidence.data()["adjective_declension"]
        self._decl_memo: dict[tuple[str, str, str, int], tuple[int, int] | None] = {}
        self._generic: dict[int, frozenset[int]] = {}
        self._decl_re = re.compile(_DECLINED.format(endings="|".join(sorted(
            {e for rule in self._decl.values() for e in rule[0]}, key=lambda x: (-len(x), x))))) if self._decl else None
        #: by language: the stem endings of lower-case adjectives that may start a name ("russisch-")
        lower: dict[str, tuple[str, ...]] = evidence.data()["declined_lower_adjectives"]
        self._lower_langs = frozenset(c for c in lower if c in self._decl)
        stems = {x for c in self._lower_langs for x in lower[c]}
        parts = {"stems": "|".join(map(re.escape, sorted(stems, key=lambda x: (-len(x), x)))),
                 "endings": "|".join(map(re.escape, sorted({e for c in self._lower_langs for e in self._decl[c][0]},
                                                          key=lambda x: (-len(x), x))))}
        self._lower_re = re.compile(_LOWER_DECLINED.format(**parts)) if stems else None
        self._lower_end = re.compile(_LOWER_END.format(**parts)) if stems else None
        noun_endings = {e for rule in self._decl.values() for e in rule[2]}
        dets = {d for c in self._decl for d in evidence.data()["determiners"].get(c, ())}
        self._dets = frozenset(dets)
        self._head_re = re.compile(_HEAD.format(
            endings="|".join(map(re.escape, sorted(noun_endings, key=lambda x: (-len(x), x)))))) \
            if noun_endings and dets else None
        self._head_memo: dict[tuple[str, str], tuple[int, int] | None] = {}

    @property
    def active(self) -> bool:
        """Does any language have such endings?"""
        return bool(self._rules) or bool(self._decl)

    def wants(self, lang: object) -> bool:
        """Has ``lang`` such endings?"""
        return lang in self._rules or lang in self._decl

    def add(self, chunk: str, base: int, out: list[Raw], language: Callable[[], str | None]) -> list[Raw]:
        """``out`` (raw mentions of ``chunk``, offsets shifted by ``base``, in text order) with the
        words that name an entity once their case ending is removed, in text order.

        ``language`` gives the chunk's language; it is asked only when a word is found whose
        stem is a key (finding the language costs more than looking words up).
        """
        asked: list[str | None] = []

        def lang() -> str | None:  # the chunk's language, found once
            if not asked:
                asked.append(language())
            return asked[0]

        if self._decl:
            out = self._generic_after_adjective(chunk, base, out, lang)
        starts = [r[0] - base for r in out]
        ends = [r[1] - base for r in out]
        added: list[Raw] = []

        rules: Sequence[tuple[str, tuple[str, ...], str]] | None = None
        press = 0  # the press bit of the chunk's language, once known
        for m in self._word_re.finditer(chunk):
            word = m.group()
            if not word[0].isupper():
                continue
            s, e = m.span()
            i = bisect.bisect_right(starts, s)
            if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
                continue  # inside or across a mention already found
            if rules is None:
                if self._stem_key(word, self._any_rules, ~ANY) is None:
                    continue
                rules = self._rules.get(lang() or "", ())
                if not rules:
                    break
                press = press_bit(lang())
            got = self._stem_key(word, rules, press)
            if got is not None:
                kid, mask = got
                # a weak place's spelling only this language's press writes ("u Orichivu"): weighed as its
                # nominative would be
                if mask & (FULL_CAP | FULL_ANY) and self._weak.known[kid] != STRONG \
                        and self._weak.doubt(chunk, s, e, kid, lang(), out)[0] is not None:
                    continue
                added.append((s + base, e + base, kid, mask, -1))
        if self._decl_re is not None:
            added.extend(self._declined(chunk, base, starts, ends, lang))
        if self._head_re is not None:
            added.extend(self._genitive_heads(chunk, base, starts, ends, added, lang))
        if not added:
            return out
        return sorted(out + added, key=lambda r: r[0])

    def _declined(self, chunk: str, base: int, starts: list[int], ends: list[int],
                  language: Callable[[], str | None]) -> list[Raw]:
        """Names of organizations and places that start with a declined adjective and its noun ("der
        Europäischen Union", "vom Internationalen Strafgerichtshof", "des Internationalen Komitees vom
        Roten Kreuz"): the adjective's ending replaced by a nominative one and the noun's case ending
        removed (``adjective_declension``), the pair, or the pair and the words after it up to a
        capitalized one (which do not decline), is a key; the longest such name is taken."""
        assert self._decl_re is not None
        found: list[Raw] = []
        rules = self._decl
        lang: str | None = None
        last = -1
        matches = list(self._decl_re.finditer(chunk))
        if self._lower_re is not None and self._lower_end is not None:
            lower = self._lower_adjectives(chunk, self._lower_re, self._lower_end)
            if lower:
                matches = sorted(matches + lower, key=lambda m: m.start())
        for m in matches:
            s, e = m.start(), m.end(2)
            if s < last:
                continue
            i = bisect.bisect_right(starts, s)
            if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
                continue  # inside or across a mention already found
            # the keys first, the language (costlier) only for a pair that names something
            for tail in self._tails(chunk, e):
                end = e + len(tail)
                if tail and i < len(starts) and starts[i] < end:
                    continue  # the tail holds a mention already found
                hit = False
                for code, rule in rules.items():
                    if m.re is self._lower_re and code not in self._lower_langs:
                        continue
                    got = self._declined_key(m.group(1), m.group(2), tail, rule)
                    if got is None:
                        continue
                    if lang is None:
                        lang = language() or ""
                    if lang == code:
                        found.append((s + base, end + base, got[0], got[1], -1))
                        last = end
                        hit = True
                        break
                if hit:
                    break
        return found

    @staticmethod
    def _lower_adjectives(chunk: str, full: re.Pattern[str], end: re.Pattern[str]) -> list[re.Match[str]]:
        """The matches of ``full`` (a lower-case adjective and the noun after it) in ``chunk``, found
        from where such an adjective ends (a scan for a literal, far quicker than trying ``full``
        at every lower-case letter)."""
        got: list[re.Match[str]] = []
        for m in end.finditer(chunk):
            ws = m.start()
            while ws > 0 and chunk[ws - 1].isalpha():
                ws -= 1
            f = full.match(chunk, ws)
            if f is not None:
                got.append(f)
        return got

    def _heads(self, chunk: str, ending: re.Pattern[str]) -> list[tuple[int, int]]:
        """Spans of the capitalized words of at least four letters, right after a determiner, that
        end in a noun's case ending before a lower-case word ("des Instituts für")."""
        got: list[tuple[int, int]] = []
        dets = self._dets
        for m in ending.finditer(chunk):
            e = m.end() - 1
            s = m.start()
            while s > 0 and chunk[s - 1].isalpha():
                s -= 1
            if e - s < 4 or not chunk[s].isupper() or s < 2 or chunk[s - 1] != " ":
                continue
            d = s - 1
            while d > 0 and chunk[d - 1].isalpha():
                d -= 1
            if (d > 0 and (chunk[d - 1].isalnum() or chunk[d - 1] in "'’ʼ-")) or fold(chunk[d : s - 1]) not in dets:
                continue
            got.append((s, e))
        return got

    def _genitive_heads(self, chunk: str, base: int, starts: list[int], ends: list[int], added: list[Raw],
                        language: Callable[[], str | None]) -> list[Raw]:
        """Names of organizations and places whose first word, a noun, is declined and the rest
        not ("des Instituts für Kriegsstudien", "des Komitees für Staatssicherheit"): the noun's
        case ending removed (``adjective_declension``), the noun and the lower-case link and words
        after it up to a capitalized one is a key; the longest such name is taken. Words inside a
        mention already found are passed over."""
        assert self._head_re is not None
        found: list[Raw] = []
        taken = sorted((r[0] - base, r[1] - base) for r in added)
        last = -1
        lang: str | None = None
        for s, e in self._heads(chunk, self._head_re):
            if s < last:
                continue
            i = bisect.bisect_right(starts, s)
            if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
                continue
            j = bisect.bisect_right(taken, (s, len(chunk)))
            if (j > 0 and taken[j - 1][1] > s) or (j < len(taken) and taken[j][0] < e):
                continue
            for tail in self._tails(chunk, e):
                if not tail:
                    break
                end = e + len(tail)
                if i < len(starts) and starts[i] < end:
                    continue  # the tail holds a mention already found
                got = None
                for code, rule in self._decl.items():
                    got = self._head_key(chunk[s:e], tail, rule)
                    if got is None:
                        continue
                    if lang is None:
                        lang = language() or ""
                    if lang != code:
                        got = None
                    break
                if got is not None:
                    found.append((s + base, end + base, got[0], got[1], -1))
                    last = end
                    break
        return found

    def _head_key(self, noun: str, tail: str,
                  rule: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]) -> tuple[int, int] | None:
        """(key, mask) of the organization or place a declined noun and the undeclined ``tail`` after
        it name, or None (remembered by noun and tail)."""
        memo = self._head_memo
        pair = (noun, tail)
        if pair in memo:
            return memo[pair]
        if len(memo) > 100_000:
            memo.clear()
        got: tuple[int, int] | None = None
        n = fold(noun)
        rest = " " + fold(tail)
        t = self._t
        ents = t.entities
        for x in rule[2]:
            if not n.endswith(x) or len(n) - len(x) < 3:
                continue
            kid = t.number(f"{n[: -len(x)]}{rest}")
            if kid < 0:
                continue
            mask = self._flags[kid] & (FULL_CAP | FULL_ANY)
            if mask and any(ents[y][2] in ("org", "place") for y in self._state.entities_of(kid)):
                got = (kid, mask)
                break
        memo[pair] = got
        return got

    def _generic_after_adjective(self, chunk: str, base: int, out: list[Raw],
                                 language: Callable[[], str | None]) -> list[Raw]:
        """A generic organization name that several countries' organizations share, after a
        declined lower-case adjective that makes it the name of one of them ("dem ukrainischen
        Verteidigungsministerium": "ukrainische Verteidigungsministerium" is a name of Ukraine's):
        the adjective and the name, as that organization's name (``adjective_declension``). The
        exact pass finds only the generic name, since the lexicon holds the adjective's
        nominative and genitive forms. Looked at only for the mentions of such names."""
        solo = self._t.solo
        replaced: list[Raw] | None = None
        for i, (start, end, kid, mask, person) in enumerate(out):
            if person != -1 or solo[kid] >= 0 or not mask & (FULL_CAP | FULL_ANY):
                continue
            orgs = self._generic_orgs(kid)
            if not orgs:
                continue
            s = start - base
            m = prev_word(chunk, max(0, s - 40), s)
            if m is None or m.group(2) not in (" ", "\xa0") or not m.group(1)[:1].islower():
                continue
            a = m.start(1) + base
            if i > 0 and out[i - 1][1] > a:
                continue
            rule = self._decl.get(language() or "")
            if rule is None:
                break
            got = self._declined_key(m.group(1), chunk[s : end - base], "", rule)
            if got is None or solo[got[0]] not in orgs:
                continue
            if replaced is None:
                replaced = list(out)
            replaced[i] = (a, end, got[0], got[1], -1)
        return out if replaced is None else replaced

    def _generic_orgs(self, kid: int) -> frozenset[int]:
        """The organizations of a key that names several countries' organizations, one each
        ("Generalstab"); empty for any other key (kept by key)."""
        got = self._generic.get(kid)
        if got is None:
            ents = self._t.entities
            es = self._state.entities_of(kid)
            rows = [ents[e] for e in es]
            got = frozenset(es) if len(es) > 1 and all(r[2] == "org" and r[4] for r in rows) \
                and len({r[4] for r in rows}) == len(rows) else frozenset()
            self._generic[kid] = got
        return got

    @staticmethod
    def _tails(chunk: str, end: int) -> list[str]:
        """What may follow a declined pair in a longer name, as written (with its leading space),
        longest first, and the empty tail: 'vom Roten Kreuz' after 'Internationalen Komitees'
        (a lower-case link word, then words up to a capitalized last one)."""
        m = _TAIL.match(chunk, end)
        if m is None:
            return [""]
        words = m.group().split(" ")[1:]
        tails = [" " + " ".join(words[:k]) for k in range(len(words), 1, -1) if words[k - 1][:1].isupper()]
        tails.append("")
        return tails

    def _declined_key(self, adjective: str, noun: str, tail: str,
                      rule: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]) -> tuple[int, int] | None:
        """(key, mask) of the organization or place an adjective and its noun (and the ``tail`` of
        the name after them, as written) name in the nominative (remembered by pair and tail: the
        same pairs come back in news text)."""
        memo = self._decl_memo
        pair = (adjective, noun, tail, id(rule))
        if pair in memo:
            return memo[pair]
        if len(memo) > 100_000:
            memo.clear()
        got = memo[pair] = self._find_declined_key(adjective, noun, tail, rule)
        return got

    def _find_declined_key(self, adjective: str, noun: str, tail: str,
                           rule: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]) -> tuple[int, int] | None:
        t = self._t
        a = fold(adjective)
        n = fold(noun)
        rest = " " + fold(tail) if tail else ""
        ending = next((x for x in rule[0] if a.endswith(x)), None)
        if ending is None:
            return None
        stem = a[: len(a) - len(ending)]
        nouns = [n] + [n[: -len(x)] for x in rule[2] if n.endswith(x) and len(n) - len(x) >= 3]
        for nom in rule[1]:
            if nom == ending:
                continue
            for noun_form in nouns:
                kid = t.number(f"{stem}{nom} {noun_form}{rest}")
                if kid < 0:
                    continue
                mask = self._flags[kid] & (FULL_CAP | FULL_ANY)
                ents = self._t.entities
                if mask and any(ents[x][2] in ("org", "place") for x in self._state.entities_of(kid)):
                    return kid, mask
        return None

    def _stem_key(self, word: str, rules: Sequence[tuple[str, tuple[str, ...], str]],
                  press: int = 0) -> tuple[int, int] | None:
        """(key, mask) of what ``word`` names without its ending (and with the nominative's ending it
        stands for, if any: Polish "Dumy", Duma), or None. A weak place's key is taken only when it is
        a spelling that no press but those of ``press`` (bits of :mod:`normalize.matcher.press_langs`)
        writes: the index holds the case forms of every other spelling, of none of these (Czech
        "Orichivu"); the caller weighs it as a weak mention."""
        t = self._t
        w = fold(word)
        for ending, blocked, nominative in rules:
            if not w.endswith(ending) or len(w) - len(ending) < 3:
                continue
            stem = w[: -len(ending)]
            if stem.endswith(blocked) or t.number(w) >= 0:
                continue
            kid = t.number(stem + nominative)
            if kid < 0:
                continue
            mask = self._flags[kid] & (FULL_CAP | FULL_ANY | SHORT)
            if not mask:
                continue
            if mask & (FULL_CAP | FULL_ANY) and (self._weak.known[kid] or self._weak.weakness(kid)) != STRONG:
                langs = t.press_langs(kid)
                if langs & ANY or not langs & press:
                    continue
            return kid, mask
        return None

"""People named in a press spelling no key holds: "Olexander Senkewytsch", "Oleh Synegoubov".

The keys hold a person's names as the lexicon writes them and their renderings under
the engine's schemes; the German and French press often writes a name a little
differently ("Senkewytsch" for Сєнкевич, where the scheme gives "Sjenkewytsch";
"Synegoubov" for Синєгубов). After the exact pass, :meth:`PressSpellings.add` looks at
each capitalized word it left untagged that is a given name (``given_names.json``,
in any Latin spelling), takes it with the one or two capitalized words after it, and
asks the matcher (:meth:`Matcher.match <normalize.matcher.Matcher.match>`) about
that span: when the best answer is a person, scored at least :data:`MIN_SCORE` and
clearly above any other entity, the span names that person. The surname as written
then names the same person wherever it stands alone later in the chunk
("... Senkewytsch sagte").

Cheap: one regular-expression pass over the text for a capitalized word before another,
one dictionary look-up for each; the matcher is asked only about a given name followed
by a capitalized word that no mention covers, once per span as written; with a lexicon
that holds no person, the matcher is never asked: a one-word mention right after a
given name is only turned down as someone's surname.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from normalize.fold import fold, skeleton
from normalize.matcher.orgs import COUNTRY_DROPPED
from normalize.tagger.results import VIA_ORG, VIA_SPELLING, Raw, Rejected
from normalize.tagger.state import TaggerState, UsesState
from normalize.tagger.table import FULL_CAP

__all__ = ["MIN_SCORE", "PressSpellings"]

#: the matcher's least score for a person named in a spelling no key holds
MIN_SCORE = 95.0
#: how far the best person must stand above any other entity the matcher finds
MARGIN = 2.0

#: a capitalized word: its first letter (no lower-case letter of the alphabets the press writes in), then the rest
_CAP_FIRST = r"[^\W\d_a-zа-яёіїєґ]"
_CAP_REST = r"[\w'’ʼ-]*[^\W\d_]"
_CAP = _CAP_FIRST + _CAP_REST
#: a capitalized word (not inside another word) and up to two capitalized words after it
_NAME_RE = re.compile(rf"({_CAP})((?: {_CAP}){{1,2}})(?![\w'’ʼ-])")
#: a capitalized word on its own: ``(?<![\w'’ʼ-]){_CAP}(?![\w'’ʼ-])``, with the test of the character
#: before the word written after its capital (as in ``_FIRST_RE``), so that the search looks for that
#: capital's class in C instead of trying the look-behind at every position (the spellings' second pass
#: runs it over the rest of the chunk)
_WORD_RE = re.compile(rf"{_CAP_FIRST}(?<![\w'’ʼ-][\s\S]){_CAP_REST}(?![\w'’ʼ-])")
#: a capitalized Latin word before a space and a capital: where a given name may start a name (the cheap
#: first test, a scan of the text in C). The capital comes first and the test of the character before
#: it ("not after a word character") after it: a pattern that opens with a class is searched for with
#: that class (fast), one that opens with a look-behind is tried at every position, three times slower
_FIRST_RE = re.compile(r"[A-Z\u00c0-\u00de\u0100-\u017f](?<![\w'’ʼ-][\s\S])[a-z\u00df-\u00ff\u0100-\u017f]+ (?=[A-Z\u00c0-\u00de\u0100-\u017f])")
#: a possessive's "'s" and the one to three capitalized words after it ("'s Defence Ministry")
_POSSESSIVE_RE = re.compile(rf"['’]s((?: {_CAP}){{1,3}})(?![\w'’ʼ-])")
#: the least matcher score for an organization named after its country's possessive
MIN_POSSESSIVE_SCORE = 90.0


class PressSpellings(UsesState):
    """Persons named in a spelling that no key holds (see the module docstring)."""

    def __init__(self, state: TaggerState, given_groups: Callable[[], dict[str, str]]) -> None:
        super().__init__(state)
        self._given = given_groups
        self._person_key: dict[int, int] = {}
        self._seen: dict[str, bool] = {}  # word -> is it a given name
        self._memo: dict[str, tuple[int, int] | None] = {}  # span -> what _ask found
        self._has_persons = 1 in state.is_person  # a lexicon of places only names nobody

    def _is_given(self, word: str) -> bool:
        got = self._seen.get(word)
        if got is None:
            if len(self._seen) > 100_000:
                self._seen.clear()
            got = self._seen[word] = skeleton(fold(word)).replace(" ", "") in self._given()
        return got

    def add(self, chunk: str, base: int, out: list[Raw], rejected: list[Rejected] | None = None) -> list[Raw]:
        """``out`` (raw mentions of ``chunk``, offsets shifted by ``base``, in text order) with the
        persons named in a spelling no key holds, and their surnames alone after them.

        A name that the matcher finds as a whole outranks one-word places inside it ("Maria
        Lwowa-Belowa": not the places Maria and Lwowa); when the matcher finds nobody, the
        word right after a given name is the surname of a person the lexicon does not hold
        ("Anton Tschechow", "Léon Tolstoï"), and a place or a namesake's surname tagged
        there is turned down (into ``rejected`` when given).
        """
        out = self._possessive_orgs(chunk, base, out, rejected)
        if not self._has_persons:
            return self._surnames_after_given(chunk, base, out, rejected)
        starts = [r[0] - base for r in out]
        ends = [r[1] - base for r in out]

        def inside(s: int, e: int) -> list[int]:
            """Indexes of the mentions of ``out`` that overlap ``chunk[s:e]``."""
            i = bisect.bisect_right(starts, s)
            lo = i - 1 if i > 0 and ends[i - 1] > s else i
            hi = bisect.bisect_left(starts, e, lo)
            return list(range(lo, hi))

        added: list[Raw] = []
        dropped: dict[int, str] = {}  # index in out -> why
        surnames: dict[str, tuple[int, int]] = {}  # folded surname as written -> (person, its key)
        pos = 0
        for first in _FIRST_RE.finditer(chunk):
            if first.start() < pos or not self._is_given(first.group()[:-1]):
                continue
            m = _NAME_RE.match(chunk, first.start())
            if m is None:
                continue
            words = m.group(2).split(" ")[1:]
            found = False
            for n in range(len(words), 0, -1):
                s, e = m.start(1), m.start(2) + sum(len(w) + 1 for w in words[:n])
                over = inside(s, e)
                if over and not self._replaceable(out, over, s + base, e + base):
                    continue
                got = self._person(chunk[s:e])
                if got is not None:
                    added.append((s + base, e + base, got[1], FULL_CAP | VIA_SPELLING, -2 - got[0]))
                    for i in over:
                        dropped[i] = "inside a person's name"
                    surnames.setdefault(fold(words[n - 1]), got)
                    pos = e
                    found = True
                    break
            if not found:
                # the surname of a person the lexicon does not hold ("Anton Tschechow")
                ws = m.start(2) + 1
                we = ws + len(words[0])
                for i in inside(ws, we):
                    r = out[i]
                    if r[0] - base == ws and r[1] - base == we and self._namesake(r):
                        dropped[i] = "the surname of someone else after a given name"
        if surnames:
            taken = sorted((r[0] - base, r[1] - base) for r in added)
            lo = min(r[0] for r in added) - base
            for m in _WORD_RE.finditer(chunk, lo):
                got = surnames.get(fold(m.group()))
                if got is None:
                    continue
                s, e = m.span()
                i = bisect.bisect_right(taken, (s, len(chunk)))
                if (i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
                    continue
                over = [i for i in inside(s, e) if i not in dropped]
                if over and not self._replaceable(out, over, s + base, e + base):
                    continue
                for i in over:
                    dropped[i] = "inside a person's name"
                added.append((s + base, e + base, got[1], FULL_CAP | VIA_SPELLING, -2 - got[0]))
        if dropped:
            if rejected is not None:
                rejected.extend((*out[i][:5], why) for i, why in sorted(dropped.items()))
            out = [r for i, r in enumerate(out) if i not in dropped]
        if not added:
            return out
        return sorted(out + added, key=lambda r: r[0])

    def _possessive_orgs(self, chunk: str, base: int, out: list[Raw], rejected: list[Rejected] | None) -> list[Raw]:
        """``out`` with the organizations named by a country's possessive and the capitalized words
        after it, which the matcher finds as one organization of that country though no key holds
        them ("Russia's Defence Ministry", where the lexicon holds "Russian Defence Ministry").
        The possessive is part of the organization's whole name, which is its mention, when the
        organization's label holds the country's name ("Russia's Security Council": the Security
        Council of Russia, as "МИД России" is one mention) or when the words alone do not name it;
        the country's own mention then goes to ``rejected`` when given. A name of its own that
        does not hold the country ("Ukraine's Khortytsia group") is its mention after the country's.
        Words already tagged are left alone; the matcher is asked only after a country's name
        followed by "'s" and a capital (remembered by span)."""
        if not out:
            return out
        ents = self._t.entities
        result: list[Raw] | None = None
        added: list[Raw] = []
        gone: set[int] = set()
        for i, r in enumerate(out):
            if r[4] != -1:
                continue
            e = r[1] - base
            if chunk[e : e + 1] not in ("'", "’"):
                continue  # the pattern's first character, tested without a call (most mentions)
            m = _POSSESSIVE_RE.match(chunk, e)
            if m is None:
                continue
            nxt = out[i + 1][0] - base if i + 1 < len(out) else len(chunk)
            country = self._country(r[2])
            if country is None:
                continue
            words = m.group(1).split(" ")[1:]
            for n in range(len(words), 0, -1):
                end = m.start(1) + sum(len(w) + 1 for w in words[:n])
                # the tag of the words after it, when they are its one organization's name with the country
                # left out (an index derivation: "Security Council" of "Security Council of Russia")
                inner = -1
                if end > nxt:
                    if out[i + 1][1] - base != end or out[i + 1][4] != -1:
                        continue  # a word after it is tagged already ("Russia's Kursk region")
                    inner = self._t.solo[out[i + 1][2]]
                    if inner < 0 or not self._t.strings[self._t.solo_via[out[i + 1][2]]].startswith(COUNTRY_DROPPED):
                        continue
                got = self._org(chunk[r[0] - base : end])
                if got is None or ents[got[0]][4] != country or (inner >= 0 and inner != got[0]):
                    continue
                if result is None:
                    result = list(out)
                if inner >= 0:  # the possessive and the name it tagged are one mention
                    gone.add(i + 1)
                if fold(chunk[r[0] - base : e]) not in fold(ents[got[0]][1]):
                    alone = self._org(chunk[m.start(1) + 1 : end])
                    if inner >= 0 and alone is not None and alone[0] == got[0]:
                        gone.discard(i + 1)  # the name's own tag stands after the country's
                        break
                    if alone is not None and alone[0] == got[0]:
                        # "Ukraine's Khortytsia group": a name of its own, whose names do not hold the
                        # country's, after the country's mention
                        added.append((m.start(1) + 1 + base, end + base, got[1], FULL_CAP | VIA_ORG, -2 - got[0]))
                        break
                # "Russia's Defence Ministry", "Russia's Security Council" (the Security Council of
                # Russia): the country is part of the organization's name, and the whole is its mention
                # (the Gold rules: "МИД России", not "России" alone)
                if rejected is not None:
                    rejected.append((*r[:5], "a country's possessive before its organization's name"))
                result[i] = (r[0], end + base, got[1], FULL_CAP | VIA_ORG, -2 - got[0])
                break
        if result is None:
            return out
        if gone:
            result = [x for k, x in enumerate(result) if k not in gone]
        return sorted(result + added, key=lambda r: r[0]) if added else result

    def _country(self, kid: int) -> str | None:
        """The country code of a key that names one country only, else None."""
        ents = self._t.entities
        is_place = self._state.is_place
        codes = {ents[x][4] for x in self._state.entities_of(kid) if is_place[x] and ents[x][7] == "country"}
        return next(iter(codes)) if len(codes) == 1 else None

    def _org(self, span: str) -> tuple[int, int] | None:
        """(organization, a key of its) that the matcher finds for ``span`` clearly, or None (remembered)."""
        key = "\0org\0" + span
        memo = self._memo
        if key in memo:
            return memo[key]
        if len(memo) > 100_000:
            memo.clear()
        got = memo[key] = self._ask(span, "org", MIN_POSSESSIVE_SCORE)
        return got

    def _surnames_after_given(self, chunk: str, base: int, out: list[Raw], rejected: list[Rejected] | None) -> list[Raw]:
        """With a lexicon of no person: a one-word mention right after a given name names that
        person's surname, not a place ("Oleksandr Syrskyi", not the village Syrskoye); it is turned
        down (into ``rejected`` when given). No matcher is asked."""
        if not out:
            return out
        starts = [r[0] - base for r in out]
        dropped: list[int] = []
        for first in _FIRST_RE.finditer(chunk):
            ws = first.end()
            i = bisect.bisect_left(starts, ws)
            if i == len(starts) or starts[i] != ws:
                continue  # nothing tagged right after: no need to look at the word before
            m = _WORD_RE.match(chunk, ws)
            r = out[i]
            if m is None or r[1] - base != m.end() or not self._namesake(r) \
                    or not self._is_given(first.group()[:-1]):
                continue
            dropped.append(i)
        if not dropped:
            return out
        if rejected is not None:
            rejected.extend((*out[i][:5], "the surname of someone else after a given name") for i in dropped)
        gone = set(dropped)
        return [r for i, r in enumerate(out) if i not in gone]

    def _replaceable(self, out: list[Raw], over: list[int], s: int, e: int) -> bool:
        """May a person's name at ``[s, e)`` replace the mentions ``over`` of ``out``? Only one-word
        mentions of keys that name no person or organization, inside the span."""
        for i in over:
            r = out[i]
            if r[0] < s or r[1] > e or r[4] != -1 or not self._only_places(r[2]):
                return False
        return True

    def _only_places(self, kid: int) -> bool:
        is_place = self._state.is_place
        return all(is_place[x] for x in self._state.entities_of(kid))

    def _namesake(self, r: Raw) -> bool:
        """Could the mention ``r``, found after a given name, be that person's surname instead? A
        mention of a key (not a person added here) that names no organization."""
        return r[4] == -1 and self._not_org(r[2])

    def _not_org(self, kid: int) -> bool:
        ents = self._t.entities
        return not any(ents[x][2] == "org" for x in self._state.entities_of(kid))

    def _person(self, span: str) -> tuple[int, int] | None:
        """(person, a key of theirs) that the matcher finds for ``span`` clearly, or None (remembered)."""
        memo = self._memo
        if span in memo:
            return memo[span]
        if len(memo) > 100_000:
            memo.clear()
        got = memo[span] = self._ask(span)
        return got

    def _ask(self, span: str, kind: str = "person", least: float = MIN_SCORE) -> tuple[int, int] | None:
        found = self._state.matcher.match(span, top=3)
        if not found or found[0].type != kind or found[0].score < least:
            return None
        best = found[0]
        if any(m.id != best.id and m.score > best.score - MARGIN for m in found[1:]):
            return None
        e = self._state.compiled.entities.find(best.id)
        if e < 0:
            return None
        kid = self._person_key.get(e)
        if kid is None:
            kid = self._t.number(fold(best.label)) if best.label else -1
            if kid >= 0 and e not in self._state.entities_of(kid):
                kid = -1
            self._person_key[e] = kid
        return None if kid < 0 else (e, kid)

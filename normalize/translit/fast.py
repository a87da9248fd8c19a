"""The compiled fast path: the reference engine's output, an order of magnitude faster.
Splitting every text into words with a regex and looking each word up costs
more than transliterating it.  The fast path works on space-separated tokens
instead (``str.split(" ")`` is a C loop; a space never belongs to a word, so
tokens transliterate independently) and caches whole tokens.  Tokens missing
from the cache are transliterated together as one string by three passes
that each run in C: apostrophe canonicalization (one ``re.sub``), the context
rules and multi-letter keys (one ``re.sub``, one alternative per rule, in the
engine's precedence), and the single letters (``str.translate``).

Those passes assume what holds for nearly every token: no letter is a capital
except the first of its word.  A token with a capital inside a word (ALL
CAPS, ``McDonald``) or with a letter whose lowercase is longer than itself
(``İ``) goes to the reference engine, :meth:`Scheme._words`.  A scheme the
passes cannot express (a key with a non-letter or an ASCII letter, an output
the letter table would rewrite) uses the reference engine for every token."""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count, filterfalse, repeat
from operator import add, is_
from typing import TYPE_CHECKING

from normalize.text import APOSTROPHES, CANONICAL_APOSTROPHE, SCRIPT_RANGES, in_script
from normalize.translit.reference import _capitalize, _fallback, _upper_case

if TYPE_CHECKING:
    from normalize.translit.scheme import Scheme

#: A letter as the word regex sees it (``[^\W\d_]``) and the apostrophe class.
_L = r"[^\W\d_]"
_A = "[" + re.escape(APOSTROPHES) + "]"
#: Every cased character lies below this code point (a test checks it).
_CASED_LIMIT = 0x20000
#: The letter table is a list (fastest for ``str.translate``) up to here.
_TABLE_LIMIT = 0x2000
#: Tokens longer than this are transliterated every time, not cached.
_MAX_TOKEN = 64
#: Cached tokens per scheme before the cache starts over.
_CACHE_SIZE = 100_000
#: Texts whose words :meth:`Scheme.translit_many` sends through the passes at once.
_BATCH = 20_000

_fast_lock = threading.Lock()


@lru_cache(maxsize=1)
def _case_tables() -> tuple[dict[str, tuple[str, ...]], str, str]:
    """(lowercase -> the other letters lowering to it, class of capitals, class of hazards).

    A capital is upper case or lowercases to something else.  A hazard
    lowercases to more than one character (``İ``), which makes the engine
    lowercase its word character by character.  The capital class also takes
    every character beyond the BMP: it is only used to send tokens to the
    reference engine, where a superset is harmless, and stays one bitmap lookup.
    """
    upper_of: dict[str, list[str]] = {}
    capitals: list[str] = []
    hazards: list[str] = []
    for cp in range(_CASED_LIMIT):
        c = chr(cp)
        low = c.lower()
        if low == c and not c.isupper():
            continue
        if cp < 0x10000:
            capitals.append(c)
        if len(low) == 1:
            upper_of.setdefault(low, []).append(c)
        else:
            hazards.append(c)
    capital = _char_class(capitals)[:-1] + "\U00010000-\U0010ffff]"
    return {k: tuple(v) for k, v in upper_of.items()}, capital, _char_class(hazards)


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class (with brackets) matching exactly ``chars``."""
    cps = sorted({ord(c) for c in chars})
    if not cps:
        return "(?!)"
    ranges: list[str] = []
    lo = prev = cps[0]
    for cp in cps[1:] + [-1]:
        if cp == prev + 1:
            prev = cp
            continue
        ranges.append(re.escape(chr(lo)) if lo == prev else f"{re.escape(chr(lo))}-{re.escape(chr(prev))}")
        lo = prev = cp
    return "[" + "".join(ranges) + "]"


_LETTER_RE = re.compile(_L)


def _is_letter(c: str) -> bool:
    """True for a character the word regex counts as a letter."""
    return _LETTER_RE.fullmatch(c) is not None


def _variants(c: str) -> list[str]:
    """Letters whose lowercase is ``c`` (``c`` itself if it is lowercase)."""
    found = ([c] if c.lower() == c else []) + list(_case_tables()[0].get(c, ()))
    return [v for v in found if _is_letter(v)]


@dataclass(frozen=True)
class _Candidate:
    """One entry of the engine's precedence list at a position: a rule or a key."""

    match: str
    out: str
    after: frozenset[str] | None = None
    before: frozenset[str] | None = None
    title: str | None = None


class _FastPath:
    """Per-scheme compiled state: token cache, regexes and letter table.

    Built once per scheme on first use (under a lock); afterwards shared by
    all threads (dict operations are atomic, so the caches need no lock).
    """

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.cache: dict[str, str] = {}
        _, capital, hazard = _case_tables()
        #: a capital inside a word, or a hazard: the token needs the reference engine
        self.special = re.compile(f"{capital}(?:(?<={_L}.)|(?<={_L}{_A}.)|(?<={hazard}))")
        self.apostrophe_re: re.Pattern[str] | None = None
        self.rules_re: re.Pattern[str] | None = None
        #: regex group number -> the candidate whose alternative ends with it
        self.groups: list[_Candidate | None] = [None]
        self.memos: list[dict[str, str]] = [{}]
        self.table: dict[int, str] = {}
        self.table_list: list[int | str] = []
        self.high_re: re.Pattern[str] | None = None
        #: why the passes cannot run this scheme (None: they can)
        self.unsupported = self._compile()
        outputs = list(scheme.letters.values()) + [r.out for r in scheme.rules]
        outputs += [r.title for r in scheme.rules if r.title] + list(self.table.values())
        #: a line break becomes a token of its own unless an output could hold one
        self.split_lines = not any("\n" in o for o in outputs)

    # -- compiling -------------------------------------------------------------------

    def _compile(self) -> str | None:
        scheme = self.scheme
        script = scheme.info.script
        script_letters = [
            chr(cp) for lo, hi in SCRIPT_RANGES[script] for cp in range(lo, hi + 1) if chr(cp).isalpha()
        ]
        # the engine's precedence, per first letter: rules longest first (file
        # order kept), then keys longest first
        by_first: dict[str, list[_Candidate]] = {}
        for rule in sorted(scheme.rules, key=lambda r: -len(r.match)):
            by_first.setdefault(rule.match[0], []).append(
                _Candidate(rule.match, rule.out, rule.after, rule.before, rule.title)
            )
        for key in sorted(scheme.letters, key=len, reverse=True):
            if key:  # an empty key never matches
                by_first.setdefault(key[0], []).append(_Candidate(key, scheme.letters[key]))
        for cands in by_first.values():
            for cand in cands:
                if not all(_is_letter(c) and not c.isascii() for c in cand.match):
                    return f"key or rule {cand.match!r} holds a non-letter or an ASCII letter"

        # a single letter that always applies ends its list: it goes to the
        # table; what comes before it (longer or conditional) goes to the regex
        single: dict[str, _Candidate] = {}
        in_regex: dict[str, list[_Candidate]] = {}
        for first, cands in by_first.items():
            for cand in cands:
                if len(cand.match) == 1 and cand.after is None and cand.before is None:
                    single[first] = cand
                    break
                in_regex.setdefault(first, []).append(cand)

        # the letter table: what the engine does with a letter that no rule or
        # longer key takes, outside an ALL-CAPS word
        domain = set(script_letters)
        for first in by_first:
            domain.update(_variants(first))
        for ch in domain:
            low = ch.lower()
            if len(low) != 1:
                continue
            one = single.get(low)
            if one is not None:
                produced, title = one.out, one.title
            elif in_script(ch, script):
                produced, title = _fallback(ch), None
            else:
                continue
            if produced and ch != low:
                produced = _upper_case(produced, title, ch, False)
            if produced != ch:
                self.table[ord(ch)] = produced

        # the regex: one branch per letter that can start a match (a literal,
        # so that the search skips the other letters in C), holding that
        # letter's candidates in precedence order, each closed by an empty
        # group whose number tells the callback which candidate matched
        branches: list[str] = []
        rendered: set[str] = set()
        for first, cands in in_regex.items():
            alternatives = [
                (cand, pat) for cand, pat in ((cand, self._alternative(cand)) for cand in cands) if pat is not None
            ]
            if not alternatives:
                continue
            for variant in _variants(first):
                body = []
                for cand, pattern in alternatives:
                    body.append(pattern + "()")
                    self.groups.append(cand)
                    self.memos.append({})
                    rendered.update(cand.out + cand.out.upper() + _capitalize(cand.out) + (cand.title or ""))
                branches.append(re.escape(variant) + "(?:" + "|".join(body) + ")")
        clash = {c for c in rendered if ord(c) in self.table}
        if clash:
            return f"outputs hold letters the table rewrites: {''.join(sorted(clash))}"
        if branches:
            self.rules_re = re.compile("|".join(branches))
        if scheme.apostrophes:
            letters = _char_class(script_letters)
            others = _char_class(a for a in APOSTROPHES if a != CANONICAL_APOSTROPHE)
            # the apostrophe first, so that the search looks for it in C
            self.apostrophe_re = re.compile(f"{others}(?<={letters}{others})(?={letters})")
        limit = min(_TABLE_LIMIT, max(self.table, default=0) + 1)
        self.table_list = list(_identity(limit))
        for cp, out in self.table.items():
            if cp < limit:
                self.table_list[cp] = out
        high = [chr(cp) for cp in self.table if cp >= limit]
        if high:
            self.high_re = re.compile(_char_class(high))
        return None

    @staticmethod
    def _alternative(cand: _Candidate) -> str | None:
        """The regex of one candidate, entered after its first letter is consumed.

        Only the first letter of a match can be a capital (the word's first);
        ``after`` looks at the letter before it (maybe a capital), ``before`` at
        the one after the match (never a capital).  ``^`` and ``$`` are the word's
        edges: no letter, and no apostrophe joining a letter, on that side.
        None: the candidate can never apply outside an ALL-CAPS word.
        """
        rest = cand.match[1:]
        if any(c.lower() != c for c in rest):
            return None
        pattern = ""
        if cand.after is not None:
            prev = [v for x in cand.after if x != "^" for v in _variants(x)]
            joined = [x for x in cand.after if x in APOSTROPHES and not _is_letter(x)]
            options = []
            if prev:
                options.append(f"(?<={_char_class(prev)}.)")
            if joined:
                options.append(f"(?<={_L}{_char_class(joined)}.)")
            if "^" in cand.after:
                options.append(f"(?<!{_L}.)(?<!{_L}{_A}.)")
            if not options:
                return None
            pattern += "(?:" + "|".join(options) + ")"
        pattern += re.escape(rest)
        if cand.before is not None:
            nxt = [x for x in cand.before if _is_letter(x) and x.lower() == x]
            joined = [x for x in cand.before if x in APOSTROPHES and not _is_letter(x)]
            options = []
            if nxt:
                options.append(f"(?={_char_class(nxt)})")
            if joined:
                options.append(f"(?={_char_class(joined)}{_L})")
            if "$" in cand.before:
                options.append(f"(?!{_L})(?!{_A}{_L})")
            if not options:
                return None
            pattern += "(?:" + "|".join(options) + ")"
        return pattern

    # -- running -----------------------------------------------------------------------

    def run(self, text: str) -> str:
        """Transliterate ``text`` (not ASCII-only; NFC or not)."""
        lines = self.split_lines and "\n" in text
        if lines:  # a line break as a token of its own: " \n " maps back exactly
            text = text.replace("\n", " \n ")
        tokens = text.split(" ")
        try:
            out = list(map(self.cache.__getitem__, tokens))
        except KeyError:
            out = self._fill(tokens)
        result = " ".join(out)
        return result.replace(" \n ", "\n") if lines else result

    def warm(self, tokens: Iterable[str]) -> None:
        """Transliterate and cache, in one batch, the tokens not cached yet."""
        cache = self.cache
        missing = [t for t in tokens if t not in cache]
        if missing:
            self._fill(missing)

    def _fill(self, tokens: list[str]) -> list[str]:
        """Look the tokens up, transliterate and cache the missing ones."""
        cache = self.cache
        out = list(map(cache.get, tokens))
        # the misses of this lookup (not of the cache, which other threads change)
        done = self.translate_tokens(set(compress(tokens, map(is_, out, repeat(None)))))
        if len(cache) + len(done) > _CACHE_SIZE:
            cache.clear()
        if max(map(len, done), default=0) <= _MAX_TOKEN:
            cache.update(done)
        else:
            cache.update((t, v) for t, v in done.items() if len(t) <= _MAX_TOKEN)
        return list(map(done.get, tokens, out))  # type: ignore[arg-type]

    def translate_tokens(self, tokens: Iterable[str]) -> dict[str, str]:
        """Transliterate distinct space-free tokens, in one batch: token -> output.

        A token is normalized to NFC on its own (no character composes with a
        space or a line break, so that equals normalizing the whole text).
        """
        done = {t: t for t in tokens}  # ASCII tokens stay as they are
        raw = list(filterfalse(str.isascii, done))
        if not raw:
            return done
        words = [w if unicodedata.is_normalized("NFC", w) else unicodedata.normalize("NFC", w) for w in raw]
        reference = self.scheme._words
        if self.unsupported:
            done.update(zip(raw, map(reference, words)))
            return done
        joined = " ".join(words)
        outs = self.passes(joined).split(" ")
        if len(outs) != len(words):  # an output held a space: one at a time
            outs = [self.passes(w) for w in words]
        done.update(zip(raw, outs))
        found = [m.start() for m in self.special.finditer(joined)]
        if found:
            ends = list(map(add, accumulate(map(len, words)), count(1)))  # one past each word's space
            for i in {bisect_right(ends, pos) for pos in found}:
                done[raw[i]] = reference(words[i])
        return done

    def passes(self, text: str) -> str:
        """The three passes, on text whose only capitals start words."""
        if self.apostrophe_re is not None:
            text = self.apostrophe_re.sub(CANONICAL_APOSTROPHE, text)
        if self.rules_re is not None:
            text = self.rules_re.sub(self._render, text)
        if self.high_re is not None and self.high_re.search(text):
            return text.translate(self.table)
        return text.translate(self.table_list)

    def _render(self, m: re.Match[str]) -> str:
        group = m.lastindex or 0
        src = m.group()
        memo = self.memos[group]
        got = memo.get(src)
        if got is None:
            cand = self.groups[group]
            assert cand is not None
            got = cand.out
            if got and src[0] != src[0].lower():  # a capital can only be the first
                got = _upper_case(got, cand.title, src, False)
            memo[src] = got
        return got


@lru_cache(maxsize=1)
def _identity_ints() -> tuple[int, ...]:
    return tuple(range(_TABLE_LIMIT))


def _identity(limit: int) -> tuple[int, ...]:
    """Code points 0..limit-1 as shared int objects (a translate table's default)."""
    return _identity_ints()[:limit]


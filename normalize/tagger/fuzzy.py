"""The fuzzy pass (``Tagger(fuzzy=True)``): capitalized spans the exact pass left untagged, through
:meth:`Matcher.match <normalize.matcher.Matcher.match>` (typos: "Siberia Batallion")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from normalize.fold import fold
from normalize.tagger.results import Candidate, Resolution
from normalize.tagger.words import NAME_LINKS, STOP_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from normalize.matcher import Matcher

__all__ = ["fuzzy_pass"]

Span = tuple[int, int, Resolution]

_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
_CAP_WORD = r"[^\W\d_a-zа-яёіїєґ][\w'’\-]*"
#: capitalized words, joined by spaces or tabs, with a lower-case link word between two of them
_CAP_SPAN_RE = re.compile(
    rf"(?<![\w'’]){_CAP_WORD}(?:[ \t]+(?:(?:{'|'.join(map(re.escape, NAME_LINKS))})[ \t]+)?{_CAP_WORD})*"
)


def fuzzy_pass(matcher: Matcher, text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with the capitalized spans of ``text`` they leave untagged that the matcher finds."""
    taken = [(a, b) for a, b, _ in spans]
    added: list[Span] = []
    for a, b in _capitalized_spans(text):
        i = bisect.bisect_left(taken, (a, a))
        if (i < len(taken) and taken[i][0] < b) or (i > 0 and taken[i - 1][1] > a):
            continue
        added.extend(_fuzzy_span(text, a, b, matcher))
    if not added:
        return spans
    return sorted(spans + added, key=lambda m: m[0])


def _fuzzy_span(text: str, a: int, b: int, matcher: Matcher) -> list[Span]:
    words = [(m.start() + a, m.end() + a) for m in _WORD_RE.finditer(text[a:b])]
    out: list[Span] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 4), i, -1):
            s, e = words[i][0], words[j - 1][1]
            span = text[s:e]
            if j - i == 1 and (fold(span) in STOP_WORDS or len(span) < 4):
                continue
            found = matcher.match(span, top=5)
            if found:
                best = found[0]
                cands = tuple(Candidate(m.id, m.label, m.type, m.score) for m in found)
                res = Resolution(best.id, best.label, best.type, best.score, cands, ("fuzzy", *best.via), None,
                                 best.same_as)
                out.append((s, e, res))
                i = j
                break
        else:
            i += 1
    return out


def _capitalized_spans(text: str) -> Iterator[tuple[int, int]]:
    for m in _CAP_SPAN_RE.finditer(text):
        yield m.span()


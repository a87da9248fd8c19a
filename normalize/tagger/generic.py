"""Generic organization names with a country word next to them.

A generic name that several countries' organizations share ("état-major", "Generalstab",
"General Staff") names the body of the country an adjacent word names: a nationality
adjective or a country's name, before it ("the US General Staff", "der französische
Generalstab") or after it, across links such as "de la", "des armées", "der"
("l'état-major français", "l'état-major des armées ukrainiennes", "der Generalstab der
Bundeswehr"). :meth:`GenericNames.country_word` finds that word;
:meth:`GenericNames.by_country` says which of the key's organizations belongs to its
country. The words are engine data (``normalize/data/nationalities.json``), by language,
and know nothing about one organization.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Final

from normalize.datafile import Fields, MapOf, load_json
from normalize.tagger.state import TaggerState, UsesState

__all__ = ["GenericNames", "nationality_words", "sentence_countries"]

_SHAPE: Final = Fields({
    "_doc": str,
    "links": MapOf([str]),
    "weak_words": MapOf(MapOf(str)),
    "words": MapOf(MapOf(str)),
})

#: a word, with hyphens and apostrophes inside it ("Royaume-Uni", "Ukraine's", "l'armée")
_WORD_RE: Final = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
#: how many words after a generic name may be looked at ("des forces armées ukrainiennes")
_AFTER = 5


@lru_cache(maxsize=1)
def nationality_words() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """``(word -> country, weak word -> country, link words)`` over every language of
    ``nationalities.json``; a word two languages give different countries is left out."""
    raw: Any = load_json("nationalities.json", _SHAPE)
    words: dict[str, str] = {}
    clash: set[str] = set()
    for table in raw["words"].values():
        for word, code in table.items():
            if words.setdefault(word, code) != code:
                clash.add(word)
    for word in clash:
        del words[word]
    weak = {w: c for table in raw["weak_words"].values() for w, c in table.items()}
    links = frozenset(w.lower() for table in raw["links"].values() for w in table)
    return words, weak, links


def _country_of(word: str, words: dict[str, str]) -> str | None:
    """The country of a nationality word or country's name as written (``words``: as
    :func:`nationality_words` gives them): also capitalized at a sentence start ("Francuski") and
    with a possessive ("Ukraine's")."""
    code = words.get(word) or words.get(word[:1].lower() + word[1:])
    if code is None and word.endswith("'s"):
        code = words.get(word[:-2])
    return code


def sentence_countries(text: str, a: int, b: int) -> list[tuple[str, int]]:
    """``(country, where)`` of each nationality word or country's name in ``text[a:b]`` (a sentence):
    "Côté ukrainien, la Garde nationale" speaks for Ukraine's body (weak words are left out)."""
    words = nationality_words()[0]
    out: list[tuple[str, int]] = []
    for m in _WORD_RE.finditer(text, a, b):
        code = _country_of(m.group().replace("’", "'"), words)
        if code is not None:
            out.append((code, m.start()))
    return out


class GenericNames(UsesState):
    """The generic organization names of one tagger and the country words next to them."""

    def __init__(self, state: TaggerState) -> None:
        super().__init__(state)
        self._by_key: dict[tuple[int, int], dict[str, int] | None] = {}

    def by_country(self, kid: int, mask: int) -> dict[str, int] | None:
        """The organizations of a generic name by country, when the key's best candidates are
        organizations of two countries or more, one each; None for any other key (kept by key)."""
        key = (kid, mask)
        try:
            return self._by_key[key]
        except KeyError:
            pass
        got: dict[str, int] | None = None
        if self._t.solo[kid] < 0:
            cands = self._candidates(kid, mask)
            if len(cands) > 1:
                ents = self._t.entities
                top = cands[0][1]
                tied = [c[0] for c in cands if c[1] == top]
                # the cheap test first: a place or a person among them (most keys) is no organization, and
                # its entity row need not be built
                if len(tied) > 1 and not any(self._is_place[e] or self._is_person[e] for e in tied):
                    rows = [ents[e] for e in tied]
                    by = {r[4]: e for r, e in zip(rows, tied)}
                    if all(r[2] == "org" and r[4] for r in rows) and len(by) == len(tied):
                        got = by
        if len(self._by_key) > 200_000:
            self._by_key.clear()
        self._by_key[key] = got
        return got

    @staticmethod
    def country_word(chunk: str, s: int, e: int) -> tuple[str, str, int] | None:
        """``(country, word, where the word starts)`` of the country word next to the name at ``chunk[s:e]``: the word
        just before it, else the first after it across link words ("de la", "des armées"), with
        nothing but spaces between; a weak word ("armées" alone) only when no other is found.
        None: no such word."""
        words, weak, links = nationality_words()
        # before: one word, spaces only between it and the name
        i = s
        while i > 0 and chunk[i - 1] == " ":
            i -= 1
        if i < s and i > 0 and (chunk[i - 1].isalpha()):
            j = i
            while j > 0 and (chunk[j - 1].isalpha() or chunk[j - 1] in "-'’"):
                j -= 1
            word = chunk[j:i].replace("’", "'")
            code = _country_of(word, words)
            if code is not None:
                return code, word, j
        # after: words joined by spaces (an elision's apostrophe splits "l'armée")
        weak_hit: tuple[str, str, int] | None = None
        pos = e
        seen = 0
        while seen < _AFTER:
            m = _WORD_RE.match(chunk, pos + 1) if chunk[pos : pos + 1] == " " else None
            if m is None:
                break
            pos = m.end()
            parts = m.group().replace("’", "'").split("'")
            at = m.start()
            for k, part in enumerate(parts):
                seen += 1
                whole = "'".join(parts[k:])
                code = words.get(whole) or words.get(part)
                if code is not None:
                    return code, whole if whole in words else part, at
                if weak_hit is None and part in weak:
                    weak_hit = weak[part], part, at
                elif part.lower() not in links:
                    return weak_hit
                at += len(part) + 1
        return weak_hit

"""A one-word name that opens a longer capitalized name the lexicon lacks: a street's or a company's.

English writes a street's noun after the name it bears ("Kalinina Avenue", "Heroes of Ukraine
Avenue", ``name_ending_nouns`` in ``tagging.json``) and a company's legal form at the end of its name
("Novorossiysk Shipping Ltd", "Pivdennyi Grain Terminal LLC", the legal forms of ``org_types.json``).
A place's name or a surname right before such a noun, or followed by capitalized words that end in
such a form, is a word of that longer name: not the town, nor the person. Read only when a
capitalized word no mention covers follows a one-word mention (:mod:`normalize.tagger.unlisted`
makes that cheap test first); engine data only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Final

from normalize import evidence
from normalize.datafile import load_json
from normalize.fold import fold

__all__ = ["longer_name_after"]

#: the most capitalized words read after the name before its legal form ("Oil & Gas Trading GmbH")
_REACH: Final = 4
#: a word after the name: letters, digits, and the dots, ampersands and hyphens of a firm's name ("S.A.", "Oil & Gas")
_NEXT_RE: Final = re.compile(r"[ \xa0]([^\W_][\w.&'’-]*|&)")
#: why the mention is turned down
STREET: Final = "a name before a street's noun: a word of the street's name"
COMPANY: Final = "a name opening capitalized words that end in a legal form: a word of a company's name"


@lru_cache(maxsize=1)
def _street_nouns() -> frozenset[str]:
    return frozenset(fold(w) for ws in evidence.data()["raw"]["name_ending_nouns"].values() for w in ws)


@lru_cache(maxsize=1)
def _legal_forms() -> tuple[frozenset[str], frozenset[str]]:
    """``(codes, words)``: the one-word compare codes of the legal forms of ``org_types.json`` that
    write an alias in Latin letters ("ltd", "llc", "gmbh"), and those one-word aliases, folded, dots
    taken out ("ltd", "limited", "sa"). Read from the file as written: :func:`normalize.org_names.org_types`
    would romanize every alias, a cost the tagger never pays otherwise."""
    raw: Any = load_json("org_types.json", dict)
    codes: set[str] = set()
    words: set[str] = set()
    for entry in raw["legal_forms"]:
        latin = [a.replace(".", "") for a in entry["aliases"] if a.isascii() and " " not in a]
        if latin:
            words.update(fold(a) for a in latin if a)
            if " " not in entry["compare"]:
                codes.add(entry["compare"])
    return frozenset(codes), frozenset(words)


@lru_cache(maxsize=4096)
def _legal_form(word: str) -> bool:
    """Is ``word``, as written, a legal form: "Ltd", "Ltd.", "LLC", "GmbH", "S.A.", "Limited"?
    A short word counts only as a compare code of three letters or more or in capitals ("Sat", "Pat"
    and "At" are no firm's form)."""
    bare = word.replace(".", "")
    if len(bare) < 2 or not bare[0].isupper():
        return False
    key = fold(bare)
    codes, words = _legal_forms()
    if len(key) <= 4:
        return (len(key) >= 3 and key in codes) or (bare.isupper() and (key in codes or key in words))
    return key in words


def longer_name_after(chunk: str, e: int, nxt: str) -> str | None:
    """Why the one-word name ending at ``e`` is a word of a street's or a company's name, or None.
    ``nxt``: the capitalized word right after it (one space between)."""
    if fold(nxt) in _street_nouns():
        return STREET
    pos = e
    words = 0
    while words < _REACH:
        m = _NEXT_RE.match(chunk, pos)
        if m is None:
            return None
        pos = m.end()
        word = m.group(1)
        if word == "&":
            continue  # "Oil & Gas": no word of its own
        if _legal_form(word):
            return COMPANY
        if not word[0].isupper():
            return None
        words += 1
    return None

"""Concept keys: an organization name as its generic words' concepts and its other words.

"Wagner Group", "Wagner-Gruppe", "группа Вагнера" and "Grupa Wagnera" share the key
``#group wagner``: generic words (engine data ``generic_words``) become concepts,
ordinals their number, other words their skeleton.
"""

from __future__ import annotations

import re
from functools import lru_cache

from normalize.fold import fold, has_cyrillic, skeleton
from normalize.matcher.data import engine_data
from normalize.matcher.variants import canonical_latin, foreign_stems

__all__ = ["concept_keys"]


@lru_cache(maxsize=1)
def _generic_words() -> tuple[dict[str, tuple[str, ...]], tuple[tuple[str, tuple[str, ...]], ...]]:
    """(folded form -> its concept words, compound heads longest first) of the engine data's ``generic_words``."""
    forms: dict[str, tuple[str, ...]] = {}
    for group in engine_data()["generic_words"]:
        concepts = tuple("#" + c for c in group["concept"].split())
        for form in group["forms"]:
            forms[fold(form)] = concepts
    heads = tuple(sorted(((f, c) for f, c in forms.items() if len(f) >= 5 and " " not in f),
                         key=lambda fc: -len(fc[0])))
    return forms, heads


@lru_cache(maxsize=1)
def _heads_by_length() -> tuple[tuple[int, dict[str, tuple[str, ...]]], ...]:
    """The compound heads of :func:`_generic_words` by length, longest first: (length, head -> concepts)."""
    by_len: dict[int, dict[str, tuple[str, ...]]] = {}
    for head, concepts in _generic_words()[1]:
        by_len.setdefault(len(head), {})[head] = concepts
    return tuple(sorted(by_len.items(), reverse=True))


_ORDINAL_RE = re.compile(r"(\d+)(?:st|nd|rd|th|e|er|ème|-?[a-zа-яіїєё]{1,3}|\.)?")


@lru_cache(maxsize=50_000)
def _concept_word(word: str) -> tuple[str, ...]:
    """A word of a name as concept words (generic words), its number (47th -> 47) or its skeleton."""
    forms = _generic_words()[0]
    w = fold(word)
    got = forms.get(w)
    if got is not None:
        return got
    m = _ORDINAL_RE.fullmatch(w)
    if m:
        return (m.group(1),)
    if not has_cyrillic(w):
        # a compound: Wagnergruppen, Sturmbrigade (the longest head that leaves three letters;
        # one dict look-up per head length instead of an endswith per head)
        for size, by_form in _heads_by_length():
            if len(w) - size >= 3:
                concepts = by_form.get(w[-size:])
                if concepts is not None:
                    return _concept_word(w[:-size]) + concepts
    return (skeleton(fold(canonical_latin(w))).replace(" ", ""),)


_CONCEPT_SPLIT_RE = re.compile(r"[\W_]+")
_HYPHEN_ORDINAL_RE = re.compile(r"(\d+)[-‑–](?:[^\W\d_]{1,3})\b")


def concept_keys(text: str, stop: frozenset[str] | set[str], query: bool = False) -> list[str]:
    """The concept keys of a name: its concept and other words, sorted (None without a generic word).

    A query also gets the key with its other words stripped of a Baltic or Czech case
    ending ("Wagnerio grupuotė").
    """
    text = _HYPHEN_ORDINAL_RE.sub(r"\1", text)  # 47-ма, 3-я
    words = [w for w in _CONCEPT_SPLIT_RE.split(text) if len(w) > 1 or w.isdigit()]  # l'ONU, Russia's
    if not 1 <= len(words) <= 8:
        return []
    parts: list[tuple[str, ...]] = []
    concept = False
    for w in words:
        if fold(w) in stop:
            continue
        got = _concept_word(w)
        concept = concept or any(c.startswith("#") for c in got)
        parts.append(got)
    tokens = [t for p in parts for t in p]
    if not concept or len(tokens) < 2:
        return []
    keys = [" ".join(sorted(tokens))]
    if query:
        options: list[list[tuple[str, ...]]] = []
        for p in parts:
            alts = [p]
            if len(p) == 1 and not p[0].startswith("#") and not p[0].isdigit():
                alts += [(skeleton(stem),) for stem, _ in foreign_stems(p[0], "org")]
            options.append(alts)
        combos: list[list[str]] = [[]]
        for alts in options:
            combos = [c + list(a) for c in combos for a in alts][:8]
        for c in combos:
            key = " ".join(sorted(c))
            if key not in keys:
                keys.append(key)
    return keys

"""Variant generation: every rendering and form of a name the index and the queries meet on.

Romanizations under every applicable scheme (one at a time, or batched scheme by
scheme for a build), the canonical Latin form of a query, inflected forms, the
other East Slavic language's regular form, forms without a Baltic or Czech case
ending, and a name's spaceless skeleton.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from normalize.fold import fold, has_cyrillic, skeleton
from normalize.matcher.data import engine_data
from normalize.matcher.press_langs import ANY, rendering_masks

__all__ = [
    "PAREN_RE", "canonical_latin", "corresponding", "first_of_each", "foreign_stems", "inflected_forms", "lang_of",
    "latin_case_languages",
    "name_skeleton", "romanize_all", "romanize_many", "romanize_with_via",
]

#: a part of a name in parentheses: "Сбербанк России (ПАО Сбербанк)", "Security Service of Ukraine (SBU)"
PAREN_RE = re.compile(r"\(([^()]*)\)")


@lru_cache(maxsize=256)
def _scheme_tuple(lang: str | None) -> tuple[str, ...]:
    """The Cyrillic schemes applied to a name of ``lang`` (None: undetected), once per language."""
    from normalize.translit import get_scheme, scheme_ids

    data = engine_data()
    langs = [lang] if lang else data["undetected_languages"]
    out = []
    for sid in scheme_ids():
        info = get_scheme(sid).info
        if info.script == "Cyrl" and info.lang in langs:
            out.append(sid)
    return tuple(out)


def lang_of(text: str, lang: str | None) -> str | None:
    """A name's language: the one given (without its region), else the detected one."""
    if lang:
        return lang.split("-")[0]
    return _detect(text)


@lru_cache(maxsize=100_000)
def _detect(text: str) -> str | None:
    """The detected language of a text (cached)."""
    from normalize.detect import detect_language

    return detect_language(text)


@lru_cache(maxsize=200_000)
def romanize_all(text: str, lang: str | None = None) -> tuple[str, ...]:
    """Every distinct rendering of a (Cyrillic) text, itself first."""
    if not has_cyrillic(text):
        return (text,)
    from normalize.translit import get_scheme

    outs = [text]
    for sid in _scheme_tuple(lang_of(text, lang)):
        outs.append(get_scheme(sid).translit(text))
    return tuple(dict.fromkeys(outs))


@lru_cache(maxsize=200_000)
def inflected_forms(text: str, lang: str | None, type_: str | None, gender: str | None) -> dict[str, str]:
    """Inflected forms of a name: Cyrillic case forms, and the Polish, Czech and Slovak case
    forms of its press transcriptions (or of a Latin name of those languages)."""
    from normalize.inflect import name_forms, press_forms

    forms = name_forms(text, lang=lang, type=type_, gender=gender)
    forms.update(press_forms(text, lang=lang, type=type_, gender=gender))
    return forms


@lru_cache(maxsize=1)
def _correspondence_rules() -> dict[str, list[tuple[re.Pattern[str], str]]]:
    """The engine data's uk<->ru correspondences, compiled: "src>target" -> [(pattern, replacement)]."""
    rules: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for pair, items in engine_data()["correspondences"].items():
        rules[pair] = [(re.compile(a), b) for a, b in items]
    return rules


@lru_cache(maxsize=200_000)
def corresponding(text: str, lang: str | None) -> tuple[tuple[str, str], ...]:
    """The other East Slavic language's likely form of a name (Августівка -> Августовка).

    Regular uk<->ru correspondences of place and person names (engine data); the
    result is only a matching key, never shown as a name. Cached: the index build
    asks twice per name (see :meth:`Matcher._romanization_requests`).
    """
    out = []
    for pair, rules in _correspondence_rules().items():
        src, target = pair.split(">")
        if src != lang:
            continue
        other = text.lower()
        for pattern, repl in rules:
            other = pattern.sub(repl, other)
        if other != text.lower():
            out.append((target, other))
    return tuple(out)


@lru_cache(maxsize=1)
def _correspondence_case_forms() -> tuple[frozenset[str], int]:
    spec = engine_data()["correspondence_case_forms"]
    return frozenset(spec["types"]), int(spec["min_population"])


def declines_correspondence(entity: Any) -> bool:
    """Does the other language's form of this entity's names (:func:`corresponding`) also decline?

    Only for the towns the other language's press names (engine data
    ``correspondence_case_forms``: a type and a population): "у Новоросійську" for
    Новороссийск, whose Ukrainian name the lexicon lacks. Small places keep the
    nominative key alone, which keeps the key table small.
    """
    types, floor = _correspondence_case_forms()
    if entity.type not in types:
        return False
    population = getattr(entity, "population", None)
    return population is not None and population >= floor


@lru_cache(maxsize=1)
def _latin_case_forms() -> tuple[frozenset[str], int, tuple[str, ...], float, tuple[str, ...]]:
    spec = engine_data()["latin_case_forms"]
    return (frozenset(spec["types"]), int(spec["min_population"]), tuple(spec["languages"]),
            float(spec["min_similarity"]), tuple(spec["foreign_spellings"]))


def _spells_label(text: str, label: str, floor: float) -> bool:
    """Is ``text`` a spelling of the same name as ``label`` (skeletons at least ``floor``
    alike: Tarnopol and Ternopil, Kyjev and Kyiv), not another name (a former one: Lenino
    for Tsaritsyno, Leningrad)?"""
    from rapidfuzz import fuzz

    return fuzz.ratio(skeleton(text).lower(), skeleton(label).lower()) >= floor


def latin_case_languages(text: str, lang: str | None, entity: Any) -> tuple[str, ...]:
    """The West Slavic languages whose tables also decline a Latin name no language's letters claim.

    A name of the lexicon without a ``lang`` whose letters show no language (a GeoNames
    alternate: ``Tarnopol``, ``Sankt Petersburg``, ``Kyjev``) is declined by no table
    (:func:`normalize.detect.latin_language`); for the towns the Polish, Czech and Slovak press
    names (engine data ``latin_case_forms``: a type and a population), when it spells the same name
    as the entity's label (an exonym, not a former name) without the letter groups of an English
    or French spelling (``foreign_spellings``: Kharkov, Pouchkine), it is declined by each of those
    languages' tables (w Tarnopolu, z Kyjeva). Small places keep the nominative key alone.
    """
    if lang is not None or has_cyrillic(text):
        return ()
    types, floor, languages, alike, foreign = _latin_case_forms()
    if entity.type not in types:
        return ()
    population = getattr(entity, "population", None)
    if population is None or population < floor:
        return ()
    from normalize.detect import latin_language

    if latin_language(text) is not None:
        return ()  # its own language's tables decline it already
    low = text.lower()
    if any(group in low for group in foreign):
        return ()  # an English or French spelling (Kharkov, Pouchkine): not how those languages write it
    label = getattr(entity, "label", None)
    if not label or not _spells_label(text, label, alike):
        return ()
    return languages


def correspondence_source(entity: Any) -> str | None:
    """The language of a Cyrillic name whose letters do not tell: that of the entity's country
    (engine data ``correspondence_case_forms``: RU -> ru, UA -> uk), if any."""
    spec = engine_data()["correspondence_case_forms"]
    lang = spec["country_languages"].get(getattr(entity, "country", None) or "")
    return str(lang) if lang else None


def romanize_with_via(text: str, lang: str | None) -> list[tuple[str, str]]:
    """A Cyrillic text under each scheme of its language: [(rendering, scheme ID)], repeats included."""
    from normalize.translit import get_scheme

    out = []
    for sid in _scheme_tuple(lang_of(text, lang)):
        out.append((get_scheme(sid).translit(text), sid))
    return out


def romanize_many(
    requests: Iterable[tuple[str, str | None]],
    masks: dict[tuple[str, str | None], dict[str, int]] | None = None,
) -> dict[tuple[str, str | None], list[tuple[str, str]]]:
    """:func:`romanize_with_via` of many ``(text, lang)`` pairs, scheme by scheme.

    ``masks``, when given, gets for each pair with a rendering only press schemes give
    (:mod:`normalize.matcher.press_langs`) every rendering's mask.

    Each scheme transliterates all its texts with one
    :meth:`~normalize.translit.Scheme.translit_many` (a few regex passes over
    batches of words instead of one per name), which gives what ``translit`` gives.
    """
    from normalize.translit import get_scheme

    # the requests grouped by the schemes they take (one group per language, in practice)
    by_schemes: dict[tuple[str, ...], dict[tuple[str, str | None], None]] = defaultdict(dict)
    for req in dict.fromkeys(requests):
        by_schemes[_scheme_tuple(lang_of(*req))][req] = None
    texts: dict[str, dict[str, None]] = defaultdict(dict)  # scheme -> its texts, once each
    for sids, reqs in by_schemes.items():
        group = dict.fromkeys([text for text, _ in reqs])
        for sid in sids:
            texts[sid].update(group)
    outs: dict[str, dict[str, str]] = {}
    for sid, batch in texts.items():
        outs[sid] = dict(zip(batch, get_scheme(sid).translit_many(list(batch))))
    result: dict[tuple[str, str | None], list[tuple[str, str]]] = {}
    for sids, reqs in by_schemes.items():
        keys = [text for text, _ in reqs]
        columns = [list(map(outs[sid].__getitem__, keys)) for sid in sids]
        for req, row in zip(reqs, zip(*columns)):
            result[req] = first_of_each(row, sids)
            if masks is not None:
                got = rendering_masks(row, sids)
                if any(not m & ANY for m in got.values()):
                    masks[req] = got
    return result


def first_of_each(renderings: Sequence[str], sids: Sequence[str]) -> list[tuple[str, str]]:
    """The renderings (one per scheme of ``sids``) without repeats, each with the first
    scheme that gives it, in order.

    Many schemes agree on a name; a repeat, with the same quality and a later
    scheme, would only be skipped by the index (``_add`` keeps the first hit).
    """
    first = dict(zip(reversed(renderings), reversed(sids)))  # the last write is the first scheme
    return [(out, first[out]) for out in dict.fromkeys(renderings)]



def canonical_latin(text: str) -> str:
    """One romanization of a Cyrillic query (its detected language's main scheme)."""
    if not has_cyrillic(text):
        return text
    from normalize.translit import get_scheme, scheme_ids

    lang = lang_of(text, None) or "ru"
    sid = engine_data()["canonical_scheme"].get(lang, "ru_bgn_pcgn")
    if sid not in scheme_ids():  # pragma: no cover
        sid = "uk_national"
    return get_scheme(sid).translit(text)


@lru_cache(maxsize=100_000)
def name_skeleton(text: str) -> str:
    """A name's skeleton without spaces, Cyrillic romanized first: two spellings of one name meet."""
    return skeleton(fold(canonical_latin(text))).replace(" ", "").replace("-", "")


@lru_cache(maxsize=1)
def _ending_rules() -> tuple[tuple[str, str, frozenset[str], re.Pattern[str] | None], ...]:
    """(ending, replacement, entity types, stem pattern) of the engine data's ``foreign_case_endings``,
    longest ending first."""
    rules = []
    for rule in engine_data()["foreign_case_endings"]["rules"]:
        stem = re.compile(rule["stem"]) if rule.get("stem") else None
        for ending in rule["endings"]:
            for base in rule.get("base", [""]):
                rules.append((ending, base, frozenset(rule.get("types", ("person", "place", "org"))), stem))
    return tuple(sorted(rules, key=lambda r: -len(r[0])))


@lru_cache(maxsize=20_000)
def foreign_stems(word: str, type_: str | None) -> tuple[tuple[str, frozenset[str]], ...]:
    """The forms a folded Latin word may have without a Baltic or Czech case ending, with the
    entity types each may name (only those of ``type_`` when given)."""
    out: dict[str, frozenset[str]] = {}
    min_stem = engine_data()["foreign_case_endings"]["min_stem"]
    for ending, base, types, pattern in _ending_rules():
        if type_ is not None and type_ not in types:
            continue
        if word.endswith(ending) and len(word) - len(ending) >= min_stem:
            stem = word[: len(word) - len(ending)]
            if pattern is not None and not pattern.search(stem):
                continue
            stem += base
            out[stem] = out.get(stem, frozenset()) | types
    return tuple(out.items())

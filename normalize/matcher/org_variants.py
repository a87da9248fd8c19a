"""Press variants of organization names that follow from how Russian and Ukrainian write them.

Two regular habits of the press, valid for every organization (engine data
``org_name_variants`` in ``normalize/data/matching.json``):

* the country in the genitive at the end of a name is written in any of its forms
  ("Министерство обороны Российской Федерации", "... России", "... РФ");
* the name without the country at its end ("Следственный комитет", "Минюст" from
  "Минюст России"), when what is left is two words or more or one compound abbreviation
  (Мин-, Ген-, Гос-): several countries' bodies may share it, and the tagger's policy for
  generic names then decides by the text around it;
* an adjective such as Генеральный, Государственный or Державний is compressed onto
  the word after it ("Генеральная прокуратура" -> "Генпрокуратура", "Офис Генерального
  прокурора" -> "Офис Генпрокурора", "Державне бюро розслідувань" -> "Держбюро
  розслідувань").

The variants are matching keys only (derived names, see ``Indexer._entity_names``); they
decline as the name they come from.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from normalize.matcher.data import engine_data

__all__ = ["compressed", "country_dropped", "country_respelled", "drops_country"]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[tuple[str, ...], ...]], re.Pattern[str] | None, dict[str, str]]:
    spec: Any = engine_data()["org_name_variants"]
    groups = {lang: tuple(tuple(g) for g in table) for lang, table in spec["country_genitives"].items()}
    stems: dict[str, str] = {}
    for table in spec["compressed_adjectives"].values():
        for stem, short in table.items():
            stems[stem.lower()] = short
    if not stems:
        return groups, None, stems
    alts = "|".join(sorted(map(re.escape, stems), key=lambda s: (-len(s), s)))
    # the adjective in any case form (its ending: one to three letters), then the word it qualifies
    pattern = re.compile(rf"(?<![^\W\d_])({alts})[^\W\d_]{{1,3}} ([^\W\d_])", re.IGNORECASE)
    return groups, pattern, stems


def country_respelled(text: str, lang: str | None) -> list[str]:
    """The name with the country at its end written in each other form of that country, in the
    name's language (``lang``; None: any language whose form the name ends with)."""
    tables = _tables()[0]
    langs = [lang] if lang in tables else sorted(tables)
    out: list[str] = []
    for group in (g for code in langs for g in tables[code]):
        for form in group:
            if text.endswith(" " + form):
                head = text[: -len(form)]
                out.extend(head + other for other in group if other != form)
                return out
    return out


def compressed(text: str) -> str | None:
    """The name with its first compressible adjective joined to the next word, or None."""
    _, pattern, stems = _tables()
    if pattern is None:
        return None
    m = pattern.search(text)
    if m is None:
        return None
    short = stems[m.group(1).lower()]
    if m.group(1)[0].islower():
        short = short.lower()
    return text[: m.start()] + short + m.group(2).lower() + text[m.end():]


@lru_cache(maxsize=1)
def _drop_tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    spec: Any = engine_data()["org_name_variants"]
    ends = {lang: tuple(sorted(forms, key=len, reverse=True)) for lang, forms in spec["country_ends"].items()}
    prefixes = {lang: tuple(forms) for lang, forms in spec["compound_prefixes"].items()}
    return ends, prefixes


@lru_cache(maxsize=1)
def _drop_kinds() -> dict[str, frozenset[str]]:
    spec: Any = engine_data()["org_name_variants"]
    return {lang: frozenset(kinds) for lang, kinds in spec.get("country_ends_kinds", {}).items()}


def drops_country(lang: str | None, kind: str | None) -> bool:
    """May a name of this kind in this language lose its country (``country_ends_kinds``: only the
    kinds listed for a language that has them; any kind elsewhere)?"""
    kinds = _drop_kinds().get(lang or "")
    return kinds is None or kind in kinds


def _acronym(word: str) -> bool:
    """One word of three capital letters or more (МИД, МВД): shorter ones (МО, ВС, СК) are too often something else."""
    return len(word) >= 3 and word.isalpha() and word.isupper()


def country_dropped(text: str, lang: str | None) -> str | None:
    """The name without the country (or the country's armed forces) at its end, when what is
    left still names something: two words or more, one compound abbreviation (Минюст), or one
    acronym of three capitals or more (МИД России -> МИД: the press's bare МИД, МВД)."""
    ends, prefixes = _drop_tables()
    langs = [lang] if lang in ends else sorted(ends)
    for code in langs:
        for form in ends[code]:
            if text.endswith(" " + form):
                rest = text[: -len(form) - 1].rstrip()
                words = rest.split()
                if len(words) >= 2 or _acronym(rest):
                    return rest
                if len(words) == 1 and any(
                    rest.startswith(p) and len(rest) > len(p) + 2 and rest[len(p)].islower() for p in prefixes[code]
                ):
                    return rest
                return None
    return None

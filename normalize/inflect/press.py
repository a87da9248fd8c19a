"""Polish, Czech and Slovak press forms of East Slavic names: ``we Lwowie``, ``Budanowem``.

A Cyrillic name is first written as each of those languages' press writes it (the press
schemes a language lists in ``inflection.json``), then declined by that language's tables
over Latin letters; a Latin name is declined by the tables of the language its letters
show (:func:`normalize.detect.latin_language`).  See ``normalize/data/README.md``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from normalize.detect import detect_language, latin_language
from normalize.inflect.decline import _type_name, name_forms
from normalize.inflect.tables import _LANGS, _LATIN, _TYPES, _from_english, _person_press_schemes, _press_schemes

if TYPE_CHECKING:  # pragma: no cover
    from normalize.translit import Scheme

__all__ = ["press_forms"]


def _source_languages(name: str, lang: str | None) -> tuple[str, ...]:
    """The languages whose schemes render ``name``: ``lang``, what the letters show, else ru and uk."""
    if lang in _LANGS:
        return (str(lang),)
    found = detect_language(name, evidence="spelling")
    return (found,) if found is not None else ("ru", "uk")


@lru_cache(maxsize=100_000)
def _press_forms(name: str, lang: str | None, type_: str | None, gender: str | None) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    if _CYRILLIC_LETTER.search(name):
        for code, schemes in _plan(_source_languages(name, lang), type_ == "person"):
            seen: set[str] = set()
            for scheme in schemes:
                rendering = scheme.translit(name)
                if rendering in seen:
                    continue
                seen.add(rendering)
                for form, tags in name_forms(rendering, lang=code, type=type_, gender=gender).items():
                    if form != rendering:
                        out.setdefault(form, f"{code} {tags}")
    else:
        latin: str | None = lang if lang in _LATIN else (latin_language(name) if lang is None else None)
        if latin is not None:
            for form, tags in name_forms(name, lang=latin, type=type_, gender=gender).items():
                if form != name:
                    out.setdefault(form, f"{latin} {tags}")
        elif type_ == "person" and lang in (None, "en"):
            for code, rewritten in _from_english_spellings(name):
                out.setdefault(rewritten, f"{code} nom")
                for form, tags in name_forms(rewritten, lang=code, type=type_, gender=gender).items():
                    if form != rewritten:
                        out.setdefault(form, f"{code} {tags}")
    return tuple(out.items())


def _from_english_spellings(name: str) -> list[tuple[str, str]]:
    """A person's English romanization as each language's press writes it (``from_english`` in
    ``inflection.json``: Umerov -> pl Umerow), where that differs: [(language, spelling)]."""
    out = []
    for code, rules in _from_english().items():
        words = []
        for word in name.split(" "):
            low = word.lower()
            for pattern, repl in rules:
                low = pattern.sub(repl, low)
            words.append(low[:1].upper() + low[1:] if word[:1].isupper() else low)
        rewritten = " ".join(words)
        if rewritten != name:
            out.append((code, rewritten))
    return out


_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=64)
def _plan(sources: tuple[str, ...], person: bool = False) -> tuple[tuple[str, tuple[Scheme, ...]], ...]:
    """(Latin language, its press schemes for a name of one of ``sources``), in the order of
    ``inflection.json``: what :func:`_press_forms` asks for every Cyrillic name, worked out once.
    A person's name is also declined in the renderings of ``person_press_schemes``."""
    from normalize.translit import get_scheme

    out = []
    extra = _person_press_schemes() if person else {}
    for code, listed in _press_schemes().items():
        sids = listed + tuple(sid for sid in extra.get(code, ()) if sid not in listed)
        schemes = tuple(get_scheme(sid) for sid in sids)
        out.append((code, tuple(sc for sc in schemes if sc.info.lang in sources)))
    return tuple(out)


def press_forms(
    name: str, *, lang: str | None = None, type: str | None = None, gender: str | None = None
) -> dict[str, str]:
    """Polish, Czech and Slovak case forms of a name, each mapped to "LANG CASES".

    A Cyrillic ``name`` (``lang`` "ru", "uk", "be" or None) is first written as those
    languages' press writes it (the schemes each language lists in ``inflection.json``:
    ru_press_pl, uk_press_pl, ru_press_cs), then declined by that language's tables. A
    Latin ``name`` is declined by the tables of ``lang`` ("pl", "cs", "sk"), or, when
    ``lang`` is None, of the language its letters show (:func:`latin_language`); a Latin
    name of another or unknown language gets none. The renderings themselves (the
    nominatives) are not returned: the transliteration schemes give them.

    >>> forms = press_forms("Буданов", lang="ru", type="person", gender="m")
    >>> forms["Budanowem"], forms["Budanova"]
    ('pl ins', 'cs gen acc')
    >>> press_forms("Lwów", type="place")["Lwowie"]
    'pl loc'
    >>> press_forms("Kyjev", lang="sk", type="place")["Kyjeve"]
    'sk loc'
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {_type_name(name)}")
    sex = gender if gender in ("m", "f") else None
    kind = type if type in _TYPES else ("person" if sex else "place")
    return dict(_press_forms(name, lang, kind, sex))

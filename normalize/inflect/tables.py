"""The inflection tables: ``normalize/data/inflection.json`` read, checked and compiled.

A language's tables are paradigms (a nominative ending to strip and the endings of each
case) and rules choosing a paradigm by the word's ending, the entity type, the word's role
in the name and the gender (the file's ``_doc`` key describes the format).  This module
checks the file at load (an unknown or missing key, a value of the wrong type, a rule
naming no paradigm: an error naming the file and line) and compiles each language into
dictionaries keyed by ending, which :mod:`normalize.inflect.decline` searches longest
ending first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from normalize.datafile import DataFileError, Fields, MapOf, OneOf, check, line_of, parse_json
from normalize.text import APOSTROPHES

#: case tags, in the order they are listed in a form's tag string
CASES: tuple[str, ...] = ("nom", "gen", "dat", "acc", "ins", "loc", "voc")
_OBLIQUE = CASES[1:]
#: East Slavic languages whose Cyrillic names the tables decline
_LANGS = ("ru", "uk", "be")
#: Latin-script languages whose press declines East Slavic names (rules over press transcriptions)
_LATIN = ("pl", "cs", "sk")
_TYPES = ("person", "place", "org")
_ROLES = ("given", "patronymic", "surname", "head", "mod", "post")
_FILE = "inflection.json"
_NAME = f"normalize/data/{_FILE}"
# the matcher's table of given-name equivalents, when installed: more names to tell a given
# name (and its gender) from a surname than the short lists of inflection.json
_GIVEN_NAMES = "given_names.json"
#: every apostrophe as ' (given names are compared so)
_APOSTROPHES = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))

_ENDINGS = ([str], OneOf(("=nom", "=gen")))
_PARADIGM = Fields(
    {},
    {
        "strip": str,
        "gender": OneOf(("m", "f", "n", "pl")),
        "kind": OneOf(("adj", "noun", "surname")),
        **{case: _ENDINGS for case in _OBLIQUE},
        "acc_anim": _ENDINGS,
    },
)
_RULE = Fields(
    {"paradigm": str},
    {
        "endings": [str],
        "words": [str],
        "types": [OneOf(_TYPES)],
        "roles": [OneOf(_ROLES)],
        "gender": OneOf(("m", "f", "not m", "not f")),
        "stem": str,
        "optional": bool,
        "priority": bool,
        "note": str,
    },
)
_BY_GENDER = Fields({"m": [str], "f": [str]})
_LANGUAGE = Fields(
    {
        "vowels": str,
        "consonants": str,
        "given_names": _BY_GENDER,
        "patronymic": _BY_GENDER,
        "surname_gender": _BY_GENDER,
        "fixed_words": [str],
        "paradigms": MapOf(_PARADIGM),
        "rules": [_RULE],
    },
    {"apposition_heads": [str], "mod_rules": [_RULE], "press_schemes": [str], "person_press_schemes": [str],
     "adjective_stems": MapOf(str),
     "from_english": [[str]]},
)
_SHAPE = Fields({"_doc": [str], "cases": [OneOf(CASES)], **{code: _LANGUAGE for code in (*_LANGS, *_LATIN)}})


@dataclass(frozen=True, slots=True)
class _Paradigm:
    """A declension pattern: strip ``strip`` from the nominative, add a case's endings."""

    name: str
    strip: str
    gender: str | None  # m / f / n / pl: what adjectives agree with
    kind: str  # adj / noun / surname / indecl / none
    inanimate: tuple[tuple[str, tuple[str, ...]], ...]  # (case, endings), cases gen..loc, voc
    animate: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class _Rule:
    """When a word takes a paradigm; ``None`` conditions always hold."""

    paradigm: _Paradigm
    types: frozenset[str] | None
    roles: frozenset[str] | None
    gender: str | None  # the name's gender: "f", "m", "not f" (m or unknown), "not m" (f or unknown)
    stem: re.Pattern[str] | None
    optional: bool
    whole: bool

    def applies(self, low: str, cut: int, type_: str, role: str, gender: str | None, vowels: frozenset[str]) -> bool:
        """Whether the rule holds for ``low`` whose last ``cut`` letters matched its ending."""
        if self.types is not None and type_ not in self.types:
            return False
        if self.roles is not None and role not in self.roles:
            return False
        if self.gender is not None:
            wanted = self.gender
            if wanted.startswith("not "):
                if gender == wanted[4:]:
                    return False
            elif gender != wanted:
                return False
        if self.stem is not None and self.stem.search(low, 0, len(low) - cut) is None:
            return False
        if not self.whole and self.paradigm.kind not in ("indecl", "none"):
            # an adjective needs a vowel in its stem (Стрий is a noun, not Стр-ий); any
            # declining word needs one somewhere (ДНР, РДК are acronyms)
            end = len(low) - len(self.paradigm.strip) if self.paradigm.kind == "adj" else len(low)
            if not any(ch in vowels for ch in low[:end]):
                return False
        return True


_INDECL = _Paradigm("indecl", "", None, "indecl", (), ())
_NONE = _Paradigm("none", "", None, "none", (), ())


@dataclass(frozen=True, slots=True)
class _Lang:
    """One language's compiled tables."""

    code: str
    vowels: frozenset[str]
    words: Mapping[str, tuple[_Rule, ...]]
    priority: Mapping[str, tuple[_Rule, ...]]
    rules: Mapping[str, tuple[_Rule, ...]]
    mod_words: Mapping[str, tuple[_Rule, ...]]
    mod_rules: Mapping[str, tuple[_Rule, ...]]
    maxlen: int
    given: Mapping[str, str]  # lower-case given name -> gender
    patronymic: tuple[tuple[str, str], ...]  # (ending, gender), longest first
    surname_gender: tuple[tuple[str, str], ...]
    fixed: frozenset[str]
    apposition: frozenset[str]  # heads that take a noun of their gender in apposition


def _compile_paradigm(name: str, spec: Mapping[str, Any]) -> _Paradigm:
    """Resolve '=nom' and '=gen' and split the accusative by animacy."""
    strip = spec.get("strip", "")

    def endings(value: Any, case: str) -> tuple[str, ...]:
        if value == "=nom":
            return (strip,)
        if value == "=gen":
            return endings(spec["gen"], "gen")
        if isinstance(value, list) and value and all(isinstance(e, str) for e in value):
            return tuple(value)
        raise ValueError(f"paradigm {name}: bad value for {case}: {value!r}")

    inanimate: list[tuple[str, tuple[str, ...]]] = []
    animate: list[tuple[str, tuple[str, ...]]] = []
    for case in _OBLIQUE:
        if case in spec:
            forms = endings(spec[case], case)
            inanimate.append((case, forms))
            animate.append((case, endings(spec["acc_anim"], case) if case == "acc" and "acc_anim" in spec else forms))
    return _Paradigm(name, strip, spec.get("gender"), spec.get("kind", "noun"), tuple(inanimate), tuple(animate))


def _compile_rules(
    specs: Sequence[Mapping[str, Any]], paradigms: Mapping[str, _Paradigm], consonants: str, vowels: str
) -> tuple[dict[str, list[_Rule]], dict[str, list[_Rule]], dict[str, list[_Rule]]]:
    words: dict[str, list[_Rule]] = {}
    priority: dict[str, list[_Rule]] = {}
    rules: dict[str, list[_Rule]] = {}
    for spec in specs:
        paradigm = paradigms[spec["paradigm"]]
        stem = spec.get("stem")
        whole = "words" in spec
        rule = _Rule(
            paradigm=paradigm,
            types=frozenset(spec["types"]) if "types" in spec else None,
            roles=frozenset(spec["roles"]) if "roles" in spec else None,
            gender=spec.get("gender"),
            stem=re.compile(stem.replace("{V}", vowels).replace("{C}", consonants)) if stem else None,
            optional=bool(spec.get("optional")),
            whole=whole,
        )
        if whole:
            keys, target = list(spec["words"]), words
        else:
            # '@consonants' leaves out й and ў: words ending in them decline apart, by their own rules
            plain = consonants.replace("й", "").replace("ў", "")
            keys = [end for ending in spec["endings"] for end in (plain if ending == "@consonants" else (ending,))]
            target = priority if spec.get("priority") else rules
        for key in keys:
            if not key.endswith(paradigm.strip):
                raise ValueError(f"{key!r} does not end with the strip {paradigm.strip!r} of {paradigm.name}")
            target.setdefault(key, []).append(rule)
    return words, priority, rules


def _freeze(table: Mapping[str, list[_Rule]]) -> dict[str, tuple[_Rule, ...]]:
    return {key: tuple(value) for key, value in table.items()}


def _given_name_table() -> dict[str, dict[str, str]]:
    """lang -> lower-case given name -> gender, from ``given_names.json`` if it is there.

    The file belongs to the matcher (its format is in ``normalize/data/README.md``); only
    the fields used here are read, and a file that is missing or not in that shape adds
    nothing, since inflection.json's own lists suffice to decline.
    """
    table: dict[str, dict[str, str]] = {code: {} for code in (*_LANGS, *_LATIN)}
    try:
        groups = json.loads((resources.files("normalize.data") / _GIVEN_NAMES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return table
    if not isinstance(groups, list):
        return table
    for group in groups:
        if not isinstance(group, dict) or group.get("gender") not in ("m", "f"):
            continue
        for code in _LANGS:
            names = group.get(code)
            if isinstance(names, list):
                for name in names:
                    if isinstance(name, str) and name:
                        table[code].setdefault(name.lower().translate(_APOSTROPHES), group["gender"])
        # the Latin spellings (press and passport forms: Kyryło, Wołodymyr, Dmitrij) serve
        # the West Slavic tables, which decline those spellings
        latin = group.get("latin")
        if isinstance(latin, list):
            for name in latin:
                if isinstance(name, str) and name:
                    for code in _LATIN:
                        table[code].setdefault(name.lower(), group["gender"])
    return table


@lru_cache(maxsize=1)
def _tables() -> dict[str, _Lang]:
    """Read, check and compile ``inflection.json`` once."""
    data = _data()
    extra_given = _given_name_table()
    langs: dict[str, _Lang] = {}
    for code in (*_LANGS, *_LATIN):
        spec = data[code]
        vowels, consonants = spec["vowels"], spec["consonants"]
        paradigms = {"indecl": _INDECL, "none": _NONE}
        paradigms.update({name: _compile_paradigm(name, p) for name, p in spec["paradigms"].items()})
        words, priority, rules = _compile_rules(spec["rules"], paradigms, consonants, vowels)
        mod_words, _, mod_rules = _compile_rules(spec.get("mod_rules", []), paradigms, consonants, vowels)
        keys = [*priority, *rules, *mod_rules]
        given = {name: g for g in ("m", "f") for name in spec["given_names"][g]}
        for name, g in extra_given.get(code, {}).items():
            given.setdefault(name, g)

        def by_length(groups: Mapping[str, Iterable[str]]) -> tuple[tuple[str, str], ...]:
            pairs = [(end, g) for g, ends in groups.items() for end in ends]
            return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))

        langs[code] = _Lang(
            code=code,
            vowels=frozenset(vowels),
            words=_freeze(words),
            priority=_freeze(priority),
            rules=_freeze(rules),
            mod_words=_freeze(mod_words),
            mod_rules=_freeze(mod_rules),
            maxlen=max(map(len, keys)) if keys else 0,
            given=given,
            patronymic=by_length(spec["patronymic"]),
            surname_gender=by_length(spec["surname_gender"]),
            fixed=frozenset(spec["fixed_words"]),
            apposition=frozenset(spec.get("apposition_heads", ())),
        )
    return langs



@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """``inflection.json``, read and checked once."""
    return _checked((resources.files("normalize.data") / _FILE).read_text(encoding="utf-8"), name=_NAME)


def _checked(text: str, *, name: str) -> dict[str, Any]:
    """The data of ``text`` (an inflection file), checked: its shape, and that each rule names
    a paradigm of its language; a fault is a DataFileError naming ``name`` and the line."""
    data: dict[str, Any] = parse_json(text, name=name)  # type: ignore[assignment]
    check(data, _SHAPE, name=name, text=text)
    for code in (*_LANGS, *_LATIN):
        spec = data[code]
        for section in ("rules", "mod_rules"):
            for n, rule in enumerate(spec.get(section, ())):
                if rule["paradigm"] not in spec["paradigms"] and rule["paradigm"] not in ("indecl", "none"):
                    problem = f"no paradigm {rule['paradigm']!r}"
                elif ("endings" in rule) == ("words" in rule):
                    problem = "give either endings or words"
                else:
                    continue
                # the line is looked for only for a fault: finding it for every rule cost more than the checks
                where: tuple[str | int, ...] = (code, section, n)
                raise DataFileError(f"{name}:{line_of(text, where)}: {code}.{section}[{n}]: {problem}", where)
    return data


@lru_cache(maxsize=1)
def _press_schemes() -> dict[str, tuple[str, ...]]:
    """Latin language -> the press schemes whose renderings its tables decline."""
    data = _data()
    return {code: tuple(data[code].get("press_schemes", ())) for code in _LATIN}


@lru_cache(maxsize=1)
def _person_press_schemes() -> dict[str, tuple[str, ...]]:
    """Latin language -> the press schemes whose renderings of a person's name its tables also decline."""
    data = _data()
    return {code: tuple(data[code].get("person_press_schemes", ())) for code in _LATIN}


@lru_cache(maxsize=1)
def _from_english() -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    """Per Latin language, its ``from_english`` rewrites compiled: (pattern, replacement), in file order."""
    data = _data()
    out: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {}
    for code in _LATIN:
        pairs = data[code].get("from_english", ())
        if pairs:
            out[code] = tuple((re.compile(a), b) for a, b in pairs)
    return out

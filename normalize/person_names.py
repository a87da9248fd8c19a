"""The roles of the words of a person's name: given name, patronymic, surname, initials.

The press writes "Given Surname" (Roman Abramovich); registers and sanctions lists
write "Surname Given Patronymic" (Абрамович Роман Аркадьевич), "SURNAME, Given
Patronymic", "Surname G. P." and capitals (ABRAMOVICH Roman). Which word is which
is decided by evidence, in either script:

* a comma: the part before it is the surname;
* a word in capitals in a name that is not all capitals is the surname;
* a patronymic ending (-ович, -евна, -івна, -ovich, -ovna... of
  ``normalize/data/person_names.json``) marks the patronymic;
* a given name of ``normalize/data/given_names.json`` marks the given name
  (the caller says which words are given names: :func:`parse` takes a function);
* a common surname ending (-ов, -енко, -ский...) weakly marks the surname;
* an initial (Р., R, Yu.) is never the surname.

Each possible order is scored with these clues (weights are data); a tie keeps the
press order, given name first.

>>> p = parse("Абрамович Роман Аркадьевич", is_given=lambda w: w == "Роман")
>>> (p.surname, p.given, p.patronymic, p.order)
('Абрамович', 'Роман', 'Аркадьевич', 'SGP')
>>> parse("ABRAMOVICH Roman").surname
'ABRAMOVICH'
>>> p = parse("Абрамович Р. А.")
>>> (p.surname, p.given, p.given_is_initial, p.patronymic)
('Абрамович', 'Р', True, 'А')
>>> parse("Volodymyr Oleksandrovych Zelensky").order
'GPS'
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from normalize.fold import fold, has_cyrillic, skeleton

__all__ = [
    "NameToken",
    "PersonName",
    "display_case",
    "father_name",
    "given_name_table",
    "initial_letters",
    "is_patronymic",
    "parse",
    "patronymic_gender",
    "press_order",
    "tokens",
]

_WORD_RE = re.compile(r"[^\W_]+(?:[-'’ʼ][^\W_]+)*(\.)?", re.UNICODE)


@lru_cache(maxsize=1)
def given_name_table() -> list[dict[str, Any]]:
    """The groups of ``normalize/data/given_names.json`` (each: an id, a gender and the spellings by
    script), read once per process: the matcher and the tagger index them in their own ways."""
    path = resources.files("normalize.data") / "given_names.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:  # pragma: no cover - the table ships with the package
        return []
    groups: list[dict[str, Any]] = raw["groups"] if isinstance(raw, dict) else raw
    return groups


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = (resources.files("normalize.data") / "person_names.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def _particles() -> dict[str, str]:
    """Folded patronymic particle -> gender."""
    return {fold(w): g for g, words in _data()["patronymic_particles"].items() for w in words}


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(fold(w) for w in _data()["titles"])


def titles() -> frozenset[str]:
    """The folded words of ``titles``: words before a name that are no part of it (Патриарх Кирилл)."""
    return _titles()


class NameToken(NamedTuple):
    """One word of a name as written (without a trailing dot)."""

    text: str
    initial: bool  # "Р.", "R", "Yu.": an initial, never a surname
    capitals: bool  # in capitals inside a name that is not all capitals


class PersonName(NamedTuple):
    """The parts of a person's name; ``order`` spells the roles in written order
    (G given, P patronymic, S surname): "GPS", "SGP", "GS", "SG", "S"."""

    surname: str | None
    given: str | None
    patronymic: str | None
    given_is_initial: bool
    patronymic_is_initial: bool
    order: str
    extra: tuple[str, ...] = ()


def tokens(text: str) -> list[NameToken]:
    """The words of a name, with initials and capitals marked; a patronymic particle
    (оглы, кызы) joins the word before it.

    >>> [(t.text, t.initial) for t in tokens("Abramovich R.A.")]
    [('Abramovich', False), ('R', True), ('A', True)]
    >>> [t.text for t in tokens("Алиев Ильхам Гейдар оглы")]
    ['Алиев', 'Ильхам', 'Гейдар оглы']
    """
    titles = _titles()
    found = [(m.group(0).rstrip("."), m.group(1) is not None) for m in _WORD_RE.finditer(text)]
    found = [(w, dot) for w, dot in found if fold(w) not in titles] or found
    letters = [w for w, _ in found if len(w) > 1]
    mixed = any(not w.isupper() for w in letters) and any(w.isupper() for w in letters)
    particles = _particles()
    out: list[NameToken] = []
    for word, dot in found:
        if out and fold(word) in particles and not out[-1].initial:
            prev = out[-1]
            out[-1] = NameToken(f"{prev.text} {word}", False, prev.capitals)
            continue
        initial = word.isalpha() and (len(word) == 1 or (dot and len(word) <= 2 and not word.isupper()))
        out.append(NameToken(word, initial, mixed and len(word) > 1 and word.isupper() and not initial))
    return out


def _canonical_skeleton(word: str) -> str:
    if has_cyrillic(word):
        from normalize.matcher.variants import canonical_latin as _canonical_latin

        word = _canonical_latin(word)
    return skeleton(fold(word)).replace(" ", "")


def initial_letters(word: str) -> set[str]:
    """The first letters of a word's skeletons under every romanization: how its
    initial may be written (Е -> e or y (Yevgeny); Ю -> y, j, i or u)."""
    from normalize.matcher.variants import romanize_all as _romanize_all

    out = set()
    for variant in _romanize_all(word):
        sk = skeleton(fold(variant)).replace(" ", "")
        if sk and not has_cyrillic(sk):
            out.add(sk[:1])
    return out


def patronymic_gender(word: str) -> str | None:
    """``"m"`` or ``"f"`` when a word has a patronymic's ending (or particle), else None.

    >>> patronymic_gender("Аркадьевич"), patronymic_gender("Volodymyrivna"), patronymic_gender("Putin")
    ('m', 'f', None)
    """
    parts = word.split(" ")
    if len(parts) == 2 and fold(parts[1]) in _particles():
        return _particles()[fold(parts[1])]
    data = _data()
    if sum(c.isalpha() for c in word) < data["min_patronymic_letters"]:
        return None
    sk = _canonical_skeleton(word)
    for gender, endings in data["patronymic_endings"].items():
        if sk.endswith(tuple(endings)):
            return str(gender)
    return None


def father_name(patronymic_skeleton: str, lookup: Callable[[str], str | None]) -> str | None:
    """The given-name group of the father's name in a patronymic (its skeleton), or None.

    ``lookup`` maps a skeleton to its group (the given-name table). The patronymic's
    ending is taken off and the stem tried as it is and with the endings a given name
    loses to its patronymic (Григорий: Григорьевич, Григорович, Рыгоравіч; Илья:
    Ильич), so patronymics that two languages or schemes spell differently compare
    by the name they come from.

    >>> table = {"hrihori": "grigory", "rihor": "grigory", "ilia": "ilya"}
    >>> [father_name(s, table.get) for s in ("hrihorievich", "hrihorovich", "rihoravich", "ilich")]
    ['grigory', 'grigory', 'grigory', 'ilya']
    """
    for ending in _father_endings():
        if patronymic_skeleton.endswith(ending) and len(patronymic_skeleton) > len(ending) + 1:
            stem = patronymic_skeleton[: -len(ending)]
            for tail in ("", "i", "a", "ia"):
                got = lookup(skeleton(stem + tail))
                if got:
                    return got
    return None


@lru_cache(maxsize=1)
def _father_endings() -> tuple[str, ...]:
    endings = [e for group in _data()["patronymic_endings"].values() for e in group]
    endings += ["i" + e for e in endings]  # Сергеевич: serheievich
    return tuple(sorted(set(endings), key=lambda e: (-len(e), e)))


def is_patronymic(word: str) -> bool:
    return patronymic_gender(word) is not None


def _surname_like(word: str) -> bool:
    return _canonical_skeleton(word).endswith(tuple(_data()["surname_endings"]))


# the orders tried, by number of words; the first is the press order and wins ties
_LAYOUTS: dict[int, tuple[str, ...]] = {1: ("S",), 2: ("GS", "SG"), 3: ("GPS", "SGP")}


def _layouts(n: int) -> tuple[str, ...]:
    if n in _LAYOUTS:
        return _LAYOUTS[n]
    # longer names: the press order puts the surname last, a register first
    return ("GP" + "X" * (n - 3) + "S", "SGP" + "X" * (n - 3))


def parse(text: str, *, is_given: Callable[[str], bool] | None = None) -> PersonName | None:
    """The parts of a person's name, or None when it has no word.

    ``is_given(word)`` says whether a word is a known given name (the matcher
    passes its given-name table); without it only the other clues count.
    """
    if text.count(",") == 1:
        left, _, right = text.partition(",")
        lt, rt = tokens(left), tokens(right)
        if 1 <= len(lt) <= 2 and 1 <= len(rt) <= 3 and not any(t.initial for t in lt):
            # "SURNAME, Given Patronymic": the rest is in the press order
            layout = ("GP" + "X" * len(rt))[: len(rt)]
            return _name(rt, layout, surname=" ".join(t.text for t in lt), order="S" + layout)
    toks = tokens(text)
    if not toks:
        return None
    candidates = [lay for lay in _layouts(len(toks)) if not toks[lay.index("S")].initial]
    if not candidates:  # initials only: nothing is a surname
        return _name(toks, ("GP" + "X" * len(toks))[: len(toks)], order=("GP" + "X" * len(toks))[: len(toks)])
    best = _best_layout(toks, candidates, is_given)
    return _name(toks, best, order=best)


def _best_layout(toks: list[NameToken], candidates: list[str], is_given: Callable[[str], bool] | None) -> str:
    """The candidate order the clues support best (the first on a tie)."""
    w = _data()["weights"]
    clues = []
    for t in toks:
        if t.initial:
            clues.append((False, False, False, False))
            continue
        clues.append((bool(is_given and is_given(t.text)), is_patronymic(t.text), _surname_like(t.text), t.capitals))
    best, best_score = candidates[0], None
    for lay in candidates:
        score = 0.0
        for role, (given, patronymic, surname_like, caps) in zip(lay, clues):
            if given:
                score += w["given_name"] if role == "G" else w["given_name_as_surname"] if role == "S" else 0.0
            if patronymic:
                score += w["patronymic"] if role == "P" else w["patronymic_as_given"] if role == "G" else 0.0
            if surname_like:
                score += w["surname_ending"] if role == "S" else w["surname_ending_as_given"] if role == "G" else 0.0
            if caps and role == "S":
                score += w["capitals"]
        if best_score is None or score > best_score:
            best, best_score = lay, score
    return best


def _name(toks: list[NameToken], layout: str, *, surname: str | None = None, order: str) -> PersonName:
    parts: dict[str, NameToken] = {}
    extra = []
    for role, t in zip(layout, toks):
        if role in "GPS" and role not in parts:
            parts[role] = t
        else:
            extra.append(t.text)
    g, p, s = parts.get("G"), parts.get("P"), parts.get("S")
    return PersonName(
        surname=surname if surname is not None else (s.text if s else None),
        given=g.text if g else None,
        patronymic=p.text if p else None,
        given_is_initial=bool(g and g.initial),
        patronymic_is_initial=bool(p and p.initial),
        order=order,
        extra=tuple(extra),
    )


def display_case(word: str) -> str:
    """A word in capitals as a name is written (ЛЬВОВА-БЕЛОВА -> Львова-Белова); others unchanged."""
    if not word.isupper() or len(word) < 2:
        return word
    return re.sub(r"(^|[-\s])(\w)", lambda m: m.group(1) + m.group(2).upper(), word.lower())


def press_order(name: PersonName) -> list[str]:
    """The name in the press order when it is written otherwise: "Given Patronymic
    Surname" and "Given Surname" (capitals as a name is written). Empty when the name
    is already in that order or its given name is only an initial.

    >>> press_order(parse("АБРАМОВИЧ Роман Аркадьевич"))
    ['Роман Аркадьевич Абрамович', 'Роман Абрамович']
    >>> press_order(parse("Роман Абрамович", is_given=lambda w: w == "Роман"))
    []
    """
    if not name.surname or not name.given or name.given_is_initial or name.order[:1] != "S":
        return []
    surname, given = display_case(name.surname), display_case(name.given)
    out = []
    if name.patronymic and not name.patronymic_is_initial:
        out.append(f"{given} {display_case(name.patronymic)} {surname}")
    out.append(f"{given} {surname}")
    return out

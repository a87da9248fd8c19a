"""Adjectives after their head noun in Polish, Czech and Slovak names: "Siły Zbrojne", "Sztab Generalny".

Russian and Ukrainian names put their adjectives first (Нова Каховка, Державна
прикордонна служба); the West Slavic languages put most of them after the noun
(Siły Zbrojne Ukrainy, Brygada Desantowo-Szturmowa, Flota Czarnomorska, Kamieniec
Podolski). The declension (:mod:`normalize.inflect.decline`) reads each word of a
place or organisation name by the rules of a head noun; for a word right after the
head, :func:`postposed_adjective` gives its reading as an adjective, by the
language's ``mod_rules`` (the rules of an adjective beside its noun, in
``inflection.json``). It is taken when its gender agrees with the head's, so a
genitive complement (Ministerstwo Obrony, Biuro Prezydenta) stays as written. A
hyphenated compound adjective (Desantowo-Szturmowa) declines its last part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from normalize.inflect.decline import _Declined, _Unit
    from normalize.inflect.tables import _Lang

__all__ = ["postposed_adjective"]


def postposed_adjective(lang: _Lang, unit: _Unit, type_: str, gender: str | None) -> _Declined | None:
    """``unit`` declined as an adjective of ``gender`` after its head noun, or None.

    Only the ``mod_rules`` written for this position (role ``post``) are tried, longest
    ending first, and the first whose paradigm is an adjective of the head's gender
    wins ("Zbrojne" is plural after "Siły"). A compound's first parts must end in -o,
    the linking vowel of a compound adjective (desantowo-, biało-).
    """
    from normalize.inflect.decline import _decline, _Declined

    words = unit.words
    if gender is None or any(not w.low for w in words) or any(not w.low.endswith("o") for w in words[:-1]):
        return None
    last = words[-1]
    low = last.low
    size = len(low)
    for cut in range(min(lang.maxlen, size - 1), 0, -1):
        for rule in lang.mod_rules.get(low[size - cut:], ()):
            if (rule.roles is not None and "post" in rule.roles and rule.paradigm.kind == "adj"
                    and rule.paradigm.gender == gender
                    and rule.applies(low, cut, type_, "post", None, lang.vowels)):
                forms = [None] * (len(words) - 1) + [_decline(last.text, rule, False, False)]
                return _Declined(forms, "adj", gender)
    return None

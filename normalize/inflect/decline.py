"""Declension of Russian, Ukrainian and Belarusian names (and, with the same code, of the
Polish, Czech and Slovak press's Latin spellings): words, hyphen compounds and phrases.

A word's rule comes from the compiled tables (:mod:`normalize.inflect.tables`): whole
words first, then priority endings, then the rest, longest ending first.  A person's words
each decline by their own role (given name, patronymic, surname) and gender; a place or
organisation's adjectives and head noun decline in agreement and the rest stays as written.
The phrases are then rebuilt from the original text, so capitalisation and the text
between words are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise, product

from normalize.detect import detect_language
from normalize.inflect.postposed import postposed_adjective
from normalize.inflect.tables import (
    _APOSTROPHES,
    _LANGS,
    _LATIN,
    _OBLIQUE,
    _TYPES,
    CASES,
    _Lang,
    _Rule,
    _tables,
)
from normalize.text import word_pattern

__all__ = ["name_forms", "person_name_forms", "word_forms"]

_ALL_CASES = CASES[:6]  # the cases an indeclinable word serves (voc only where a paradigm has it)
_CASE_ORDER = {c: i for i, c in enumerate(CASES)}

#: the most combinations of alternative endings built for one case of a phrase
_MAX_COMBINATIONS = 16

# a word: letters (combining marks included, so a stressed word stays one word) with
# apostrophes inside (Слов'янськ)
_WORD = re.compile(word_pattern(combining=True))
# a word of the Russian, Ukrainian and Belarusian alphabets, for their tables
_CYRILLIC_WORD = re.compile(word_pattern(letter="[а-яёіїєґўА-ЯЁІЇЄҐЎ]") + r"\Z")
# a word of Latin letters (any diacritics), for the West Slavic tables
_LATIN_WORD = re.compile(r"(?:[a-zA-Z\u00c0-\u024f])+\Z")
_HYPHENS = frozenset("-‐‑")


def _search(
    table: Mapping[str, tuple[_Rule, ...]], lang: _Lang, low: str, type_: str, role: str, gender: str | None
) -> _Rule | None:
    """The first rule of ``table`` that holds for ``low``, its longest matching ending first
    (an ending of ``low`` alone, never the whole word)."""
    size = len(low)
    for cut in _ending_lengths(table):  # longest first; lengths no ending of the table has are skipped
        if cut < size:
            for rule in table.get(low[size - cut:], ()):
                if rule.applies(low, cut, type_, role, gender, lang.vowels):
                    return rule
    return None


#: id(table) -> (table, the lengths of its endings, longest first)
_LENGTHS: dict[int, tuple[Mapping[str, tuple[_Rule, ...]], tuple[int, ...]]] = {}


def _ending_lengths(table: Mapping[str, tuple[_Rule, ...]]) -> tuple[int, ...]:
    """The distinct lengths of a rule table's endings, longest first (worked out once per table:
    a language's priority rules, for one, all end in one letter)."""
    got = _LENGTHS.get(id(table))
    if got is not None and got[0] is table:
        return got[1]
    lengths = tuple(sorted({len(ending) for ending in table if ending}, reverse=True))
    _LENGTHS[id(table)] = (table, lengths)
    return lengths


def _classify(lang: _Lang, low: str, type_: str, role: str, gender: str | None) -> _Rule | None:
    """The rule a lower-case word follows: whole words, then priority rules, then the rest."""
    for rule in lang.words.get(low, ()):
        if rule.applies(low, len(low), type_, role, gender, lang.vowels):
            return rule
    return _search(lang.priority, lang, low, type_, role, gender) or _search(lang.rules, lang, low, type_, role, gender)


def _classify_mod(lang: _Lang, low: str, type_: str) -> _Rule | None:
    """The rule for a word standing before its head noun (Нова Каховка, Часів Яр)."""
    for rule in lang.mod_words.get(low, ()):
        if rule.applies(low, len(low), type_, "mod", None, lang.vowels):
            return rule
    return _search(lang.mod_rules, lang, low, type_, "mod", None)


def _is_upper(word: str) -> bool:
    """ALL CAPS (two letters at least: a capital initial alone is Title case)."""
    return len(word) > 1 and word.isupper()


def _decline(word: str, rule: _Rule | None, animate: bool, voc: bool) -> dict[str, list[str]]:
    """Case -> forms of one word (the nominative always; nothing else when unknown)."""
    forms: dict[str, list[str]] = {"nom": [word]}
    if rule is None or rule.paradigm.kind == "none":
        return forms
    paradigm = rule.paradigm
    if paradigm.kind == "indecl":
        for case in _ALL_CASES[1:]:
            forms[case] = [word]
        return forms
    stem = word[: len(word) - len(paradigm.strip)]
    upper = _is_upper(word)
    for case, endings in paradigm.animate if animate else paradigm.inanimate:
        if case == "voc" and not voc:
            continue
        out = forms.setdefault(case, [])
        for ending in endings:
            form = stem + (ending.upper() if upper else ending)
            if form not in out:
                out.append(form)
    if rule.optional:
        for case in _ALL_CASES[1:]:
            out = forms.setdefault(case, [])
            if word not in out:
                out.append(word)
    return forms


# -- phrases ------------------------------------------------------------------------

_Forms = dict[str, list[str]]  # case -> forms of one word


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str
    low: str  # lower case with apostrophes unified; "" when the word cannot decline


@dataclass(slots=True)
class _Unit:
    """One word, or words joined by hyphens (Каменец-Подольский, Ростов-на-Дону)."""

    words: list[_Word]
    stop_before: bool  # punctuation (quotes, brackets, commas) separates it from the previous unit

    @property
    def low(self) -> str:
        return self.words[-1].low


@dataclass(slots=True)
class _Declined:
    """A unit's forms word by word (``None``: the word stays as written) and its grammar."""

    forms: list[_Forms | None]
    kind: str  # adj / noun / surname / indecl / none / fixed
    gender: str | None


def _split(name: str, latin: bool = False) -> list[_Unit]:
    """Words of ``name`` with their offsets, grouped into hyphen compounds.

    Only words of the tables' script decline: Cyrillic ones, or with ``latin`` Latin ones.
    """
    script = _LATIN_WORD if latin else _CYRILLIC_WORD
    units: list[_Unit] = []
    previous_end = 0
    for match in _WORD.finditer(name):
        text = match.group()
        start, end = match.span()
        before = name[start - 1] if start else " "
        after = name[end] if end < len(name) else " "
        glued = before.isalnum() or before == "_" or after.isalnum() or after == "_"
        low = ""
        if not glued and script.match(text):
            low = text.lower().translate(_APOSTROPHES)
            if len(low) != len(text):  # a letter whose lower case is longer (İ): keep offsets safe
                low = ""
        word = _Word(start, end, text, low)
        digits = _numeral_before(name, start) if low else 0
        if digits:  # the suffix of an ordinal written with its numeral (47-ма, 3-й): one unit with the digits
            units.append(_Unit([_Word(digits - 1, start - 1, name[digits - 1:start - 1], ""), word],
                               bool(units) and name[previous_end:digits - 1].strip() != ""))
            previous_end = end
            continue
        gap = name[previous_end:start]
        if units and len(gap) == 1 and gap in _HYPHENS:
            units[-1].words.append(word)
        else:
            units.append(_Unit([word], bool(units) and gap.strip() != ""))
        previous_end = end
    return units


def _numeral_before(name: str, start: int) -> int:
    """1 + the start of the digits and hyphen right before ``start`` ("47-" in "47-ма"), or 0."""
    if start < 2 or name[start - 1] not in _HYPHENS or not name[start - 2].isdigit():
        return 0
    d = start - 2
    while d and name[d - 1].isdigit():
        d -= 1
    if d and (name[d - 1].isalnum() or name[d - 1] in _HYPHENS):
        return 0  # part of a longer token (Су-25-й, A7-й)
    return d + 1


def _indeclinable(word: str) -> _Forms:
    return {case: [word] for case in _ALL_CASES}


@lru_cache(maxsize=65536)
def _rule_for(code: str, low: str, type_: str, role: str, gender: str | None) -> _Rule | None:
    return _classify(_tables()[code], low, type_, role, gender)


def _decline_word(
    lang: _Lang, word: _Word, type_: str, role: str, gender: str | None, animate: bool, voc: bool
) -> tuple[_Forms | None, _Rule | None, str]:
    """A word's forms, the rule that made them and its kind ("fixed": it stays as written)."""
    low = word.low
    if len(low) < 2 or low in lang.fixed:
        return None, None, "fixed"
    if _is_upper(word.text) and len(low) <= (5 if type_ == "org" else 3):
        return _indeclinable(word.text), None, "indecl"  # acronyms: ЗСУ, НАТО, США
    rule = _rule_for(lang.code, low, type_, role, gender)
    forms = _decline(word.text, rule, animate, voc)
    return forms, rule, (rule.paradigm.kind if rule is not None else "none")


def _decline_unit(
    lang: _Lang, unit: _Unit, type_: str, role: str, gender: str | None, animate: bool, voc: bool
) -> _Declined:
    """Decline one unit; a hyphen compound declines its last part and the parts agreeing with it."""
    words = unit.words
    if len(words) == 1:
        only, rule, kind = _decline_word(lang, words[0], type_, role, gender, animate, voc)
        return _Declined([only], kind, rule.paradigm.gender if rule is not None else None)
    if len(words) == 2 and words[0].text.isdigit() and words[1].low:
        ordinal = _ordinal_unit(lang, words[1], type_)
        if ordinal is not None:
            return ordinal
    if not words[0].low:
        return _Declined([None] * len(words), "fixed", None)
    # everything from a fixed or foreign part on stays as written: Ростов-на-Дону
    cut = next((i for i, w in enumerate(words) if i and (not w.low or w.low in lang.fixed)), len(words))
    declined = [_decline_word(lang, w, type_, role, gender, animate, voc) for w in words[:cut]]
    _, last_rule, last_kind = declined[-1]
    keep = [False] * cut
    keep[-1] = True
    if type_ == "person":
        # Римский-Корсаков, Мамин-Сибиряк (but Кара-Мурза: a noun part stays)
        for i, (_, _, kind) in enumerate(declined[:-1]):
            keep[i] = kind in ("adj", "surname")
    elif last_kind == "adj" and cut == 2:
        # Каменец-Подольский, Кам'янка-Дніпровська; otherwise only the last part declines
        # (Санкт-Петербург, Ханты-Мансийск, Йошкар-Ола)
        first_rule = declined[0][1]
        keep[0] = (
            first_rule is not None
            and first_rule.paradigm.kind in ("noun", "surname")
            and last_rule is not None
            and first_rule.paradigm.gender == last_rule.paradigm.gender
        )
    forms: list[_Forms | None] = [declined[i][0] if keep[i] else None for i in range(cut)]
    forms += [None] * (len(words) - cut)
    gender_ = last_rule.paradigm.gender if last_rule is not None else None
    if type_ != "person" and cut == 2 and last_kind != "adj":
        agreeing = _postposed_part(lang, unit, type_, declined[0])
        if agreeing is not None:
            return agreeing
    return _Declined(forms, last_kind, gender_)


def _postposed_part(lang: _Lang, unit: _Unit, type_: str, first: tuple[_Forms | None, _Rule | None, str]) -> _Declined | None:
    """A place's hyphen compound of a noun and an adjective after it, read by the Latin press's
    tables (Kamianka-Dniprowska, Kamjanka-Dniprovská): the head rules read the adjective as a
    noun (Dniprowska -> *Dniprowski), ``mod_rules`` of role ``post`` read it as agreeing with the
    noun; both parts decline (Kamiance-Dniprowskiej). None when no such reading agrees."""
    forms, rule, kind = first
    if rule is None or kind not in ("noun", "surname") or forms is None:
        return None
    post = postposed_adjective(lang, _Unit(unit.words[1:], False), type_, rule.paradigm.gender)
    if post is None:
        return None
    return _Declined([forms, post.forms[0]], "noun", rule.paradigm.gender)


def _ordinal_unit(lang: _Lang, suffix: _Word, type_: str) -> _Declined | None:
    """An ordinal written with its numeral (47-ма, 3-й): the suffix declines as an adjective
    by the language's mod_rules for suffix words, the digits stay (47-ї, 3-го)."""
    rule = _classify_mod(lang, suffix.low, type_)
    if rule is None or rule.paradigm.kind != "adj":
        return None
    return _Declined([None, _decline(suffix.text, rule, False, False)], "adj", rule.paradigm.gender)


def _mod_unit(lang: _Lang, unit: _Unit, type_: str) -> _Declined | None:
    """The unit read as an adjective before its head noun, when a modifier rule covers it."""
    words = unit.words
    # a compound adjective declines its last part; the first ones end in the linking
    # vowel (гірсько-штурмова, десантно-штурмова)
    if not words[-1].low or any(not w.low.endswith("о") for w in words[:-1]):
        return None
    word = words[-1]
    rule = _classify_mod(lang, word.low, type_)
    if rule is None or rule.paradigm.kind != "adj":
        return None
    return _Declined([None] * (len(words) - 1) + [_decline(word.text, rule, False, False)], "adj", rule.paradigm.gender)


def _modifier_run(lang: _Lang, units: Sequence[_Unit], region: Sequence[_Declined], i: int,
                  type_: str) -> list[_Declined]:
    """The modifiers (``mod_rules``) of the words from ``i`` up to the first noun, when there are two or
    more and each agrees with that noun in gender; else nothing."""
    run: list[_Declined] = []
    for j in range(i, len(region)):
        if region[j].kind in ("noun", "surname"):
            if len(run) < 2 or any(m.gender != region[j].gender for m in run):
                return []
            return run
        modifier = _mod_unit(lang, units[j], type_)
        if modifier is None:
            return []
        run.append(modifier)
    return []


def _place_forms(lang: _Lang, units: Sequence[_Unit], type_: str) -> list[_Forms | None] | None:
    """Per-word forms of a place or organisation name; ``None``: only the nominative is safe.

    Adjectives before the head noun and the head noun decline in agreement, and so do
    adjectives right after it (Ростов Великий); the rest (Служба безпеки України: the
    genitive complement; anything after quotes or a preposition) stays as written.
    """
    region: list[_Declined] = []
    for i, unit in enumerate(units):
        if i and unit.stop_before:
            break
        declined = _decline_unit(lang, unit, type_, "head", None, False, False)
        if declined.kind == "fixed":
            break
        region.append(declined)
    chosen: dict[int, _Declined] = {}
    head: int | None = None
    i = 0
    while i < len(region):
        current = region[i]
        if current.kind == "adj":
            chosen[i] = current
            i += 1
            continue
        following = region[i + 1] if i + 1 < len(region) else None
        if following is not None and following.kind in ("noun", "surname") \
                and postposed_adjective(lang, units[i + 1], type_, current.gender) is None:
            modifier = _mod_unit(lang, units[i], type_)
            if modifier is not None and modifier.gender == following.gender:
                chosen[i] = modifier
                i += 1
                continue
        elif following is not None and following.kind not in ("noun", "surname", "adj"):
            # two modifiers or more before the noun, each agreeing with it (Ruská centrální banka)
            run = _modifier_run(lang, units, region, i, type_)
            if run:
                for k, modifier in enumerate(run):
                    chosen[i + k] = modifier
                i += len(run)
                continue
        head = i
        chosen[i] = current
        break
    if head is not None:
        head_gender = region[head].gender
        if region[head].kind in ("noun", "surname"):
            if any(chosen[k].gender != head_gender for k in range(head)):
                return None  # the words do not agree: we misread the name
            following = region[head + 1] if head + 1 < len(region) else None
            # Polish, Czech, Slovak: an adjective after its noun (Siły Zbrojne, Sztab Generalny)
            post = postposed_adjective(lang, units[head + 1], type_, head_gender) if following is not None else None
            if (
                following is not None
                and post is None
                and head_gender in ("m", "f", "n")  # a plural's genitive complement looks plural too
                and following.kind in ("noun", "surname")
                and following.gender == head_gender
                and units[head].low not in lang.apposition
            ):
                return None  # two nouns of one gender: Велика Мечетня misread as Russian
            j = head + 1
            while j < len(region):
                if region[j].kind == "adj" and region[j].gender == head_gender:
                    chosen[j] = region[j]
                elif post is not None:
                    chosen[j] = post
                else:
                    break
                j += 1
                post = postposed_adjective(lang, units[j], type_, head_gender) if j < len(region) else None
    forms: list[_Forms | None] = []
    for i, unit in enumerate(units):
        forms.extend(chosen[i].forms if i in chosen else [None] * len(unit.words))
    return forms


def _ending_gender(pairs: Iterable[tuple[str, str]], low: str) -> str | None:
    for ending, gender in pairs:
        if low.endswith(ending) and len(low) > len(ending):
            return gender
    return None


def _person_roles(lang: _Lang, units: Sequence[_Unit]) -> list[str]:
    """given / patronymic / surname for each unit of a person's name."""
    lows = [unit.low for unit in units]
    roles = ["given" if low in lang.given else "surname" for low in lows]
    real = [i for i, low in enumerate(lows) if len(low) > 1 and low not in lang.fixed]
    if len(real) >= 3:
        for pos, i in enumerate(real):
            if roles[i] != "given" and pos in (1, len(real) - 1) and _ending_gender(lang.patronymic, lows[i]):
                roles[i] = "patronymic"  # Given Patronymic Surname or Surname Given Patronymic
                roles[real[pos - 1]] = "given"
                break
    return roles


def _person_gender(lang: _Lang, units: Sequence[_Unit], roles: Sequence[str]) -> str | None:
    """The gender a person's name shows: patronymic, then given name, then surname endings."""
    for unit, role in zip(units, roles):
        if role == "patronymic":
            found = _ending_gender(lang.patronymic, unit.low)
            if found:
                return found
    givens = {lang.given[unit.low] for unit, role in zip(units, roles) if role == "given" and unit.low in lang.given}
    if len(givens) == 1:
        return givens.pop()
    votes = {_ending_gender(lang.surname_gender, unit.low) for unit, role in zip(units, roles) if role == "surname"}
    votes.discard(None)
    if len(votes) == 1:
        return votes.pop()
    real = [unit.low for unit in units if len(unit.low) > 1 and unit.low not in lang.fixed]
    if not givens and len(real) >= 2 and real[0][-1] in "ая" and _ending_gender(lang.surname_gender, real[0]) is None:
        return "f"  # an unlisted given name in first place: Зарема, Гульнара
    return None



def _tag(tags: dict[str, list[str]], form: str, case: str) -> None:
    """Record that ``form`` is the ``case`` form (cases kept in order, once each)."""
    seen = tags.get(form)
    if seen is None:
        tags[form] = [case]
    elif seen[-1] != case:
        seen.append(case)

def _assemble(name: str, words: Sequence[_Word], forms: Sequence[_Forms | None]) -> dict[str, str]:
    """Every case's phrase, rebuilt from the original text, mapped to its case tags."""
    declining = [f for f in forms if f is not None]
    if not declining:
        return {name: "nom"}
    tags: dict[str, list[str]] = {name: ["nom"]}  # cases are visited in CASES order
    if len(words) == 1:  # the common case, kept cheap
        word, only = words[0], declining[0]
        prefix, suffix = name[:word.start], name[word.end:]
        for case in _OBLIQUE:
            for text in only.get(case, ()):
                _tag(tags, prefix + text + suffix, case)
        return {form: " ".join(cases) for form, cases in tags.items()}
    gaps = [name[:words[0].start]] + [name[a.end:b.start] for a, b in pairwise(words)]
    tail = name[words[-1].end:]
    for case in _OBLIQUE:
        if any(case not in f for f in declining):
            continue
        options = [f[case] if f is not None else (w.text,) for w, f in zip(words, forms)]
        for count, combo in enumerate(product(*options)):
            if count >= _MAX_COMBINATIONS:
                break
            _tag(tags, "".join(gap + text for gap, text in zip(gaps, combo)) + tail, case)
    return {form: " ".join(cases) for form, cases in tags.items()}


def _resolve(text: str, lang: str | None, type_: str | None, gender: str | None) -> tuple[_Lang, str, str | None]:
    if lang in _LANGS or lang in _LATIN:
        code = str(lang)
    else:
        low = text.lower()
        found = detect_language(low, evidence="spelling")
        code, shown = found or "ru", found is not None
        if code == "ru":
            # letters that Russian shares: a given name of one other language decides
            # (Аляксандр Турчын is Belarusian, Микола Азаров Ukrainian)
            tables = _tables()
            words = low.translate(_APOSTROPHES).split()
            for other in ("be", "uk") if shown else ("uk", "be"):
                if any(w in tables[other].given and w not in tables["ru"].given for w in words):
                    code = other
                    break
    sex = gender if gender in ("m", "f") else None
    kind = type_ if type_ in _TYPES else ("person" if sex else "place")
    return _tables()[code], kind, sex


# a name that is one word of the tables' letters only (nothing for _split to cut or keep)
_CYRILLIC_ONLY = re.compile(r"[а-яёіїєґўА-ЯЁІЇЄҐЎ]+\Z")
_LATIN_ONLY = re.compile(r"[a-zA-Z\u00c0-\u024f]+\Z")

#: id(rule) -> (rule, its forms as (ending, case tags) in the order _assemble gives them)
_TEMPLATES: dict[int, tuple[_Rule, tuple[tuple[str, str], ...]]] = {}


def _template(rule: _Rule) -> tuple[tuple[str, str], ...]:
    """A place word's forms under ``rule`` with the stem left out: each distinct ending once,
    with its case tags, in the order :func:`_assemble` finds them (the nominative ending first).

    Two forms of one word are equal exactly when their endings are (they share the stem),
    so the paradigm is worked out once per rule and every word of the rule only prefixes
    its stem (what :func:`_single_word_forms` does).
    """
    got = _TEMPLATES.get(id(rule))
    if got is not None and got[0] is rule:
        return got[1]
    strip = rule.paradigm.strip
    forms = _decline(strip, rule, False, False)  # the stem is empty: the forms are the endings
    tags: dict[str, list[str]] = {strip: ["nom"]}
    for case in _OBLIQUE:
        for text in forms.get(case, ()):
            _tag(tags, text, case)
    template = tuple((ending, " ".join(cases)) for ending, cases in tags.items())
    _TEMPLATES[id(rule)] = (rule, template)
    return template


def _single_word_forms(name: str, lang: _Lang, type_: str) -> dict[str, str] | None:
    """The forms of a place or organisation name of one lower-case-ending word, from its
    rule's :func:`_template`; ``None`` when the general path must decide (acronyms and other
    upper-case words, indeclinables, anything but letters). The same answer as that path:
    one word is its own head, with nothing to agree with."""
    script = _LATIN_ONLY if lang.code in _LATIN else _CYRILLIC_ONLY
    if not script.match(name) or not name.isalpha():
        return None
    low = name.lower()
    if len(low) != len(name) or _is_upper(name):
        return None
    if len(low) < 2 or low in lang.fixed:
        return {name: "nom"}
    rule = _rule_for(lang.code, low, type_, "head", None)
    if rule is None or rule.paradigm.kind == "none":
        return {name: "nom"}
    strip = rule.paradigm.kind != "indecl" and rule.paradigm.strip
    if strip is False or not name.endswith(strip) or _is_upper(strip):
        return None
    stem = name[: len(name) - len(strip)]
    return {stem + ending: cases for ending, cases in _template(rule)}


def _forms(
    name: str, lang: _Lang, type_: str, gender: str | None, roles: Sequence[str] | None = None
) -> dict[str, str]:
    if not name:
        return {}
    if type_ != "person":
        single = _single_word_forms(name, lang, type_)
        if single is not None:
            return single
    return _phrase_forms(name, lang, type_, gender, roles)


def _phrase_forms(
    name: str, lang: _Lang, type_: str, gender: str | None, roles: Sequence[str] | None = None
) -> dict[str, str]:
    """:func:`_forms` word by word: any name, of any type."""
    units = _split(name, lang.code in _LATIN)
    if not units:
        return {name: "nom"}
    words = [word for unit in units for word in unit.words]
    if type_ == "person":
        roles = list(roles) if roles is not None else _person_roles(lang, units)
        if gender is None:
            gender = _person_gender(lang, units, roles)
        forms: list[_Forms | None] = []
        for unit, role in zip(units, roles):
            voc = lang.code == "uk" and role in ("given", "patronymic")
            forms.extend(_decline_unit(lang, unit, "person", role, gender, True, voc).forms)
    else:
        place = _place_forms(lang, units, type_)
        if place is None:
            return {name: "nom"}
        forms = place
    return _assemble(name, words, forms)


# -- API ----------------------------------------------------------------------------


def name_forms(
    name: str, *, lang: str | None = None, type: str | None = None, gender: str | None = None
) -> dict[str, str]:
    """Map each inflected form of a (possibly multi-word) Cyrillic name to its case tags.

    The tags of a form are space-separated, in the order of :data:`CASES`
    ("gen acc": Зеленського is both). The nominative (``name`` itself) is always a
    key. Multi-word names inflect in agreement: a person's words each by their own
    paradigm; a place or organisation's adjectives and head noun together, the rest
    unchanged (Служба безпеки України: Служби безпеки України). Capitalisation and
    the text between words are kept as written.

    ``lang`` is "ru", "uk" or "be" (detected from the letters when ``None``; a place whose
    letters show neither Russian nor Ukrainian, as Одеса, gets the forms of both); ``type``
    "person", "place" or "org" (``None``: a person when ``gender`` is given, else read
    like a place); ``gender`` "m" or "f" for persons (inferred from the name when
    ``None``: patronymic, given name, surname ending). Words no rule covers keep
    only the nominative. Never raises for a string.

    >>> name_forms("Бахмут", lang="uk", type="place")["Бахмуті"]
    'loc'
    >>> name_forms("Навальная", type="person")["Навальной"]
    'gen dat ins loc'
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {_type_name(name)}")
    table, kind, sex = _resolve(name, lang, type, gender)
    forms = _forms(name, table, kind, sex)
    if lang is None and kind != "person" and table.code == "ru" and detect_language(name, evidence="spelling") is None:
        # a place whose letters do not tell Russian from Ukrainian (Одеса, Ужгород, Житомир):
        # the forms of both (в Одесі, над Одесою beside в Одессе), as the matcher applies
        # both languages' schemes to such a name (a person's given name decides, above)
        for form, tags in _forms(name, _tables()["uk"], kind, sex).items():
            seen = forms.get(form)
            if seen is None:
                forms[form] = tags
            elif seen != tags:
                merged = set(seen.split()) | set(tags.split())
                forms[form] = " ".join(sorted(merged, key=_CASE_ORDER.__getitem__))
    return forms


def _type_name(value: object) -> str:
    """The class name of ``value``, for error messages."""
    return value.__class__.__name__


def word_forms(
    word: str, *, lang: str, type: str | None = None, gender: str | None = None
) -> dict[str, str]:
    """Forms of one word with their case tags, like :func:`name_forms` for a one-word name.

    A person's word is read as a given name when it is a listed given name, as a
    patronymic never (use :func:`person_name_forms`), else as a surname.

    >>> word_forms("Київ", lang="uk", type="place")["Києві"]
    'loc'
    """
    if not isinstance(word, str):
        raise TypeError(f"word must be a str, not {_type_name(word)}")
    table, kind, sex = _resolve(word, lang, type, gender)
    return _forms(word, table, kind, sex)


def person_name_forms(
    given: str | None, patronymic: str | None, surname: str | None, *, lang: str | None, gender: str | None
) -> dict[str, str]:
    """Forms of a person's full name, each part declined by its own paradigm.

    The name is built in both orders the press and documents use, "Given
    [Patronymic] Surname" and "Surname Given [Patronymic]" (a single part stands
    alone), and the forms of both are returned.

    >>> forms = person_name_forms("Володимир", "Олександрович", "Зеленський", lang="uk", gender="m")
    >>> forms["Володимира Олександровича Зеленського"], forms["Зеленському Володимиру Олександровичу"]
    ('gen acc', 'dat loc')
    """
    named = ((given, "given"), (patronymic, "patronymic"), (surname, "surname"))
    parts = [(text.strip(), role) for text, role in named if text and text.strip()]
    if not parts:
        return {}
    orders = [parts]
    if len(parts) > 1 and parts[-1][1] == "surname":
        orders.append([parts[-1], *parts[:-1]])
    joined = " ".join(text for text, _ in parts)
    table, _, sex = _resolve(joined, lang, "person", gender)
    result: dict[str, str] = {}
    for order in orders:
        name = " ".join(text for text, _ in order)
        units = _split(name, table.code in _LATIN)
        spans: list[tuple[int, int, str]] = []
        offset = 0
        for text, role in order:
            spans.append((offset, offset + len(text), role))
            offset += len(text) + 1
        roles = [
            next((role for lo, hi, role in spans if lo <= unit.words[0].start < hi), "surname") for unit in units
        ]
        forms = _forms(name, table, "person", sex, roles)
        for form, tags in forms.items():
            if form in result and result[form] != tags:
                merged = set(result[form].split()) | set(tags.split())
                tags = " ".join(sorted(merged, key=_CASE_ORDER.__getitem__))
            result[form] = tags
    return result

"""Persons: given-name groups, gender, and the matcher's person index and scores.

A person is indexed by its surname in every rendering and case form; the other
words of a query (given name, patronymic, initials, in any order) are checked
against what the lexicon gives (:meth:`PersonsMixin._person_score`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache
from itertools import chain

from rapidfuzz.distance import Levenshtein

from normalize import person_names
from normalize import scores as S
from normalize.fold import fold, fold_many, has_cyrillic, skeleton, skeleton_many
from normalize.matcher.data import engine_data, ranking
from normalize.matcher.hits import PersonKeys
from normalize.matcher.state import Candidates, MatcherState
from normalize.matcher.variants import canonical_latin, foreign_stems, romanize_all, romanize_many

__all__ = ["PersonsMixin", "given_genders", "given_group", "given_names", "is_given_name", "name_gender"]


@lru_cache(maxsize=1)
def given_names() -> tuple[dict[str, set[str]], dict[str, str]]:
    """(group id -> skeletons of every form, skeleton -> group id) of given names."""
    groups = person_names.given_name_table()
    forms: dict[str, set[str]] = {}
    owner: dict[str, str] = {}
    group_texts = []
    for group in groups:
        texts: list[str] = []
        for key in ("ru", "uk", "be", "latin", "diminutives"):
            texts.extend(group.get(key, []) or [])
        group_texts.append(texts)
    # every name with its renderings (romanize_all's, in its order), each in one batch:
    # the renderings scheme by scheme, then the light keys and skeletons of all of them
    every = list(chain.from_iterable(group_texts))
    rendered = romanize_many((t, None) for t in every if has_cyrillic(t))
    variants = [[t, *(out for out, _ in rendered.get((t, None), ()))] for t in every]
    flat = list(chain.from_iterable(variants))
    skel_of = dict(zip(flat, skeleton_many(fold_many(flat))))
    per_text = iter(variants)
    for group, texts in zip(groups, group_texts):
        gid = group["id"]
        skels: set[str] = set()
        for _ in texts:
            for variant in next(per_text):
                skels.add(skel_of[variant].replace(" ", ""))
        forms[gid] = skels
        for s in skels:
            owner.setdefault(s, gid)
        for t in group.get("ru", []) + group.get("uk", []) + group.get("be", []):
            owner.setdefault(fold(t), gid)
    return forms, owner


@lru_cache(maxsize=100_000)
def is_given_name(word: str) -> bool:
    """Is a word a given name of the given-name table (in any script or spelling)?"""
    return given_group(word) is not None


def given_group(word: str, owner: Mapping[str, str] | None = None) -> str | None:
    """The given-name group of a word, in any script or spelling (None: not a given name).

    ``owner``: the table of :func:`given_names` to read (a compiled index's copy), else that one.
    """
    if owner is None:
        owner = given_names()[1]
    word = person_names.display_case(word)
    return owner.get(fold(word)) or owner.get(skeleton(fold(canonical_latin(word))).replace(" ", ""))


@lru_cache(maxsize=1)
def given_genders() -> dict[str, str]:
    """given-name group id -> its gender."""
    return {g["id"]: g["gender"] for g in person_names.given_name_table()}


def name_gender(parts: person_names.PersonName) -> str | None:
    """A person's gender from the patronymic, else from the given name (None when neither says)."""
    if parts.patronymic and not parts.patronymic_is_initial:
        gender = person_names.patronymic_gender(parts.patronymic)
        if gender:
            return gender
    if parts.given and not parts.given_is_initial:
        gid = given_group(parts.given)
        if gid:
            return given_genders().get(gid)
    return None


class PersonsMixin(MatcherState):
    """Index and match persons (see the module docstring)."""

    def _index_person_name(self, person: PersonKeys, text: str, lang: str | None) -> None:
        """Index the surname, given name, patronymic and initials of one name of a person,
        in whatever order it is written (see :mod:`normalize.person_names`)."""
        parts = person_names.parse(text, is_given=is_given_name)
        if parts is None:
            return
        entity = self.entities[person.entity]
        if not person.alias:
            person.alias = text
        if person.gender is None:  # a register gives no gender: the patronymic or given name does
            person.gender = name_gender(parts)
        if parts.surname:
            surname = person_names.display_case(parts.surname)
            keys = self._surname_keys[person.entity]
            for variant in romanize_all(surname, lang):
                person.surname_skels.add(skeleton(fold(variant)).replace(" ", ""))
                keys.add(fold(variant))
            for form in self._inflected(surname, lang, entity):
                self._token_forms[fold(form)].add(fold(surname))
                keys.add(fold(form))
        given = parts.given
        if given and parts.given_is_initial:
            person.initials.update(person_names.initial_letters(given))
        elif given:
            given = person_names.display_case(given)
            gid = given_group(given)
            if gid:
                person.given_groups.add(gid)
            for variant in romanize_all(given, lang):
                sk = skeleton(fold(variant)).replace(" ", "")
                person.given_skels.add(sk)
                person.initials.add(sk[:1])
            for form in self._inflected(given, lang, entity):
                self._token_forms[fold(form)].add(fold(given))
        patronymic = parts.patronymic
        if patronymic and parts.patronymic_is_initial:
            person.initials.update("p:" + c for c in person_names.initial_letters(patronymic))
        elif patronymic:
            for variant in romanize_all(person_names.display_case(patronymic), lang):
                sk = skeleton(fold(variant)).replace(" ", "")
                person.patronymic_skels.add(sk)
                person.initials.add("p:" + sk[:1])

    def _surname_del1_index(self) -> dict[str, list[str]]:
        """One-deletion variants of the surname skeletons of five letters or more -> those skeletons."""
        if self._surname_del1 is None:
            idx: dict[str, list[str]] = defaultdict(list)
            for key in self._surnames:
                if len(key) >= 5:
                    for d in sorted({key[:i] + key[i + 1 :] for i in range(len(key))} | {key}):
                        idx[d].append(key)
            self._surname_del1 = dict(idx)
        return self._surname_del1

    def _match_person(self, cleaned: str, out: Candidates) -> None:
        """Persons by surname, whichever word it is (Roman Abramovich, ABRAMOVICH Roman,
        Abramovich R. A.), the other words checked against the person's given names,
        patronymics and initials (:meth:`_person_score`)."""
        tokens = person_names.tokens(cleaned)
        if not 1 <= len(tokens) <= 4 or not self._persons:
            return
        owner = self._owner

        def tok_skels(tok: str) -> list[str]:
            f = fold(tok)
            cands = [f] + sorted(self._token_forms.get(f, ()))
            outs = []
            for c in cands:
                outs.append(skeleton(fold(canonical_latin(c))).replace(" ", ""))
            return list(dict.fromkeys(outs))

        skels = [tok_skels(t.text) for t in tokens]
        for si, s_opts in enumerate(skels):
            if len(tokens[si].text) < 3 or tokens[si].initial:
                continue
            pids: dict[int, tuple[bool, str]] = {}
            for s in s_opts:
                for pid in self._surnames.get(s, ()):
                    pids[pid] = (True, s)
            ending = False
            if not pids and not has_cyrillic(tokens[si].text):
                # a Baltic or Czech case ending on the surname (Zelenskio, Putinas, Zacharovová)
                for stem, _ in foreign_stems(fold(tokens[si].text), "person"):
                    for pid in self._surnames.get(skeleton(stem), ()):
                        pids.setdefault(pid, (True, skeleton(stem)))
                        ending = True
            if not pids:
                for s in s_opts:
                    if len(s) < 5:
                        continue
                    for pid in self._fuzzy_surnames(s):
                        pids.setdefault(pid, (False, s))
            for pid, (exact, s) in pids.items():
                person = self._persons[pid]
                if not exact and not self._gender_ok(s, person):
                    continue
                others = [i for i in range(len(tokens)) if i != si]
                score = self._person_score(person, [skels[i] for i in others], [tokens[i] for i in others], owner,
                                           exact, s)
                if score is None:
                    continue
                via: tuple[str, ...] = ("person", "surname" if exact else f"surname~{s}")
                if ending:
                    via += ("foreign case ending",)
                if len(others) == 0:
                    # a surname alone: lower than a full name (a namesake outside the lexicon may
                    # be meant); several persons of that surname are all returned, ranked by
                    # their priors (see match); a near spelling of a surname alone is a guess
                    score = ranking()["surname_score"] if exact else S.SURNAME_ALONE_NEAR
                    if exact and not ending and not self._known_surname_form(tokens[si].text, person.entity):
                        # met through its skeleton only ("Kijiva" and Кива share "kiva"): no
                        # spelling of the surname is written so; the ranking gives no surname bonus
                        via += ("skeleton",)
                    via += ("alone",)
                ent = person.entity
                if ent not in out or score > out[ent][0]:
                    out[ent] = (score, person.alias, via)

    def _known_surname_form(self, text: str, entity: int) -> bool:
        """Is ``text`` a spelling of the entity's surname the index knows (a romanization or a
        case form), rather than another word that only shares its skeleton?"""
        f = fold(text)
        keys = self._surname_keys.get(entity, ())
        return f in keys or any(form in keys for form in self._token_forms.get(f, ()))

    def _fuzzy_surnames(self, s: str) -> set[int]:
        """The persons whose surname skeleton is one edit from ``s``."""
        found: set[int] = set()
        for key in self._surname_keys_near(s):
            found.update(self._surnames.get(key, ()))
        return found

    def _surname_keys_near(self, s: str) -> list[str]:
        """The surname skeletons one edit from ``s`` (through the deletion index)."""
        del1 = self._surname_del1_index()
        cands: set[str] = set()
        for d in {s[:i] + s[i + 1 :] for i in range(len(s))} | {s}:
            cands.update(del1.get(d, ()))
        return [c for c in cands if Levenshtein.distance(c, s) <= 1]

    def _gender_ok(self, s: str, person: PersonKeys) -> bool:
        """Does a surname's ending fit the person's gender (Navalnaya is not Navalny)?"""
        fem = s.endswith(tuple(engine_data()["feminine_surname_endings"]))
        return not ((person.gender == "m" and fem) or (person.gender == "f" and not fem))

    def _person_score(
        self,
        person: PersonKeys,
        other_skels: list[list[str]],
        other_tokens: list[person_names.NameToken],
        owner: Mapping[str, str],
        exact: bool,
        surname_skel: str,
    ) -> float | None:
        """The score of a person whose surname the query names, from its other words
        (given name, patronymic, initials, in any order); None when one contradicts it.

        A patronymic the lexicon does not give is accepted when its gender fits; a
        given name the lexicon gives only as an initial is accepted, lower, when the
        initial fits.
        """
        score = S.PERSON_SURNAME if exact else S.PERSON_NEAR_SURNAME

        def cap(limit: S.Cap) -> None:
            nonlocal score
            score = min(score, limit.exact if exact else limit.near)

        initials_only = not person.given_skels and not person.given_groups
        for opts, tok in zip(other_skels, other_tokens):
            t = tok.text
            if tok.initial:
                letters = person_names.initial_letters(t)
                if letters & person.initials or {"p:" + c for c in letters} & person.initials:
                    cap(S.PERSON_INITIAL)
                    continue
                return None
            ok = False
            for sk in opts:
                if sk in person.given_skels:
                    ok = True
                    break
                gid = owner.get(sk) or owner.get(fold(t))
                if gid and gid in person.given_groups:
                    ok = True
                    break
                if sk in person.patronymic_skels:
                    ok = True
                    break
            if ok:
                continue
            gender = person_names.patronymic_gender(t)
            if gender is not None:
                if person.gender and gender != person.gender:
                    return None
                if not person.patronymic_skels:
                    # a patronymic the lexicon does not give: it must fit an initial it gives
                    p_initials = {i for i in person.initials if i.startswith("p:")}
                    if p_initials and not {"p:" + sk[:1] for sk in opts} & p_initials:
                        return None
                    cap(S.PERSON_PATRONYMIC_NOT_GIVEN)
                    continue
                if any(len(sk) >= 6 and Levenshtein.distance(sk, p) <= 1
                       for sk in opts for p in person.patronymic_skels):
                    cap(S.PERSON_NEAR_PATRONYMIC)  # near spelling of the patronymic
                    continue
                # the same father's name in another language (Рыгоравіч, Grigoryevich)
                fathers = {person_names.father_name(p, owner.get) for p in person.patronymic_skels} - {None}
                if fathers and any(person_names.father_name(sk, owner.get) in fathers for sk in opts):
                    cap(S.PERSON_SAME_FATHER)
                    continue
                return None
            if initials_only:
                # the lexicon gives the given name only as an initial (Абрамович Р. А.)
                if {sk[:1] for sk in opts} & person.initials:
                    cap(S.PERSON_GIVEN_AS_INITIAL)
                    continue
                return None
            # near spelling of the given name (one edit), when it is not another known name
            for sk in opts:
                gid = owner.get(sk)
                if gid and person.given_groups and gid not in person.given_groups:
                    return None
                if len(sk) >= 4 and any(Levenshtein.distance(sk, g) <= 1 for g in person.given_skels):
                    ok = True
                    score = min(score, S.PERSON_NEAR_GIVEN)
                    break
            if not ok:
                return None
        return score

    def _person_veto(self, cleaned: str, out: Candidates) -> None:
        """Drop a near miss on a person whose given name the query contradicts: "Olga
        Deripaska" is one edit from Oleg Deripaska, and another person."""
        groups: set[str] | None = None
        for ent, (_, alias, via) in list(out.items()):
            if not via or not via[-1].startswith("fuzzy:") or self.entities[ent].type != "person":
                continue
            if groups is None:
                groups = {g for t in person_names.tokens(cleaned) if not t.initial
                          for g in [self._given_group_of(t.text)] if g}
                if not groups:
                    return
            parts = person_names.parse(alias, is_given=lambda w: self._given_group_of(w) is not None)
            if parts is None or not parts.given or parts.given_is_initial:
                continue
            theirs = self._given_group_of(parts.given)
            if theirs and theirs not in groups:
                del out[ent]

    def _given_group_of(self, word: str) -> str | None:
        """The given-name group of a word, from the matcher's table (built or compiled)."""
        return given_group(word, self._owner)

"""Indexing one entity: its names, the names derived from them, and every variant's keys.

Each name gives hits in the exact table (light keys), the skeleton and bag tables,
and, by entity type, the category cores (places), the organization cores, concept
keys and acronyms (organizations) and the person index (persons).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from normalize import evidence, org_names, person_names
from normalize import scores as S
from normalize.fold import fold_many, has_cyrillic, skeleton_many
from normalize.matcher.concepts import concept_keys
from normalize.matcher.hits import EntityView, Hit, NameForm, PersonKeys
from normalize.matcher.org_variants import compressed, country_dropped, country_respelled, drops_country
from normalize.matcher.orgs import COUNTRY_DROPPED, OrgsMixin
from normalize.matcher.persons import PersonsMixin, is_given_name
from normalize.matcher.places import PlacesMixin
from normalize.matcher.press_langs import ANY, add_key_langs
from normalize.matcher.variants import (
    PAREN_RE,
    correspondence_source,
    corresponding,
    declines_correspondence,
    lang_of,
    latin_case_languages,
    romanize_many,
)

__all__ = ["Indexer"]

#: a key with Cyrillic letters and no Latin one (a query is romanized before its skeleton is looked up)
_CYRILLIC_ONLY_RE = re.compile(r"(?=[^a-z]*[\u0400-\u052f])[^a-z]*\Z")

# how a name derived from a lexicon name was made (the first step of its ``via``)
_PRESS_ORDER = "press order"  # Абрамович Роман Аркадьевич -> Роман Аркадьевич Абрамович, Роман Абрамович
_LEGAL_FORM_REMOVED = "legal form removed"  # ПАО «Газпром» -> Газпром
_PARENTHESIS = "part in parentheses"  # Сбербанк России (ПАО Сбербанк) -> Сбербанк России, ПАО Сбербанк
_ELISION_SPACED = "elision as a word break"  # Agence ... de l'énergie atomique -> ... de l énergie atomique
_COUNTRY_RESPELLED = "country respelled"  # Министерство обороны Российской Федерации -> ... России, ... РФ
_COMPRESSED = "adjective compressed"  # Генеральная прокуратура -> Генпрокуратура
#: derived names that make no acronym of their own (their initials are no name's)
_NO_ACRONYM = frozenset((_COUNTRY_RESPELLED, _COMPRESSED, COUNTRY_DROPPED))


@lru_cache(maxsize=1)
def _elision_re() -> re.Pattern[str]:
    """A French (Catalan, Italian) elided word (tagging.json's ``elided_words``) and its apostrophe
    inside a name, before a letter."""
    words = sorted(evidence.data()["elided_words"], key=lambda w: (-len(w), w))
    return re.compile(rf"(?<![^\W\d_])({'|'.join(map(re.escape, words))})['’](?=[^\W\d_])", re.IGNORECASE)


def _derived_names(etype: str, forms: list[NameForm]) -> list[NameForm]:
    """The names an entity is also indexed under, derived from its lexicon names:

    * a person's register name in the press order (:func:`person_names.press_order`),
      so the exact keys, inflections and the tagger know "Роман Абрамович";
    * an organization name without its legal forms (ПАО «Газпром» -> Газпром), and the
      two parts of a name with a part in parentheses (Сбербанк России (ПАО Сбербанк));
    * an organization name with a French elision written as a word break ("de l'énergie" ->
      "de l énergie"), as the tagger reads running text;
    * an organization name as the Russian and Ukrainian press also writes it: the country at
      its end in another form (Российской Федерации, России, РФ) and Генеральная прокуратура
      compressed to Генпрокуратура (:mod:`normalize.matcher.org_variants`).
    """
    seen = {f.text for f in forms}
    out: list[NameForm] = []

    def add(text: str, f: NameForm, how: str) -> None:
        text = " ".join(text.split())
        if text and text not in seen and any(c.isalpha() for c in text):
            seen.add(text)
            out.append(NameForm(text, f.lang, f.kind, f.alias, how))

    for f in forms:
        if f.kind == "acronym":
            if etype == "org":
                # "МВД России", "МВД Украины": the press's bare МВД, either country's (the tagger tells which from
                # the text); indexed as a derived acronym, below any lexicon acronym (Ukraine's own МЗС)
                bare = country_dropped(f.text, f.lang)
                if bare is not None:
                    add(bare, f, COUNTRY_DROPPED)
            continue
        if etype == "person":
            parts = person_names.parse(f.text, is_given=is_given_name)
            if parts is not None:
                for text in person_names.press_order(parts):
                    add(text, f, _PRESS_ORDER)
        elif etype == "org":
            if "'" in f.text or "’" in f.text:
                # the tagger reads "l'énergie" in running text as two words, as it reads "d'Engels"
                spaced = _elision_re().sub(r"\1 ", f.text)
                if spaced != f.text:
                    add(spaced, f, _ELISION_SPACED)
            pieces = [f.text]
            paren = PAREN_RE.search(f.text)
            if paren:
                for piece in (PAREN_RE.sub(" ", f.text), paren.group(1)):
                    if org_names.parse(piece).core:
                        add(piece, f, _PARENTHESIS)
                        pieces.append(piece)
            for piece in pieces:
                stripped = org_names.parse(piece).stripped_text
                if stripped != piece:
                    add(stripped, f, _LEGAL_FORM_REMOVED)
            _add_press_variants(f, add)
    return out


def _add_press_variants(f: NameForm, add: Callable[[str, NameForm, str], None]) -> None:
    """An organization name's press variants (:mod:`normalize.matcher.org_variants`): the
    country at its end in its other forms or left out, the compressed adjective, and both together."""
    short = compressed(f.text)
    if short is not None:
        add(short, f, _COMPRESSED)
    for text in (f.text, short):
        if text is not None:
            for other in country_respelled(text, f.lang):
                add(other, f, _COUNTRY_RESPELLED)
            bare = country_dropped(text, f.lang) if drops_country(f.lang, f.kind) else None
            if bare is not None:
                add(bare, f, COUNTRY_DROPPED)



# the derivations of the commonest variants, made once each (equal tuples: the same hits)
_SCHEME_VIA: dict[str, tuple[str, ...]] = {}  # scheme ID -> ("scheme:ID",)
_FORM_VIA: dict[str, tuple[str, ...]] = {}  # case tags -> ("inflection:TAGS",)
_SKELETON_VIA: dict[tuple[str, ...], tuple[str, ...]] = {}  # via -> via + ("skeleton",)


def _via(made: dict[Any, tuple[str, ...]], key: Any, prefix: str | None = None) -> tuple[str, ...]:
    """The derivation for ``key`` in ``made`` (made now: ``(prefix + key,)``, or ``key`` + ("skeleton",))."""
    via: tuple[str, ...] = (prefix + key,) if prefix is not None else key + ("skeleton",)
    if len(made) < 100_000:
        made[key] = via
    return via


class Indexer(PlacesMixin, OrgsMixin, PersonsMixin):
    """Index entities into the tables (places, organizations and persons each add theirs)."""

    def _index_range(self, lo: int, hi: int) -> None:
        """Index entities ``lo`` to ``hi`` (their romanizations done first, scheme by scheme)."""
        named = [self._entity_names(entity) for entity in self.entities[lo:hi]]
        self._roman_masks = {}
        self._roman = romanize_many(self._romanization_requests(lo, hi, named), self._roman_masks)
        try:
            for idx, names in zip(range(lo, hi), named):
                self._index_entity(idx, self.entities[idx], names)
        finally:
            self._roman = {}
            self._roman_masks = {}

    @staticmethod
    def _entity_names(entity: EntityView) -> tuple[list[NameForm], set[str | None]]:
        """(the names of an entity, label included, then the names derived from them;
        languages of its Cyrillic names)."""
        names = [(n, None, None) if isinstance(n, str) else (n.text, n.lang, n.kind) for n in entity.names]
        if entity.label and all(entity.label != t for t, _, _ in names):
            names.append((entity.label, "en", None))
        langs_present = {lang_of(t, lg) for t, lg, _ in names if has_cyrillic(t)}
        forms = [NameForm(t, lg, k, t) for t, lg, k in names]
        forms.extend(_derived_names(entity.type, forms))
        return forms, langs_present

    def _romanization_requests(
        self, lo: int = 0, hi: int | None = None,
        named: list[tuple[list[NameForm], set[str | None]]] | None = None,
    ) -> Iterator[tuple[str, str | None]]:
        """The ``(text, lang)`` pairs :meth:`_index_entity` romanizes, to do them in one batch.

        Mirrors its loop; a pair missed here is only romanized later, one at a time.
        ``named``: the entities' :meth:`_entity_names`, when already known.
        """
        entities = self.entities[lo:hi]
        for entity, (names, langs_present) in zip(entities, named or map(self._entity_names, entities)):
            for text, lang, kind, _, how in names:
                if entity.type == "org" and how != _LEGAL_FORM_REMOVED and kind != "acronym":
                    core = org_names.parse(text).core_text
                    if core and has_cyrillic(core):
                        yield core, lang
                if not has_cyrillic(text):
                    continue
                if kind == "acronym":
                    yield text, None
                    continue
                yield text, lang
                if entity.type == "org" and len(text.split()) >= 2 and how not in _NO_ACRONYM:
                    acro = self._acronym_of(text)
                    if acro is not None and len(acro) >= 3:
                        yield acro, None
                src = lang_of(text, lang)
                declines = declines_correspondence(entity)
                if src is None and declines:  # letters Russian and Ukrainian share: the country's language
                    src = correspondence_source(entity)
                for target, other in corresponding(text, src):
                    if target not in langs_present:
                        yield other, target

    def _index_entity(self, idx: int, entity: EntityView,
                      named: tuple[list[NameForm], set[str | None]] | None = None) -> None:
        """Add an entity's hits to every table that suits its type (``named``: its :meth:`_entity_names`)."""
        names, langs_present = named or self._entity_names(entity)
        is_person = entity.type == "person"
        person = PersonKeys(entity=idx, gender=getattr(entity, "gender", None)) if is_person else None
        stop = self._stop_skels()
        # best quality indexed so far per light key and per skeleton of this entity: a
        # variant no better than an earlier one of the same key would change no hit
        # (_add keeps the first of the best), so it is skipped before any work
        best_key: dict[str, float] = {}
        best_skel: dict[str, float] = {}
        exact, skels = self._exact, self._skel
        for text, lang, kind, alias, how in names:
            base_q = S.Q_NAME if kind in (None, "official", "short", "alias", "alternate", "exonym") else S.Q_OTHER_KIND
            if kind == "former":
                base_q = S.Q_FORMER
            if kind == "acronym" or (how == COUNTRY_DROPPED and " " not in text and text.isupper()):
                # a bare acronym left of "МИД России" or "МВД Украины" is a derived one, whatever the name's kind
                self._index_acronym(idx, text, ("lexicon acronym",) if how is None else (how, alias))
                continue
            if how is not None:
                base_q *= S.Q_DERIVED  # a derived name: a little below the name it comes from
                if how == COUNTRY_DROPPED:
                    base_q *= S.Q_COUNTRY_DROPPED
            if entity.type == "org" and how != _LEGAL_FORM_REMOVED:  # (that one has the same core)
                self._index_org_core(idx, text, lang, alias)
            # (variant, its via, its quality, the languages that write it: normalize.matcher.press_langs)
            variants: list[tuple[str, tuple[str, ...], float, int]] = [
                (text, ("lexicon name",) if how is None else (how,), base_q, ANY)]
            if has_cyrillic(text):
                q_scheme = base_q * S.Q_SCHEME
                for out, sid in self._romanized(text, lang):
                    variants.append((out, _SCHEME_VIA.get(sid) or _via(_SCHEME_VIA, sid, "scheme:"), q_scheme,
                                     self._rendering_mask(text, lang, out)))
                q_form = base_q * S.Q_INFLECTION
                for form, case in self._inflected(text, lang, entity).items():
                    if form != text:
                        variants.append((form, _FORM_VIA.get(case) or _via(_FORM_VIA, case, "inflection:"), q_form, ANY))
                src = lang_of(text, lang)
                declines = declines_correspondence(entity)
                if src is None and declines:  # letters Russian and Ukrainian share: the country's language
                    src = correspondence_source(entity)
                for target, other in corresponding(text, src):
                    if target in langs_present:
                        continue  # the lexicon gives that language's form itself
                    variants.append((other, (f"correspondence:{src}>{target}",), base_q * S.Q_CORRESPONDENCE, ANY))
                    for out, sid in self._romanized(other, target):
                        variants.append((out, (f"correspondence:{src}>{target}", f"scheme:{sid}"),
                                         base_q * S.Q_CORRESPONDENCE_SCHEME, self._rendering_mask(other, target, out)))
                    if declines:  # a town the other language's press names: у Новоросійську
                        q_cform = base_q * S.Q_CORRESPONDENCE * S.Q_INFLECTION
                        for form, case in self._inflected(other, target, entity).items():
                            if form != other:
                                via = _FORM_VIA.get(case) or _via(_FORM_VIA, case, "inflection:")
                                variants.append((form, (f"correspondence:{src}>{target}",) + via, q_cform, ANY))
            else:
                q_form = base_q * S.Q_INFLECTION
                for form, case in self._inflected(text, lang, entity).items():
                    if form != text:  # a Latin name of a language that declines it (Lwów: we Lwowie)
                        variants.append((form, _FORM_VIA.get(case) or _via(_FORM_VIA, case, "inflection:"), q_form, ANY))
                for code in latin_case_languages(text, lang, entity):  # a big town's bare Latin name: w Tarnopolu
                    for form, case in self._inflected(text, code, entity).items():
                        if form != text:
                            variants.append((form, _FORM_VIA.get(case) or _via(_FORM_VIA, case, "inflection:"), q_form, ANY))
            if how is not None:
                variants = [(v, via if via[0] == how else (how,) + via, q, m) for v, via, q, m in variants]
            # the light keys of all the variants, then their skeletons, each in one batch
            keys = fold_many([v[0] for v in variants])
            romanized: list[tuple[str, tuple[str, ...], float]] = []
            press = self._press_only
            for (_, via, q, mask), key in zip(variants, keys):
                if not key:
                    continue
                if mask != ANY or press:
                    add_key_langs(press, exact, key, mask)
                seen = best_key.get(key)
                if seen is not None and seen >= q:
                    continue  # exact, skeleton, bag and core hits all at least as good already
                best_key[key] = q
                # only this loop adds to _exact and _skel, so the entity's hit on a key it
                # has seen is that bucket's last one: what _add would find, without a search
                hit = Hit(idx, alias, via, q)
                if seen is None:
                    exact[key].append(hit)
                else:
                    exact[key][-1] = hit
                if not key.isascii() and _CYRILLIC_ONLY_RE.match(key):
                    continue  # queries reach skeletons, bags and cores only romanized: never a Cyrillic key
                romanized.append((key, via, q))
            # (the skeleton, bag and core tables are apart from the exact one: filling them
            # after it, in the same order, gives the same tables)
            for (key, via, q), skel in zip(romanized, skeleton_many([k for k, _, _ in romanized])):
                seen = best_skel.get(skel)
                if seen is None or seen < q:  # else the skeleton and bag hits are there already
                    best_skel[skel] = q
                    hit = Hit(idx, alias, _SKELETON_VIA.get(via) or _via(_SKELETON_VIA, via), q * S.Q_SKELETON)
                    if seen is None:
                        skels[skel].append(hit)
                    else:
                        skels[skel][-1] = hit
                    if " " in skel:  # (one word is no other word order)
                        words = [w for w in skel.split(" ") if w not in stop]
                        if len(words) >= 2:
                            self._add(self._bag, " ".join(sorted(words)), Hit(idx, alias, via + ("word order",),
                                                                                      q * S.Q_WORD_ORDER))
                if " " in key:  # (a one-word key has no category word to split off)
                    self._index_core(idx, alias, via, q, key, entity)
            if entity.type == "org" and how is None:
                # its generic words in any language: "Wagner-Gruppe", "Siły Zbrojne Ukrainy"
                for ckey in concept_keys(text, self._stop):
                    self._add(self._concepts, ckey, Hit(idx, alias, ("generic words",), base_q * S.Q_GENERIC_WORDS))
            if not has_cyrillic(text) and len(text.split()) >= 3 and entity.type == "org":
                self._derive_acronym(idx, text)
            if has_cyrillic(text) and len(text.split()) >= 2 and entity.type == "org" and how not in _NO_ACRONYM:
                self._derive_acronym(idx, text)
            if person is not None and how is None:
                self._index_person_name(person, text, lang)
        if person is not None and person.surname_skels:
            self._persons.append(person)
            pid = len(self._persons) - 1
            for s in person.surname_skels:
                if pid not in self._surnames[s]:
                    self._surnames[s].append(pid)

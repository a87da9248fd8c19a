"""Category words: names that a region word ("regions", "областями", "obwodzie") applies to.

"Sumy, Chernihiv and Poltava regions", "Брянською, Курською та Бєлгородською
областями": coordinated names before a plural category word; "obwodzie kurskim",
"région de Saratov", "Gebiete Kursk und Belgorod": names after one. Each name is
resolved as the region of that class whose core it is (the matcher's category cores).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from normalize import evidence
from normalize.fold import fold
from normalize.inflect.adjectives import adjective_variants
from normalize.tagger.offsets import OffsetMap
from normalize.tagger.results import VIA_CATEGORY, VIA_REGION_NOUN, VIA_REGION_PREPOSITION, VIA_SHARED, Raw, Rejected
from normalize.tagger.state import TaggerState, UsesState
from normalize.tagger.table import FULL_ANY, FULL_CAP
from normalize.tagger.words import (
    CATEGORY_LINKS,
    CATEGORY_STEMS,
    HYPHENS,
    NEXT_WORD_RE,
    ROMANIZED_ADJECTIVE_RE,
    prev_word,
)

if TYPE_CHECKING:  # pragma: no cover
    from normalize.matcher.hits import Hit

__all__ = ["CategoryWords"]

#: a category word found in a view: (view start, view end, class, base word)
Site = tuple[int, int, str, str]


def _nominative_adjective(latin: str) -> str:
    """A folded Latin place adjective in any case as its feminine nominative (kurskoiu, kurskim -> kurska)."""
    m = ROMANIZED_ADJECTIVE_RE.search(latin)
    if m is None:
        return latin
    return latin[: m.start()] + "a"


def _has_cyrillic(s: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in s)


def _after_elided_link(word: str, start: int) -> int:
    """Where the name starts in a word that may begin with an elided link ("d'Odessa" in "région
    d'Odessa": the name starts after the apostrophe)."""
    for apostrophe in "'’ʼ":
        i = word.find(apostrophe)
        if i > 0:
            return start + i + 1 if fold(word[:i]) in CATEGORY_LINKS else start
    return start


class CategoryWords(UsesState):
    """Finds category words in a view and the regions of the names they apply to."""

    def __init__(self, state: TaggerState) -> None:
        super().__init__(state)
        self._cat_words: dict[str, tuple[str, str]] | None = None
        self._regions: dict[tuple[str, str, str], int | None] = {}  # what _region found (it depends on nothing else)
        self._heads: tuple[str, ...] | None = None  # "-offensive": see _area_heads
        self._lang_of: tuple[str | None, str | None] = (None, None)  # the last chunk asked and its language

    def sites(self, view: str) -> list[Site]:
        """``(view start, view end, class, base word)`` of each category word of the view
        ("regions", "областями", "obwodzie", "région"), found by their stems."""
        found: set[Site] = set()
        words = self._words()
        for stem in CATEGORY_STEMS:
            p = view.find(stem)
            while p >= 0:
                a = view.rfind(" ", 0, p) + 1
                b = view.find(" ", p)
                if b < 0:
                    b = len(view)
                got = words.get(view[a:b])
                if got is None:
                    # a category word joined to the name before it: "Charkiw-Region", "Donezk-Gebiet"
                    h = view.rfind("-", a, p)
                    if h > a:
                        got = words.get(view[h + 1 : b])
                        a = h + 1
                if got is not None:
                    found.add((a, b, *got))
                p = view.find(stem, b)
        found.update(self._area_heads(view))
        return sorted(found)

    def _area_heads(self, view: str) -> list[Site]:
        """The heads of compounds that name an operation over an area ("Kursk-Offensive",
        ``area_compound_heads``), as sites of class ``area``; whether a hyphen joins one to the
        name before it is read in the text (:meth:`shared`)."""
        heads = self._heads
        if heads is None:
            raw = evidence.data()["raw"]["area_compound_heads"]
            # the view writes a hyphen as a space: the hyphen is checked in the text (shared)
            heads = self._heads = tuple(sorted({" " + fold(w) for words in raw.values() for w in words}))
        out: list[Site] = []
        for head in heads:
            p = view.find(head)
            while p >= 0:
                b = p + len(head)
                if p > 0 and view[p - 1].isalnum() and (b == len(view) or not view[b].isalnum()):
                    out.append((p + 1, b, "area", head[1:]))
                p = view.find(head, b)
        return out

    def _words(self) -> dict[str, tuple[str, str]]:
        """Folded category word -> (class, base word): the matcher's categories and their plural forms."""
        got = self._cat_words
        if got is None:
            got = {}
            for w, cls in self._state.matcher._categories.items():
                got[w] = (cls, w)
            got.update(evidence.data()["category_words"])
            self._cat_words = got
        return got

    def shared(self, chunk: str, base: int, omap: OffsetMap, sites: list[Site],
               out: list[Raw], rejected: list[Rejected] | None) -> list[Raw]:
        """Names that a category word applies to, each resolved as a region of that class.

        "Sumy, Chernihiv and Poltava regions", "Брянською, Курською та Бєлгородською
        областями": coordinated names before a plural category word; "obwodzie
        kurskim", "région de Saratov", "Gebiete Kursk und Belgorod": names after
        one. Each name is looked up as the category's core (the matcher's
        ``_core`` table: "Kursk" + region = Kursk Oblast); the first name after
        the category word, or the last before a plural one, takes the category
        word into its span. Only names that all resolve are taken.
        """
        found: list[tuple[int, int, int, int]] = []  # (start, end, entity, flag)
        for a, b, cls, word in sites:
            cs, ce = omap.start(a), omap.end(b - 1)
            if cls == "area":
                joined = self._name_joined_before(chunk, cs, "region", "region")
                if joined is not None:  # "Kursk-Offensive": the region, the name alone the mention
                    found.append((joined[0], cs - 1, joined[1], VIA_CATEGORY))
                continue
            plural = word != fold(chunk[cs:ce])
            names = []
            for x, y in self._region_names_after(chunk, cs, ce):
                e = self._region(chunk[x:y], cls, word)
                if e is None:
                    break
                names.append((x, y, e))
            if names and self._inside_a_name(cs + base, ce + base, out):
                # "Томской области Владимир Мазур": the category word ends a region's name the scan found;
                # it names no other region after it (here a given name)
                continue
            if names:
                for k, (x, y, e) in enumerate(names):
                    found.append((cs if k == 0 else x, y, e, VIA_CATEGORY))
                continue
            adjectives = self._adjectives_before(chunk, cs, cls, word)
            if adjectives:
                for k, (x, y, e) in enumerate(adjectives):
                    found.append((x, ce if k == 0 else y, e, VIA_CATEGORY if len(adjectives) == 1 else VIA_SHARED))
                continue
            joined = self._name_joined_before(chunk, cs, cls, word)
            if joined is not None:
                found.append((joined[0], ce, joined[1], VIA_CATEGORY))
                continue
            if not plural:
                one = self._declined_adjective_before(chunk, cs, cls, word)
                if one is not None:  # "Charkovská oblast", "na Doněckou oblast"
                    more = self._coordinated_before(chunk, one[0], cls, word)
                    found.append((one[0], ce, one[1], VIA_SHARED if more else VIA_CATEGORY))
                    found.extend((x, y, e, VIA_SHARED) for x, y, e in more)
                continue
            adjective = None  # is the name next to the category word a declined Czech or Slovak adjective?
            for x, y in reversed(self._names_before(chunk, cs)):
                declined = fold(chunk[x:y]).endswith(evidence.data()["declined_adjectives_before_category"])
                if adjective is None:
                    adjective = declined
                elif adjective and not declined:
                    break  # "v Oděse a Dnipropetrovské oblasti": a town's case form shares no adjective's category word
                e = self._region(chunk[x:y], cls, word)
                if e is None or (self._t.entities[e][7] == "populated place" and not self._region_named(e, out)):
                    break  # a city's district (a populated place to GeoNames) only where its city's region is named
                names.append((x, y, e))
            for k, (x, y, e) in enumerate(names):
                found.append((x, ce if k == 0 else y, e, VIA_SHARED))
        if not found:
            return out
        found.sort()
        # a mention is dropped when a found span overlaps it: among the spans that start before it
        # ends, the one reaching furthest must end after it starts (one bisection per mention)
        xs = [x for x, _, _, _ in found]
        reach = list(itertools.accumulate((y for _, y, _, _ in found), max))
        kept: list[Raw] = []
        for r in out:
            i = bisect_left(xs, r[1] - base)
            if i and reach[i - 1] > r[0] - base:
                if rejected is not None:
                    rejected.append((r[0], r[1], r[2], r[3], r[4], "part of a region named with a category word"))
            else:
                kept.append(r)
        merged = kept + [(x + base, y + base, -1, flag, -2 - e) for x, y, e, flag in found]
        merged.sort()
        return merged

    def regions_after_preposition(self, chunk: str, base: int, out: list[Raw]) -> list[Raw]:
        """A town's name in the locative after a preposition that takes a region, not a town (Polish
        "na Zaporożu", "na Chersoniu" beside "w Zaporożu": ``region_prepositions``, the locative
        endings ``region_case_endings``), is the region named after that town, when there is one
        (of the town's own country and division); otherwise the mention is left as it is. The
        accusative ("atak na Zaporoże": the city) does not take those endings; nor does the
        accusative in -u of a name in -a ("útok na Oděsu", Czech: the city), which is told by its
        name in -a (:meth:`_accusative_of_a`)."""
        d = evidence.data()
        preps = d["region_prepositions_any"]
        endings = d["region_case_endings_any"]
        towns = frozenset(d["raw"]["town_subtypes"])
        ents = self._t.entities
        is_place = self._is_place
        for i, r in enumerate(out):
            if r[2] < 0 or r[4] != -1:
                continue
            s, e = r[0] - base, r[1] - base
            if s < 3 or chunk[s - 1] != " " or not chunk[s].isupper():
                continue
            j = chunk.rfind(" ", max(0, s - 5), s - 1)
            if j < 0 and s > 3:
                continue
            if fold(chunk[j + 1 : s - 1]) not in preps:
                continue
            word = chunk[s:e]
            if " " in word or not fold(word).endswith(endings):
                continue
            cands = self._state.entities_of(r[2])
            if not cands or not all(is_place[x] and ents[x][7] in towns for x in cands):
                continue
            if self._accusative_of_a(word, cands):
                continue
            region = self._region_of_centre(word, "region", "oblast")
            if region is not None:
                out[i] = (r[0], r[1], -1, VIA_REGION_PREPOSITION, -2 - region)
        return out

    def region_nouns(self, chunk: str, base: int, out: list[Raw]) -> list[Raw]:
        """A capitalized word no mention covers, with an ending of ``region_noun_endings`` (Czech
        "na Charkovsku", "Záporožsko", "z Charkovska"), whose adjective made with that ending's
        replacement names a region ("Charkovská", as in "Charkovská oblast"), is a mention of the
        region, in a text of a language with that ending (asked only when one is found). The endings
        are searched as written (a few ``str.find`` per chunk); most hits fail the capital test."""
        table = evidence.data()["region_noun_endings_any"]
        hits: list[tuple[int, int, str, str]] = []
        for ending, adjective in table.items():
            p = chunk.find(ending)
            while p >= 0:
                e = p + len(ending)
                if e == len(chunk) or not chunk[e].isalpha():
                    s = p
                    while s > 0 and chunk[s - 1].isalpha():
                        s -= 1
                    if p - s >= 3 and chunk[s].isupper() and chunk[s + 1 : p].islower():
                        hits.append((s, e, chunk[s:p] + adjective, ending))
                p = chunk.find(ending, e)
        if not hits:
            return out
        starts = [r[0] - base for r in out]
        reach = list(itertools.accumulate((r[1] - base for r in out), max))
        found: list[Raw] = []
        for s, e, adjective, ending in hits:
            i = bisect_left(starts, e)
            if i and reach[i - 1] > s:
                continue  # a mention covers the word ("Luhansku": the town, or the region after "na")
            region = self._region(adjective, "region", "oblast")
            if region is None:
                continue
            if not self._region_noun_language(chunk, ending):
                continue
            found.append((s + base, e + base, -1, VIA_REGION_NOUN, -2 - region))
        if not found:
            return out
        return sorted(out + found)

    def _region_noun_language(self, chunk: str, ending: str) -> bool:
        """Is ``chunk`` of a language whose region nouns take ``ending``: so detected, or, since a short
        text's function words may mislead the detector, holding a letter only such a language writes?"""
        if chunk is not self._lang_of[0]:
            self._lang_of = (chunk, evidence.document_language(chunk))
        raw = evidence.data()["raw"]
        lang = self._lang_of[1]
        if lang is not None and ending in raw["region_noun_endings"].get(lang, ()):
            return True
        return any(ending in raw["region_noun_endings"].get(x, ()) and any(c in chunk for c in letters)
                   for x, letters in raw["region_noun_letters"].items())

    def _accusative_of_a(self, word: str, cands: Sequence[int]) -> bool:
        """Is ``word`` (ending in -u) the accusative of a name of one of ``cands`` that ends in -a
        ("Oděsu": Oděsa)? A locative in -u has no such name ("Zaporożu": "Zaporoża" is a case form)."""
        key = fold(word)
        if not key.endswith("u") or key.endswith(("sku", "cku")):
            return False  # a name in -ska, -cka is an adjective's form (GeoNames "Luhanska"), no town's
        t = self._t
        kid = t.number(key[:-1] + "a")
        if kid < 0:
            return False
        # a name as written (the lexicon's or a scheme's), not a case form ("Zaporoża", the genitive)
        return any(c[0] in cands and not t.strings[c[2]].startswith("inflection")
                   for c in self._state.candidates(kid, FULL_CAP | FULL_ANY))

    def _region_names_after(self, chunk: str, start: int, end: int) -> list[tuple[int, int]]:
        """The names after a category word that it may make regions of: none after a word that, before
        a name in the genitive, means the area around a town (Polish "w rejonie Pokrowska", "w rejon
        Kupiańska": ``area_words``); the region is then named with an adjective ("w rejonie
        pokrowskim"), which Polish writes in lower case."""
        names = self._names_after(chunk, end)
        if names and chunk[names[0][0]].isupper() and fold(chunk[start:end]) in evidence.data()["area_words_any"]:
            return []
        return names

    @staticmethod
    def _inside_a_name(start: int, end: int, out: Sequence[Raw]) -> bool:
        """Is ``start``-``end`` (a category word, in the text's offsets) a word of a mention the scan kept, a
        region's name declined with its category word ("Томской области")? ``out`` is in text order; only asked
        when names after the category word resolve."""
        i = bisect_left(out, (end,))
        return any(r[0] <= start and end <= r[1] for r in out[max(0, i - 3) : i])

    def _joins(self, chunk: str, w: str) -> bool:
        """Whether the folded word ``w`` coordinates names in ``chunk``: one of ``coordinators``, or one of
        the ``language_coordinators`` of the chunk's language (Czech "a", Spanish "y"). The chunk's
        language is asked only for such a word, once per chunk."""
        d = evidence.data()
        if w in d["coordinators"]:
            return True
        if w not in d["language_coordinators_any"]:
            return False
        if chunk is not self._lang_of[0]:
            self._lang_of = (chunk, evidence.document_language(chunk))
        lang = self._lang_of[1]
        return lang is not None and w in d["language_coordinators"].get(lang, ())

    def _region_named(self, e: int, out: Sequence[Raw]) -> bool:
        """Does a mention of the chunk name a place of the first-level division of ``e`` (a city's district,
        "the Darnytskyi and Sviatoshynskyi districts" with Kyiv named), each mention read as its biggest
        place? Many cities have a Tsentralnyi or a Kyivskyi district."""
        rows = self._t.entities
        want = (rows[e][4], rows[e][5])
        sizes = self._state.sizes
        for r in out:
            places = [x for x in self._state.entities_of(r[2]) if self._is_place[x] and x != e] if r[2] >= 0 else []
            if places:
                x = max(places, key=lambda y: sizes[y])
                if (rows[x][4], rows[x][5]) == want:
                    return True
        return False

    def _coordinated_before(self, chunk: str, start: int, cls: str, category: str) -> list[tuple[int, int, int]]:
        """The declined place adjectives coordinated before the one that starts at ``start`` and shares its
        singular category word ("nad Charkovskou a Sumskou oblastí", "Charkovské, Sumské a Doněcké
        oblasti"), last first, each ``(start, end, region)``; nothing past one that does not resolve."""
        out: list[tuple[int, int, int]] = []
        pos = start
        for _ in range(6):
            m = prev_word(chunk, max(0, pos - 40), pos)
            if m is None:
                break
            sep = m.group(2).strip(" \xa0")
            if sep == "," and out:
                at, end = m.end(1), m.end(1)  # "X, Y a Z": the word before the comma is the adjective
            elif not sep and self._joins(chunk, fold(m.group(1))):
                at = m.start(1)
                end = len(chunk[:at].rstrip(" \xa0"))
            else:
                break
            one = self._declined_adjective_before(chunk, at, cls, category)
            if one is None:
                break
            out.append((one[0], end, one[1]))
            pos = one[0]
        return out

    def _names_after(self, chunk: str, end: int) -> list[tuple[int, int]]:
        """Spans of the words that may be coordinated names right after a category word
        ("de Saratov", "kurskim i briańskim", "Kursk und Belgorod")."""
        out: list[tuple[int, int]] = []
        pos = end
        state = "start"  # start: right after the category word; name: after a name; link: after "and"
        for _ in range(10):
            m = NEXT_WORD_RE.match(chunk, pos)
            if m is None:
                break
            sep = m.group(1).strip(" \xa0")
            w = fold(m.group(2))
            pos = m.end()
            if state == "name":
                if sep not in ("", ","):
                    break
                if self._joins(chunk, w):  # "regioni di Kharkiv e Sumy": Italian "e" (language_coordinators)
                    state = "link"
                    continue
                if sep != ",":
                    break
                if w in CATEGORY_LINKS:
                    state = "link"  # "régions de Koursk, de Briansk et de Belgorod": the link repeats
                    continue
            elif sep:
                break
            elif w in CATEGORY_LINKS:
                continue
            elif m.group(2)[:1].islower():
                after = NEXT_WORD_RE.match(chunk, pos)
                # an adjective between: "région russe de Voronej"; not after a coordinator ("regione di
                # Kharkiv e dell'oblast di Kherson": another category word, whose name is its own)
                if state != "link" and after is not None and not after.group(1).strip() \
                        and fold(after.group(2)) in CATEGORY_LINKS:
                    continue
            out.append((_after_elided_link(m.group(2), m.start(2)), m.end(2)))
            state = "name"
        return out

    def _adjectives_before(self, chunk: str, start: int, cls: str, category: str) -> list[tuple[int, int, int]]:
        """Regions named by the place adjectives right before a category word, last first
        ("im Charkiwer Gebiet", "Kursker und Belgoroder Gebiet": ``adjective_before_category``
        endings removed, the rest is the region's core), or nothing unless all resolve."""
        endings = evidence.data()["adjective_before_category"]
        if not endings or not chunk[max(0, start - 8) : start].rstrip(" \xa0").endswith(endings):
            return []  # the word before is no such adjective: nothing to read
        out: list[tuple[int, int, int]] = []
        for x, y in reversed(self._names_before(chunk, start)):
            w = chunk[x:y]
            stem = next((w[: -len(end)] for end in endings if w.endswith(end) and len(w) - len(end) >= 3), None)
            e = None if stem is None else self._region(stem, cls, category)
            if e is None:
                return []
            out.append((x, y, e))
        return out

    def _declined_adjective_before(self, chunk: str, start: int, cls: str, category: str) -> tuple[int, int] | None:
        """``(start, region)`` when the capitalized word right before a singular category word is a
        declined place adjective (Czech and Slovak "Charkovská oblast", "na Doněckou oblast",
        "Luhanský kraj": ``declined_adjectives_before_category``, folded endings) that names a region
        of that class; the adjective and the category word are one mention."""
        m = prev_word(chunk, max(0, start - 60), start)
        if m is None or m.group(2).strip(" \xa0") or not m.group(1)[:1].isupper():
            return None
        w = m.group(1)
        if not fold(w).endswith(evidence.data()["declined_adjectives_before_category"]):
            return None
        e = self._region(w, cls, category)
        return None if e is None else (m.start(1), e)

    def _name_joined_before(self, chunk: str, start: int, cls: str, category: str) -> tuple[int, int] | None:
        """``(start, region)`` when a category word is joined by a hyphen to the capitalized name
        right before it and that name is a region's core or its centre ("die Charkiw-Region",
        "im Donezk-Gebiet"); the name and the category word are one mention."""
        if start < 2 or chunk[start - 1] not in HYPHENS:
            return None
        m = prev_word(chunk, max(0, start - 60), start - 1)
        if m is None or m.group(2) or not m.group(1)[:1].isupper():
            return None
        e = self._region(m.group(1), cls, category)
        return None if e is None else (m.start(1), e)

    def _names_before(self, chunk: str, start: int) -> list[tuple[int, int]]:
        """Spans of the coordinated capitalized names right before a category word, in text order
        (an article may repeat after the coordinator: "im Kursker und im Belgoroder Gebiet")."""
        out: list[tuple[int, int]] = []
        coord = evidence.data()["coordinators"]
        articles = evidence.data()["coordinated_articles"]
        pos = start
        need_name = True
        article = False  # an article between a coordinator and the name after it ("und im Belgoroder")
        for _ in range(12):
            m = prev_word(chunk, max(0, pos - 80), pos)
            if m is None:
                break
            word, sep = m.group(1), m.group(2).strip(" \xa0")
            pos = m.start(1)
            if need_name or sep == ",":
                if not word[:1].isupper() or (sep and (need_name and not out or sep != ",")):
                    break
                out.append((m.start(1), m.end(1)))
                need_name = False
                continue
            if not sep and not article and fold(word) in articles:
                article = True
                continue
            if sep or not (fold(word) in coord or self._joins(chunk, fold(word))):
                break
            need_name = True
            article = False
        out.reverse()
        return out

    def _region(self, word: str, cls: str, category: str) -> int | None:
        """The region of class ``cls`` whose core is ``word`` (Kursk, Курською, kurskim), if exactly one."""
        key = (word, cls, category)
        got = self._regions.get(key, -2)
        if got == -2:
            if len(self._regions) > 100_000:
                self._regions.clear()
            got = self._regions[key] = self._find_region(word, cls, category)
        return got

    def _find_region(self, word: str, cls: str, category: str) -> int | None:
        from normalize.matcher.variants import canonical_latin as _canonical_latin

        cyrillic = _has_cyrillic(word)
        latin = fold(_canonical_latin(word)) if cyrillic else fold(word)
        got = self._region_of_forms(self._forms(latin, cyrillic), cls, category)
        if got is None and not cyrillic:
            # a West Slavic adjective of the region's centre (obwodzie zaporoskim, biełgorodzkim)
            for variant in adjective_variants(word):
                got = self._region_of_forms(self._forms(fold(variant), False), cls, category)
                if got is not None:
                    break
        if got is None:
            got = self._region_of_centre(word, cls, category)
        return got

    def _region_of_centre(self, word: str, cls: str, category: str) -> int | None:
        """The region of class ``cls`` named after the city ``word`` names ("Gebiet Saporischschja",
        "Gebiet Winnyzja": the region's adjective is not the city's name as written), looked up
        by the city's label; only a region of the city's own country and first-level division."""
        t = self._t
        kid = t.number(fold(word))
        if kid < 0:
            return None
        ents = t.entities
        is_place = self._is_place
        cities = [e for e in self._state.entities_of(kid) if is_place[e] and (ents[e][6] or 0) > 0]
        if not cities:
            return None
        city = max(cities, key=lambda e: ents[e][6])
        got = self._region_of_forms([fold(ents[city][1])], cls, category)
        if got is None or ents[got][4] != ents[city][4] or ents[got][5] != ents[city][5]:
            return None
        return got

    @staticmethod
    def _forms(latin: str, cyrillic: bool) -> list[str]:
        """The folded nominative adjectives a region word may stand for (Polish ch = Cyrillic х: Charków)."""
        forms = [_nominative_adjective(latin)]
        if latin.startswith("ch") and not cyrillic:
            forms.append("kh" + forms[0][2:])
        return forms

    def _region_of_forms(self, forms: list[str], cls: str, category: str) -> int | None:
        """The one region of class ``cls`` whose core is one of ``forms`` (the first that names one)."""
        m = self._state.matcher
        for form in forms:
            split = m._split_category(f"{form} {category}")
            if split is None or split[0] != cls:
                continue
            ents = self._t.entities
            # a populated place is no region, even when GeoNames lists a region's name for it
            # read as a mapping: an index-backed matcher holds a read-only view there, not the dict its
            # attribute is declared as (compiled code, benchmarks/mypyc_trial.py, checks the declared type)
            core: Mapping[tuple[str, str], list[Hit]] = cast(Any, m)._core
            hits = [h for h in core.get(split, ()) if self._is_place[h.entity]
                    and ents[h.entity][7] != "populated place"]
            if not hits and cls == "district":
                # GeoNames files a city's district as a populated place ("Darnytsia", named "Darnytsia
                # Raion" too): with no other district of that core, "the Darnytskyi and Sviatoshynskyi
                # districts" are those
                hits = [h for h in core.get(split, ()) if self._is_place[h.entity]]
            if not hits:
                continue
            best = max(h.quality for h in hits)
            found = {h.entity for h in hits if h.quality >= best}
            if len(found) == 1:
                return found.pop()
        return None


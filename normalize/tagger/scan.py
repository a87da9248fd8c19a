"""The exact pass: every key of the lexicon found in a chunk of text, kept when the text writes it as a name.

One Aho-Corasick automaton over every key (each wrapped in spaces, so hits fall on
word boundaries) finds the candidates in the chunk's view (:mod:`normalize.tagger.view`);
overlaps are resolved leftmost-longest; a given name or initial before a surname joins
it; the text's evidence then turns down weak mentions (:mod:`normalize.tagger.doubt`),
finds names a category word applies to (:mod:`normalize.tagger.categories`) and joins
an organization with the country named after it. Long texts are cut into chunks
(:func:`chunk_bounds`) that depend only on the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from normalize import evidence
from normalize.fold import fold, skeleton
from normalize.matcher.orgs import COUNTRY_DROPPED
from normalize.person_names import given_name_table
from normalize.tagger.categories import CategoryWords
from normalize.tagger.doubt import (
    AFTER_CROSSING,
    AFTER_EPONYM,
    AFTER_FEATURE,
    AFTER_STREET,
    BEFORE_ARTICLE,
    BEFORE_CLUB,
    BEFORE_FEATURE,
    BEFORE_LINK,
    BEFORE_THING,
    BEFORE_WATER,
    WEAK,
    WeakMentions,
)
from normalize.tagger.endings import CaseEndings
from normalize.tagger.generic import GenericNames, nationality_words
from normalize.tagger.initials import initials_around
from normalize.tagger.offsets import OffsetMap
from normalize.tagger.quotes import INNER_SPACES, NOT_A_PLACE, OPENERS, QuotedNames, quoted_at
from normalize.tagger.resolve import named_countries, speaking_country
from normalize.tagger.results import VIA_ORG, VIA_QUOTED, Raw, Rejected
from normalize.tagger.spellings import PressSpellings
from normalize.tagger.state import TaggerState, UsesState
from normalize.tagger.table import ACRO, FULL_ANY, FULL_CAP, SHORT, KeyTableLike
from normalize.tagger.typography import typeset
from normalize.tagger.unlisted import UnlistedPeople
from normalize.tagger.view import build_view
from normalize.tagger.words import HYPHENS, NEXT_WORD_RE, among_capitals, function_words, prev_word

if TYPE_CHECKING:  # pragma: no cover
    from ahocorasick_rs import AhoCorasick

__all__ = ["CHUNK_CHARS", "Automaton", "Scanner", "chunk_bounds", "compile_automaton"]

#: chunk size (characters) for long texts
CHUNK_CHARS = 1 << 20

_UNSET = object()

#: bits of ``Scanner._known``: the key's organization country (``_org_country``), its country as a body named
#: without it (``_bare_country``) worked out
_ORG_KNOWN = 1
_BARE_KNOWN = 2


class Automaton:
    """One automaton over every key of a table, each wrapped in spaces (so hits fall on word
    boundaries), built when first used: a tagger that never scans text builds none (start-up
    on an empty input), and ``tag -j N`` builds it before forking (:meth:`build`), so that its
    workers share it.

    ahocorasick_rs, chosen by measurement (benchmarks/tag_speed.py): it builds
    the automaton of 240,000 keys in half the time pyahocorasick takes and
    returns all overlapping matches of a chunk in one call.
    """

    __slots__ = ("_built", "_table")

    def __init__(self, table: KeyTableLike) -> None:
        self._table = table
        self._built: AhoCorasick | None = None

    @property
    def is_built(self) -> bool:
        return self._built is not None

    def build(self) -> AhoCorasick:
        """The automaton (built now if not yet)."""
        got = self._built
        if got is None:
            import ahocorasick_rs

            got = self._built = ahocorasick_rs.AhoCorasick([f" {key} " for key in self._table.keys],
                                                           matchkind=ahocorasick_rs.MatchKind.Standard)
        return got

    def find_matches_as_indexes(self, haystack: str, overlapping: bool = False) -> list[tuple[int, int, int]]:
        """``(key number, start, end)`` of every match of a key in ``haystack``."""
        return self.build().find_matches_as_indexes(haystack, overlapping=overlapping)


def compile_automaton(table: KeyTableLike) -> Automaton | None:
    """The automaton over every key of ``table`` (:class:`Automaton`; None for a table without keys)."""
    if not len(table):
        return None
    return Automaton(table)


class Scanner(UsesState):
    """The exact pass of one tagger (:meth:`scan`)."""

    def __init__(self, state: TaggerState) -> None:
        super().__init__(state)
        self._country_of: dict[int, tuple[Any, ...]] = {}  # key -> (the one country it names,), or () when not one
        self.weak = WeakMentions(state)
        self.categories = CategoryWords(state)
        self.endings = CaseEndings(state, self.weak)
        self.spellings = PressSpellings(state, _latin_given_groups)
        self.quoted = QuotedNames(state)
        self.generic = GenericNames(state)
        self.unlisted = UnlistedPeople(state)
        self._automaton = compile_automaton(state.table)
        self._listed: dict[int, bool] = {}  # acronym key -> written in a lexicon as it is (_listed_acronym)
        #: key -> the country of its one organization, for a key that has one (_solo_org_country)
        self._org_country: dict[int, str] = {}
        #: key -> the country of its one organization when the key names it without its country ("Минфин" of
        #: "Минфин Украины"), for a key that is so (_bare_body_country)
        self._bare_country: dict[int, str] = {}
        #: per key, which of the two above is worked out (_ORG_KNOWN, _BARE_KNOWN): one byte per key read for
        #: every mention, and the dicts hold only the few keys with a country, not every key the text names
        self._known = bytearray(len(state.table))
        #: languages whose press writes an acronym with one capital ("Aiea", "Onu": title_case_acronyms)
        self._title_acronyms: frozenset[str] = frozenset(evidence.data()["raw"]["title_case_acronyms"])

    def scan(self, chunk: str, base: int = 0, *, rejected: list[Rejected] | None = None,
             refine: bool = True) -> list[Raw]:
        """The exact pass over one chunk: raw mentions, offsets shifted by ``base``.

        The pass reads the chunk with its typography undone (:func:`~normalize.tagger.typography.typeset`:
        soft hyphens, words broken across lines, stress marks, odd spaces, NFC); offsets point at
        the chunk as written. ``rejected`` and ``refine``: see :meth:`_scan`.
        """
        clean, back = typeset(chunk)
        if back is None:
            return self._scan(clean, base, rejected=rejected, refine=refine)
        inner: list[Rejected] | None = [] if rejected is not None else None
        raws = self._scan(clean, 0, rejected=inner, refine=refine)
        out: list[Raw] = [(back.start(s) + base, back.end(e - 1) + base, kid, mask, person)
                          for s, e, kid, mask, person in raws]
        if rejected is not None and inner:
            rejected.extend((back.start(s) + base, back.end(e - 1) + base, kid, mask, person, why)
                            for s, e, kid, mask, person, why in inner)
        return out

    def _listed_acronym(self, kid: int) -> bool:
        """Is the acronym key ``kid`` written in a lexicon as it is (not derived from a name, not a
        romanization)? In a headline in capitals, only such a word is read as an acronym ("SBU",
        "ВСУ"); "STEP UP" or "HAT" is a word. Remembered per key."""
        got = self._listed.get(kid)
        if got is None:
            strings = self._t.strings
            got = self._listed[kid] = any(strings[v] == "lexicon acronym" for _, _, v in self._t.hits(kid)[1])
        return got

    def _scan(self, chunk: str, base: int = 0, *, rejected: list[Rejected] | None = None,
              refine: bool = True) -> list[Raw]:
        """The exact pass over one chunk: raw mentions, offsets shifted by ``base``.

        ``rejected``: a list that receives ``(start, end, key, flags, person, reason)``
        for each hit the text's evidence turned down (see :mod:`normalize.evidence`).
        ``refine=False``: the plain exact pass, without the text's evidence, category
        words, organizations with their country or quotation marks (for tests).
        """
        automaton = self._automaton
        if automaton is None or not chunk:  # no keys (an empty lexicon), or no text
            return []
        view, omap = build_view(chunk)
        flags = self._flags
        prs, pss, pse = omap.rs, omap.ss, omap.se
        identity = len(prs) == 1 and pss[0] == 0 and pse[0] < 0
        bisect_right = bisect.bisect_right
        hits: list[tuple[int, int, int, int, int]] = []
        append = hits.append
        caps_lang: Any = _UNSET  # the chunk's language, found when an acronym stands in capitals
        for kid, rs, end in automaton.find_matches_as_indexes(f" {view} ", overlapping=True):
            # a match of " key " at [rs, end) of " view ": the key is view[rs:end - 2]
            end -= 1
            f = flags[kid]
            if identity:
                s = rs
            else:
                i = bisect_right(prs, rs) - 1
                s = pss[i] + rs - prs[i] if pse[i] < 0 else pss[i]
            if chunk[s].islower():
                if f & FULL_ANY:
                    mask = FULL_ANY
                elif f & FULL_CAP and _later_capital(chunk, view, omap.start, rs, end - 1):
                    mask = FULL_CAP  # "легиона «Свобода России»": a capital inside a multi-word name
                else:
                    continue
            else:
                mask = f & (FULL_CAP | FULL_ANY | SHORT)
                if f & ACRO and _acronym_written(chunk[s:omap.end(end - 2)]):
                    if not among_capitals(chunk, s, omap.end(end - 2)):
                        mask |= ACRO
                    else:  # in a headline in capitals, only an acronym as a lexicon writes it, not a word
                        if caps_lang is _UNSET:
                            caps_lang = evidence.document_language(chunk)
                        if self._listed_acronym(kid) and self._t.keys[kid] not in function_words(caps_lang):
                            mask |= ACRO
                elif f & ACRO and self._title_acronyms and chunk[s + 1 : s + 2].islower():
                    # "l'Aiea", "Onu": the Italian press writes an acronym as a word with one capital
                    if caps_lang is _UNSET:
                        caps_lang = evidence.document_language(chunk)
                    if caps_lang in self._title_acronyms and self._listed_acronym(kid) \
                            and self._t.keys[kid] not in function_words(caps_lang):
                        mask |= ACRO
                if not mask:
                    continue
            append((rs, 1 - end, kid, mask, s))  # 1 - end == -(view end): longest first
        if not hits and not refine:
            return []
        hits.sort()
        out: list[Raw] = []
        sel: list[tuple[int, int]] = []  # view ranges of the selected mentions
        last_r = -1
        last_src = 0
        weak = self.weak.known
        lang: Any = _UNSET  # the chunk's language, found when first needed
        named: dict[str, Any] = {}  # the places the kept mentions name so far (see _named_before)
        solo = self._t.solo
        not_district = self.weak.not_district
        org_country = self._org_country
        known = self._known
        adj_keys = self.weak.adjective_keys
        club_written = self.weak.club_written  # opens_club_name's first test, read here: no call for most mentions
        for rs, neg_end, kid, mask, s in hits:
            if rs < last_r or s < last_src:
                continue
            re_ = -neg_end
            if identity:
                e = re_
            else:  # the end of the source span of view character re_ - 1 (OffsetMap.end)
                i = bisect_right(prs, re_ - 1) - 1
                e = pss[i] + re_ - prs[i] if pse[i] < 0 else pse[i]
            if not refine:
                pass
            elif chunk[e - 1] in "áÁ" and self.weak.written_adjective(chunk, s, e, kid):
                # "Ruská armáda": a Czech or Slovak adjective, not Ruska (of Rusko), which folds alike
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "a Czech or Slovak adjective, not the name's case form"))
                continue
            elif not mask & ACRO and 1 < e - s <= 5 and chunk[s:e].isupper() and not mask & SHORT \
                    and (weak[kid] or self.weak.weakness(kid)) == WEAK and not _in_capitals(chunk, s, e):
                # a short word in capitals reads as an acronym ("OSZE"), not as a small place
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "written in capitals, not as an acronym"))
                continue
            elif mask == FULL_ANY and _OPENING_QUOTES.intersection(chunk[s:e]) and _unclosed_quote(chunk[s:e]):
                # "спецназа «Ахмат»", a lexicon name in lower case: the generic noun before the
                # quoted name is not part of the mention; so too at a sentence start ("Бригада «Хартія»"),
                # where only a name the lexicon writes in lower case alone (mask FULL_ANY without FULL_CAP)
                # is capitalized. The quoted name closed right after is the mention, of this name's entity
                # ("группировки войск «Центр»": the lexicon holds no "Центр" alone)
                qs = _quoted_tail(chunk, s, e)
                if qs < 0:
                    if rejected is not None:
                        rejected.append((s + base, e + base, kid, mask, -1, "a lower-case word before a quoted name"))
                    continue
                out.append((qs + base, e + base, kid, mask, -1))
                sel.append((rs, re_))
                last_r, last_src = re_, e
                continue
            elif mask == FULL_ANY and self.weak.generic_use(chunk, s, kid):
                # "chef d'état-major": a title or a kind, not the organization
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "a common noun's complement with no article"))
                continue
            elif (before := 0 if mask & ACRO or s < 2 or chunk[s - 1] not in _BEFORE_SEPARATORS
                  else self.weak.word_before_tests(chunk, s)) & BEFORE_FEATURE \
                    and (near := self.weak.after_feature(chunk, s, kid)):
                # "z drugiego brzegu Dniepru": the river, not the city Dnipro; "вулицю Пушкіна", "на площади
                # Победы": whom the street is named after, not the town Pushkino
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, _NEAR_REASONS[near]))
                continue
            elif before & BEFORE_WATER and self.weak.after_water_preposition(chunk, s, kid):
                # "nad Dnieprem": the river, not the city Dnipro
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "after a preposition of a river or a sea: the river's name"))
                continue
            elif (adj_keys[kid] or self.weak.adjective_key(kid)) == 2 and chunk[e : e + 1] == " " \
                    and chunk[e + 1 : e + 2].islower() \
                    and self.weak.adjective_of_a_name(chunk, s, e, kid):
                # "на Ленинском проспекте", "Київський політехнічний інститут": an adjective of a street's or
                # a body's name, not the place
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "an adjective before a street's noun or an agreeing adjective"))
                continue
            elif before & BEFORE_LINK and self.weak.after_water_link(chunk, s, kid):
                # "la mer d'Azov", "the Sea of Azov": the sea, not the town Azov or the Azov brigade
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "after a sea's or lake's noun and a link: its name"))
                continue
            elif before & BEFORE_CLUB and self.weak.after_club_word(chunk, s, kid):
                # "Schachtar Donezk", "Dynamo Kiew": the club's name, not the town
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "after a sports society's name: a word of a club's longer name"))
                last_r, last_src = re_, e  # nor a shorter name inside it ("Torpedo Nischni Nowgorod": not Nowgorod)
                continue
            elif chunk[s:e] in club_written and self.weak.opens_club_name(chunk, s, e):
                # "Spartak Moskau", "Zorya Luhansk": the club's first word, not a village of that name
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "a sports society's name before a capitalized word: a club's name"))
                continue
            elif before & BEFORE_THING and self.weak.after_thing_noun(chunk, s, kid):
                # "the tanker Vostok", "the novel Voroshilovgrad": a vessel's or a work's name, not the place
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "after a noun for a vessel, craft or work: its name"))
                continue
            elif before & BEFORE_ARTICLE and self.weak.after_article(chunk, s, kid):
                # "les barrages du Dniepr", "über den Dnipro": a town's name takes no article; the river's does
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "after an article, which a town's name never takes"))
                continue
            elif not not_district[kid] and self.weak.district_elsewhere(chunk, e, kid, out):
                # "Kharkiv's Kyivskyi district": not the Kyivskyi district of Donetsk the lexicon holds
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "a city district's name, no place of its region named before"))
                last_r, last_src = re_, e  # nor the adjective alone inside it
                continue
            elif (s and (chunk[s - 1] in OPENERS or chunk[s - 1] in INNER_SPACES and chunk[s - 2 : s - 1] in OPENERS)
                  and (q := quoted_at(chunk, s, e)) >= 0 and (thing := self.quoted.choice(chunk, q, kid, mask)) != -1):
                if thing <= NOT_A_PLACE:
                    # "groupement « Tavria »", "корабль «Москва»": the quoted name of a thing, not a place
                    if rejected is not None:
                        rejected.append((s + base, e + base, kid, mask, -1, "a quoted name after a noun: not a place"
                                         if thing == NOT_A_PLACE else "a small place's name alone in quotes: a thing's name"))
                    continue
                # "les unités « Azov »": a quoted name is the organization's, not the town's
                out.append((s + base, e + base, kid, mask | VIA_QUOTED, -2 - thing))
                sel.append((rs, re_))
                last_r, last_src = re_, e
                continue
            elif (s and (chunk[s - 1] in OPENERS or chunk[s - 1] in INNER_SPACES and chunk[s - 2 : s - 1] in OPENERS)
                  and self.quoted.opens_longer_name(chunk, s, e, kid, mask)):
                # "банк «Урал ФД»", "фильм «Челябинск, до востребования»": the first word of a thing's quoted name
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1, "the first word of a longer quoted name: not a place"))
                last_r, last_src = re_, e  # nor a shorter name inside it («Матвеев Курган Арены»: not Курган)
                continue
            elif (solo[kid] < 0 and mask & (FULL_CAP | FULL_ANY) and not mask & SHORT
                  and (by := self.generic.by_country(kid, mask)) is not None
                  and (word := self.generic.country_word(chunk, s, e)) is not None):
                # "l'état-major français", "the US General Staff": that country's body
                org = by.get(word[0], -1)
                if org < 0:
                    if rejected is not None:
                        rejected.append((s + base, e + base, kid, mask, -1,
                                         f"another country's body: '{word[1]}' names {word[0]}"))
                    continue
                if word[2] < s:  # "dem ukrainischen Generalstab": the adjective is part of the name
                    s = word[2]
                    while out and out[-1][1] > s + base:  # a country's name tagged on its own ("Russia's")
                        out.pop()
                        sel.pop()
                    out.append((s + base, e + base, kid, mask | VIA_ORG, -2 - org))
                    sel.append((rs, re_))
                    last_r, last_src = re_, e
                    continue
                if not chunk.startswith(" " + word[1], e) or not word[1][:1].isupper():
                    out.append((s + base, e + base, kid, mask | VIA_ORG, -2 - org))
                    sel.append((rs, re_))
                    last_r, last_src = re_, e
                    continue
                # "Verteidigungsministerium Russlands": the country's name after it joins the mention below
            elif (solo[kid] >= 0 and not mask & SHORT
                  and (org_country.get(kid) if known[kid] & _ORG_KNOWN else self._solo_org_country(kid))
                  and (word := _country_beside(chunk, s, e)) is not None and word[0] != org_country[kid]):
                # "Минфин России", "Мінфін США", "американский Минфин": the lexicon holds the body of that name
                # of one country only; a country word beside it names another country's, which it lacks
                if rejected is not None:
                    rejected.append((s + base, e + base, kid, mask, -1,
                                     f"another country's body: '{word[1]}' names {word[0]}"))
                if word[2] > s:  # nor the country's name after it, a word of that body's name
                    last_src = max(last_src, word[2] + len(word[1]))
                continue
            elif mask == SHORT and self.weak.author_word_before(chunk, s):
                # "citations de Pouchkine et Tolstoï": the writer's surname, not a lexicon namesake's
                if lang is _UNSET:
                    lang = evidence.document_language(chunk)
                why = self.weak.coauthor(chunk, s, e, lang, out, base)
                if why is not None:
                    if rejected is not None:
                        rejected.append((s + base, e + base, kid, mask, -1, why))
                    continue
            elif not mask & (ACRO | SHORT) and (weak[kid] or self.weak.weakness(kid)) == WEAK:
                if lang is _UNSET:
                    lang = evidence.document_language(chunk)
                why, kid = self.weak.doubt(chunk, s, e, kid, lang, out, named)
                if why is not None:
                    if rejected is not None:
                        rejected.append((s + base, e + base, kid, mask, -1, why))
                    continue
            person = -1
            if refine and out and out[-1][4] == -1 and chunk[s - 1 : s] == " " and out[-1][1] == s - 1 + base:
                org = self._org_of_country(out[-1], kid)
                if org >= 0:  # "МИД России", "MSZ Rosji": the organization of the country named after it
                    first = out.pop()
                    sel.pop()
                    out.append((first[0], e + base, first[2], first[3] | VIA_ORG, -2 - org))
                    sel.append((rs, re_))
                    last_r, last_src = re_, e
                    continue
            if (refine and out and out[-1][1] == s - 2 + base and chunk[s - 1] in OPENERS and chunk[s - 2] == " "
                    and out[-1][4] == -1 and not mask & (ACRO | SHORT) and solo[kid] >= 0
                    and solo[out[-1][2]] == solo[kid] and not out[-1][3] & (ACRO | SHORT)):
                # "93-ї бригади «Холодний Яр»": a unit's number and its quoted honorific name, one body: one span
                first = out.pop()
                out.append((first[0], e + base, first[2], first[3], -1))
                sel[-1] = (sel[-1][0], re_)
                last_r, last_src = re_, e
                continue
            if mask & SHORT:
                prev = sel[-1] if sel else None
                if refine:  # "С.В. Лавров", "Лавров С.В.": two initials
                    s, e, person = initials_around(chunk, s, e, self._t.short(kid), self._t.initials)
                if person < 0:
                    s2, person, replaces = self._given_name(chunk, view, omap, rs, kid, prev, last_src, refine)
                    if person >= 0:
                        s = s2
                        if replaces:
                            out.pop()
                            sel.pop()
            out.append((s + base, e + base, kid, mask, person))
            sel.append((rs, re_))
            last_r, last_src = re_, e
        if refine and self.endings.active and (lang is _UNSET or self.endings.wants(lang)):
            # "Selenskyjs": a case ending on a name as written
            known = lang
            out = self.endings.add(chunk, base, out, lambda: evidence.document_language(chunk)
                                   if known is _UNSET else known)
        if refine:
            out = self.unlisted.drop(chunk, base, out, rejected)  # "Olena Lozova": someone the lexicon does not hold
            out = self.spellings.add(chunk, base, out, rejected)  # "Olexander Senkewytsch": a press spelling of a person
        sites = self.categories.sites(view) if refine else None
        if sites:
            out = self.categories.shared(chunk, base, omap, sites, out, rejected)
        if refine:
            out = self.categories.regions_after_preposition(chunk, base, out)  # "na Zaporożu": the oblast
            out = self.categories.region_nouns(chunk, base, out)  # Czech "na Charkovsku": the oblast
            out = self._bare_bodies(chunk, base, out, rejected)  # "Минфин" in a text about Russia: not Ukraine's
        return out

    def _bare_body_country(self, kid: int) -> str:
        """The country of the key's one organization when the key is that body's name with its country left out
        (an index derivation, ``country dropped``: "Минфин" of "Минфин Украины"), else "" (kept by key)."""
        t = self._t
        got = ""
        e = t.solo[kid]
        if e >= 0 and not (self._is_place[e] or self._is_person[e]) \
                and t.strings[t.solo_via[kid]].startswith(COUNTRY_DROPPED):
            row = t.entities[e]
            got = row[4] if row[2] == "org" and row[4] else ""
        if got:
            self._bare_country[kid] = got
        self._known[kid] |= _BARE_KNOWN
        return got

    def _bare_bodies(self, chunk: str, base: int, out: list[Raw], rejected: list[Rejected] | None) -> list[Raw]:
        """Drop a body's name without its country ("Минфин", "Генпрокуратура") that the lexicon knows of one
        country only when its sentence, else its paragraph, speaks decisively for another country: the
        press names its own country's body so ("Минфин разместил ОФЗ... Силуанов... Центробанк"). The
        evidence is the chunk's other mentions of an entity of a country and the nationality words before
        the name, weighed as a generic name of several countries' bodies is (:func:`speaking_country`), and
        that country is named by two mentions at least (one place may be what the body speaks about); the
        text's language says nothing (the Ukrainian press writes in Russian too)."""
        bare = self._bare_country
        known = self._known
        found = False
        for r in out:
            got = bare.get(r[2]) if known[r[2]] & _BARE_KNOWN else self._bare_body_country(r[2])
            if got and r[4] == -1 and not r[3] & (ACRO | SHORT):
                found = True
                break
        if not found:
            return out
        for r in out:  # the bodies after the first: none of them names its own country below
            if not known[r[2]] & _BARE_KNOWN:  # (bare holds only the keys that are bodies: not "not in bare")
                self._bare_body_country(r[2])
        named = named_countries(self._t, self._is_place, out, base, bare)
        near = (named, [m[0] for m in named])
        times: dict[str, int] = {}  # how many mentions name each country's entities
        for m in named:
            times[m[2]] = times.get(m[2], 0) + 1
        kept: list[Raw] = []
        for raw in out:
            s, e, kid, mask, person = raw
            own = bare.get(kid)
            if own and person == -1 and not mask & (ACRO | SHORT):
                other, _ = speaking_country(near, chunk, s - base, e - base)
                if other is not None and other != own and times.get(other, 0) > 1:  # clearly: not one place alone
                    if rejected is not None:
                        rejected.append((s, e, kid, mask, -1, f"a body named without its country, in a text about {other}"))
                    continue
                why = self._latin_bare_body_doubt(chunk, s - base, other, own)
                if why:
                    if rejected is not None:
                        rejected.append((s, e, kid, mask, -1, why))
                    continue
            kept.append(raw)
        return kept

    @staticmethod
    def _latin_bare_body_doubt(chunk: str, s: int, country: str | None, own: str) -> str:
        """Why a body's name without its country, written in Latin script (English: "the Security
        Council", "the Central Election Commission"), is not that country's body, else "". The
        English press leaves the country out of its own bodies and of international ones alike
        ("the Security Council" is the UN's as often as Russia's), so the name needs its sentence,
        else its paragraph, to speak for the body's country (``country``, as :func:`speaking_country`
        weighed it); and a capitalized word just before it, other than an article at a sentence's
        start (``name_articles``), makes it part of a longer name ("UN Security Council") or a body
        of what that word names. Cyrillic names (Минфин, Совбез) keep
        the rule of :meth:`_bare_bodies` alone: the Russian press names its own bodies so."""
        if not ("A" <= chunk[s] <= "Z"):
            return ""
        if country != own:
            return "a body named without its country, and no country of its text decides"
        i = s - 1
        if i > 0 and chunk[i] == " " and chunk[i - 1].isalnum():
            j = i - 1
            while j > 0 and chunk[j - 1].isalnum():
                j -= 1
            if chunk[j].isupper() and fold(chunk[j:i]) not in evidence.data()["name_articles_any"]:
                return "a body named without its country, after a capitalized word: part of another name"
        return ""

    # -- evidence from the text (see normalize.evidence) ---------------------------------

    def _solo_org_country(self, kid: int) -> str:
        """The country of the key's one entity when it is an organization of a country, else "" (kept by key)."""
        e = self._t.solo[kid]
        if self._is_place[e] or self._is_person[e]:  # the cheap test first: most keys name places
            got = ""
        else:
            row = self._t.entities[e]
            got = row[4] if row[2] == "org" and row[4] else ""
        if got:
            self._org_country[kid] = got
        self._known[kid] |= _ORG_KNOWN
        return got

    def _org_of_country(self, prev: Raw, kid: int) -> int:
        """The one organization among ``prev``'s candidates whose country the key ``kid`` names (-1: none)."""
        ents = self._t.entities
        named = self._country_of.get(kid)
        if named is None:
            countries = {ents[e][4] for e in self._state.entities_of(kid) if self._is_place[e] and ents[e][7] == "country"}
            named = self._country_of[kid] = tuple(countries) if len(countries) == 1 else ()
        if not named:
            return -1
        country = named[0]
        orgs = {c[0] for c in self._candidates(prev[2], prev[3])
                if ents[c[0]][2] == "org" and ents[c[0]][4] == country}
        return orgs.pop() if len(orgs) == 1 else -1

    def _given_name(self, chunk: str, view: str, omap: OffsetMap, rs: int, kid: int,
                    prev: tuple[int, int] | None, floor: int, refine: bool = True) -> tuple[int, int, bool]:
        """A given name or initial of one of the surname's persons just before it.

        Returns ``(start, person, replaces)``: the mention's new start, the person
        (-1: none) and whether it swallows the previous mention (a given name that
        is also a place name: "Владимир Зеленский", "Кирилл Буданов").
        """
        none = (0, -1, False)
        if rs < 2:
            return none
        j = rs - 1
        gap = 1
        if view[j - 1] == " ":
            j -= 1
            gap = 2
        ts = view.rfind(" ", 0, j) + 1
        token = view[ts:j]
        if not token:
            return none
        replaces = False
        a, b = omap.start(ts), omap.end(j - 1)
        if prev is not None and prev[1] > ts:
            if prev != (ts, j):
                return none
            replaces = True
        elif a < floor:
            return none
        if chunk[a].islower():
            return none
        persons = self._t.short(kid)
        if len(token) == 1:
            if not _INITIAL_GAP.fullmatch(chunk, b, omap.start(rs)):
                return none
            found = [p for p in persons if token in self._t.initials.get(p, "")]
        else:
            if gap != 1:
                return none
            sk = skeleton(token)
            found = [p for p in persons if sk in self._t.given.get(p)]
            if not found and refine:
                # another spelling of the same given name (Alexandre for Aleksandr; given_names.json)
                groups = _latin_given_groups()
                gid = groups.get(sk)
                if gid is not None:
                    found = [p for p in persons if any(groups.get(g) == gid for g in self._t.given.get(p))]
        if len(found) == 1:
            return a, found[0], replaces
        return none

    # -- resolution --------------------------------------------------------------------


_INITIAL_GAP = re.compile(r"\.\s?")


#: what may stand right before a mention for :meth:`WeakMentions.word_before_tests` to find a rule that may
#: apply (a space, or an elided article's apostrophe); before any other character it finds none, so the
#: scan does not ask (most mentions after a line break, a quotation mark or a bracket)
_BEFORE_SEPARATORS = " '’"
_OPENING_QUOTES = frozenset("«„“\"‹")
#: why :meth:`WeakMentions.after_feature`'s answer turns a mention down
_NEAR_REASONS = {AFTER_FEATURE: "after a river, its bank or an island: the feature's name",
                 AFTER_STREET: "after a street's or square's noun: whom it is named after",
                 AFTER_EPONYM: "after 'имени' or an order's noun: whom or what it is named after",
                 AFTER_CROSSING: "after a bridge's or crossing's noun and 'через': the river it crosses"}
_QUOTE_PAIRS = {"«": "»", "„": "“”", "“": "”", '"': '"', "‹": "›"}


#: the word after a mention, one space between
_WORD_AFTER_RE = re.compile(r" ([^\W\d_]+)")


def _country_beside(chunk: str, s: int, e: int) -> tuple[str, str, int] | None:
    """``(country, word, where the word starts)`` of a country's name right after ``chunk[s:e]`` ("Минфин
    России", "Мінфін США") or of a nationality word or country's name right before it ("американский
    Минфин"), one space between (``nationalities.json``); None: neither. A name that opens a hyphenated
    compound ("die deutsche Rosneft-Tochter") has no word before it of its own: the compound's head has."""
    words = nationality_words()[0]
    if chunk[e : e + 1] == " " and chunk[e + 1 : e + 2].isupper():
        m = _WORD_AFTER_RE.match(chunk, e)
        if m is not None and (code := words.get(m.group(1))) is not None:
            return code, m.group(1), m.start(1)
    if s > 2 and chunk[s - 1] == " " and not (chunk[e : e + 1] in HYPHENS and chunk[e + 1 : e + 2].isalpha()):
        j = chunk.rfind(" ", max(0, s - 24), s - 1)
        if j >= 0 or s <= 24:
            word = chunk[j + 1 : s - 1]
            code = words.get(word) or words.get(word[:1].lower() + word[1:])
            if code is not None:
                return code, word, j + 1
    return None


def _acronym_written(span: str) -> bool:
    """Is ``span`` written as an acronym key: in capitals ("НАТО"), or an acronym in capitals and
    then capitalized words or quoted names ("ОСУВ «Хортиця»", "ОК Схід")?"""
    if span.isupper():
        return True
    words = _WORDS_RE.findall(span)
    return len(words) > 1 and len(words[0]) > 1 and words[0].isupper() \
        and all(w[0].isupper() or w[0].isdigit() for w in words[1:])


_WORDS_RE = re.compile(r"\w+")


def _quoted_tail(chunk: str, s: int, e: int) -> int:
    """Where the quoted name that ends a mention ``chunk[s:e]`` starts ("группировки «Восток»": at "Восток"),
    when it opens with a capital letter or a digit and its mark closes right after ``e``; else -1."""
    q = max(chunk.rfind(c, s, e) for c in _OPENING_QUOTES)
    if q < 0:
        return -1
    close = _QUOTE_PAIRS[chunk[q]]
    qs = q + 1
    while qs < e and chunk[qs] in " \xa0\u202f":
        qs += 1
    c = e + 1 if chunk[e : e + 1] in (" ", "\xa0", "\u202f") else e
    if qs >= e or not (chunk[qs].isupper() or chunk[qs].isdigit()) or chunk[c : c + 1] not in close:
        return -1
    return qs


def _unclosed_quote(span: str) -> bool:
    """Does ``span`` open a quotation mark that it does not close?"""
    for i, c in enumerate(span):
        close = _QUOTE_PAIRS.get(c)
        if close is not None and not any(x in span[i + 1 :] for x in close):
            return True
    return False


@lru_cache(maxsize=1)
def _latin_given_groups() -> dict[str, str]:
    """Skeleton of each Latin spelling of a given name (``given_names.json``) -> its group."""
    out: dict[str, str] = {}
    for g in given_name_table():
        for name in g.get("latin", []):
            out.setdefault(skeleton(fold(name)).replace(" ", ""), g["id"])
    return out


def _in_capitals(chunk: str, s: int, e: int) -> bool:
    """Is the text around ``chunk[s:e]`` written in capitals too (a headline), so capitals tell nothing?"""
    before = prev_word(chunk, max(0, s - 40), s)
    after = NEXT_WORD_RE.match(chunk, e, e + 40)
    return any(m is not None and len(w) > 1 and w.isupper()
               for m, w in ((before, before.group(1) if before else ""), (after, after.group(2) if after else "")))


def _later_capital(chunk: str, view: str, start_of: Callable[[int], int], rs: int, re_: int) -> bool:
    """Does a word after the first one of view[rs:re_] start with a capital in the text?"""
    p = view.find(" ", rs, re_)
    while p >= 0:
        if chunk[start_of(p + 1)].isupper():
            return True
        p = view.find(" ", p + 1, re_)
    return False



def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut points of a long text: at a paragraph break, else a line break, else a space."""
    n = len(text)
    if n <= size:
        return [(0, n)]
    out: list[tuple[int, int]] = []
    a = 0
    while n - a > size:
        lo, hi = a + size // 2, a + size
        cut = text.rfind("\n\n", lo, hi)
        if cut >= 0:
            cut += 2
        else:
            cut = text.rfind("\n", lo, hi)
            if cut >= 0:
                cut += 1
            else:
                cut = text.rfind(" ", lo, hi)
                cut = cut + 1 if cut >= 0 else hi
        out.append((a, cut))
        a = cut
    out.append((a, n))
    return out

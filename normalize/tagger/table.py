"""The tagger's key table: written into a compiled index (:func:`write_tagger`) and read in place
from it (:class:`KeyTable`), so a warm start never builds the Matcher."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from normalize import scores
from normalize.fold import fold, skeleton
from normalize.index.encoding import SmallFloats, write_small_floats
from normalize.index.entities import ancestors_of
from normalize.matcher.press_langs import ANY
from normalize.person_names import titles as person_titles
from normalize.tagger.words import STOP_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from normalize.index import CompiledIndex
    from normalize.index.container import Writer
    from normalize.lexicon import Entity
    from normalize.matcher import Matcher

__all__ = ["ACRO", "FULL_ANY", "FULL_CAP", "MIN_KEY_LETTERS", "SHORT", "EntityRows", "KeyTable", "KeyTableLike",
           "write_tagger"]

#: keys shorter than this (letters, spaces excluded) are not tagged, except acronyms
MIN_KEY_LETTERS = 3

#: key flags (one byte per key): a full name written with a capital, a full name in any case,
#: an acronym, a surname form of a person
FULL_CAP, FULL_ANY, ACRO, SHORT = 1, 2, 4, 8


#: one hit of a key: (entity, score, via string number)
Hit = tuple[int, float, int]


class _PersonValues(Protocol):
    """person -> a value (given-name skeletons, initials), ``default`` for anyone else."""

    def get(self, person: int, default: Any = ..., /) -> Any: ...


class KeyTableLike(Protocol):
    """What the tagger reads of a key table: a :class:`KeyTable`, or a layered index's table
    (:class:`normalize.index.layers.LayeredTable`) that merges one per layer."""

    keys: list[str]
    flags: bytes | memoryview
    strings: Sequence[str]
    entities: EntityRows
    solo: Sequence[int]
    solo_score: Sequence[float]
    solo_via: Sequence[int]
    given: _PersonValues
    initials: _PersonValues

    def __len__(self) -> int: ...

    def number(self, key: str, /) -> int: ...

    def hits(self, kid: int, /) -> tuple[list[Hit], list[Hit], list[int]]: ...

    def short(self, kid: int, /) -> list[int]: ...

    def press_langs(self, kid: int, /) -> int: ...

    def ancestors(self, e: int, /) -> tuple[int, ...]: ...


class KeyTable:
    """Everything the tagger needs, read in place from the ``t.`` sections of a compiled index.

    ``keys``: the light keys (sorted; a key's number is its position);
    ``flags``: one byte per key (bitmask: full name needing a capital, full name,
    acronym, surname); per key, its full-name and acronym hits ``(entity, score,
    via)`` (via numbers ``strings``: how the key was derived), best first, and the
    person entities of a surname form (``hits``, decoded on first use);
    ``given``: person -> skeletons of their given names; ``initials``: person ->
    first letters of their given names; ``solo``, ``solo_score``, ``solo_via``: for
    a key with one full-name entity and nothing else (most keys), that entity,
    score and via, so it resolves without decoding its hits (-1: not such a key).
    ``entities``: ``[id, label, type, parent index or -1, country, admin1,
    population, subtype]`` by entity number, made on first access.
    """

    def __init__(self, compiled: CompiledIndex) -> None:
        from normalize.index.container import IndexFileError

        r = compiled.reader
        compiled.verify("tagger")  # its own sections, the entities, and the matcher's (category cores)
        strings, ents = compiled.strings, compiled.entities
        self._ents = ents
        self.entities = EntityRows(ents)
        self.strings = r.strings("t.strings")
        self._keys = r.strings("t.keys")
        n = len(self._keys)
        self.flags = r.raw("t.flags")
        self.solo = r.array("t.solo", "i")
        self.solo_score = SmallFloats(r, "t.solo_score")
        self.solo_via = r.array("t.solo_via", "i")
        cols = []
        for name in ("t.full", "t.acro"):
            cols.append((r.array(f"{name}.v", "I"), r.array(f"{name}.e", "i"), SmallFloats(r, f"{name}.s"),
                         r.array(f"{name}.w", "i")))
        self._full, self._acro = cols
        self._short_v, self._short_p = r.array("t.short.v", "I"), r.array("t.short.p", "i")
        self._given_v, self._given_s = r.array("t.given.v", "I"), r.array("t.given.s", "i")
        self._initials = r.strings("t.initials")
        self._press_k, self._press_m = r.array("t.press.k", "i"), r.array("t.press.m", "I")
        self._full_l = r.raw("t.full.l") if r.has("t.full.l") else None
        ne = len(ents)
        if not (len(self.flags) == len(self.solo) == len(self.solo_score) == len(self.solo_via) == n
                and len(self._full[0]) == len(self._acro[0]) == len(self._short_v) == n + 1
                and len(self._given_v) == len(self._initials) + 1 == ne + 1
                and len(self._press_k) == len(self._press_m)
                and (self._full_l is None or len(self._full_l) == len(self._full[1]))):
            raise IndexFileError(f"{r.where}: corrupt (tagger table shape)")
        self._shared_strings = strings
        self._keys_list: list[str] | None = None
        self._parsed: dict[int, tuple[list[tuple[int, float, int]], list[tuple[int, float, int]], list[int]]] = {}
        self._ancestors: dict[int, tuple[int, ...]] = {}
        self._given: dict[int, frozenset[str]] = {}
        self.given = _Given(self._given_of)
        self.initials = _Initials(self._initials)

    def number(self, key: str) -> int:
        """The number of ``key``, -1 when the table has none: a bisection of the sorted keys, nothing built."""
        i = bisect_left(self._keys, key)
        return i if i < len(self._keys) and self._keys[i] == key else -1

    @property
    def keys(self) -> list[str]:
        """Every key, decoded (for building the automaton)."""
        if self._keys_list is None:
            self._keys_list = self._keys.all()
        return self._keys_list

    def __len__(self) -> int:
        return len(self._keys)

    def hits(self, kid: int) -> tuple[list[tuple[int, float, int]], list[tuple[int, float, int]], list[int]]:
        """(full hits, acronym hits, surname persons) of a key."""
        got = self._parsed.get(kid)
        if got is None:
            groups = []
            for v, e, sc, w in (self._full, self._acro):
                a, b = v[kid], v[kid + 1]
                groups.append(list(zip(e[a:b].tolist(), sc.slice(a, b), w[a:b].tolist())))
            short = self._short_p[self._short_v[kid] : self._short_v[kid + 1]].tolist()
            got = self._parsed[kid] = (groups[0], groups[1], short)
        return got

    def spells_label(self, kid: int, e: int) -> bool | None:
        """Does key ``kid`` spell entity ``e``'s label (see :func:`_label_speller`)? None: the index
        does not say (``e`` is no full hit of a key of several entities)."""
        fl = self._full_l
        if fl is None:
            return None
        v, es = self._full[0], self._full[1]
        for i in range(v[kid], v[kid + 1]):
            if es[i] == e:
                got = fl[i]
                return None if not got else got == LABEL_YES
        return None

    def press_langs(self, kid: int) -> int:
        """Which languages write a key (:mod:`normalize.matcher.press_langs`: ANY, or press-language bits)."""
        k = self._press_k
        i = bisect_left(k, kid)
        return self._press_m[i] if i < len(k) and k[i] == kid else ANY

    def short(self, kid: int) -> list[int]:
        return self.hits(kid)[2]

    def _given_of(self, person: int) -> frozenset[str]:
        got = self._given.get(person)
        if got is None:
            strings = self.strings
            got = self._given[person] = frozenset(
                strings[i] for i in self._given_s[self._given_v[person] : self._given_v[person + 1]])
        return got

    def ancestors(self, e: int) -> tuple[int, ...]:
        got = self._ancestors.get(e)
        if got is None:
            got = self._ancestors[e] = ancestors_of(self._ents.parent, e)
        return got


class _Given:
    """person -> skeletons of their given names (empty for anyone else)."""

    __slots__ = ("_of",)

    def __init__(self, of: Callable[[int], frozenset[str]]) -> None:
        self._of = of

    def get(self, person: int, default: frozenset[str] = frozenset()) -> frozenset[str]:
        return self._of(person) or default


class _Initials:
    """person -> the first letters of their given names ("" for anyone else)."""

    __slots__ = ("_t",)

    def __init__(self, table: Sequence[str]) -> None:
        self._t = table

    def get(self, person: int, default: str = "") -> str:
        return self._t[person] or default


class EntityRows:
    """Entity rows ``[id, label, type, parent, country, admin1, population, subtype]``, made on access."""

    __slots__ = ("_columns", "_ents", "_memo", "_subtypes")

    def __init__(self, ents: Any) -> None:
        from normalize.index.entities import EntityTable

        self._ents = ents
        self._memo: dict[int, list[Any]] = {}
        self._subtypes: dict[int, str | None] = {}  # subtype string number -> the string (a few dozen)
        # a compiled index's entity table: the row read from its columns, without making the whole
        # record (its same_as, gender, prior), which the tagger never reads
        self._columns = ents if type(ents) is EntityTable else None

    def __len__(self) -> int:
        return len(self._ents)

    def __getitem__(self, e: int) -> list[Any]:
        got = self._memo.get(e)
        if got is None:
            c = self._columns
            if c is not None and 0 <= e < len(c.ids):
                opt = c._opt
                pop = c.population[e]
                got = [c.ids[e], c.labels[e], c.type_of(e), c.parent[e], opt(c.country[e]), opt(c.admin1[e]),
                       None if pop < 0 else pop, opt(c.subtype[e])]
            else:
                r = self._ents[e]
                got = [r.id, r.label, r.type, r.parent, r.country, r.admin1, r.population, r.subtype]
            self._memo[e] = got
        return got

    def __iter__(self) -> Iterator[list[Any]]:
        return (self[e] for e in range(len(self._ents)))

    def head(self, e: int) -> tuple[str, str | None, str | None]:
        """Entity ``e``'s id, label and type (its row's first three fields): from its row when made, else
        read from a compiled index's columns without making and keeping the row (a key that resolves
        alone is written from these fields only, once: :func:`normalize.tagger.runner._text_task`)."""
        got = self._memo.get(e)
        if got is None:
            c = self._columns
            if c is not None and 0 <= e < len(c.ids):
                return c.ids[e], c.labels[e], c.type_of(e)
            got = self[e]
        return got[0], got[1], got[2]

    def subtype(self, e: int) -> str | None:
        """Entity ``e``'s subtype (its row's last field), read from a compiled index's column without
        making the row (most places the tagger weighs are never tagged)."""
        c = self._columns
        if c is not None and 0 <= e < len(c.ids):
            k = c.subtype[e]
            got = self._subtypes.get(k)
            if got is None and k >= 0:
                got = self._subtypes[k] = c._opt(k)
            return got
        sub: str | None = self[e][7]
        return sub


def _is_title(word: str, titles: frozenset[str]) -> bool:
    """Is a folded word a title of person_names.json's ``titles`` or a case form of one (a title
    and up to three letters: "митрополита", "патріархом")?"""
    return any(word[: len(word) - cut] in titles for cut in range(min(4, len(word))))


def _title_before_a_name(key: str, hits: Sequence[tuple[int, str, tuple[str, ...], float]],
                         exact: Any, is_person: Sequence[bool]) -> bool:
    """Is ``key`` a title (or its case form) before another key of the same people ("митрополит
    епіфаній", "епіфаній")? A title is no part of a name's span (the gold rules), so the tagger keeps
    only the name after it; a title with no such key ("патріарх кирил") stays a key, and no title is
    read as a given name before a surname."""
    people = {h[0] for h in hits}
    if not all(is_person[i] for i in people):
        return False
    rest = exact.get(key[key.index(" ") + 1 :])
    return bool(rest) and people <= {h[0] for h in rest}


def write_tagger(w: Writer, entities: Sequence[Entity], matcher: Matcher, pool: object = None) -> None:
    """The ``t.`` sections of a compiled index, from a built matcher's keys (see :class:`KeyTable`).

    Every exact key of the matcher (names, renderings, inflected forms) and every
    acronym key becomes a tagger key, except keys too short and common words
    (:data:`STOP_WORDS`); the surname forms of every person are added as short keys.
    ``pool`` (the index's shared string pool) is not used: the tagger's strings are its own.
    """
    strings: dict[str, int] = {}
    via_ids: dict[tuple[str, ...], int] = {}

    def sid(s: str) -> int:
        got = strings.get(s)
        if got is None:
            got = strings[s] = len(strings)
        return got

    def via_id(via: tuple[str, ...]) -> int:
        got = via_ids.get(via)
        if got is None:
            got = via_ids[via] = sid(" > ".join(via))
        return got

    is_person = [e.type == "person" for e in entities]
    isalpha = str.isalpha
    upper: dict[str, bool] = {}
    score_of: dict[float, float] = {}  # a hit's quality -> its key score (few distinct qualities)
    exact_score = scores.EXACT
    full: dict[str, list[tuple[int, float, int]]] = {}
    acro: dict[str, list[tuple[int, float, int]]] = {}
    any_case: set[str] = set()
    person_given: dict[int, set[str]] = {}
    possessive_of: dict[str, str] = {}  # a possessive key -> the key it was first made from
    titles = person_titles()
    exact = matcher._exact
    for key, hits in exact.items():
        if len(key) - key.count(" ") < MIN_KEY_LETTERS or key in STOP_WORDS or not any(map(isalpha, key)):
            continue
        titled = " " in key and _is_title(key[: key.index(" ")], titles)
        if titled and _title_before_a_name(key, hits, exact, is_person):
            continue
        rows = []
        lower = False
        for i, alias, via, q in hits:
            score = score_of.get(q)
            if score is None:
                score = score_of[q] = round(exact_score * q, 1)
            vid = via_ids.get(via)
            if vid is None:
                vid = via_id(via)
            rows.append((i, score, vid))
            up = upper.get(alias)
            if up is None:
                up = upper[alias] = _starts_upper(alias)
            if not up:
                lower = True
            if is_person[i] and " " in key and not titled:
                person_given.setdefault(i, set()).add(key.split(" ")[0])
        full[key] = rows
        if lower:
            any_case.add(key)
        possessive = _possessive_key(hits)
        if possessive is not None and possessive not in matcher._exact:
            if possessive not in full:
                possessive_of[possessive] = key
            full.setdefault(possessive, []).extend(rows)
            if lower:
                any_case.add(possessive)
    _add_bare_generic_keys(full, any_case, matcher, entities)
    _add_category_equivalents(full, matcher, entities)
    for key, hits in matcher._acronyms.items():
        letters = len(key) - key.count(" ")
        if letters < 2 or not any(map(isalpha, key)):
            continue
        # two letters derived from a name ("MP") are too often something else
        acro[key] = [(h.entity, round(scores.ACRONYM * h.quality, 1), via_id(h.via)) for h in hits
                     if not (letters < 3 and h.via[:1] == ("derived acronym",))]
    short: dict[str, list[int]] = {}
    for p in matcher._persons:
        i = p.entity
        for key in matcher._surname_keys.get(i, ()):
            if len(key) < MIN_KEY_LETTERS or key in STOP_WORDS or " " in key:
                continue
            got = short.setdefault(key, [])
            if i not in got:
                got.append(i)
    pops = [e.population or 0 for e in entities]

    def order(h: tuple[int, float, int]) -> tuple[float, int, int]:
        return (-h[1], -pops[h[0]], h[0])

    keys = sorted(full.keys() | acro.keys() | short.keys())
    flags = bytearray()
    solo: list[int] = []
    solo_score: list[float] = []
    solo_via: list[int] = []
    # each part's runs as columns (entity, score, via) and offsets, filled key by key
    cols: dict[str, tuple[list[int], list[float], list[int], list[int]]] = {
        "full": ([], [], [], [0]), "acro": ([], [], [], [0])}
    fe, fs, fw, fo = cols["full"]
    ae, as_, aw, ao = cols["acro"]
    short_flat: list[int] = []
    short_offsets = [0]
    fl = bytearray()  # per full hit of a key of several: LABEL_NO, LABEL_YES (see spells_label); 0 not worked out
    spells_label = _label_speller(entities)
    full_get, acro_get, short_get = full.get, acro.get, short.get
    for key in keys:
        fh = full_get(key)
        ah = acro_get(key)
        sh = short_get(key)
        f = 0
        if fh:
            f |= FULL_ANY if key in any_case else FULL_CAP
            if len(fh) > 1:
                fh = sorted(fh, key=order)
                for e, sc, v in fh:
                    fe.append(e)
                    fs.append(sc)
                    fw.append(v)
                    fl.append(spells_label(key, e))
            elif not ah and not sh:  # one hit, nothing else: the solo columns say it all too
                e, sc, v = fh[0]
                fe.append(e)
                fs.append(sc)
                fw.append(v)
                fl.append(0)
                flags.append(f)
                fo.append(len(fe))
                ao.append(len(ae))
                short_offsets.append(len(short_flat))
                solo.append(e)
                solo_score.append(sc)
                solo_via.append(v)
                continue
            else:
                e, sc, v = fh[0]
                fe.append(e)
                fs.append(sc)
                fw.append(v)
                fl.append(0)
        if ah:
            f |= ACRO
            for e, sc, v in (sorted(ah, key=order) if len(ah) > 1 else ah):
                ae.append(e)
                as_.append(sc)
                aw.append(v)
        if sh:
            f |= SHORT
            short_flat.extend(sorted(sh))
        flags.append(f)
        fo.append(len(fe))
        ao.append(len(ae))
        short_offsets.append(len(short_flat))
        solo.append(-1)
        solo_score.append(0.0)
        solo_via.append(0)
    w.add_strings("t.keys", keys)
    w.add("t.flags", bytes(flags))
    w.add_array("t.solo", "i", solo)
    write_small_floats(w, "t.solo_score", solo_score)
    w.add_array("t.solo_via", "i", solo_via)
    for part, (es, ss, vs, offsets) in cols.items():
        w.add_array(f"t.{part}.v", "I", offsets)
        w.add_array(f"t.{part}.e", "i", es)
        write_small_floats(w, f"t.{part}.s", ss)
        w.add_array(f"t.{part}.w", "i", vs)
    w.add("t.full.l", bytes(fl))
    w.add_array("t.short.v", "I", short_offsets)
    w.add_array("t.short.p", "i", short_flat)
    press_k, press_m = _press_only_columns(keys, matcher._press_only, possessive_of)
    w.add_array("t.press.k", "i", press_k)
    w.add_array("t.press.m", "I", press_m)
    offsets = [0]
    flat: list[int] = []
    initials: list[str] = []
    for i in range(len(entities)):
        forms = person_given.get(i, ())
        flat.extend(sid(s) for s in sorted({skeleton(g) for g in forms if len(g) >= 2}))
        offsets.append(len(flat))
        initials.append("".join(sorted({g[0] for g in forms})))
    w.add_array("t.given.v", "I", offsets)
    w.add_array("t.given.s", "i", flat)
    w.add_strings("t.initials", initials)
    w.add_strings("t.strings", list(strings))


#: what ``t.full.l`` says of a hit of a key of several entities: the key does not spell that entity's
#: label, or does (0: not worked out, a key of one entity, which is never ranked)
LABEL_NO, LABEL_YES = 1, 2


def _label_speller(entities: Sequence[Entity]) -> Callable[[str, int], int]:
    """``(key, entity number) -> LABEL_YES or LABEL_NO``: does the key spell the entity's label, as
    :meth:`normalize.tagger.rank.Ranker.spells_label` reads it (a label the lexicon gives, of no
    person, equal up to :func:`~normalize.matcher.variants.name_skeleton`)? Worked out when the
    index is compiled, so that ranking a key's homonyms romanizes nothing."""
    from normalize.matcher.variants import name_skeleton

    labels: dict[int, str | None] = {}

    def spells(key: str, i: int) -> int:
        if i in labels:
            lab = labels[i]
        else:
            e = entities[i]
            label = e.display_label if e.label is not None and e.type != "person" else ""
            lab = labels[i] = name_skeleton(label) if label else None
        return LABEL_YES if lab is not None and name_skeleton(key) == lab else LABEL_NO

    return spells


def _press_only_columns(keys: Sequence[str], press: dict[str, int],
                        possessive_of: dict[str, str]) -> tuple[list[int], list[int]]:
    """(the numbers of the keys only some languages' presses write, their masks: see
    :mod:`normalize.matcher.press_langs`), in key order. A possessive key is written as the key
    it is made from; acronyms and surname forms, by any language."""
    if not press:
        return [], []
    nums: list[int] = []
    masks: list[int] = []
    for i, key in enumerate(keys):
        m = press.get(key)
        if m is None and key in possessive_of:
            m = press.get(possessive_of[key])
        if m is not None:
            nums.append(i)
            masks.append(m)
    return nums, masks


def _add_bare_generic_keys(full: dict[str, list[tuple[int, float, int]]], any_case: set[str],
                           matcher: Matcher, entities: Sequence[Entity]) -> None:
    """Add the bare generic name of organizations named with their country: "Russian Foreign
    Ministry", "Foreign Ministry of Ukraine" and "Ukraine's Foreign Ministry" give "foreign
    ministry", a key of both bodies, which the tagger resolves by the country its sentence or
    paragraph speaks for (:class:`normalize.tagger.generic.GenericNames`). Only where the rest is no
    key of its own, and two countries' organizations or more, one each, share it; the country
    words are engine data (``nationalities.json``)."""
    from normalize.tagger.generic import nationality_words

    words = nationality_words()[0]
    found: dict[str, dict[str, tuple[int, float, int]]] = {}
    for key, rows in full.items():
        if " " not in key:
            continue
        for (i, alias, _via, _q), row in zip(matcher._exact.get(key, ()), rows):
            ent = entities[i]
            country = ent.country
            if ent.type != "org" or not country:
                continue
            parts = alias.replace("’", "'").split(" ")
            rest: list[str] | None = None
            if words.get(parts[0]) == country:
                rest = parts[1:]
            elif len(parts) >= 3 and parts[-2] == "of" and words.get(parts[-1]) == country:
                rest = parts[:-2]
            elif len(parts) >= 4 and parts[-3:-1] == ["of", "the"] and words.get(parts[-1]) == country:
                rest = parts[:-3]
            if not rest or len(rest) < 2 or not rest[0][:1].isupper():
                continue
            bare = fold(" ".join(rest))
            if bare in full or bare in matcher._exact:
                continue
            by = found.setdefault(bare, {})
            got = by.get(country)
            if got is None or got[0] == i:
                if got is None or row[1] > got[1]:
                    by[country] = row
            else:
                by[country] = (-1, 0.0, 0)  # two bodies of one country: the name tells neither
    for bare, by in found.items():
        rows = list(by.values())
        if len(rows) < 2 or any(r[0] < 0 for r in rows):
            continue
        low = min(r[1] for r in rows)  # tied: only the country decides
        full[bare] = [(r[0], low, r[2]) for r in rows]


def _add_category_equivalents(full: dict[str, list[tuple[int, float, int]]], matcher: Matcher,
                              entities: Sequence[Entity]) -> None:
    """Add a place's name with the press's category word for the one its name ends with
    ("Darnytskyi Raion" gives "darnytskyi district"): engine data (``tagging.json``,
    ``category_equivalents``); only where that name is no key of its own."""
    from normalize import evidence

    equivalents: dict[str, str] = evidence.data()["category_equivalents"]
    added: dict[str, list[tuple[int, float, int]]] = {}
    for key, rows in full.items():
        last = key.rpartition(" ")[2]
        word = equivalents.get(last)
        if word is None:
            continue
        other = key[: len(key) - len(last)] + word
        if other in full or other in matcher._exact:
            continue
        got = added.setdefault(other, [])
        for row in rows:
            if entities[row[0]].type == "place" and all(r[0] != row[0] for r in got):
                got.append(row)
    for key, rows in added.items():
        if rows:
            full[key] = rows


def _possessive_key(hits: Sequence[Any]) -> str | None:
    """The key as the tagger's view reads a name with a possessive ("Ukraine's General Staff"):
    the view splits "'s" off the word before it ("ukraine s general staff"), the light key
    drops the apostrophe ("ukraines general staff"). None: no alias of the key has one."""
    for _, alias, _, _ in hits:
        if "s" in alias and _POSSESSIVE_RE.search(alias):
            return fold(_POSSESSIVE_RE.sub(" s", alias))
    return None


_POSSESSIVE_RE = re.compile(r"(?<=[^\W\d_])['’ʼ]s\b")


def _starts_upper(alias: str) -> bool:
    for c in alias:
        if c.isalpha():
            return not c.islower()
    return True



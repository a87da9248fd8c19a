"""Legal forms, generic words and country qualifiers of organization names.

Registers write an organization with its legal form (ПАО «Газпром», Банк ВТБ (ПАО),
PJSC Gazprom, Gazprom PAO), often with nested quotes (ПАО «НК «Роснефть»), and with
generic words saying what kind of organization it is (банк, нефтяная компания,
концерн; Bank, Oil Company, Concern) and whose it is (Сбербанк России, Sberbank of
Russia). The table ``normalize/data/org_types.json`` lists these words (display form,
compare form, aliases); :func:`parse` takes them off the ends of a name and says
what it took, so the matcher compares what is left, the *core*:

>>> p = parse("ПАО «НК «Роснефть»")
>>> p.core, p.legal, p.generic
('роснефть', ('pjsc',), ('oil company',))
>>> parse("Rosneft Oil Company").core
'rosneft'
>>> p = parse("Sberbank of Russia")
>>> p.core, p.qualifiers
('sberbank', ('ru',))
>>> parse("Gazprom Neft").core  # a subsidiary keeps its distinguishing word
'gazprom neft'
>>> parse("Bank of Russia").core  # nothing but generic words: no core
''

Nothing is ever taken from the middle of a name, and never the last word that
would be left.
"""

from __future__ import annotations

import json
import re
import threading
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from normalize.fold import fold, fold_with_offsets, has_cyrillic, skeleton

__all__ = ["OrgName", "OrgType", "OrgTypes", "OrgTypesError", "core_key", "generic_verdict", "org_types", "parse"]

_KINDS = {"legal_forms": "legal", "generic_words": "generic", "qualifiers": "qualifier"}
_KEYS = {"display", "compare", "lang", "aliases", "distinctive"}
_COMPARE_RE = re.compile(r"^[a-z][a-z ]*[a-z]$|^[a-z]$")


class OrgTypesError(ValueError):
    """The table is not valid; the message names the file and line."""


class OrgType(NamedTuple):
    """One entry of the table."""

    kind: str  # "legal", "generic" or "qualifier"
    display: str
    compare: str
    distinctive: bool = False


class OrgName(NamedTuple):
    """What :func:`parse` found in a name.

    ``core`` is the folded words left (``""`` when only generic words are left),
    ``core_text`` the same part of the name as written (for romanizing it), and
    ``stripped_text`` the name as written without its legal forms only.
    """

    core: str
    core_text: str
    stripped_text: str
    legal: tuple[str, ...]
    generic: tuple[str, ...]
    qualifiers: tuple[str, ...]
    distinctive: tuple[str, ...]  # the compare forms of the generic words that are distinctive


def _norm_word(word: str) -> str:
    """How a folded word is compared: its skeleton when it is a Latin word; its letters when
    it is Cyrillic or short. The skeleton merges how schemes spell a sound, which says
    nothing about an abbreviation and would merge two (MMC and MTS are both "mc")."""
    return word if has_cyrillic(word) or len(word) <= 4 else skeleton(word)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(_norm_word(w) for w in fold(text).split())


class OrgTypes:
    """The validated table: phrase (normalized words) -> entry."""

    def __init__(self, phrases: dict[tuple[str, ...], OrgType], named_after: frozenset[tuple[str, ...]],
                 place_adjective_endings: tuple[str, ...] = ()) -> None:
        self.phrases = phrases
        self.named_after = named_after
        self._endings = tuple(place_adjective_endings)
        alternatives = "|".join(sorted(map(re.escape, place_adjective_endings), key=len, reverse=True))
        self.place_adjective = re.compile(f"sk(?:{alternatives})$") if alternatives else None
        self.longest = max((len(p) for p in phrases), default=0)

    def to_json(self) -> dict[str, Any]:
        return {"phrases": [[list(p), t.kind, t.display, t.compare, t.distinctive] for p, t in self.phrases.items()],
                "named_after": sorted(list(p) for p in self.named_after),
                "place_adjective_endings": list(self._endings)}

    @classmethod
    def from_json(cls, data: Any) -> OrgTypes:
        try:
            phrases = {tuple(p): OrgType(kind, display, compare, bool(dist)) for p, kind, display, compare, dist in data["phrases"]}
            return cls(phrases, frozenset(tuple(p) for p in data["named_after"]), tuple(data["place_adjective_endings"]))
        except (KeyError, TypeError, ValueError):
            from normalize.index.container import IndexFileError

            raise IndexFileError("corrupt index (organization types)") from None

    @classmethod
    def load(cls, path: str | Path | None = None) -> OrgTypes:
        """Read and validate a table (default: the packaged one). Raises :class:`OrgTypesError`
        naming the file and line of the first problem: an unknown or missing key, a
        malformed value, or an alias that two entries share."""
        if path is None:
            source = resources.files("normalize.data") / "org_types.json"
            text, where = source.read_text(encoding="utf-8"), "org_types.json"
        else:
            text, where = Path(path).read_text(encoding="utf-8"), str(path)
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise OrgTypesError(f"{where}:{exc.lineno}: not valid JSON: {exc.msg}") from None
        lines = _entry_lines(text)
        if not isinstance(raw, dict):
            raise OrgTypesError(f"{where}:1: the table must be a JSON object")
        unknown = set(raw) - set(_KINDS) - {"_doc", "named_after", "place_adjective_endings"}
        if unknown:
            raise OrgTypesError(f"{where}:1: unknown section {min(unknown)!r}")
        phrases: dict[tuple[str, ...], OrgType] = {}
        owner: dict[tuple[str, ...], str] = {}  # explicit phrase -> where it was given
        derived: list[tuple[tuple[str, ...], OrgType, str]] = []
        for section, kind in _KINDS.items():
            entries = raw.get(section)
            if not isinstance(entries, list):
                raise OrgTypesError(f"{where}:1: section {section!r} must be a list of entries")
            for i, entry in enumerate(entries):
                at = f"{where}:{lines.get((section, i), 1)}"
                org_type, aliases, langs = _check_entry(entry, kind, at)
                for alias in aliases:
                    phrase = _phrase(alias)
                    if not phrase:
                        raise OrgTypesError(f"{at}: alias {alias!r} has no letters")
                    if phrase in owner:
                        raise OrgTypesError(f"{at}: alias {alias!r} is already given at {owner[phrase]}")
                    owner[phrase] = at
                    phrases[phrase] = org_type
                    if has_cyrillic(alias):
                        for variant in _romanizations(alias, langs):
                            derived.append((_phrase(variant), org_type, at))
        # a romanization is an alias too (ПАО: PAO), unless an explicit alias of another
        # entry spells it, or romanizations of two kinds meet (ОАО, ООО: OAAS, OOAS in a
        # press scheme that adds endings): then it says nothing and is left out
        from_romanization: dict[tuple[str, ...], OrgType | None] = {}
        for phrase, org_type, _ in derived:
            if phrase in owner:
                continue
            other = from_romanization.setdefault(phrase, org_type)
            if other is not None and (other.kind, other.compare) != (org_type.kind, org_type.compare):
                from_romanization[phrase] = None
        for phrase, got in from_romanization.items():
            if got is not None:
                phrases[phrase] = got
        named = raw.get("named_after", [])
        if not isinstance(named, list) or not all(isinstance(w, str) and w.strip() for w in named):
            raise OrgTypesError(f"{where}:1: 'named_after' must be a list of words")
        endings = raw.get("place_adjective_endings", [])
        if not isinstance(endings, list) or not all(isinstance(e, str) and e.isalpha() and e.isascii() and e.islower()
                                                    for e in endings):
            raise OrgTypesError(f"{where}:1: 'place_adjective_endings' must be a list of lowercase Latin endings")
        return cls(phrases, frozenset(_phrase(w) for w in named), tuple(endings))


def _check_entry(entry: Any, kind: str, at: str) -> tuple[OrgType, list[str], list[str]]:
    if not isinstance(entry, dict):
        raise OrgTypesError(f"{at}: an entry must be a JSON object")
    unknown = set(entry) - _KEYS
    if unknown:
        raise OrgTypesError(f"{at}: unknown key {min(unknown)!r}")
    for key in ("display", "compare", "aliases"):
        if key not in entry:
            raise OrgTypesError(f"{at}: missing key {key!r}")
    display, compare, aliases = entry["display"], entry["compare"], entry["aliases"]
    if not isinstance(display, str) or not display.strip():
        raise OrgTypesError(f"{at}: 'display' must be a non-empty string")
    if not isinstance(compare, str) or not _COMPARE_RE.match(compare):
        raise OrgTypesError(f"{at}: 'compare' must be lowercase ASCII words, not {compare!r}")
    if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise OrgTypesError(f"{at}: 'aliases' must be a non-empty list of strings")
    langs = entry.get("lang", [])
    if not isinstance(langs, list) or not all(isinstance(lg, str) and lg.isalpha() and lg.islower() for lg in langs):
        raise OrgTypesError(f"{at}: 'lang' must be a list of language codes")
    distinctive = entry.get("distinctive", False)
    if not isinstance(distinctive, bool) or (distinctive and kind != "generic"):
        raise OrgTypesError(f"{at}: 'distinctive' is true or false, and only for generic words")
    return OrgType(kind, display, compare, distinctive), aliases, langs


def _romanizations(alias: str, langs: list[str]) -> list[str]:
    from normalize.matcher.variants import romanize_all as _romanize_all

    out: list[str] = []
    choices: list[str | None] = [lg for lg in langs if lg in ("ru", "uk", "be")] or [None]
    for lang in choices:
        out.extend(v for v in _romanize_all(alias, lang) if not has_cyrillic(v))
    return list(dict.fromkeys(out))


def _entry_lines(text: str) -> dict[tuple[str, int], int]:
    """(section, index) -> line number, for a table written one entry per line."""
    out: dict[tuple[str, int], int] = {}
    section, index = None, 0
    for no, line in enumerate(text.splitlines(), 1):
        m = re.match(r'\s*"(\w+)"\s*:\s*\[', line)
        if m:
            section, index = m.group(1), 0
            continue
        if section is not None and line.lstrip().startswith("{"):
            out[(section, index)] = no
            index += 1
    return out


_TABLE: OrgTypes | None = None
_TABLE_LOCK = threading.Lock()


def org_types() -> OrgTypes:
    """The packaged table, validated once (or as a compiled index carries it: see :func:`install`)."""
    global _TABLE
    if _TABLE is None:
        with _TABLE_LOCK:
            if _TABLE is None:
                _TABLE = OrgTypes.load()
    return _TABLE


def install(data: Any) -> None:
    """Use the table a compiled index carries (:meth:`OrgTypes.to_json` of the packaged table,
    romanized aliases included), unless one is loaded: it saves romanizing every alias
    with every scheme at a process's first query. The index's engine stamp vouches
    that it is this version's table."""
    global _TABLE
    if _TABLE is None:
        table = OrgTypes.from_json(data)
        with _TABLE_LOCK:
            if _TABLE is None:
                _TABLE = table


def parse(text: str, *, table: OrgTypes | None = None) -> OrgName:
    """Take legal forms, generic words and country qualifiers off the ends of a name."""
    t = table or org_types()
    folded, spans = fold_with_offsets(text)
    words = folded.split(" ") if folded else []
    starts = []
    pos = 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    norm = [_norm_word(w) for w in words]
    lo, hi = 0, len(words)
    for i in range(1, hi):  # "... им. В. Д. Шашина": the tail from the marker goes
        if any(tuple(norm[i : i + len(m)]) == m for m in t.named_after):
            hi = i
            break
    legal: list[str] = []
    generic: list[OrgType] = []
    qualifiers: list[str] = []
    legal_lo, legal_hi = lo, hi
    changed = True
    while changed and lo < hi:
        changed = False
        for at_end in (False, True):
            for n in range(min(t.longest, hi - lo - 1), 0, -1):
                phrase = tuple(norm[hi - n : hi]) if at_end else tuple(norm[lo : lo + n])
                got = t.phrases.get(phrase)
                if got is None or (got.kind == "qualifier" and not at_end):
                    continue
                if got.kind == "legal":
                    legal.append(got.compare)
                elif got.kind == "generic":
                    generic.append(got)
                else:
                    qualifiers.append(got.compare)
                if at_end:
                    hi -= n
                    if got.kind == "legal" and legal_hi == hi + n:
                        legal_hi = hi
                else:
                    lo += n
                    if got.kind == "legal" and legal_lo == lo - n:
                        legal_lo = lo
                changed = True
                break
    rest = tuple(norm[lo:hi])
    left = t.phrases.get(rest)
    if not rest or left is not None:
        core = core_text = ""  # only generic words and qualifiers (Bank of Russia): no core
    else:
        core = " ".join(words[lo:hi])
        core_text = _source(text, spans, starts, words, lo, hi)
    return OrgName(
        core=core,
        core_text=core_text,
        stripped_text=_source(text, spans, starts, words, legal_lo, legal_hi) if legal else text,
        legal=tuple(legal),
        generic=tuple(dict.fromkeys(g.compare for g in generic)),
        qualifiers=tuple(dict.fromkeys(qualifiers)),
        distinctive=tuple(dict.fromkeys(g.compare for g in generic if g.distinctive)),
    )


def core_key(text: str, stop_skeletons: frozenset[str] = frozenset(), *, table: OrgTypes | None = None) -> str:
    """The key a core is compared by: its skeleton words, function words left out, a place
    adjective in -sk as its place (Норильский, Norilsky, Norilsk: norilsk); "" when
    fewer than two letters or digits are left.

    >>> from normalize.matcher.variants import canonical_latin as _canonical_latin
    >>> core_key(_canonical_latin("Норильский никель")) == core_key("Norilsk Nickel") == core_key("Norilsky Nickel")
    True
    """
    t = table or org_types()
    words = []
    for w in skeleton(fold(text)).split(" "):
        if not w or w in stop_skeletons:
            continue
        if t.place_adjective is not None and not has_cyrillic(w):
            w = t.place_adjective.sub("sk", w)
        words.append(w)
    key = " ".join(words)
    return key if sum(c.isalnum() for c in key) >= 2 else ""


def _source(text: str, spans: list[tuple[int, int]], starts: list[int], words: list[str], lo: int, hi: int) -> str:
    """The part of ``text`` that folded into ``words[lo:hi]``."""
    if lo >= hi:
        return ""
    a = spans[starts[lo]][0]
    b = spans[starts[hi - 1] + len(words[hi - 1]) - 1][1]
    return text[a:b]


def generic_verdict(query: OrgName, generic: tuple[str, ...], distinctive: tuple[str, ...],
                    qualifiers: tuple[str, ...]) -> str | None:
    """How the generic words and qualifiers of a query compare with a name's.

    ``"same"``: both have generic words of one kind (Rosneft Oil Company, НК
    «Роснефть»), or neither has any; ``"one side"``: one has some, the other
    none; ``"query distinctive"``: only the query has a distinctive generic word
    (Gazprom Bank against Газпром: likely another organization); None: they
    disagree (Alfa Group against Альфа-Банк; of Russia against of Ukraine).
    """
    if query.qualifiers and qualifiers and not set(query.qualifiers) & set(qualifiers):
        return None
    if query.generic and generic:
        return "same" if set(query.generic) & set(generic) else None
    if query.generic:
        return "query distinctive" if query.distinctive else "one side"
    if generic:
        return "one side"
    return "same" if not (bool(query.qualifiers) ^ bool(qualifiers)) else "one side"

"""Name matcher: any spelling of a name to the canonical ID of its entity.

How a :class:`Matcher` sees a lexicon (built once, then every query is a few
dictionary look-ups):

* **variants**: every lexicon name, its rendering under every applicable
  transliteration scheme (the language's standards, its conventions and the
  foreign-press transcriptions), and, for Cyrillic names, their inflected
  forms; all folded by :func:`normalize.fold.fold` into *light keys*;
* **skeletons**: the light keys reduced by :func:`normalize.fold.skeleton`,
  which merges what schemes disagree on (y/j/i, kh/h/g, w/v, ts/c, ...);
* **bags**: the sorted content words of multi-word names, for word order and
  function words ("Russia Freedom Legion" = "Freedom of Russia Legion");
* **persons**: surnames (all renderings) and given names resolved through
  the table of given-name equivalents, so order, initials, patronymics,
  "Surname, Given" and Oleksii/Aleksei/Alexej are handled token by token,
  with a gender check (Navalny is not Navalnaya); which word of a lexicon name
  is the surname is read from evidence (:mod:`normalize.person_names`), and a
  register name (Абрамович Роман Аркадьевич) is also indexed in the press order;
* **organizations**: names without their legal forms, and their cores without
  generic words and countries (:mod:`normalize.org_names`), so PJSC Gazprom,
  Rosneft Oil Company and Sberbank of Russia meet ПАО «Газпром», ПАО «НК
  «Роснефть» and ПАО Сбербанк, while Gazprom Neft does not meet Gazprom;
* **places**: category words (oblast, region, район, Gebiet...) split off, and
  adjective forms reduced (Kharkivska oblast = Kharkiv region);
* **fuzzy**: a deletion index (one edit) over the skeletons and a trigram
  index, re-scored with rapidfuzz; never a scan over all aliases.

Scores are 0-100; :data:`DEFAULT_THRESHOLD` is calibrated on the development
set (``benchmarks/match_quality.py``) for precision of at least 99%.
"""

from __future__ import annotations

import json
import math
import numbers
import re
import threading
from collections import Counter, defaultdict
from itertools import chain, islice
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple, Sequence

from rapidfuzz.distance import Levenshtein
from rapidfuzz import fuzz, process

from normalize import org_names, person_names
from normalize.fold import fold, has_cyrillic, skeleton

if TYPE_CHECKING:  # pragma: no cover
    from normalize.index.source import LexiconLike

__all__ = ["Match", "Matcher", "DEFAULT_THRESHOLD"]

#: default minimum score of a returned match (calibrated, see module docstring)
DEFAULT_THRESHOLD = 80.0
#: queries longer than this get only the exact look-up (a 1 MB field is not a name)
MAX_QUERY_LENGTH = 200

# -- engine data ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _engine_data() -> dict[str, Any]:
    text = (resources.files("normalize.data") / "matching.json").read_text(encoding="utf-8")
    return json.loads(text)


def _fuzzy_model() -> dict[str, Any]:
    """The near-miss model of the engine data (the cached dict: a calibration edits it in place)."""
    model: dict[str, Any] = _engine_data()["fuzzy_model"]
    return model


def _fuzzy_terms(model: dict[str, Any]) -> list[tuple[float, str, str | None]]:
    """The model's weights as (weight, feature, second feature of a product or None)."""
    terms: list[tuple[float, str, str | None]] = []
    for name, w in model["weights"].items():
        left, _, right = name.partition("*")
        terms.append((float(w), left, right or None))
    return terms


@lru_cache(maxsize=1)
def _generic_words() -> tuple[dict[str, tuple[str, ...]], tuple[tuple[str, tuple[str, ...]], ...]]:
    """(folded form -> its concept words, compound heads longest first) of the engine data's ``generic_words``."""
    forms: dict[str, tuple[str, ...]] = {}
    for group in _engine_data()["generic_words"]:
        concepts = tuple("#" + c for c in group["concept"].split())
        for form in group["forms"]:
            forms[fold(form)] = concepts
    heads = tuple(sorted(((f, c) for f, c in forms.items() if len(f) >= 5 and " " not in f), key=lambda fc: -len(fc[0])))
    return forms, heads


_ORDINAL_RE = re.compile(r"(\d+)(?:st|nd|rd|th|e|er|ème|-?[a-zа-яіїєё]{1,3}|\.)?")


@lru_cache(maxsize=50_000)
def _concept_word(word: str) -> tuple[str, ...]:
    """A word of a name as concept words (generic words), its number (47th -> 47) or its skeleton."""
    forms, heads = _generic_words()
    w = fold(word)
    got = forms.get(w)
    if got is not None:
        return got
    m = _ORDINAL_RE.fullmatch(w)
    if m:
        return (m.group(1),)
    if not has_cyrillic(w):
        for head, concepts in heads:  # a compound: Wagnergruppen, Sturmbrigade
            if w.endswith(head) and len(w) - len(head) >= 3:
                return _concept_word(w[: -len(head)]) + concepts
    return (skeleton(fold(_canonical_latin(w))).replace(" ", ""),)


_CONCEPT_SPLIT_RE = re.compile(r"[\W_]+")
_HYPHEN_ORDINAL_RE = re.compile(r"(\d+)[-‑–](?:[^\W\d_]{1,3})\b")


def _concept_keys(text: str, stop: frozenset[str] | set[str], query: bool = False) -> list[str]:
    """The concept keys of a name: its concept and other words, sorted (None without a generic word).

    A query also gets the key with its other words stripped of a Baltic or Czech case
    ending ("Wagnerio grupuotė").
    """
    text = _HYPHEN_ORDINAL_RE.sub(r"\1", text)  # 47-ма, 3-я
    words = [w for w in _CONCEPT_SPLIT_RE.split(text) if len(w) > 1 or w.isdigit()]  # l'ONU, Russia's
    if not 1 <= len(words) <= 8:
        return []
    parts: list[tuple[str, ...]] = []
    concept = False
    for w in words:
        if fold(w) in stop:
            continue
        got = _concept_word(w)
        concept = concept or any(c.startswith("#") for c in got)
        parts.append(got)
    tokens = [t for p in parts for t in p]
    if not concept or len(tokens) < 2:
        return []
    keys = [" ".join(sorted(tokens))]
    if query:
        options: list[list[tuple[str, ...]]] = []
        for p in parts:
            alts = [p]
            if len(p) == 1 and not p[0].startswith("#") and not p[0].isdigit():
                alts += [(skeleton(stem),) for stem, _ in _foreign_stems(p[0], "org")]
            options.append(alts)
        combos: list[list[str]] = [[]]
        for alts in options:
            combos = [c + list(a) for c in combos for a in alts][:8]
        for c in combos:
            key = " ".join(sorted(c))
            if key not in keys:
                keys.append(key)
    return keys


@lru_cache(maxsize=1)
def _ending_rules() -> tuple[tuple[str, str, frozenset[str], re.Pattern[str] | None], ...]:
    """(ending, replacement, entity types, stem pattern) of the engine data's ``foreign_case_endings``,
    longest ending first."""
    rules = []
    for rule in _engine_data()["foreign_case_endings"]["rules"]:
        stem = re.compile(rule["stem"]) if rule.get("stem") else None
        for ending in rule["endings"]:
            for base in rule.get("base", [""]):
                rules.append((ending, base, frozenset(rule.get("types", ("person", "place", "org"))), stem))
    return tuple(sorted(rules, key=lambda r: -len(r[0])))


@lru_cache(maxsize=20_000)
def _foreign_stems(word: str, type_: str | None) -> tuple[tuple[str, frozenset[str]], ...]:
    """The forms a folded Latin word may have without a Baltic or Czech case ending, with the
    entity types each may name (only those of ``type_`` when given)."""
    out: dict[str, frozenset[str]] = {}
    min_stem = _engine_data()["foreign_case_endings"]["min_stem"]
    for ending, base, types, pattern in _ending_rules():
        if type_ is not None and type_ not in types:
            continue
        if word.endswith(ending) and len(word) - len(ending) >= min_stem:
            stem = word[: len(word) - len(ending)]
            if pattern is not None and not pattern.search(stem):
                continue
            stem += base
            out[stem] = out.get(stem, frozenset()) | types
    return tuple(out.items())


def _ranking() -> dict[str, float]:
    """How candidates are ranked (engine data ``ranking``, see :meth:`Matcher.match`)."""
    conf: dict[str, float] = _engine_data()["ranking"]
    return conf


@lru_cache(maxsize=100_000)
def _name_skeleton(text: str) -> str:
    """A name's skeleton without spaces, Cyrillic romanized first: two spellings of one name meet."""
    return skeleton(fold(_canonical_latin(text))).replace(" ", "").replace("-", "")


def _fuzzy_trees(model: dict[str, Any]) -> list[tuple[dict[int, tuple[int, float]], dict[int, float]]]:
    """The trees of a tree model as (node -> (feature, threshold), leaf -> value), decoded once."""
    got = model.get("_decoded")
    if got is None:
        got = model["_decoded"] = [({n: (j, t) for n, j, t in tree["splits"]}, {n: v for n, v in tree["leaves"]})
                                   for tree in model["trees"]]
    return got  # type: ignore[no-any-return]


def _tree_value(tree: tuple[dict[int, tuple[int, float]], dict[int, float]], x: list[float]) -> float:
    """A tree's leaf value for features ``x``: from the root (0), left (2n + 1) when below the threshold."""
    splits, leaves = tree
    n = 0
    while n in splits:
        j, t = splits[n]
        n = 2 * n + 1 if x[j] < t else 2 * n + 2
    return leaves.get(n, 0.0)


@lru_cache(maxsize=1)
def _place_words() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Skeletons of the settlement words, and each place adjective's group of skeletons.

    The Cyrillic words of the engine data are romanized with every scheme of
    their language, so any press spelling of the adjective is recognised.
    """
    data = _engine_data()

    def skeletons(word: str) -> set[str]:
        forms = _romanize_all(word) if has_cyrillic(word) else (word,)
        return {skeleton(fold(f)) for f in forms if not has_cyrillic(f)}

    settlement = frozenset(s for w in data["settlement_words"] if " " not in w for s in skeletons(w))
    adjectives: dict[str, tuple[str, ...]] = {}
    for group in data["place_adjectives"]:
        canonical = tuple(dict.fromkeys(skeleton(fold(_canonical_latin(w))) for w in group))
        for w in group:
            for s in skeletons(w):
                adjectives[s] = canonical
    return settlement, adjectives


@lru_cache(maxsize=1)
def _given_names() -> tuple[dict[str, set[str]], dict[str, str]]:
    """(group id -> skeletons of every form, skeleton -> group id) of given names."""
    path = resources.files("normalize.data") / "given_names.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:  # pragma: no cover - the table ships with the package
        return {}, {}
    groups = raw["groups"] if isinstance(raw, dict) else raw
    forms: dict[str, set[str]] = {}
    owner: dict[str, str] = {}
    for group in groups:
        gid = group["id"]
        texts: list[str] = []
        for key in ("ru", "uk", "be", "latin", "diminutives"):
            texts.extend(group.get(key, []) or [])
        skels: set[str] = set()
        for t in texts:
            for variant in _romanize_all(t):
                skels.add(skeleton(fold(variant)).replace(" ", ""))
        forms[gid] = skels
        for s in skels:
            owner.setdefault(s, gid)
        for t in group.get("ru", []) + group.get("uk", []) + group.get("be", []):
            owner.setdefault(fold(t), gid)
    return forms, owner


@lru_cache(maxsize=256)
def _scheme_tuple(lang: str | None) -> tuple[str, ...]:
    """The Cyrillic schemes applied to a name of ``lang`` (None: undetected), once per language."""
    from normalize.translit import get_scheme, scheme_ids

    data = _engine_data()
    langs = [lang] if lang else data["undetected_languages"]
    out = []
    for sid in scheme_ids():
        info = get_scheme(sid).info
        if info.script == "Cyrl" and info.lang in langs:
            out.append(sid)
    return tuple(out)


def _lang_of(text: str, lang: str | None) -> str | None:
    if lang:
        return lang.split("-")[0]
    return _detect(text)


@lru_cache(maxsize=100_000)
def _detect(text: str) -> str | None:
    from normalize.detect import detect_language

    return detect_language(text)


@lru_cache(maxsize=200_000)
def _romanize_all(text: str, lang: str | None = None) -> tuple[str, ...]:
    """Every distinct rendering of a (Cyrillic) text, itself first."""
    if not has_cyrillic(text):
        return (text,)
    from normalize.translit import get_scheme

    outs = [text]
    for sid in _scheme_tuple(_lang_of(text, lang)):
        outs.append(get_scheme(sid).translit(text))
    return tuple(dict.fromkeys(outs))


@lru_cache(maxsize=200_000)
def _name_forms(text: str, lang: str | None, type_: str | None, gender: str | None) -> dict[str, str]:
    """Inflected forms of a name: Cyrillic case forms, and the Polish, Czech and Slovak case
    forms of its press transcriptions (or of a Latin name of those languages)."""
    from normalize.inflect import name_forms, press_forms

    forms = name_forms(text, lang=lang, type=type_, gender=gender)
    forms.update(press_forms(text, lang=lang, type=type_, gender=gender))
    return forms


@lru_cache(maxsize=1)
def _correspondence_rules() -> dict[str, list[tuple[re.Pattern[str], str]]]:
    rules: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for pair, items in _engine_data()["correspondences"].items():
        rules[pair] = [(re.compile(a), b) for a, b in items]
    return rules


@lru_cache(maxsize=200_000)
def _corresponding(text: str, lang: str | None) -> tuple[tuple[str, str], ...]:
    """The other East Slavic language's likely form of a name (Августівка -> Августовка).

    Regular uk<->ru correspondences of place and person names (engine data); the
    result is only a matching key, never shown as a name. Cached: the index build
    asks twice per name (see :meth:`Matcher._romanization_requests`).
    """
    out = []
    for pair, rules in _correspondence_rules().items():
        src, target = pair.split(">")
        if src != lang:
            continue
        other = text.lower()
        for pattern, repl in rules:
            other = pattern.sub(repl, other)
        if other != text.lower():
            out.append((target, other))
    return tuple(out)


def _romanize_with_via(text: str, lang: str | None) -> list[tuple[str, str]]:
    from normalize.translit import get_scheme

    out = []
    for sid in _scheme_tuple(_lang_of(text, lang)):
        out.append((get_scheme(sid).translit(text), sid))
    return out


_gc_lock = threading.Lock()
_gc_pauses = 0  # builds running now (threads), the collector paused while any is
_gc_was_enabled = False


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while an index is built or loaded.

    A build allocates millions of lists, tuples and hits, none in a reference
    cycle; with the collector on, every full collection walks all of them again
    (a third of the build time). It is switched back on as it was found, with
    the new objects moved to the oldest generation (``freeze`` then ``unfreeze``
    moves every tracked object there and restarts the youngest generation's
    count), else the first young collection would walk them all at once; the
    move is skipped when the program has frozen objects of its own.
    """
    import gc

    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                if gc.get_freeze_count() == 0:
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()


def _romanize_many(
    requests: Iterable[tuple[str, str | None]],
) -> dict[tuple[str, str | None], list[tuple[str, str]]]:
    """:func:`_romanize_with_via` of many ``(text, lang)`` pairs, scheme by scheme.

    Each scheme transliterates all its texts with one
    :meth:`~normalize.translit.Scheme.translit_many` (a few regex passes over
    batches of words instead of one per name), which gives what ``translit`` gives.
    """
    from normalize.translit import get_scheme

    plan: dict[tuple[str, str | None], tuple[str, ...]] = {}
    texts: dict[str, dict[str, None]] = defaultdict(dict)  # scheme -> its texts, in order, once
    for req in requests:
        if req not in plan:
            sids = plan[req] = _scheme_tuple(_lang_of(*req))
            for sid in sids:
                texts[sid][req[0]] = None
    outs: dict[str, dict[str, str]] = {}
    for sid, group in texts.items():
        batch = list(group)
        outs[sid] = dict(zip(batch, get_scheme(sid).translit_many(batch)))
    by_schemes: dict[tuple[str, ...], list[tuple[str, str | None]]] = defaultdict(list)
    for req, sids in plan.items():
        by_schemes[sids].append(req)
    result: dict[tuple[str, str | None], list[tuple[str, str]]] = {}
    for sids, reqs in by_schemes.items():
        columns = [list(map(outs[sid].__getitem__, [text for text, _ in reqs])) for sid in sids]
        for req, row in zip(reqs, zip(*columns)):
            result[req] = _first_of_each(row, sids)
    return result


def _first_of_each(renderings: Sequence[str], sids: Sequence[str]) -> list[tuple[str, str]]:
    """The renderings (one per scheme of ``sids``) without repeats, each with the first
    scheme that gives it, in order.

    Many schemes agree on a name; a repeat, with the same quality and a later
    scheme, would only be skipped by the index (``_add`` keeps the first hit).
    """
    first = dict(zip(reversed(renderings), reversed(sids)))  # the last write is the first scheme
    return [(out, first[out]) for out in dict.fromkeys(renderings)]


#: a lexicon this large or larger is indexed by two processes at once (where fork is safe)
PARALLEL_MIN_ENTITIES = 2000


def _parallel_ok(jobs: int | None, n: int) -> bool:
    """Fork a second indexing process? Only on Linux, from a single-threaded process."""
    import os
    import sys

    if jobs is not None and jobs <= 1:
        return False
    if jobs is None and (n < PARALLEL_MIN_ENTITIES or (os.cpu_count() or 1) < 2):
        return False
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _fork(work: Any) -> Any:
    """Run ``work()`` in a forked child; returns a function that waits for and returns its result.

    The result travels back pickled through a pipe: between two processes of
    this program, never from a file. An exception in the child is raised again here.
    """
    import os
    import pickle

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        code = 0
        try:
            try:
                payload = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # noqa: BLE001 - reported to the parent
                code = 1
                payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
            with os.fdopen(write_fd, "wb") as f:
                f.write(payload)
        finally:
            os._exit(code)
    os.close(write_fd)

    def wait() -> Any:
        with os.fdopen(read_fd, "rb") as f:
            data = f.read()
        os.waitpid(pid, 0)
        try:
            ok, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - the child died before writing
            raise RuntimeError("the second indexing process failed") from None
        if not ok:
            raise RuntimeError(f"the second indexing process failed: {value}")
        return value

    return wait


def _canonical_latin(text: str) -> str:
    """One romanization of a Cyrillic query (its detected language's main scheme)."""
    if not has_cyrillic(text):
        return text
    from normalize.translit import get_scheme, scheme_ids

    lang = _lang_of(text, None) or "ru"
    sid = _engine_data()["canonical_scheme"].get(lang, "ru_bgn_pcgn")
    if sid not in scheme_ids():  # pragma: no cover
        sid = "uk_national"
    return get_scheme(sid).translit(text)


# -- results ------------------------------------------------------------------------


def check_score(what: str, value: Any) -> None:
    """A score option is a number from 0 to 100 (TypeError / ValueError otherwise)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what} must be a number from 0 to 100, not {type(value).__name__}")
    if not 0 <= value <= 100:  # NaN fails too
        raise ValueError(f"{what} must be between 0 and 100, not {value!r}")


def check_lexicon_arg(lexicon: Any) -> None:
    """One entity given as a dict where a list of them is expected (its keys would be taken for paths)."""
    from collections.abc import Mapping

    if isinstance(lexicon, Mapping):
        raise TypeError("a lexicon is a path, a list of paths, a Lexicon or a list of entities, not one dict: "
                        "pass [entity]")


def check_match_options(
    name: Any, top: Any, min_score: Any, types: Any, known_types: frozenset[str] | None = None
) -> frozenset[str] | None:
    """Validate the arguments of :meth:`Matcher.match`; the set of ``types`` (None: all).

    ``known_types``: the types a filter may name (None: the names are not checked here).
    """
    if not isinstance(name, str):
        raise TypeError(f"the name to match must be a string, not {type(name).__name__}")
    if isinstance(top, bool) or not isinstance(top, numbers.Integral):
        raise TypeError(f"top must be an integer, not {type(top).__name__}")
    if top < 0:
        raise ValueError(f"top must be >= 0 (0: every match), not {top}")
    if min_score is not None:
        check_score("min_score", min_score)
    if types is None:
        return None
    if isinstance(types, str):
        types = (types,)
    try:
        type_set = frozenset(types)
    except TypeError:
        raise TypeError(f"types must be a type name or an iterable of them, not {type(types).__name__}") from None
    for t in type_set:
        if not isinstance(t, str):
            raise TypeError(f"types must be strings, not {type(t).__name__}")
    check_known_types(type_set, known_types)
    return type_set


def check_known_types(type_set: frozenset[str] | None, known_types: frozenset[str] | None) -> None:
    """A type that no entity has and the engine does not know: a ValueError listing those it knows."""
    unknown = sorted(type_set - known_types) if type_set and known_types else []
    if unknown:
        from normalize._suggest import did_you_mean

        assert known_types is not None
        hint = did_you_mean(unknown[0], sorted(known_types))
        raise ValueError(f"unknown type {unknown[0]!r} (types: {', '.join(sorted(known_types))}){hint}")


@dataclass(frozen=True)
class Match:
    """One candidate entity for a query.

    ``alias`` is the lexicon name that matched; ``via`` lists the steps that
    connect the query to it (scheme, rule, given-name equivalent, inflection,
    fuzzy distance...), so a user can trust or fix the result. ``same_as``
    lists the other IDs of the entity (``same_as`` links in the lexicons).
    """

    id: str
    label: str
    type: str
    score: float
    alias: str
    via: tuple[str, ...] = ()
    subtype: str | None = None
    population: int | None = None
    same_as: tuple[str, ...] = ()
    #: the name fits this and other returned entities about equally (they are ranked by prior)
    ambiguous: bool = False
    #: the entity's prior (0-1, how prominent it is: given by the lexicon or derived, see normalize.prior)
    prior: float | None = None

    def to_json(self, *, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "score": round(self.score, 1),
            "alias": self.alias,
        }
        if self.same_as:
            out["same_as"] = list(self.same_as)
        if self.ambiguous:
            out["ambiguous"] = True
        if explain:
            out["via"] = list(self.via)
            if self.prior is not None:
                out["prior"] = self.prior
        return out


class _Hit(NamedTuple):
    """An entity behind a key: which name gave the key, how, and how directly (quality 0..1)."""

    entity: int
    alias: str
    via: tuple[str, ...]
    quality: float


class _NameForm(NamedTuple):
    """A name an entity is indexed under: a lexicon name, or one derived from it
    (``how`` says how: the press order of a register name, a name without its legal
    form); ``alias`` is the lexicon name it comes from."""

    text: str
    lang: str | None
    kind: str | None
    alias: str
    how: str | None = None


@dataclass
class _Person:
    entity: int
    gender: str | None
    given_groups: set[str] = field(default_factory=set)
    given_skels: set[str] = field(default_factory=set)
    patronymic_skels: set[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    surname_skels: set[str] = field(default_factory=set)
    alias: str = ""


_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
#: a key with Cyrillic letters and no Latin one (a query is romanized before its skeleton is looked up)
_CYRILLIC_ONLY_RE = re.compile(r"(?=[^a-z]*[\u0400-\u052f])[^a-z]*\Z")
_PAREN_RE = re.compile(r"\(([^()]*)\)")
# an English possessive ("Zelensky's"), not a soft sign inside a romanized name ("Ribal's'ke")
_POSSESSIVE_RE = re.compile(r"(?<=\w)['’]s(?![\w'’])")


_GRAM_CAP = 100
_VOWELS_RE = re.compile(r"[aeiouy]+")


def _consonants(skel: str) -> str:
    """The consonants of a skeleton: two names that differ only in vowels meet here."""
    return _VOWELS_RE.sub("", skel)


def _adjective_stem(skel_word: str) -> str:
    """Reduce a romanized adjective (kharkivska, belhorodskaia) to its base."""
    for suffix in _engine_data()["adjective_suffixes"]:
        if skel_word.endswith(suffix) and len(skel_word) - len(suffix) >= 3:
            return skel_word[: -len(suffix)]
    return skel_word


# how a name derived from a lexicon name was made (the first step of its ``via``)
_PRESS_ORDER = "press order"  # Абрамович Роман Аркадьевич -> Роман Аркадьевич Абрамович, Роман Абрамович
_LEGAL_FORM_REMOVED = "legal form removed"  # ПАО «Газпром» -> Газпром
_PARENTHESIS = "part in parentheses"  # Сбербанк России (ПАО Сбербанк) -> Сбербанк России, ПАО Сбербанк
#: the class under which organization cores are kept in the core table (places use category classes)
_ORG_CORE = "org"
# a Latin c before a back vowel or a consonant is a k in an English brand spelling (Sovcomflot)
_BRAND_C_RE = re.compile(r"c(?![hei])")
#: organization core scores by how the generic words compare (see org_names.generic_verdict)
_ORG_CORE_SCORES = {"same": 99.0, "one side": 94.0, "query distinctive": 78.0}


def _derived_names(etype: str, forms: list[_NameForm]) -> list[_NameForm]:
    """The names an entity is also indexed under, derived from its lexicon names:

    * a person's register name in the press order (:func:`person_names.press_order`),
      so the exact keys, inflections and the tagger know "Роман Абрамович";
    * an organization name without its legal forms (ПАО «Газпром» -> Газпром), and the
      two parts of a name with a part in parentheses (Сбербанк России (ПАО Сбербанк)).
    """
    seen = {f.text for f in forms}
    out: list[_NameForm] = []

    def add(text: str, f: _NameForm, how: str) -> None:
        text = " ".join(text.split())
        if text and text not in seen and any(c.isalpha() for c in text):
            seen.add(text)
            out.append(_NameForm(text, f.lang, f.kind, f.alias, how))

    for f in forms:
        if f.kind == "acronym":
            continue
        if etype == "person":
            parts = person_names.parse(f.text, is_given=_is_given_name)
            if parts is not None:
                for text in person_names.press_order(parts):
                    add(text, f, _PRESS_ORDER)
        elif etype == "org":
            pieces = [f.text]
            paren = _PAREN_RE.search(f.text)
            if paren:
                for piece in (_PAREN_RE.sub(" ", f.text), paren.group(1)):
                    if org_names.parse(piece).core:
                        add(piece, f, _PARENTHESIS)
                        pieces.append(piece)
            for piece in pieces:
                stripped = org_names.parse(piece).stripped_text
                if stripped != piece:
                    add(stripped, f, _LEGAL_FORM_REMOVED)
    return out


@lru_cache(maxsize=100_000)
def _is_given_name(word: str) -> bool:
    """Is a word a given name of the given-name table (in any script or spelling)?"""
    return _given_group(word) is not None


def _given_group(word: str) -> str | None:
    _, owner = _given_names()
    word = person_names.display_case(word)
    return owner.get(fold(word)) or owner.get(skeleton(fold(_canonical_latin(word))).replace(" ", ""))


@lru_cache(maxsize=1)
def _given_genders() -> dict[str, str]:
    """given-name group id -> its gender."""
    path = resources.files("normalize.data") / "given_names.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    groups = raw["groups"] if isinstance(raw, dict) else raw
    return {g["id"]: g["gender"] for g in groups}


def _name_gender(parts: person_names.PersonName) -> str | None:
    """A person's gender from the patronymic, else from the given name (None when neither says)."""
    if parts.patronymic and not parts.patronymic_is_initial:
        gender = person_names.patronymic_gender(parts.patronymic)
        if gender:
            return gender
    if parts.given and not parts.given_is_initial:
        gid = _given_group(parts.given)
        if gid:
            return _given_genders().get(gid)
    return None


class Matcher:
    """Match names in any script and spelling against a lexicon.

    >>> from normalize.lexicon import Entity, Lexicon, Name
    >>> lex = Lexicon.from_entities([Entity("place:tyotkino", "place", (Name("Тёткино", "ru"),))])
    >>> m = Matcher(lex)
    >>> [r.id for r in m.match("Tetkino")]
    ['place:tyotkino']
    >>> m.match("Kramatorsk")
    []
    """

    def __init__(self, lexicon: LexiconLike = None, *, threshold: float = DEFAULT_THRESHOLD, cache: bool = True) -> None:
        from normalize.index.source import LexiconSource

        check_score("threshold", threshold)
        check_lexicon_arg(lexicon)
        self._init_state(threshold, cache)
        self._source: LexiconSource | None = LexiconSource.of(lexicon)

    def _init_state(self, threshold: float, cache: bool) -> None:
        self._source = None
        self.threshold = threshold
        self.entities: Sequence[Any] = []
        self._exact: dict[str, list[_Hit]] = defaultdict(list)
        self._skel: dict[str, list[_Hit]] = defaultdict(list)
        self._bag: dict[str, list[_Hit]] = defaultdict(list)
        self._core: dict[tuple[str, str], list[_Hit]] = defaultdict(list)
        self._acronyms: dict[str, list[_Hit]] = defaultdict(list)
        self._concepts: dict[str, list[_Hit]] = defaultdict(list)
        self._persons: list[_Person] = []
        self._surnames: dict[str, list[int]] = defaultdict(list)
        self._token_forms: dict[str, set[str]] = defaultdict(set)
        self._surname_keys: dict[int, set[str]] = defaultdict(set)
        self._surname_del1: dict[str, list[str]] | None = None
        self._owner: Any = {}
        self._place_words_t: tuple[frozenset[str], dict[str, tuple[str, ...]]] = (frozenset(), {})
        self._skel_keys: Sequence[str] = []
        self._roman: dict[tuple[str, str | None], list[tuple[str, str]]] = {}  # batch romanizations, during a build
        self._built = False
        self._fuzzy_ready = False
        self._use_cache = cache
        self._compiled: Any = None  # the CompiledIndex the tables live in, if any
        self._lock = threading.Lock()

    @classmethod
    def from_index(cls, path: str | Path, *, threshold: float = DEFAULT_THRESHOLD) -> "Matcher":
        """A matcher over a compiled index file (``normalize lexicon compile``).

        Nothing is built: the tables are read in place from the file. Raises
        :class:`~normalize.index.IndexFileError` for a file that is not a usable
        index (truncated, corrupt, foreign, or compiled by another engine version).
        """
        from normalize.index import load_index

        return load_index(path).matcher(threshold=threshold)

    def worker_spec(self) -> tuple[Any, ...]:
        """What another process needs to open an equal matcher cheaply (:meth:`from_worker_spec`).

        The compiled index file when the tables come from one, else the lexicon
        files (or, for a lexicon built in code, the lexicon itself).
        """
        spec = self._compiled.spec() if self._compiled is not None else None
        if spec is not None:
            return ("index", spec, self.threshold)
        assert self._source is not None
        paths = self._source.paths
        if paths or self._source.is_bundled:
            return ("lexicon", [str(p) for p in paths] if not self._source.is_bundled else None, self.threshold,
                    self._use_cache)
        return ("object", self._source.load(), self.threshold, self._use_cache)

    @classmethod
    def from_worker_spec(cls, spec: tuple[Any, ...]) -> "Matcher":
        if spec[0] == "index":
            from normalize.index.layers import reopen

            return reopen(spec[1]).matcher(threshold=spec[2])  # type: ignore[no-any-return]
        return cls(spec[1], threshold=spec[2], cache=spec[3])

    @property
    def lexicon(self) -> Any:
        """The lexicon (loaded on first use: matching from a compiled index never needs it)."""
        if self._source is None:
            return self._compiled.lexicon()
        return self._source.merged()

    # -- building -----------------------------------------------------------------

    def build(self) -> "Matcher":
        """Build (or load from a compiled index) every table now, fuzzy ones included.

        Matching builds lazily; call this before forking workers or timing queries.
        """
        self._ensure_built()
        if not self._fuzzy_ready:
            with self._lock:
                if not self._fuzzy_ready:
                    self._build_fuzzy()
        return self

    def _ensure_built(self) -> None:
        if self._built:
            return
        with self._lock:
            if not self._built:
                self._load_or_build()
                self._built = True

    def _load_or_build(self) -> None:
        """Tables from a compiled index (packaged, cached) or built now (and cached)."""
        from normalize import index as _index

        assert self._source is not None
        compiled, built = _index.obtain(self._source, cache=self._use_cache, purpose="matcher")
        if built is not None:
            self._adopt(built)
        else:
            compiled.attach(self)

    def _adopt(self, other: "Matcher") -> None:
        """Take the tables of a matcher built over the same lexicon."""
        for name in self._TABLES:
            setattr(self, name, getattr(other, name))
        self._fuzzy_ready = other._fuzzy_ready
        if other._fuzzy_ready:
            for name in self._FUZZY_TABLES:
                setattr(self, name, getattr(other, name))

    #: the attributes that hold a matcher's tables (what a compiled index stores)
    _TABLES = ("entities", "_exact", "_skel", "_bag", "_core", "_acronyms", "_concepts", "_persons", "_surnames",
               "_token_forms", "_surname_keys", "_surname_del1", "_owner", "_place_words_t", "_skel_keys",
               "_stop", "_stop_sk", "_categories")
    _FUZZY_TABLES = ("_buckets", "_compact_keys", "_tails", "_grams", "_cons")

    def _engine_words(self) -> None:
        data = _engine_data()
        self._stop = {fold(w) for w in data["stop_words"]}
        self._stop_sk = frozenset(skeleton(w) for w in self._stop)
        self._categories: dict[str, str] = {}
        for cls, words in data["categories"].items():
            for w in words:
                self._categories[fold(w)] = cls

    def build_tables(self, *, jobs: int | None = None) -> "Matcher":
        """Build every table in memory from the lexicon (what compiling an index does first).

        With ``jobs`` > 1 (default: 2 where ``fork`` is safe and the lexicon is large)
        the second half of the entities is indexed in a forked process at the same
        time and merged in; the tables are exactly those of a serial build.
        """
        with _gc_paused():
            self._engine_words()
            self.entities = list(self.lexicon)
            self._owner = _given_names()[1]
            self._place_words_t = _place_words()
            n = len(self.entities)
            split = n // 2 if _parallel_ok(jobs, n) else n
            child = _fork(lambda: self._part_tables(split, n)) if split < n else None
            self._index_range(0, split)
            if child is not None:
                self._merge_part(child())
            self._skel_keys = list(self._skel.keys())
            self._build_fuzzy_indexes()
        self._built = True
        return self

    def _index_range(self, lo: int, hi: int) -> None:
        """Index entities ``lo`` to ``hi`` (their romanizations done first, scheme by scheme)."""
        self._roman = _romanize_many(self._romanization_requests(lo, hi))
        try:
            for idx in range(lo, hi):
                self._index_entity(idx, self.entities[idx])
        finally:
            self._roman = {}

    _PART_TABLES = ("_exact", "_skel", "_bag", "_core", "_acronyms", "_concepts", "_persons", "_surnames",
                    "_token_forms", "_surname_keys")

    def _part_tables(self, lo: int, hi: int) -> tuple[Any, ...]:
        """(In a forked process) the tables of entities ``lo`` to ``hi`` alone, as plain data.

        Hit tables travel as columns (keys, run lengths, and one list per hit
        field), which pickle several times faster than hit objects.
        """
        self._index_range(lo, hi)
        out: list[Any] = []
        for name in self._PART_TABLES:
            table = getattr(self, name)
            if name in self._HIT_TABLES_:
                hits = list(chain.from_iterable(table.values()))
                columns = tuple(map(list, zip(*hits))) if hits else ([], [], [], [])
                out.append((list(table.keys()), list(map(len, table.values())), columns))
            elif name == "_persons":
                out.append(table)
            else:
                out.append(dict(table))
        return tuple(out)

    _HIT_TABLES_ = frozenset(("_exact", "_skel", "_bag", "_core", "_acronyms", "_concepts"))

    def _merge_part(self, part: tuple[Any, ...]) -> None:
        """Append the tables of a later range of entities (see :meth:`_part_tables`).

        Keys new to this matcher come after its own, and in every bucket the later
        entities' hits come after its own: the order a serial build gives.
        """
        exact, skel, bag, core, acronyms, concepts, persons, surnames, token_forms, surname_keys = part
        for mine, (keys, lens, columns) in ((self._exact, exact), (self._skel, skel), (self._bag, bag),
                                            (self._core, core), (self._acronyms, acronyms),
                                            (self._concepts, concepts)):
            hits = iter(list(map(_Hit, *columns)))
            for key, n in zip(keys, lens):
                run = list(islice(hits, n))
                got = mine.get(key)
                if got is None:
                    mine[key] = run
                else:
                    got.extend(run)
        shift = len(self._persons)
        self._persons.extend(persons)
        for key, pids in surnames.items():
            self._surnames[key].extend(p + shift for p in pids)
        for key, forms in token_forms.items():
            self._token_forms[key] |= forms
        self._surname_keys.update(surname_keys)

    def _build_fuzzy(self) -> None:
        """Length buckets, trigram and consonant indexes over the skeleton keys (on first need)."""
        with _gc_paused():
            self._build_fuzzy_indexes()

    def _build_fuzzy_indexes(self) -> None:
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        compact_keys: dict[str, list[str]] = defaultdict(list)
        tails: dict[str, list[str]] = defaultdict(list)  # key minus its first letter -> keys
        grams: dict[str, list[int]] = defaultdict(list)
        cons_index: dict[str, list[int]] = defaultdict(list)
        for kid, key in enumerate(self._skel_keys):
            compact = key.replace(" ", "")
            if not compact:
                continue
            if compact not in compact_keys:
                buckets[(compact[0], len(compact))].append(compact)
                tails[compact[1:]].append(compact)
            compact_keys[compact].append(key)
            for g in {compact[i : i + 3] for i in range(len(compact) - 2)}:
                grams[g].append(kid)
            c = _consonants(compact)
            if len(c) >= 4:
                cons_index[c].append(kid)
        self._buckets = dict(buckets)
        self._compact_keys = dict(compact_keys)
        self._tails = dict(tails)
        self._grams = dict(grams)
        self._cons = dict(cons_index)
        self._fuzzy_ready = True

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

    def _add(self, index: dict[Any, list[_Hit]], key: Any, hit: _Hit) -> None:
        """Keep one hit per entity and key: the first of the best quality.

        The build adds an entity's hits together, entity after entity in index
        order, so an entity already in the bucket can only be its last hit (the
        scan below is for hits added out of that order).
        """
        bucket = index[key]
        if bucket:
            last = bucket[-1]
            if last.entity == hit.entity:
                if hit.quality > last.quality:
                    bucket[-1] = hit
                return
            if last.entity > hit.entity:
                for i, old in enumerate(bucket):
                    if old.entity == hit.entity:
                        if hit.quality > old.quality:
                            bucket[i] = hit
                        return
        bucket.append(hit)

    @staticmethod
    def _entity_names(entity: Any) -> tuple[list[_NameForm], set[str | None]]:
        """(the names of an entity, label included, then the names derived from them;
        languages of its Cyrillic names)."""
        names = [(n, None, None) if isinstance(n, str) else (n.text, n.lang, n.kind) for n in entity.names]
        if entity.label and all(entity.label != t for t, _, _ in names):
            names.append((entity.label, "en", None))
        langs_present = {_lang_of(t, lg) for t, lg, _ in names if has_cyrillic(t)}
        forms = [_NameForm(t, lg, k, t) for t, lg, k in names]
        forms.extend(_derived_names(entity.type, forms))
        return forms, langs_present

    def _romanization_requests(self, lo: int = 0, hi: int | None = None) -> Iterator[tuple[str, str | None]]:
        """The ``(text, lang)`` pairs :meth:`_index_entity` romanizes, to do them in one batch.

        Mirrors its loop; a pair missed here is only romanized later, one at a time.
        """
        for entity in self.entities[lo:hi]:
            names, langs_present = self._entity_names(entity)
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
                if entity.type == "org" and len(text.split()) >= 2:
                    acro = self._acronym_of(text)
                    if acro is not None and len(acro) >= 3:
                        yield acro, None
                src = _lang_of(text, lang)
                for target, other in _corresponding(text, src):
                    if target not in langs_present:
                        yield other, target

    def _romanized(self, text: str, lang: str | None) -> list[tuple[str, str]]:
        """The distinct renderings of :func:`_romanize_with_via`, each with its first scheme
        (see :func:`_first_of_each`), from the batch done at the start of the build when there."""
        got = self._roman.get((text, lang))
        if got is None:
            pairs = _romanize_with_via(text, lang)
            got = _first_of_each([out for out, _ in pairs], [sid for _, sid in pairs])
        return got

    def _index_entity(self, idx: int, entity: Any) -> None:
        names, langs_present = self._entity_names(entity)
        is_person = entity.type == "person"
        person = _Person(entity=idx, gender=getattr(entity, "gender", None)) if is_person else None
        stop = self._stop_skels()
        # best quality indexed so far per light key and per skeleton of this entity: a
        # variant no better than an earlier one of the same key would change no hit
        # (_add keeps the first of the best), so it is skipped before any work
        best_key: dict[str, float] = {}
        best_skel: dict[str, float] = {}
        exact, skels = self._exact, self._skel
        for text, lang, kind, alias, how in names:
            base_q = 1.0 if kind in (None, "official", "short", "alias", "alternate", "exonym") else 0.96
            if kind == "former":
                base_q = 0.97
            if kind == "acronym":
                self._index_acronym(idx, text, ("lexicon acronym",))
                continue
            if how is not None:
                base_q *= 0.99  # a derived name: a little below the name it comes from
            if entity.type == "org" and how != _LEGAL_FORM_REMOVED:  # (that one has the same core)
                self._index_org_core(idx, text, lang, alias)
            variants: list[tuple[str, tuple[str, ...], float]] = [
                (text, ("lexicon name",) if how is None else (how,), base_q)]
            if has_cyrillic(text):
                for out, sid in self._romanized(text, lang):
                    variants.append((out, (f"scheme:{sid}",), base_q * 0.99))
                for form, case in self._inflected(text, lang, entity).items():
                    if form != text:
                        variants.append((form, (f"inflection:{case}",), base_q * 0.97))
                src = _lang_of(text, lang)
                for target, other in _corresponding(text, src):
                    if target in langs_present:
                        continue  # the lexicon gives that language's form itself
                    variants.append((other, (f"correspondence:{src}>{target}",), base_q * 0.97))
                    for out, sid in self._romanized(other, target):
                        variants.append((out, (f"correspondence:{src}>{target}", f"scheme:{sid}"), base_q * 0.96))
            else:
                for form, case in self._inflected(text, lang, entity).items():
                    if form != text:  # a Latin name of a language that declines it (Lwów: we Lwowie)
                        variants.append((form, (f"inflection:{case}",), base_q * 0.97))
            if how is not None:
                variants = [(v, via if via[0] == how else (how,) + via, q) for v, via, q in variants]
            for vtext, via, q in variants:
                key = fold(vtext)
                if not key:
                    continue
                seen = best_key.get(key)
                if seen is not None and seen >= q:
                    continue  # exact, skeleton, bag and core hits all at least as good already
                best_key[key] = q
                # only this loop adds to _exact and _skel, so the entity's hit on a key it
                # has seen is that bucket's last one: what _add would find, without a search
                hit = _Hit(idx, alias, via, q)
                if seen is None:
                    exact[key].append(hit)
                else:
                    exact[key][-1] = hit
                if not key.isascii() and _CYRILLIC_ONLY_RE.match(key):
                    continue  # queries reach skeletons, bags and cores only romanized: never a Cyrillic key
                skel = skeleton(key)
                seen = best_skel.get(skel)
                if seen is None or seen < q:  # else the skeleton and bag hits are there already
                    best_skel[skel] = q
                    hit = _Hit(idx, alias, via + ("skeleton",), q * 0.98)
                    if seen is None:
                        skels[skel].append(hit)
                    else:
                        skels[skel][-1] = hit
                    words = [w for w in skel.split(" ") if w not in stop]
                    if len(words) >= 2:
                        self._add(self._bag, " ".join(sorted(words)), _Hit(idx, alias, via + ("word order",), q * 0.96))
                self._index_core(idx, alias, via, q, key, entity)
            if entity.type == "org" and how is None:
                # its generic words in any language: "Wagner-Gruppe", "Siły Zbrojne Ukrainy"
                for ckey in _concept_keys(text, self._stop):
                    self._add(self._concepts, ckey, _Hit(idx, alias, ("generic words",), base_q * 0.95))
            if not has_cyrillic(text) and len(text.split()) >= 3 and entity.type == "org":
                self._derive_acronym(idx, text)
            if has_cyrillic(text) and len(text.split()) >= 2 and entity.type == "org":
                self._derive_acronym(idx, text)
            if person is not None and how is None:
                self._index_person_name(person, text, lang)
        if person is not None and person.surname_skels:
            self._persons.append(person)
            pid = len(self._persons) - 1
            for s in person.surname_skels:
                if pid not in self._surnames[s]:
                    self._surnames[s].append(pid)

    def _stop_skels(self) -> frozenset[str]:
        return self._stop_sk

    def _inflected(self, text: str, lang: str | None, entity: Any) -> dict[str, str]:
        return _name_forms(text, lang, entity.type, getattr(entity, "gender", None))

    def _index_core(self, idx: int, text: str, via: tuple[str, ...], q: float, key: str, entity: Any) -> None:
        if entity.type != "place" or " " not in key:
            return  # one word is never a category word plus a core
        split = self._split_category(key)
        if split is not None:
            cls, core = split
            self._add(self._core, (cls, core), _Hit(idx, text, via + (f"category:{cls}",), q * 0.97))

    def _split_category(self, key: str) -> tuple[str, str] | None:
        """(category class, adjective-stemmed core) of a place key: "kharkivska oblast" ->
        ("region", "kharkiv"); None when the key names no category or only one."""
        cls = None
        core_words = []
        for w in key.split(" "):
            c = self._categories.get(w)
            if c is not None and cls is None:
                cls = c
            else:
                core_words.append(w)
        if cls is None or not core_words:
            return None
        return cls, " ".join(_adjective_stem(skeleton(w)) for w in core_words)

    def _index_acronym(self, idx: int, text: str, via: tuple[str, ...]) -> None:
        # an acronym the lexicon writes is a little surer than one derived from a name (and is
        # the one kept when both give the same key)
        q = 0.98 if via[:1] == ("lexicon acronym",) else 0.97
        self._add(self._acronyms, fold(text).replace(" ", ""), _Hit(idx, text, via, q))
        if has_cyrillic(text):
            for out, sid in self._romanized(text, None):
                self._add(self._acronyms, fold(out).replace(" ", ""), _Hit(idx, text, via + (f"scheme:{sid}",), q - 0.02))

    def _derive_acronym(self, idx: int, text: str) -> None:
        acro = self._acronym_of(text)
        # two initials are too often something else, and their romanizations collide with
        # real acronyms ("Чорнобильська АЕС": ЧА, which the Italian press scheme writes "CIA")
        if acro is not None and len(acro) >= 3:
            self._index_acronym(idx, acro, ("derived acronym", text))

    def _acronym_of(self, text: str) -> str | None:
        """The initials of a name's content words (2 to 6 of them), upper case."""
        words = [w for w in re.findall(r"[^\W\d_]+", text) if fold(w) not in self._stop]
        if len(words) < 2 or len(words) > 6:
            return None
        return "".join(w[0] for w in words).upper()

    def _index_person_name(self, person: _Person, text: str, lang: str | None) -> None:
        """Index the surname, given name, patronymic and initials of one name of a person,
        in whatever order it is written (see :mod:`normalize.person_names`)."""
        parts = person_names.parse(text, is_given=_is_given_name)
        if parts is None:
            return
        _, owner = _given_names()
        entity = self.entities[person.entity]
        if not person.alias:
            person.alias = text
        if person.gender is None:  # a register gives no gender: the patronymic or given name does
            person.gender = _name_gender(parts)
        if parts.surname:
            surname = person_names.display_case(parts.surname)
            keys = self._surname_keys[person.entity]
            for variant in _romanize_all(surname, lang):
                person.surname_skels.add(skeleton(fold(variant)).replace(" ", ""))
                keys.add(fold(variant))
            for form in self._inflected(surname, lang, entity).keys():
                self._token_forms[fold(form)].add(fold(surname))
                keys.add(fold(form))
        given = parts.given
        if given and parts.given_is_initial:
            person.initials.update(person_names.initial_letters(given))
        elif given:
            given = person_names.display_case(given)
            gid = owner.get(fold(given)) or owner.get(skeleton(fold(_canonical_latin(given))).replace(" ", ""))
            if gid:
                person.given_groups.add(gid)
            for variant in _romanize_all(given, lang):
                sk = skeleton(fold(variant)).replace(" ", "")
                person.given_skels.add(sk)
                person.initials.add(sk[:1])
            for form in self._inflected(given, lang, entity).keys():
                self._token_forms[fold(form)].add(fold(given))
        patronymic = parts.patronymic
        if patronymic and parts.patronymic_is_initial:
            person.initials.update("p:" + c for c in person_names.initial_letters(patronymic))
        elif patronymic:
            for variant in _romanize_all(person_names.display_case(patronymic), lang):
                sk = skeleton(fold(variant)).replace(" ", "")
                person.patronymic_skels.add(sk)
                person.initials.add("p:" + sk[:1])

    def _index_org_core(self, idx: int, text: str, lang: str | None, alias: str) -> None:
        """Index an organization name by its core: without legal forms, generic words and
        country qualifiers (see :mod:`normalize.org_names`), in every romanization.

        The generic words and qualifiers taken off are kept in the hit's ``via``
        (``generic:bank``, ``country:ru``), where the query side reads them.
        """
        parts = org_names.parse(text)
        if not parts.core_text:
            return
        marks = tuple(f"generic:{g}" for g in parts.generic) + tuple(f"distinctive:{g}" for g in parts.distinctive) \
            + tuple(f"country:{c}" for c in parts.qualifiers)
        keys = [(org_names.core_key(parts.core_text, self._stop_sk), ())]
        if has_cyrillic(parts.core_text):
            keys += [(org_names.core_key(out, self._stop_sk), (f"scheme:{sid}",))
                     for out, sid in self._romanized(parts.core_text, lang)]
        else:  # a Latin name: its c is a k where English spells one (Vector, Vektor)
            keys.append((_BRAND_C_RE.sub("k", keys[0][0]), ("brand c=k",)))
        for key, via in keys:
            if key:
                self._add(self._core, (_ORG_CORE, key), _Hit(idx, alias, ("organization core",) + via + marks, 0.98))

    # -- variants (for `lexicon show`) ----------------------------------------------

    def variants(self, entity_id: str) -> list[tuple[str, tuple[str, ...]]]:
        """Every light key the index holds for an entity, with how it was derived."""
        self._ensure_built()
        idx = next((i for i, e in enumerate(self.entities) if e.id == entity_id), None)
        if idx is None:
            raise KeyError(entity_id)
        out = []
        for key, hits in self._exact.items():
            for h in hits:
                if h.entity == idx:
                    out.append((key, h.via))
        for key, hits in self._acronyms.items():
            for h in hits:
                if h.entity == idx:
                    out.append((key, h.via))
        return sorted(out)

    def surface_keys(self) -> Iterator[tuple[str, list[tuple[str, str, tuple[str, ...], float]], bool]]:
        """Every exact light key of the index, for a bulk text tagger.

        Yields ``(key, hits, acronym)`` where each hit is ``(entity_id, alias,
        via, quality)``; ``acronym`` keys should only be taken where the text
        writes them in capitals. Keys are outputs of :func:`normalize.fold.fold`.
        """
        self._ensure_built()
        ents = self.entities
        for key, hits in self._exact.items():
            yield key, [(ents[h.entity].id, h.alias, h.via, h.quality) for h in hits], False
        for key, hits in self._acronyms.items():
            yield key, [(ents[h.entity].id, h.alias, h.via, h.quality) for h in hits], True

    def person_short_forms(self, entity_id: str) -> set[str]:
        """Light keys of a person's surname renderings (for "... Baranovskyi said")."""
        self._ensure_built()
        out: set[str] = set()
        for p in self._persons:
            if self.entities[p.entity].id == entity_id:
                out.update(k for k in self._surname_keys.get(p.entity, ()))
        return out

    # -- matching -------------------------------------------------------------------

    def match(
        self,
        name: str,
        *,
        top: int = 5,
        min_score: float | None = None,
        types: Iterable[str] | str | None = None,
    ) -> list[Match]:
        """Candidates for ``name``, best first, scores at or above ``min_score``.

        ``top``: at most that many (0: all); ``min_score``: 0-100 (default: the
        matcher's threshold); ``types``: only entities of these types. A bad
        argument raises TypeError or ValueError, as the CLI rejects it.

        Candidates are ordered by *rank*: the score plus the entity's prior (how
        prominent it is, :mod:`normalize.prior`), a bonus when the name that matched
        is the entity's label, and, for a surname alone, a bonus that makes up for
        its lower score (so a prominent person's surname outranks a small village
        spelled alike); see :meth:`explain`. Candidates whose scores are within a
        couple of points of the best are all returned with ``ambiguous`` set: the
        name fits each of them about equally, and the first is the one the priors
        prefer (:meth:`best` tells whether that preference is clear).
        """
        type_set = check_match_options(name, top, min_score, types)
        return [m for m, _, _ in self._ranked(name, top=top, min_score=min_score, type_set=type_set)]

    def best(self, name: str, *, min_score: float | None = None,
             types: Iterable[str] | str | None = None) -> Match | None:
        """The one answer for ``name``: the first match, or None when there is none or when it is
        ambiguous without a clear winner (two entities the name fits alike and whose priors do
        not tell them apart).

        >>> from normalize.lexicon import Entity, Lexicon, Name
        >>> lex = Lexicon.from_entities([
        ...     Entity("person:a", "person", (Name("Дмитро Кулеба", "uk"),), prior=0.9),
        ...     Entity("person:b", "person", (Name("Олексій Кулеба", "uk"),), prior=0.6),
        ...     Entity("person:c", "person", (Name("Віталій Кличко", "uk"),)),
        ...     Entity("person:d", "person", (Name("Володимир Кличко", "uk"),))])
        >>> m = Matcher(lex, cache=False)
        >>> [(r.id, r.ambiguous) for r in m.match("Kuleba")], m.best("Kuleba").id
        ([('person:a', True), ('person:b', True)], 'person:a')
        >>> [r.ambiguous for r in m.match("Klitschko")], m.best("Klitschko")
        ([True, True], None)
        """
        type_set = check_match_options(name, 2, min_score, types)
        ranked = self._ranked(name, top=2, min_score=min_score, type_set=type_set)
        if not ranked:
            return None
        (first, rank, _), rest = ranked[0], ranked[1:]
        if first.ambiguous and rest and rest[0][0].ambiguous and rank - rest[0][1] < _ranking()["clear_lead"]:
            return None
        return first

    def _ranked(self, name: str, *, top: int, min_score: float | None,
                type_set: frozenset[str] | None) -> list[tuple[Match, float, int]]:
        """The matches of :meth:`match` (arguments checked), each with its rank and entity number."""
        self._ensure_built()
        check_known_types(type_set, self.entity_types)
        threshold = self.threshold if min_score is None else min_score
        scored = self._candidates(name)
        rows: list[tuple[float, int, float, str, tuple[str, ...], float, float]] = []
        for ent_idx, (score, alias, via) in scored.items():
            entity = self.entities[ent_idx]
            if type_set is not None and entity.type not in type_set:
                continue
            if score < threshold:
                continue
            score = round(min(score, 100.0), 1)
            rank, prior, fit = self._rank(ent_idx, score, alias, via)
            rows.append((rank, ent_idx, score, alias, via, prior, fit))
        # the prior only decides among candidates that fit about as well as the best one (within
        # ``prior_window`` points, a surname alone counted with its bonus): a near miss to a big
        # city never outranks an exact match of a village
        window = _ranking()["prior_window"]
        top_fit = max((r[6] for r in rows), default=0.0)
        rows.sort(key=lambda r: (r[6] < top_fit - window, -(r[0] if r[6] >= top_fit - window else r[6]), -r[2],
                                 -(getattr(self.entities[r[1]], "population", None) or 0), self.entities[r[1]].id))
        within = _ranking()["ambiguous_within"]
        best_score = max((r[2] for r in rows), default=0.0)
        group = {r[1] for r in rows if r[2] >= best_score - within}
        ambiguous = len(group) > 1
        out = []
        for rank, ent_idx, score, alias, via, prior, _ in rows[:top] if top else rows:
            entity = self.entities[ent_idx]
            out.append((Match(
                id=entity.id,
                label=entity.label or (entity.names[0] if isinstance(entity.names[0], str) else entity.names[0].text),
                type=entity.type,
                score=score,
                alias=alias,
                via=via,
                subtype=getattr(entity, "subtype", None),
                population=getattr(entity, "population", None),
                same_as=getattr(entity, "same_as", ()),
                ambiguous=ambiguous and ent_idx in group,
                prior=prior,
            ), rank, ent_idx))
        return out

    def _rank(self, ent_idx: int, score: float, alias: str, via: tuple[str, ...]) -> tuple[float, float, float]:
        """(rank, prior, fit) of a candidate (engine data ``ranking``).

        ``fit`` is the score, plus a bonus for a surname alone (which scores low because a
        namesake outside the lexicon may be meant, yet is how the news names a person);
        ``rank`` adds the weighted prior and a bonus when the name that matched is the
        entity's label (its preferred name, not an alternate or former one).
        """
        from normalize.prior import entity_prior

        conf = _ranking()
        entity = self.entities[ent_idx]
        prior = entity_prior(entity)
        fit = score
        rank = conf["prior_weight"] * prior
        if via[:1] == ("person",):
            if "alone" in via:
                fit += conf["surname_bonus"]
        elif self._is_label(entity, alias):  # (a person's token match is not a match of one name)
            rank += conf["label_bonus"]
        return fit + rank, prior, fit

    @staticmethod
    def _is_label(entity: Any, alias: str) -> bool:
        """Is ``alias`` the entity's label (its preferred name), up to spelling?"""
        label = getattr(entity, "label", None) if getattr(entity, "label_given", True) else None
        if not label or not alias:
            return False
        return alias == label or _name_skeleton(alias) == _name_skeleton(label)

    def _lexicon_types(self) -> frozenset[str]:
        """The entity types the lexicon holds (computed once)."""
        got: frozenset[str] | None = getattr(self, "_types_held", None)
        if got is None:
            types = getattr(self.entities, "types", None)  # an index's entities know theirs without a walk
            got = self._types_held = frozenset(types() if types is not None else {e.type for e in self.entities})
        return got

    @property
    def entity_types(self) -> frozenset[str]:
        """The types a ``types`` filter may name: those of the lexicon and the usual ones."""
        from normalize.lexicon import KNOWN_TYPES

        got: frozenset[str] | None = getattr(self, "_entity_types", None)
        if got is None:
            self._ensure_built()  # the entities come with the tables
            got = self._entity_types = frozenset(KNOWN_TYPES) | self._lexicon_types()
        return got

    def explain(self, name: str) -> str:
        """A readable account of how ``name`` was matched (or why not), and why the first ranks first."""
        check_match_options(name, 5, 0, None)
        ranked = self._ranked(name, top=5, min_score=0, type_set=None)
        cleaned = self._clean(name)
        lines = [f"query: {name!r}", f"light key: {fold(cleaned)!r}", f"skeleton: {skeleton(fold(_canonical_latin(cleaned)))!r}"]
        if not ranked:
            lines.append("no candidate")
        conf = _ranking()
        for r, rank, ent_idx in ranked:
            mark = "match" if r.score >= self.threshold else "below threshold"
            if r.ambiguous:
                mark += ", ambiguous"
            lines.append(f"{r.score:5.1f} {r.id} ({r.label}) via {' > '.join(r.via)} [alias {r.alias!r}] {mark}")
            why = [f"prior {r.prior:g} (+{conf['prior_weight'] * (r.prior or 0.0):.1f})"]
            if r.via[:1] != ("person",) and self._is_label(self.entities[ent_idx], r.alias):
                why.append(f"its label (+{conf['label_bonus']:g})")
            if "alone" in r.via:
                why.append(f"a surname alone (+{conf['surname_bonus']:g})")
            lines.append(f"      rank {rank:.1f}: score {r.score:g}, " + ", ".join(why))
        if len(ranked) > 1 and ranked[0][0].score >= self.threshold:
            (a, ra, _), (b, rb, _) = ranked[0], ranked[1]
            if a.score < b.score or (a.score == b.score and ra > rb):
                lines.append(f"{a.id} ranks above {b.id}: rank {ra:.1f} against {rb:.1f}")
            if a.ambiguous and b.ambiguous:
                clear = ra - rb >= conf["clear_lead"]
                lines.append(f"ambiguous: the name fits several entities alike; "
                             + (f"{a.id} is the clear winner by its prior" if clear else "no clear winner"))
        return "\n".join(lines)

    # internal: returns entity -> (score, alias, via)
    def _candidates(self, name: str, fuzzy: bool = True) -> dict[int, tuple[float, str, tuple[str, ...]]]:
        out: dict[int, tuple[float, str, tuple[str, ...]]] = {}

        def offer(hits: Iterable[_Hit], score: float, extra: tuple[str, ...] = ()) -> None:
            for h in hits:
                s = score * h.quality
                if h.entity not in out or s > out[h.entity][0]:
                    out[h.entity] = (s, h.alias, h.via + extra)

        cleaned = self._clean(name)
        if not cleaned:
            return out
        if len(cleaned) > MAX_QUERY_LENGTH:
            # no name is this long: an exact look-up only, never per-character work
            offer(self._exact.get(fold(cleaned), ()), 100.0)
            return out
        # a parenthetical acronym: "Security Service of Ukraine (SBU)"
        paren = _PAREN_RE.search(cleaned)
        if paren:
            inner = paren.group(1).strip()
            outer = _PAREN_RE.sub(" ", cleaned).strip()
            a = self._candidates(outer, fuzzy) if outer else {}
            b = self._candidates(inner, fuzzy) if inner else {}
            for ent in set(a) | set(b):
                sa, sb = a.get(ent, (0.0, "", ())), b.get(ent, (0.0, "", ()))
                best = sa if sa[0] >= sb[0] else sb
                bonus = 3.0 if ent in a and ent in b else 0.0
                out[ent] = (min(100.0, best[0] + bonus), best[1], best[2])
            return out
        key = fold(cleaned)
        if not key:
            return out
        hits = self._exact.get(key)
        compact = key.replace(" ", "")
        letters = cleaned.replace(" ", "").replace(".", "")
        acro: list[_Hit] | None = None
        if compact.isalnum() and not compact.isdigit() and len(compact) <= 6:  # G7, MI6
            if letters.isupper():
                acro = self._acronyms.get(compact)
                if acro:
                    offer(acro, 96.0, ("acronym",))
            elif len(compact) >= 4 and " " not in cleaned and letters[:1].isupper() and letters[1:].islower():
                # "Nato", "Otan": a long acronym the press writes as a word; only the lexicon's own
                # acronyms (a derived one in lower case is too often a word)
                written = [h for h in self._acronyms.get(compact, ()) if h.via[:1] == ("lexicon acronym",)]
                if written:
                    offer(written, 92.0, ("acronym", "as a word"))
        if hits:
            if acro:
                # a name written in capitals that is also an acronym is the acronym, not a case
                # form of a place ("OSZE" is not the Polish locative of Okha)
                offer([h for h in hits if not any(v.startswith("inflection:") for v in h.via)], 100.0)
                offer([h for h in hits if any(v.startswith("inflection:") for v in h.via)], 90.0)
            else:
                offer(hits, 100.0)
        if not hits:
            latin_key = fold(_canonical_latin(cleaned)) if has_cyrillic(cleaned) else key
            if has_cyrillic(cleaned):
                # inflected Cyrillic forms of lexicon words, token by token
                for alt in self._deinflect(key):
                    h2 = self._exact.get(alt)
                    if h2:
                        offer(h2, 97.0, ("inflection",))
            skel = skeleton(latin_key)
            offer(self._skel.get(skel, ()), 100.0)
            words = [w for w in skel.split(" ") if w not in self._stop_skels()]
            if len(words) >= 2:
                offer(self._bag.get(" ".join(sorted(words)), ()), 100.0)
            self._match_core(latin_key, offer)
            self._match_place_words(skel, offer)
            if not has_cyrillic(cleaned) and (not out or max(v[0] for v in out.values()) < 95):
                self._match_foreign_endings(key, offer)
            if not out or max(v[0] for v in out.values()) < 95:
                for ckey in _concept_keys(cleaned, self._stop, query=True):
                    offer(self._concepts.get(ckey, ()), 97.0, ("generic words",))
        self._match_org(cleaned, offer)
        self._match_person(cleaned, out)
        if fuzzy and (not out or max(v[0] for v in out.values()) < 95):
            latin_key = fold(_canonical_latin(cleaned)) if has_cyrillic(cleaned) else key
            self._fuzzy(skeleton(latin_key), out, has_cyrillic(cleaned))
            self._person_veto(cleaned, out)
        return out

    def _person_veto(self, cleaned: str, out: dict[int, tuple[float, str, tuple[str, ...]]]) -> None:
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
        word = person_names.display_case(word)
        owner = self._owner
        return owner.get(fold(word)) or owner.get(skeleton(fold(_canonical_latin(word))).replace(" ", ""))

    def _clean(self, name: str) -> str:
        text = name.strip()
        text = _POSSESSIVE_RE.sub("", text)
        if "," in text:
            left, _, right = text.partition(",")
            if left.strip() and right.strip() and len(right.split()) <= 3 and len(left.split()) <= 2:
                text = f"{right.strip()} {left.strip()}"
        return text

    def _deinflect(self, key: str) -> list[str]:
        words = key.split(" ")
        options = [sorted(self._token_forms.get(w, ())) or [w] for w in words]
        out = [""]
        for opts in options:
            out = [f"{a} {b}".strip() for a in out for b in opts][:16]
        return [o for o in out if o != key]

    def _match_place_words(self, skel: str, offer: Any) -> None:
        """A place named with a settlement word, or with its adjective in another language.

        "Poselok Krasnolesnyy" (GeoNames' way of naming a settlement) is Краснолесный; "Bol'shaya Pavlovka" (the
        Russian form) is Велика Павлівка. Only places are offered, a little below an
        exact match.
        """
        words = skel.split(" ")
        if len(words) < 2:
            return
        settlement, adjectives = self._place_words_t
        places = self._place_hits
        if words[0] in settlement:  # after the name it is often part of it: Красное Село, Новый Хутор
            offer(places(self._skel.get(" ".join(words[1:]), ())), 93.0, ("settlement word",))
        for i, w in enumerate(words):
            group = adjectives.get(w)
            if group is None:
                continue
            for other in group:
                if other != w:
                    key = " ".join(words[:i] + [other] + words[i + 1 :])
                    offer(places(self._skel.get(key, ())), 96.0, (f"adjective:{w}={other}",))

    def _match_foreign_endings(self, key: str, offer: Any) -> None:
        """A Latin name with a Baltic case ending ("Charkivas", "Charkivo sritis", "Bahmuta").

        One word at a time is replaced by its stems (engine data ``foreign_case_endings``)
        and the result looked up among the skeletons, a little below an exact match.
        """
        words = key.split(" ")
        if len(words) > 4:
            return
        for i, w in enumerate(words):
            for stem, types in _foreign_stems(w, None):
                alt = " ".join(words[:i] + [stem] + words[i + 1 :])
                skel = skeleton(alt)
                hits = [h for h in self._skel.get(skel, ()) if self.entities[h.entity].type in types]
                if hits:
                    offer(hits, 95.0, ("foreign case ending",))
                split = self._split_category(alt) if " " in alt else None
                if split is not None:
                    core = [h for h in self._core.get(split, ()) if self.entities[h.entity].type in types]
                    offer(core, 95.0, ("foreign case ending",))

    def _place_hits(self, hits: Iterable[_Hit]) -> list[_Hit]:
        return [h for h in hits if self.entities[h.entity].type == "place"]

    def _match_core(self, latin_key: str, offer: Any) -> None:
        split = self._split_category(latin_key)
        if split is not None:
            offer(self._core.get(split, ()), 99.0)

    def _match_org(self, cleaned: str, offer: Any) -> None:
        """An organization by its core, legal forms, generic words and country qualifiers
        left out on both sides (PJSC Gazprom, Rosneft Oil Company, Sberbank of Russia);
        generic words that disagree, or a distinctive one only the query has (Gazprom
        Bank), keep two names apart (:func:`org_names.generic_verdict`)."""
        if "org" not in self._lexicon_types():
            return  # no organization to find: not worth parsing the query as one
        parts = org_names.parse(cleaned)
        if not parts.core_text:
            return
        keys: list[tuple[str, tuple[str, ...]]] = []
        if has_cyrillic(parts.core_text):
            keys.append((org_names.core_key(parts.core_text, self._stop_sk), ()))
            keys.append((org_names.core_key(_canonical_latin(parts.core_text), self._stop_sk), ()))
        else:
            key = org_names.core_key(parts.core_text, self._stop_sk)
            keys.append((key, ()))
            keys.append((_BRAND_C_RE.sub("k", key), ("brand c=k",)))
        done: set[str] = set()
        for key, extra in keys:
            if not key or key in done:
                continue
            done.add(key)
            for h in self._core.get((_ORG_CORE, key), ()):
                generic = tuple(v[8:] for v in h.via if v.startswith("generic:"))
                distinctive = tuple(v[12:] for v in h.via if v.startswith("distinctive:"))
                countries = tuple(v[8:] for v in h.via if v.startswith("country:"))
                verdict = org_names.generic_verdict(parts, generic, distinctive, countries)
                if verdict is None:
                    continue
                score = _ORG_CORE_SCORES[verdict] - (2.0 if extra else 0.0)
                offer((h,), score, (f"generic words: {verdict}",) + extra)

    def _match_person(self, cleaned: str, out: dict[int, tuple[float, str, tuple[str, ...]]]) -> None:
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
                outs.append(skeleton(fold(_canonical_latin(c))).replace(" ", ""))
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
                for stem, _ in _foreign_stems(fold(tokens[si].text), "person"):
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
                score = self._person_score(person, [skels[i] for i in others], [tokens[i] for i in others], owner, exact, s)
                if score is None:
                    continue
                via: tuple[str, ...] = ("person", "surname" if exact else f"surname~{s}")
                if ending:
                    via += ("foreign case ending",)
                if len(others) == 0:
                    # a surname alone: lower than a full name (a namesake outside the lexicon may
                    # be meant); several persons of that surname are all returned, ranked by
                    # their priors (see match); a near spelling of a surname alone is a guess
                    score = _ranking()["surname_score"] if exact else 70.0
                    via += ("alone",)
                ent = person.entity
                if ent not in out or score > out[ent][0]:
                    out[ent] = (score, person.alias, via)

    def _fuzzy_surnames(self, s: str) -> set[int]:
        found: set[int] = set()
        for key in self._surname_keys_near(s):
            found.update(self._surnames.get(key, ()))
        return found

    def _surname_keys_near(self, s: str) -> list[str]:
        del1 = self._surname_del1_index()
        cands: set[str] = set()
        for d in {s[:i] + s[i + 1 :] for i in range(len(s))} | {s}:
            cands.update(del1.get(d, ()))
        return [c for c in cands if Levenshtein.distance(c, s) <= 1]

    def _gender_ok(self, s: str, person: _Person) -> bool:
        fem = s.endswith(tuple(_engine_data()["feminine_surname_endings"]))
        if person.gender == "m" and fem:
            return False
        if person.gender == "f" and not fem:
            return False
        return True

    def _person_score(
        self,
        person: _Person,
        other_skels: list[list[str]],
        other_tokens: list[person_names.NameToken],
        owner: dict[str, str],
        exact: bool,
        surname_skel: str,
    ) -> float | None:
        """The score of a person whose surname the query names, from its other words
        (given name, patronymic, initials, in any order); None when one contradicts it.

        A patronymic the lexicon does not give is accepted when its gender fits; a
        given name the lexicon gives only as an initial is accepted, lower, when the
        initial fits.
        """
        score = 97.0 if exact else 90.0

        def cap(if_exact: float, if_near: float) -> None:
            nonlocal score
            score = min(score, if_exact if exact else if_near)

        initials_only = not person.given_skels and not person.given_groups
        for opts, tok in zip(other_skels, other_tokens):
            t = tok.text
            if tok.initial:
                letters = person_names.initial_letters(t)
                if letters & person.initials or {"p:" + c for c in letters} & person.initials:
                    cap(92.0, 85.0)
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
                    cap(95.0, 88.0)
                    continue
                if any(len(sk) >= 6 and Levenshtein.distance(sk, p) <= 1 for sk in opts for p in person.patronymic_skels):
                    cap(93.0, 86.0)  # near spelling of the patronymic
                    continue
                # the same father's name in another language (Рыгоравіч, Grigoryevich)
                fathers = {person_names.father_name(p, owner.get) for p in person.patronymic_skels} - {None}
                if fathers and any(person_names.father_name(sk, owner.get) in fathers for sk in opts):
                    cap(94.0, 87.0)
                    continue
                return None
            if initials_only:
                # the lexicon gives the given name only as an initial (Абрамович Р. А.)
                if {sk[:1] for sk in opts} & person.initials:
                    cap(86.0, 82.0)
                    continue
                return None
            # near spelling of the given name (one edit), when it is not another known name
            for sk in opts:
                gid = owner.get(sk)
                if gid and person.given_groups and gid not in person.given_groups:
                    return None
                if len(sk) >= 4 and any(Levenshtein.distance(sk, g) <= 1 for g in person.given_skels):
                    ok = True
                    score = min(score, 88.0)
                    break
            if not ok:
                return None
        return score

    def _fuzzy(self, skel: str, out: dict[int, tuple[float, str, tuple[str, ...]]], cyrillic: bool = False) -> None:
        compact = skel.replace(" ", "")
        if len(compact) < 4:
            return
        for ent, (score, alias, via) in self._fuzzy_scores(compact, self._fuzzy_keys(compact), cyrillic).items():
            if ent not in out or score > out[ent][0]:
                out[ent] = (score, alias, via)

    def _fuzzy_keys(self, compact: str) -> set[str]:
        """Skeleton keys near ``compact``, from the length buckets, trigrams and consonants."""
        if not self._fuzzy_ready:
            with self._lock:
                if not self._fuzzy_ready:
                    self._build_fuzzy()
        cand_keys: set[str] = set()
        n = len(compact)
        near_keys: set[str] = set()
        for size in (n - 1, n, n + 1):
            bucket = self._buckets.get((compact[0], size))
            if bucket:
                # the closest few, and (a guarantee the tests check) every key one edit
                # away: one edit costs at most 2 in InDel terms, so its ratio is at least
                # 100 * (1 - 2 / (n + size)), never below 70 for n >= 4
                one_edit = 100.0 * (1.0 - 2.0 / (n + size)) - 1e-9
                found = process.extract(compact, bucket, scorer=fuzz.ratio, score_cutoff=70, limit=None)
                for rank, (near, ratio, _) in enumerate(found):
                    if rank < 8 or ratio >= one_edit:
                        near_keys.add(near)
        # one edit on the first letter: deleted, inserted before it, or replaced
        if compact[1:] in self._compact_keys:
            near_keys.add(compact[1:])
        near_keys.update(self._tails.get(compact, ()))
        near_keys.update(self._tails.get(compact[1:], ()))
        for near in near_keys:
            cand_keys.update(self._compact_keys[near])
        cand_ids: set[int] = set()
        if not cand_keys:
            # keys sharing at least half of the query's informative trigrams (a trigram
            # in more than _GRAM_CAP keys, like "ovk", says little and costs much)
            grams = sorted({compact[i : i + 3] for i in range(len(compact) - 2)})  # sorted: ties break the same in every run
            counts: Counter[int] = Counter()
            used = 0
            for g in grams:
                ids = self._grams.get(g)
                if ids is not None and len(ids) <= _GRAM_CAP:
                    counts.update(ids)
                    used += 1
            need = max(2, (used + 1) // 2)
            cand_ids = {k for k, c in counts.most_common(50) if c >= need}
        cons = _consonants(compact)
        if len(cons) >= 4:
            cand_ids.update(self._cons.get(cons, ()))
        cand_keys.update(self._skel_keys[kid] for kid in cand_ids)
        return cand_keys

    def _fuzzy_features(self, compact: str, cand_keys: Iterable[str],
                        cyrillic: bool = False) -> dict[int, tuple[dict[str, float], _Hit]]:
        """Each candidate entity's best key, described by the features the fuzzy model scores.

        ``margin`` is how much better the key is than the best key of a *different*
        name (one sharing no entity and no alias with it): a near miss that is as
        close to another place is a guess, not a match. ``population`` is the
        entity's own (a big place is named in more languages, so a near miss to it
        is more often right); the other features belong to the key and are shared
        by the homonyms it names.
        """
        return {ent: ({**feats, "population": pop}, h)
                for ent, (feats, pop, h) in self._key_features(compact, cand_keys, cyrillic).items()}

    def _key_features(self, compact: str, cand_keys: Iterable[str],
                      cyrillic: bool = False) -> dict[int, tuple[dict[str, float], float, _Hit]]:
        scored: list[tuple[float, str, list[_Hit]]] = []
        for full_key in sorted(cand_keys):  # sorted: ties break the same in every run
            hits = self._skel.get(full_key)
            if not hits:
                continue  # a key whose entities are all answered by another layer (layered indexes)
            key = full_key.replace(" ", "")
            scored.append((fuzz.ratio(compact, key), key, hits))
        scored.sort(key=lambda t: (-t[0], t[1]))
        owners = [({h.entity for h in hits}, {h.alias for h in hits}) for _, _, hits in scored]
        best: dict[int, tuple[float, int, _Hit]] = {}  # entity -> (ratio x quality, key rank, hit)
        for i, (ratio, _, hits) in enumerate(scored):
            for h in hits:
                value = ratio * h.quality
                if h.entity not in best or value > best[h.entity][0]:
                    best[h.entity] = (value, i, h)
        n = len(compact)
        features: dict[int, dict[str, float]] = {}
        out: dict[int, tuple[dict[str, float], float, _Hit]] = {}
        for ent, (_, i, h) in best.items():
            feats = features.get(i)
            if feats is None:
                ratio, key, _ = scored[i]
                ents, aliases = owners[i]
                rival = 0.0
                for j, (r2, _, _) in enumerate(scored):
                    if j != i and not (owners[j][0] & ents) and not (owners[j][1] & aliases):
                        rival = r2
                        break
                feats = features[i] = {
                    "ratio": ratio / 100.0,
                    "margin": max(-30.0, min(ratio - rival, 30.0)) / 30.0,
                    "length": min(n, 14) / 14.0,
                    "edits": Levenshtein.distance(compact, key) / 4.0,
                    "vowels_only": float(_consonants(compact) == _consonants(key)),
                    "longer": float(len(key) > n),
                    "shorter": float(len(key) < n),
                    "first_letter": float(compact[:1] == key[:1]),
                    "cyrillic_query": float(cyrillic),  # romanized by the canonical scheme first
                }
            population = getattr(self.entities[ent], "population", None) or 0
            out[ent] = (feats, min(math.log10(population + 1.0), 7.0) / 7.0, h)
        return out

    def _fuzzy_scores(self, compact: str, cand_keys: Iterable[str],
                      cyrillic: bool = False) -> dict[int, tuple[float, str, tuple[str, ...]]]:
        """Score near misses with the model of the engine data (``fuzzy_model``).

        The model (boosted decision trees, or logistic weights) gives the probability
        that a near miss names the right entity; it was fitted on the GeoNames
        development split (benchmarks/calibrate_fuzzy.py), and the score is that
        probability times 100 minus ``offset``, so the default threshold keeps only
        near misses about as reliable as the exact matches.
        """
        model = _fuzzy_model()
        out: dict[int, tuple[float, str, tuple[str, ...]]] = {}
        features = self._key_features(compact, cand_keys, cyrillic)
        if model.get("kind") == "trees":
            # the trees learnt places (GeoNames); people and organisations keep the logistic
            # model stored beside them (``others``), whose scores their cases were checked with
            others = model.get("others")
            rest = {ent: v for ent, v in features.items() if self.entities[ent].type != "place"} if others else {}
            if rest:
                out.update(self._logistic_scores(others, rest))
            trees = _fuzzy_trees(model)
            names = model["features"]
            memo: dict[tuple[int, float], float] = {}  # homonyms of one key and one size score alike
            for ent, (feats, pop, h) in features.items():
                if ent in rest:
                    continue
                p = memo.get((id(feats), pop))
                if p is None:
                    x = [pop if f == "population" else feats[f] for f in names]
                    z = model["bias"] + sum(_tree_value(t, x) for t in trees)
                    p = memo[(id(feats), pop)] = 1.0 / (1.0 + math.exp(-z))
                score = max(0.0, 100.0 * p - model["offset"]) * h.quality
                edits = round(feats["edits"] * 4)
                out[ent] = (score, h.alias, h.via + (f"fuzzy:{edits} edit(s)",))
            return out
        return self._logistic_scores(model, features)

    @staticmethod
    def _logistic_scores(model: dict[str, Any], features: dict[int, tuple[dict[str, float], float, _Hit]]
                         ) -> dict[int, tuple[float, str, tuple[str, ...]]]:
        """Near misses scored by logistic weights (``weights``, ``bias``, ``offset``)."""
        out: dict[int, tuple[float, str, tuple[str, ...]]] = {}
        terms = _fuzzy_terms(model)
        # z = base + slope * population: homonyms share a key's features, so each
        # key's base and slope are computed once (no term is quadratic in population)
        per_key: dict[int, tuple[float, float]] = {}
        for ent, (feats, pop, h) in features.items():
            line = per_key.get(id(feats))
            if line is None:
                base, slope = model["bias"], 0.0
                for w, left, right in terms:  # a weight on a feature, or on a product of two
                    if left == "population":
                        slope += w * (feats[right] if right else 1.0)
                    elif right == "population":
                        slope += w * feats[left]
                    else:
                        base += w * feats[left] * (feats[right] if right else 1.0)
                line = per_key[id(feats)] = (base, slope)
            p = 1.0 / (1.0 + math.exp(-(line[0] + line[1] * pop)))
            score = max(0.0, 100.0 * p - model["offset"]) * h.quality
            edits = round(feats["edits"] * 4)
            out[ent] = (score, h.alias, h.via + (f"fuzzy:{edits} edit(s)",))
        return out

    # -- bulk ---------------------------------------------------------------------------

    def match_many(self, names: Iterable[str], **kwargs: Any) -> Iterator[list[Match]]:
        """Match each name (cached for repeated names), in order."""
        cache: dict[str, list[Match]] = {}
        for name in names:
            res = cache.get(name)
            if res is None:
                res = self.match(name, **kwargs)
                if len(cache) < 100_000:
                    cache[name] = res
            yield res

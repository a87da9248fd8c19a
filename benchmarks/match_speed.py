"""Start-up and whole-job speed of `normalize match`, side by side with the tools users would otherwise use.

Every job runs as a whole process (interpreter start, imports, loading, answering,
writing), timed with its peak memory (``wait4``) and CPU time; ratios come from
jobs run in the same run.

1. **Start-up** with the bundled lexicons: ``normalize match Tyotkino``, on the
   first run after install (empty cache directory) and again, against one-name
   jobs of iuliia, translitua and unidecode (transliterators only) and a
   brute-force rapidfuzz job over the bundled lexicons' names. "After install"
   needs a real (non-editable) install with the index the package build
   compiles: ``--install`` builds a wheel of this checkout into a temporary
   virtualenv first; otherwise the current environment is used as it is.
2. **A new lexicon**: the 11,060 UA/RU/BY GeoNames places with their Cyrillic
   names only. ``normalize lexicon compile`` time; the time to open the compiled
   index and answer one name, in this process; and a whole ``normalize match``
   job over 5,000 of their Latin names: with the lexicon new (empty cache),
   cached, and compiled (``--index``), against the brute-force jobs
   (iuliia/translitua renderings + rapidfuzz ratio; unidecode + WRatio), each
   also whole. The three normalize runs must answer identically.

Run: ``python benchmarks/match_speed.py [--install] [--names 5000] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

TRANSLIT_JOBS = {
    "iuliia (one name)": "import iuliia; print(iuliia.WIKIPEDIA.translate('Тёткино'))",
    "translitua (one name)": "import translitua; print(translitua.translit('Тьоткіно'))",
    "unidecode (one name)": "from unidecode import unidecode; print(unidecode('Тёткино'))",
}

#: brute force over the bundled names: every name unidecoded, rapidfuzz extractOne
BRUTE_BUNDLED = r"""
import json, sys, glob
from rapidfuzz import fuzz, process
from unidecode import unidecode
names, ids = [], []
for path in sorted(glob.glob(sys.argv[1] + "/*.jsonl")):
    for line in open(path, encoding="utf-8"):
        o = json.loads(line)
        for n in o["names"]:
            names.append(unidecode(n if isinstance(n, str) else n["text"]).lower()); ids.append(o["id"])
for q in sys.argv[2:]:
    best = process.extractOne(unidecode(q).lower(), names, scorer=fuzz.WRatio, score_cutoff=85)
    print(json.dumps({"query": q, "id": ids[best[2]] if best else None}))
"""

#: brute force over a lexicon: every iuliia and translitua rendering of every name, rapidfuzz ratio
#: (the strong simple baseline of benchmarks/match_quality.py, as a whole job)
BRUTE_SCHEMES = r"""
import json, sys
import iuliia, translitua
from rapidfuzz import fuzz, process, utils
iu = [getattr(iuliia, n) for n in dir(iuliia) if n.isupper() and hasattr(getattr(iuliia, n), "translate")]
choices = {}
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    for n in o["names"]:
        text = n if isinstance(n, str) else n["text"]
        outs = {s.translate(text) for s in iu}
        for t in translitua.ALL_TRANSLITERATIONS:
            try:
                outs.add(translitua.translit(text, t))
            except Exception:
                pass
        for f in outs:
            choices.setdefault(f, o["id"])
keys = list(choices)
processed = [utils.default_process(k) for k in keys]
for q in open(sys.argv[2], encoding="utf-8").read().splitlines():
    best = process.extractOne(utils.default_process(q), processed, scorer=fuzz.ratio, score_cutoff=90)
    print(json.dumps({"query": q, "id": choices[keys[best[2]]] if best else None}, ensure_ascii=False))
"""

BRUTE_UNIDECODE = r"""
import json, sys
from rapidfuzz import fuzz, process, utils
from unidecode import unidecode
choices, ids = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    for n in o["names"]:
        choices.append(unidecode(n if isinstance(n, str) else n["text"])); ids.append(o["id"])
for q in open(sys.argv[2], encoding="utf-8").read().splitlines():
    best = process.extractOne(q, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=90)
    print(json.dumps({"query": q, "id": ids[best[2]] if best else None}, ensure_ascii=False))
"""

OPEN_INDEX = r"""
import sys, time
t0 = time.perf_counter()
from normalize.index import load_index
m = load_index(sys.argv[1]).matcher()
t1 = time.perf_counter()
m.match("Tetkino")
t2 = time.perf_counter()
print(f"{t1 - t0:.4f} {t2 - t1:.4f}")
"""


def run(cmd: list[str], env: dict[str, str] | None = None, stdin: Path | None = None,
        stdout: Path | None = None, cwd: Path | None = None) -> dict[str, float]:
    """One whole job: wall seconds, peak RSS (MB) of its largest process, CPU seconds."""
    with contextlib.ExitStack() as files:
        fin = files.enter_context(open(stdin, "rb")) if stdin else subprocess.DEVNULL
        fout = files.enter_context(open(stdout, "wb")) if stdout else subprocess.DEVNULL
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=fin, stdout=fout, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"job failed: {' '.join(cmd)}")
    return {"seconds": wall, "peak_mb": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime}


def show(name: str, r: dict[str, float]) -> None:
    print(f"  {name:52s} {r['seconds']:7.2f} s  cpu {r['cpu']:6.2f} s  peak {r['peak_mb']:6.0f} MB")


def installed_python(work: Path) -> str:
    """A virtualenv with this checkout installed from a wheel (the package build compiles the bundled index)."""
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = str(venv / "bin" / "python")
    subprocess.run([py, "-m", "pip", "install", "-q", str(ROOT)], check=True)
    return py


def startup(py: str, work: Path) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    cache = work / "startup-cache"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["NORMALIZE_CACHE_DIR"] = str(cache)
    shutil.rmtree(cache, ignore_errors=True)
    match = [py, "-m", "normalize", "match", "Tyotkino"]
    # from the work directory: `-m normalize` must find the installed package, not a checkout
    results["normalize match, first run after install"] = run(match, env, cwd=work)
    built = cache.exists() and any(cache.iterdir())
    results["normalize match, again"] = run(match, env, cwd=work)
    results["normalize match, 5 names"] = run(match + ["Kharkov", "Zelenskyj", "RDC", "Baranovsky"], env, cwd=work)
    for name, code in TRANSLIT_JOBS.items():
        results[name] = run([sys.executable, "-c", code], env)
    from normalize.lexicon import bundled_paths

    lexdir = str(bundled_paths()[0].parent)
    results["brute force: unidecode + rapidfuzz over the bundled names, 1 name"] = run(
        [sys.executable, "-c", BRUTE_BUNDLED, lexdir, "Tyotkino"], env)
    print(f"1. start-up with the bundled lexicons ({py}){'  -- NOTE: the first run built an index' if built else ''}")
    for k, v in results.items():
        show(k, v)
    return results


def new_lexicon(py: str, work: Path, n_names: int) -> dict[str, object]:
    from match_quality import geonames_set

    entities, queries = geonames_set()
    lex = work / "geonames_cyrillic.jsonl"
    lex.write_text("\n".join(json.dumps(e.to_json(), ensure_ascii=False) for e in entities) + "\n", encoding="utf-8")
    names = [q for q, _, _ in queries]
    random.Random(1).shuffle(names)
    qfile = work / "names.txt"
    qfile.write_text("\n".join(names[:n_names]) + "\n", encoding="utf-8")
    index = work / "geonames_cyrillic.nidx"
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["NORMALIZE_CACHE_DIR"] = str(cache)
    res: dict[str, dict[str, float]] = {}
    # every job starts in the work directory: `python -m` imports from the current directory
    # first, and from a checkout's root that would be the source tree, not the package measured
    res["normalize lexicon compile"] = run([py, "-m", "normalize", "lexicon", "compile", str(lex), "-o", str(index)], env,
                                           cwd=work)
    opened = subprocess.run([py, "-c", OPEN_INDEX, str(index)], capture_output=True, env=env, check=True, cwd=work)
    load_s, first_q = map(float, opened.stdout.split())
    match = [py, "-m", "normalize", "match", "--top", "1"]
    outs = {}
    for name, extra in (("normalize match, new lexicon (empty cache)", ["--lexicon", str(lex)]),
                        ("normalize match, cached", ["--lexicon", str(lex)]),
                        ("normalize match --index", ["--index", str(index)])):
        out = work / f"out-{len(outs)}.jsonl"
        res[name] = run(match + extra, env, stdin=qfile, stdout=out, cwd=work)
        outs[name] = out.read_bytes()
    res["brute force: iuliia/translitua renderings + ratio"] = run(
        [sys.executable, "-c", BRUTE_SCHEMES, str(lex), str(qfile)], env)
    res["brute force: unidecode + WRatio"] = run([sys.executable, "-c", BRUTE_UNIDECODE, str(lex), str(qfile)], env)
    same = len(set(outs.values())) == 1
    brute = res["brute force: iuliia/translitua renderings + ratio"]["seconds"]
    ratios = {
        "compile (s, goal <= 5)": res["normalize lexicon compile"]["seconds"],
        "open the index, in process (s, goal <= 0.2)": load_s,
        "new lexicon: brute force / normalize (goal >= 5)": brute / res["normalize match, new lexicon (empty cache)"]["seconds"],
        "compiled: brute force / normalize (goal >= 30)": brute / res["normalize match --index"]["seconds"],
        "cached: brute force / normalize": brute / res["normalize match, cached"]["seconds"],
        "compiled: unidecode brute force / normalize": res["brute force: unidecode + WRatio"]["seconds"]
        / res["normalize match --index"]["seconds"],
    }
    print(f"2. a new lexicon: {len(entities)} places, Cyrillic names only; {n_names} Latin names")
    for k, v in res.items():
        show(k, v)
    print(f"  opening the compiled index: {load_s:.3f} s, then the first name {first_q:.3f} s (in process)")
    for k, v in ratios.items():
        print(f"  {k:52s} {v:7.2f}")
    print(f"  the three normalize runs answer identically: {same}")
    return {"jobs": res, "ratios": ratios, "identical": same, "open_s": load_s}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--install", action="store_true", help="measure start-up in a fresh virtualenv built from this checkout")
    ap.add_argument("--python", metavar="PY", help="measure with this interpreter (one with normalize installed from a wheel)")
    ap.add_argument("--names", type=int, default=5000)
    ap.add_argument("--out", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args()
    # the anchors run in their own processes: a missing one would stop the run after the normalize jobs
    missing = [m for m in ("iuliia", "translitua") if importlib.util.find_spec(m) is None]
    if missing:
        sys.exit(f"{Path(__file__).name}: the anchors need {', '.join(missing)}: pip install -e '.[bench]'")
    work = Path(tempfile.mkdtemp(prefix="match-speed-"))
    try:
        py = installed_python(work) if args.install else (args.python or sys.executable)
        load0 = os.getloadavg()[0]
        results = {"startup": startup(py, work), "new_lexicon": new_lexicon(py, work, args.names)}
        print(f"load average before: {load0:.2f}, after: {os.getloadavg()[0]:.2f} (2 cores)")
        if args.out:
            Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

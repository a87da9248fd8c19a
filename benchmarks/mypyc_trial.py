"""Would compiling the hot tagger modules with mypyc pay? ``normalize tag --index``, pure Python against mypyc-compiled.

Issue 10's tag goals ask for ``normalize tag --index`` at 0.8x the speed of a plain
pyahocorasick job; Python tuning stopped paying. This trial copies the package
(``normalize/`` and ``lexicons/``) into a scratch directory, compiles the modules
named by ``--modules`` there with mypyc (``mypyc`` of the installed mypy, the same
``mypy --strict`` settings of pyproject.toml; the ``.py`` files stay as they are, so
the engine fingerprint, which covers ``.py`` and data files, is the same and both trees
read one compiled index), then runs the same whole jobs from each tree, alternating
``--rounds`` times: ``normalize tag --index`` on the text of ``benchmarks/tag_speed.py``
(``--mb`` MB, the UA/RU/BY gazetteer), and the plain pyahocorasick job as the anchor.
Reported: the mypyc build's wall and CPU time, each job's wall, CPU (the figure to
compare on a loaded machine), peak memory and mentions, and whether the outputs of the
two trees are the same bytes. Nothing is installed; the scratch directory is removed.

A module compiled by mypyc checks the declared type of every value it reads from a
typed attribute, argument or list, where Python does not: an annotation that is not
true at run time (a read-only view where a dict is declared, a float in an int
column) is a ``TypeError`` there, so run the tests against the compiled tree before
trusting it (``--pytest`` runs the tagger's test modules in the scratch copy).

Run: ``python benchmarks/mypyc_trial.py [--mb 4] [--rounds 2] [--jobs 1] [--pytest] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tag_speed  # benchmarks/ is no package: found through sys.path above

ROOT = tag_speed.ROOT
GAZETTEER = tag_speed.GAZETTEER

#: the tagger's hot path: the scan, the view and its offsets, the evidence model, resolution
MODULES = [
    "normalize/tagger/scan.py", "normalize/tagger/view.py", "normalize/tagger/offsets.py",
    "normalize/tagger/words.py", "normalize/tagger/state.py", "normalize/tagger/doubt.py",
    "normalize/tagger/endings.py", "normalize/tagger/spellings.py", "normalize/tagger/categories.py",
    "normalize/tagger/rank.py", "normalize/tagger/resolve.py", "normalize/evidence.py",
]

TESTS = ["tests/test_tagger.py", "tests/test_evidence.py", "tests/test_tag_unknown_names.py",
         "tests/test_tag_case_endings.py", "tests/test_tag_press_spellings.py", "tests/test_slavic_tagging.py"]


def scratch_copy(dest: Path) -> None:
    """The package's sources, its lexicons, tests, examples and pyproject.toml (mypy's settings) in ``dest``."""
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.nidx")
    for name in ("normalize", "lexicons", "tests", "examples"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)


def compile_modules(dest: Path, modules: list[str]) -> float:
    """mypyc over ``modules`` in ``dest``, in place; its wall time in seconds."""
    mypyc = Path(sys.executable).with_name("mypyc")
    t0 = time.perf_counter()
    proc = subprocess.run([str(mypyc) if mypyc.exists() else "mypyc", *modules], cwd=dest,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode:
        sys.stdout.write(proc.stdout.decode(errors="replace")[-3000:])
        raise SystemExit(f"mypyc failed ({proc.returncode})")
    print(f"mypyc: {len(list((dest / 'normalize').rglob('*.so')))} extension modules in {wall:.1f} s")
    return wall


def children_cpu() -> float:
    import resource

    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=4.0, help="size of the generated text in MB (default 4)")
    ap.add_argument("--rounds", type=int, default=2, help="alternations of the two trees (default 2)")
    ap.add_argument("--jobs", type=int, default=1, help="-j of the tag job (default 1)")
    ap.add_argument("--modules", nargs="+", default=MODULES, help="the modules to compile (paths)")
    ap.add_argument("--pytest", action="store_true", help="run the tagger's tests against the compiled copy")
    ap.add_argument("--out", metavar="FILE", help="also write the results as JSON to FILE")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mypyc-trial-"))
    try:
        tree = work / "compiled"
        scratch_copy(tree)
        cpu0 = children_cpu()
        wall = compile_modules(tree, args.modules)
        results: dict[str, object] = {"mypyc build": {"seconds": wall, "cpu": children_cpu() - cpu0},
                                      "modules": args.modules, "mb": args.mb}
        text = work / "text.txt"
        mb = tag_speed.generate(text, args.mb) / 1_000_000
        index = work / "gazetteer.nidx"
        env = dict(os.environ, NORMALIZE_CACHE_DIR=str(work / "cache"), PYTHONPATH=str(ROOT))
        py = sys.executable
        tag_speed.run_job([py, "-m", "normalize", "lexicon", "compile", str(GAZETTEER), "-o", str(index)], env)
        tag = [py, "-m", "normalize", "tag", "--index", str(index), "-j", str(args.jobs), str(text)]
        trees = {"pure Python": str(ROOT), "mypyc": str(tree)}
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in [*trees, "plain pyahocorasick"]}
        digests: dict[str, set[str]] = {name: set() for name in trees}
        print(f"text: {mb:.1f} MB, `normalize tag --index -j {args.jobs}`, {args.rounds} rounds (cwd: {work})")
        for _ in range(args.rounds):
            for name, path in trees.items():
                out = work / f"out_{name.split()[0]}.jsonl"
                t, m, c = tag_speed.run_job(tag, dict(env, PYTHONPATH=path), out)
                digests[name].add(sha1(out))
                runs[name].append({"seconds": t, "cpu": c, "peak_mb": m, "mentions": tag_speed.count_lines(out)})
                print(f"{name:22s} {t:7.2f} s  cpu {c:6.2f} s  peak {m:5.0f} MB  {runs[name][-1]['mentions']:,} mentions")
            plain_out = work / "out_plain.jsonl"
            t, m, c = tag_speed.run_job([py, "-c", tag_speed.PLAIN_JOB, str(GAZETTEER), str(text), str(plain_out)], env)
            runs["plain pyahocorasick"].append({"seconds": t, "cpu": c, "peak_mb": m})
            print(f"{'plain pyahocorasick':22s} {t:7.2f} s  cpu {c:6.2f} s  peak {m:5.0f} MB")
        same = len(digests["pure Python"] | digests["mypyc"]) == 1
        cpu = {name: sum(r["cpu"] for r in rs) / len(rs) for name, rs in runs.items()}
        results["runs"] = runs
        results["same output"] = same
        results["mean cpu"] = cpu
        print(f"mean CPU: pure {cpu['pure Python']:.2f} s, mypyc {cpu['mypyc']:.2f} s "
              f"({cpu['mypyc'] / cpu['pure Python'] - 1:+.0%}); plain / tag CPU: pure "
              f"{cpu['plain pyahocorasick'] / cpu['pure Python']:.2f}, mypyc {cpu['plain pyahocorasick'] / cpu['mypyc']:.2f}; "
              f"outputs {'identical' if same else 'DIFFERENT'}")
        if args.pytest:
            status = subprocess.call([py, "-m", "pytest", "-q", "-n", "1", "-p", "no:cacheprovider", *TESTS],
                                     cwd=tree, env=dict(os.environ, PYTHONPATH=str(tree)))
            results["pytest status"] = status
            print(f"tagger tests against the compiled copy: exit status {status}")
        if args.out:
            Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")
        if not same:
            raise SystemExit("the compiled tree's output differs from pure Python's")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

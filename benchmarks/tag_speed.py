"""Bulk tagging speed: `normalize tag` against flashtext and a plain pyahocorasick scan.

The job: find the places of a gazetteer in ~20 MB of mixed English and Russian
news-style text, and write one JSON object per mention. The gazetteer is the
GeoNames UA/RU/BY lexicon (``lexicons/geonames_ua_ru_by.jsonl``, about 76,000
names of 11,111 places). Each system runs as a whole job in its own process, so
the time counts everything: start-up, reading the gazetteer and building its
matcher, reading the text, scanning it and writing the mentions.

* ``normalize tag``: with a new lexicon (``--lexicon GAZETTEER``, empty cache: the
  index is compiled first), cached (the same again), with an index compiled
  beforehand (``normalize lexicon compile``, then ``--index``), the same with
  ``-j 2``, and the same on the text with a few decomposed (non-NFC) words. It
  folds the text (case, diacritics, look-alikes, apostrophes...), matches ~240,000
  derived keys (transliterations, inflected forms) on word boundaries, maps
  offsets back to the original text and resolves homonyms in document context.
* flashtext: ``KeywordProcessor`` with every gazetteer name, ``extract_keywords``
  with spans (case-insensitive, its own word boundaries).
* plain pyahocorasick: every name lowercased into an automaton, the lowercased text
  scanned, hits kept when both ends are on a word boundary, overlaps resolved
  leftmost-longest. No normalization at all: the floor for an automaton in Python.

Also reported: the compile time, start-up on an empty input, peak memory of each
job (the largest process, from ``wait4``), CPU time (what the job costs, whatever
else the machine runs), and, in-process, the scan engine choice: pyahocorasick
against ahocorasick_rs on the tagger's own keys and view.

The text is generated (no copyrighted text): sentences of our example news texts
(``examples/news_en.txt``, ``examples/news_ru.txt``) with their place names swapped
for random gazetteer names in the sentence's script, mixed with sentences of
filler words. Run: ``python benchmarks/tag_speed.py [--mb 20] [--jobs 2] [--rounds N] [--out FILE]``;
``--rounds N`` runs every job N times, alternating, and reports medians (the machine's
noise between whole runs reaches 20%).
The machine's other load matters: the numbers of one run are in ``--out``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "lexicons" / "geonames_ua_ru_by.jsonl"

EN_FILLER = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "at", "from", "army", "said", "forces", "regional", "officials", "attack", "drones", "village", "city", "troops", "front", "reported", "near", "border", "region", "shelling", "civilians", "killed", "wounded", "after", "during", "against", "overnight", "residents", "power", "lines", "damaged", "strike", "missile", "defence", "governor", "statement", "according", "rescuers", "fire", "brigade", "morning", "evening", "houses", "school", "hospital"]
RU_FILLER = ["и", "в", "на", "что", "по", "с", "не", "из", "за", "для", "от", "к", "до", "о", "у", "как", "это", "а", "также", "было", "были", "сказал", "войска", "удар", "области", "района", "села", "города", "дронов", "обстрел", "погибли", "ранены", "против", "после", "во", "время", "ночью", "утром", "жители", "линии", "электропередачи", "повреждены", "ракета", "оборона", "губернатор", "заявление", "спасатели", "пожар"]


def gazetteer_names() -> tuple[list[str], list[str]]:
    latin, cyrillic = [], []
    with open(GAZETTEER, encoding="utf-8") as f:
        for line in f:
            for n in json.loads(line)["names"]:
                text = n if isinstance(n, str) else n["text"]
                (cyrillic if re.search("[а-яА-ЯёЁіїєґІЇЄҐ]", text) else latin).append(text)
    return latin, cyrillic


def generate(path: Path, mb: float, seed: int = 5) -> int:
    """Write about ``mb`` MB (UTF-8 bytes) of text to ``path``; returns its size in bytes."""
    rng = random.Random(seed)
    latin, cyrillic = gazetteer_names()
    sentences = []
    for name in ("news_en.txt", "news_ru.txt"):
        text = (ROOT / "examples" / name).read_text(encoding="utf-8")
        sentences += [s.strip() for s in re.split(r"(?<=[.;])\s+", text) if len(s.strip()) > 20]
    cap = re.compile(r"(?<![\w'’])[A-ZА-ЯЁІЇЄҐ][\w'’-]+")
    target = int(mb * 1_000_000)
    size = 0
    with open(path, "w", encoding="utf-8") as out:
        while size < target:
            para = []
            for _ in range(rng.randint(3, 7)):
                if rng.random() < 0.6:
                    s = rng.choice(sentences)
                    cyr = bool(re.search("[а-яА-Я]", s))
                    pool = cyrillic if cyr else latin
                    s = cap.sub(lambda m, pool=pool: rng.choice(pool) if rng.random() < 0.3 else m.group(), s)
                else:
                    cyr = rng.random() < 0.5
                    words = [rng.choice(RU_FILLER if cyr else EN_FILLER) for _ in range(rng.randint(8, 20))]
                    for _ in range(rng.randint(0, 2)):
                        words.insert(rng.randrange(len(words) + 1), rng.choice(cyrillic if cyr else latin))
                    s = " ".join(words).capitalize() + "."
                para.append(s)
            chunk = " ".join(para) + "\n\n"
            out.write(chunk)
            size += len(chunk.encode("utf-8"))
    return size


FLASHTEXT_JOB = r"""
import json, sys
from flashtext import KeywordProcessor
kp = KeywordProcessor()
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        o = json.loads(line)
        for n in o["names"]:
            kp.add_keyword(n if isinstance(n, str) else n["text"], o["id"])
text = open(sys.argv[2], encoding="utf-8").read()
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for eid, s, e in kp.extract_keywords(text, span_info=True):
        out.write(json.dumps({"start": s, "end": e, "text": text[s:e], "id": eid}, ensure_ascii=False) + "\n")
"""

PLAIN_JOB = r"""
import json, sys, ahocorasick
A = ahocorasick.Automaton()
ids = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        o = json.loads(line)
        for n in o["names"]:
            key = (n if isinstance(n, str) else n["text"]).lower()
            A.add_word(key, (len(key), o["id"]))
A.make_automaton()
text = open(sys.argv[2], encoding="utf-8").read()
low = text.lower()
n = len(low)
hits = []
for end, (length, eid) in A.iter(low):
    s = end - length + 1
    if (s == 0 or not low[s - 1].isalnum()) and (end + 1 == n or not low[end + 1].isalnum()):
        hits.append((s, end + 1, eid))
hits.sort(key=lambda h: (h[0], -h[1]))
last = 0
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for s, e, eid in hits:
        if s >= last:
            out.write(json.dumps({"start": s, "end": e, "text": text[s:e], "id": eid}, ensure_ascii=False) + "\n")
            last = e
"""


def run_job(cmd: list[str], env: dict[str, str] | None = None, stdout: Path | None = None) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB of the largest process, CPU seconds of all its processes) of one whole job."""
    with contextlib.ExitStack() as files:
        out = files.enter_context(open(stdout, "wb")) if stdout else subprocess.DEVNULL
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"job failed ({proc.returncode}): {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def count_lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def engine_comparison(text_path: Path, env: dict[str, str]) -> dict[str, float]:
    """Scan engines on the tagger's own keys and view (build, then one scan), in this process."""
    os.environ.update(env)
    from normalize.tagger import Tagger, build_view

    tagger = Tagger(str(GAZETTEER))
    keys = [f" {k} " for k in tagger.table.keys]
    text = text_path.read_text(encoding="utf-8")
    view, _ = build_view(text)
    view = f" {view} "
    out: dict[str, float] = {}
    import ahocorasick

    t0 = time.perf_counter()
    a = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for i, k in enumerate(keys):
        a.add_word(k, i)
    a.make_automaton()
    t1 = time.perf_counter()
    n_py = sum(1 for _ in a.iter(view))
    t2 = time.perf_counter()
    out.update(pyahocorasick_build=t1 - t0, pyahocorasick_scan=t2 - t1, hits=n_py)
    try:
        import ahocorasick_rs
    except ImportError:
        return out
    t0 = time.perf_counter()
    r = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard)
    t1 = time.perf_counter()
    n_rs = len(r.find_matches_as_indexes(view, overlapping=True))
    t2 = time.perf_counter()
    out.update(ahocorasick_rs_build=t1 - t0, ahocorasick_rs_scan=t2 - t1)
    bkeys = [k.encode() for k in keys]
    t0 = time.perf_counter()
    rb = ahocorasick_rs.BytesAhoCorasick(bkeys, matchkind=ahocorasick_rs.MatchKind.Standard)
    t1 = time.perf_counter()
    bview = view.encode()
    n_rb = len(rb.find_matches_as_indexes(bview, overlapping=True))
    t2 = time.perf_counter()
    out.update(ahocorasick_rs_bytes_build=t1 - t0, ahocorasick_rs_bytes_scan=t2 - t1)
    assert n_py == n_rs == n_rb, (n_py, n_rs, n_rb)
    return out


def add_non_nfc(src: Path, dst: Path, lines: int = 3) -> None:
    """The same text with a few words in decomposed form (stress marks, as in Тётки́но) on ``lines`` lines."""
    text = src.read_text(encoding="utf-8").split("\n")
    step = max(1, len(text) // (lines + 1))
    for k in range(1, lines + 1):
        text[k * step] += " Тётки\u0301но и Те\u0308ткино, Ki\u0308ew."
    dst.write_text("\n".join(text), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the generated text in MB (default 20)")
    ap.add_argument("--jobs", type=int, default=2, help="workers for the parallel run (default 2)")
    ap.add_argument("--keep", metavar="DIR", help="keep the text and outputs in DIR")
    ap.add_argument("--no-engines", action="store_true", help="skip the in-process scan engine comparison")
    ap.add_argument("--out", metavar="FILE", help="also write the results as JSON to FILE")
    ap.add_argument("--rounds", type=int, default=1,
                    help="run the jobs this many times, alternating, and report each job's median (default 1)")
    args = ap.parse_args()
    # the anchors run in their own processes: a missing one would stop the run after the normalize jobs
    missing = [m for m in ("flashtext", "ahocorasick") if importlib.util.find_spec(m) is None]
    if missing:
        sys.exit(f"{Path(__file__).name}: the anchors need {', '.join(missing)}: pip install -e '.[bench]'")

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tag-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    text = work / "text.txt"
    size = generate(text, args.mb)
    mb = size / 1_000_000
    mixed = work / "text_non_nfc.txt"
    add_non_nfc(text, mixed)
    empty = work / "empty.txt"
    empty.write_text("", encoding="utf-8")
    cache = work / "cache"
    index = work / "gazetteer.nidx"
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, NORMALIZE_CACHE_DIR=str(cache))
    py = sys.executable
    tag = [py, "-m", "normalize", "tag", "--lexicon", str(GAZETTEER)]
    tagi = [py, "-m", "normalize", "tag", "--index", str(index)]
    results: dict[str, dict[str, float]] = {}
    print(f"text: {mb:.1f} MB ({text}), gazetteer: {GAZETTEER.name}")
    load0 = f"{os.getloadavg()[0]:.2f}"

    t, m, c = run_job([py, "-m", "normalize", "lexicon", "compile", str(GAZETTEER), "-o", str(index)], env)
    results["lexicon compile"] = {"seconds": t, "peak_mb": m, "cpu": c}
    t, m, c = run_job(tagi + [str(empty)], env)
    results["startup, compiled index"] = {"seconds": t, "peak_mb": m, "cpu": c}
    jobs = {
        "normalize tag, new lexicon (empty cache)": (tag + [str(text)], work / "out_cold.jsonl"),
        "normalize tag, cached": (tag + [str(text)], work / "out_warm.jsonl"),
        "normalize tag --index": (tagi + [str(text)], work / "out_index.jsonl"),
        f"normalize tag --index -j {args.jobs}": (tagi + ["-j", str(args.jobs), str(text)], work / "out_j.jsonl"),
        "normalize tag --index, non-NFC text": (tagi + [str(mixed)], work / "out_mixed.jsonl"),
        "flashtext": ([py, "-c", FLASHTEXT_JOB, str(GAZETTEER), str(text), str(work / "out_flashtext.jsonl")], None),
        "plain pyahocorasick": ([py, "-c", PLAIN_JOB, str(GAZETTEER), str(text), str(work / "out_plain.jsonl")], None),
    }
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in jobs}
    for r in range(max(1, args.rounds)):
        if r:  # each round's first job starts from an empty cache again
            shutil.rmtree(cache, ignore_errors=True)
        for name, (cmd, stdout) in jobs.items():
            t, m, c = run_job(cmd, env, stdout)
            runs[name].append((t, m, c))
            out_path = stdout or Path(cmd[-1])
            mentions = count_lines(out_path)
            tag_round = f"[{r + 1}] " if args.rounds > 1 else ""
            print(f"{tag_round}{name:40s} {t:7.2f} s  {mb / t:6.2f} MB/s  cpu {c:6.2f} s  peak {m:6.0f} MB  "
                  f"{mentions:>9,} mentions")
            t, c = statistics.median(x[0] for x in runs[name]), statistics.median(x[2] for x in runs[name])
            results[name] = {"seconds": t, "cpu": c, "peak_mb": max(x[1] for x in runs[name]), "mb_per_s": mb / t,
                             "mentions": mentions, "rounds": [x[0] for x in runs[name]]}
    if args.rounds > 1:
        print(f"medians of {args.rounds} alternating rounds:")
        for name in jobs:
            v = results[name]
            print(f"{name:40s} {v['seconds']:7.2f} s  cpu {v['cpu']:6.2f} s  peak {v['peak_mb']:6.0f} MB")
    same = (work / "out_index.jsonl").read_bytes() == (work / "out_j.jsonl").read_bytes() == \
        (work / "out_warm.jsonl").read_bytes() == (work / "out_cold.jsonl").read_bytes()
    sec = {k: v["seconds"] for k, v in results.items()}
    cpu = {k: v["cpu"] for k, v in results.items()}
    plain = sec["plain pyahocorasick"]
    ratios = {
        "--index vs plain pyahocorasick (speed, goal >= 0.8)": plain / sec["normalize tag --index"],
        f"--index -j {args.jobs} vs plain pyahocorasick (goal >= 1.3)": plain / sec[f"normalize tag --index -j {args.jobs}"],
        "new lexicon: time / plain job's time (goal <= 4)": sec["normalize tag, new lexicon (empty cache)"] / plain,
        "non-NFC text / NFC text time (goal <= 1.15)": sec["normalize tag --index, non-NFC text"] / sec["normalize tag --index"],
        "cached vs plain pyahocorasick": plain / sec["normalize tag, cached"],
        "--index vs flashtext": sec["flashtext"] / sec["normalize tag --index"],
        "--index vs plain, CPU time (the machine's load aside)": cpu["plain pyahocorasick"] / cpu["normalize tag --index"],
    }
    print(f"compile the gazetteer: {sec['lexicon compile']:.2f} s; start-up with its index on an empty file: "
          f"{sec['startup, compiled index']:.2f} s (peak {results['startup, compiled index']['peak_mb']:.0f} MB)")
    print(f"load average before the run: {load0}, after: {os.getloadavg()[0]:.2f} (2 cores)")
    for k, v in ratios.items():
        print(f"{k:56s} {v:5.2f}")
    print(f"outputs of the cold, cached, --index and -j {args.jobs} runs identical: {same}")
    if not args.no_engines:
        eng = engine_comparison(text, {"NORMALIZE_CACHE_DIR": str(cache)})
        results["engines"] = eng
        print("scan engines on the tagger's keys and view: " + ", ".join(f"{k} {v:.2f}" for k, v in eng.items()))
    if args.out:
        Path(args.out).write_text(json.dumps({"mb": mb, "results": results, "ratios": ratios, "identical": same,
                                              "load": [load0, f"{os.getloadavg()[0]:.2f}"]}, indent=2) + "\n")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

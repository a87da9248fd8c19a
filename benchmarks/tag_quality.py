"""Tagging quality on annotated news paragraphs: precision, recall and F1.

The set is ``benchmarks/data/tag_news.jsonl`` (format and gold rules in
``benchmarks/README.md``): news paragraphs written for this benchmark in English,
Russian, Ukrainian, German, Polish and French (and, a younger set of eight paragraphs
each, Spanish, Italian and Czech), each with every mention of an entity
of the bundled lexicons (character offsets, the accepted IDs, an error class) and the
trap words that must not be tagged. Odd-numbered paragraphs are the development
half, even-numbered ones the held-out half: look at the held-out errors to report
them, never to tune on them.

The Tagger runs with the bundled lexicons, one paragraph at a time. Scoring:

* strict: a tag is right when its span equals a gold span exactly and its ID is one
  the gold mention accepts;
* relaxed: a tag is right when its span overlaps a gold mention whose IDs include
  the tag's ID (each gold mention is credited once).

Every tag that is not right counts against precision: a wrong ID, a trap word
(negative gold item), an ID-less ambiguous tag, or a tag where the gold has nothing
("unannotated"). A gold mention not found counts against recall, except an
optional one (a place adjective may be tagged as its place or left alone, never
tagged as anything else). Figures are printed per language, per error class and
overall, for each half separately; ``--errors`` lists every error.

Usage: python benchmarks/tag_quality.py [--split dev|heldout|both] [--lang en,ru]
       [--errors] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DATA = REPO / "benchmarks" / "data" / "tag_news.jsonl"
LANGS = ("en", "ru", "uk", "de", "pl", "fr", "es", "it", "cs")


@dataclass
class Gold:
    start: int
    end: int
    text: str
    ids: tuple[str, ...]  # accepted IDs; empty for a negative (nothing may be tagged here)
    cls: str
    optional: bool = False

    @property
    def negative(self) -> bool:
        return not self.ids


@dataclass
class Paragraph:
    pid: str
    lang: str
    split: str
    text: str
    gold: list[Gold]


def load(path: Path = DATA) -> list[Paragraph]:
    """The annotated paragraphs; a malformed line is an error naming file and line."""
    out: list[Paragraph] = []
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                gold = [
                    Gold(g["start"], g["end"], g["text"], tuple(g["ids"]), g["class"], bool(g.get("optional")))
                    for g in rec["gold"]
                ]
                out.append(Paragraph(rec["id"], rec["lang"], rec["split"], rec["text"], gold))
            except (ValueError, KeyError, TypeError) as exc:
                raise SystemExit(f"{path}:{lineno}: bad record: {exc}") from None
    return out


@dataclass
class Counts:
    tp: int = 0  # right tags
    fp: int = 0  # wrong tags
    fn: int = 0  # gold mentions (not optional) not found
    gold: int = 0  # gold mentions (not optional)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.gold += other.gold

    def prf(self) -> tuple[float | None, float | None, float | None]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = (self.gold - self.fn) / self.gold if self.gold else None
        f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
        return p, r, f


@dataclass
class Error:
    pid: str
    kind: str  # "wrong id" / "false tag" / "missed" / "span"
    cls: str
    text: str
    start: int
    end: int
    expected: tuple[str, ...]
    got: str | None
    via: tuple[str, ...] = ()


@dataclass
class Result:
    by: dict[tuple[str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[Error] = field(default_factory=list)


def score(paragraph: Paragraph, mentions: list[Any], *, relaxed: bool) -> tuple[list[tuple[str, Counts]], list[Error]]:
    """(class, counts) items for one paragraph and the errors behind them."""
    items: list[tuple[str, Counts]] = []
    errors: list[Error] = []
    golds = paragraph.gold
    credited: set[int] = set()

    def same(g: Gold, m: Any) -> bool:
        return g.start == m.start and g.end == m.end

    def overlaps(g: Gold, m: Any) -> bool:
        return g.start < m.end and m.start < g.end

    for m in mentions:
        # the gold item this tag is about: the same span, else the first it overlaps
        near = [i for i, g in enumerate(golds) if overlaps(g, m)]
        exact = [i for i in near if same(golds[i], m)]
        right = None
        for i in exact + ([] if not relaxed else near):
            g = golds[i]
            if i not in credited and not g.negative and m.id in g.ids:
                right = i
                break
        c = Counts()
        if right is not None:
            credited.add(right)
            c.tp = 1
            items.append((golds[right].cls, c))
            continue
        c.fp = 1
        about = (exact or near or [None])[0]
        if about is None:
            cls, kind, expected = "unannotated", "false tag", ()
        else:
            g = golds[about]
            cls, expected = g.cls, g.ids
            if g.negative:
                kind = "false tag"
            elif m.id in g.ids:
                kind = "span"
            else:
                kind = "wrong id" if m.id else "no id"
        items.append((cls, c))
        errors.append(Error(paragraph.pid, kind, cls, m.text, m.start, m.end, expected, m.id, tuple(m.via)))
    for i, g in enumerate(golds):
        if g.negative or g.optional:
            continue
        c = Counts(gold=1)
        if i not in credited:
            c.fn = 1
            errors.append(Error(paragraph.pid, "missed", g.cls, g.text, g.start, g.end, g.ids, None))
        items.append((g.cls, c))
    return items, errors


def evaluate(paragraphs: list[Paragraph], tagged: dict[str, list[Any]], *, relaxed: bool) -> Result:
    res = Result()
    for p in paragraphs:
        items, errors = score(p, tagged[p.pid], relaxed=relaxed)
        for cls, c in items:
            res.by[("lang", p.lang)].add(c)
            res.by[("class", cls)].add(c)
            res.by[("all", "all")].add(c)
        res.errors.extend(errors)
    return res


def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def table(title: str, strict: Result, relaxed: Result, keys: list[tuple[str, str]]) -> list[str]:
    lines = [title, f"  {'':<20} {'gold':>5} {'tags':>5}  {'P':>5} {'R':>5} {'F1':>5}   relaxed {'P':>5} {'R':>5} {'F1':>5}"]
    for key in keys:
        s, r = strict.by.get(key, Counts()), relaxed.by.get(key, Counts())
        sp, sr, sf = s.prf()
        rp, rr, rf = r.prf()
        lines.append(
            f"  {key[1]:<20} {s.gold:>5} {s.tp + s.fp:>5}  {fmt(sp)} {fmt(sr)} {fmt(sf)}           {fmt(rp)} {fmt(rr)} {fmt(rf)}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", choices=("dev", "heldout", "both"), default="both")
    ap.add_argument("--lang", help="comma-separated languages (default: all)")
    ap.add_argument("--errors", action="store_true", help="list every error (strict scoring)")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    args = ap.parse_args(argv)

    from normalize import Tagger

    paragraphs = load(args.data)
    if args.lang:
        wanted = set(args.lang.split(","))
        paragraphs = [p for p in paragraphs if p.lang in wanted]
    t0 = time.perf_counter()
    tagger = Tagger()
    tagger.tag("warm up")
    t1 = time.perf_counter()
    tagged = {p.pid: tagger.tag(p.text) for p in paragraphs}
    t2 = time.perf_counter()
    print(f"Tagger with the bundled lexicons: start {t1 - t0:.1f} s, {len(paragraphs)} paragraphs tagged in {t2 - t1:.2f} s")

    splits = ("dev", "heldout") if args.split == "both" else (args.split,)
    report: dict[str, Any] = {}
    for split in splits:
        part = [p for p in paragraphs if p.split == split]
        if not part:
            continue
        strict = evaluate(part, tagged, relaxed=False)
        relaxed = evaluate(part, tagged, relaxed=True)
        langs = [("lang", lang) for lang in LANGS if ("lang", lang) in strict.by]
        classes = sorted(k for k in strict.by if k[0] == "class")
        print()
        print(f"== {split}: {len(part)} paragraphs")
        for line in table("per language", strict, relaxed, langs + [("all", "all")]):
            print(line)
        for line in table("per error class", strict, relaxed, classes):
            print(line)
        report[split] = {
            f"{k[0]}:{k[1]}": dict(zip(("precision", "recall", "f1"), strict.by[k].prf()),
                                   relaxed=dict(zip(("precision", "recall", "f1"), relaxed.by[k].prf())),
                                   gold=strict.by[k].gold, tags=strict.by[k].tp + strict.by[k].fp)
            for k in strict.by
        }
        if args.errors:
            print(f"-- errors ({split}, strict)")
            for e in sorted(strict.errors, key=lambda e: (e.pid, e.start)):
                want = ",".join(e.expected) if e.expected else "nothing"
                print(f"  {e.pid:<6} {e.kind:<9} {e.cls:<17} {e.text!r} [{e.start}:{e.end}] want {want} got {e.got}"
                      + (f" via {' > '.join(e.via)}" if e.via else ""))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

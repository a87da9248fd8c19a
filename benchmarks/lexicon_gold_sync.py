"""Which tagging-benchmark paragraphs name an entity of a lexicon, and what their gold says there.

The Gold rules of ``benchmarks/README.md`` ask that when a lexicon gains an entity, every
paragraph that names it gains the mention (or its negative becomes one). This script finds the
places to look at by reading the text only (never the tagger's output): for every entity of the
lexicon file(s) given, every stretch of a paragraph that equals one of its names or a simple
case form of it (each word of the name with its ending replaced by up to four letters, case
ignored: "Свердловской области", "Uralkalijem", "Permském kraji"), with the gold found there:

* ``ok``: a gold span there already accepts the entity;
* ``gold``: a gold span there gives other IDs, or is a negative (``ids`` empty);
* ``none``: the gold has nothing there (the text is unannotated).

Only ``gold`` and ``none`` hits are listed unless ``--all``; ``--since REV`` keeps the entities
that the lexicon file did not hold at git revision REV (the ones a branch added). The forms are
deliberately loose: a hit is a place to read, not a verdict (a stem can match another word).

Usage: python benchmarks/lexicon_gold_sync.py LEXICON... [--since REV] [--split ...] [--all] [--json FILE]

    python benchmarks/lexicon_gold_sync.py lexicons/places.jsonl --since main
    python benchmarks/lexicon_gold_sync.py lexicons/orgs.jsonl --split dev --json hits.json
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "tag_news.jsonl"

#: final letters dropped from a word of a name before endings are allowed (a name's own
#: nominative ending: "Уралкалий", "Северсталь", "Якутия", "Permski", "область")
_ENDING = re.compile(r"(?:ий|ый|ой|ій|ая|яя|ое|ее|ие|ые|ія|ья|ия|ski|ský|cki|ká|ký|[аяоеьйиыуюіїєъaeiouyąęá])$",
                     re.IGNORECASE)
#: a word of a name shorter than this is matched as written ("РАО", "Эл"), and so is an acronym
_MIN_STEM = 4
_LETTERS = r"[^\W\d_]"


def entities(lines: Iterable[str]) -> Iterator[dict]:
    for line in lines:
        if line.strip():
            yield json.loads(line)


def name_texts(entity: dict) -> list[str]:
    out = []
    for n in entity["names"]:
        text = n if isinstance(n, str) else n["text"]
        if text not in out:
            out.append(text)
    return out


def word_pattern(word: str) -> str:
    """The regular expression of one word of a name in any simple case form."""
    stem = _ENDING.sub("", word)
    if len(word) < _MIN_STEM or len(stem) < 3 or not word[-1].isalpha() or word.isupper():
        return re.escape(word)
    return re.escape(stem) + _LETTERS + "{0,4}"


def name_pattern(name: str) -> re.Pattern[str]:
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    body = r"\s+".join(word_pattern(w) for w in words)
    return re.compile(r"(?<![\w-])" + body + r"(?![\w-])", re.IGNORECASE)


def added_since(path: Path, rev: str) -> set[str]:
    """The IDs of ``path`` that the file did not hold at git revision ``rev``."""
    rel = path.resolve().relative_to(HERE.parent)
    old = subprocess.run(["git", "-C", str(HERE.parent), "show", f"{rev}:{rel.as_posix()}"],
                         capture_output=True, text=True, check=True).stdout
    before = {e["id"] for e in entities(old.splitlines())}
    return {e["id"] for e in entities(path.read_text(encoding="utf-8").splitlines())} - before


def hits(paragraphs: list[dict], ents: list[dict]) -> Iterator[dict]:
    for ent in ents:
        patterns = [name_pattern(t) for t in name_texts(ent)]
        for para in paragraphs:
            text = para["text"]
            found: dict[tuple[int, int], None] = {}
            for pat in patterns:
                for m in pat.finditer(text):
                    found[(m.start(), m.end())] = None
            spans = sorted(found)
            # keep the longest of overlapping forms ("Республика Коми" over "Коми")
            kept: list[tuple[int, int]] = []
            for s, e in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
                if kept and s < kept[-1][1]:
                    continue
                kept.append((s, e))
            for s, e in kept:
                over = [g for g in para.get("gold", []) if g["start"] < e and s < g["end"]]
                if any(ent["id"] in g["ids"] for g in over):
                    status = "ok"
                elif over:
                    status = "gold"
                else:
                    status = "none"
                yield {"paragraph": para["id"], "split": para["split"], "start": s, "end": e,
                       "text": text[s:e], "entity": ent["id"], "status": status,
                       "gold": [{"start": g["start"], "end": g["end"], "text": g["text"],
                                 "ids": g["ids"], "class": g["class"]} for g in over]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("lexicon", nargs="+", type=Path, help="lexicon files (JSON Lines)")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", choices=("dev", "heldout", "both"), default="both")
    ap.add_argument("--since", metavar="REV", help="only entities added since git revision REV")
    ap.add_argument("--ids", help="only these entity IDs (comma-separated)")
    ap.add_argument("--all", action="store_true", help="list hits whose gold already accepts the entity too")
    ap.add_argument("--json", type=Path, help="write the hits as JSON")
    args = ap.parse_args(argv)

    wanted = set(args.ids.split(",")) if args.ids else None
    ents: list[dict] = []
    for path in args.lexicon:
        keep = added_since(path, args.since) if args.since else None
        for ent in entities(path.read_text(encoding="utf-8").splitlines()):
            if (keep is None or ent["id"] in keep) and (wanted is None or ent["id"] in wanted):
                ents.append(ent)
    paragraphs = [json.loads(x) for x in args.data.read_text(encoding="utf-8").splitlines() if x.strip()]
    if args.split != "both":
        paragraphs = [p for p in paragraphs if p["split"] == args.split]
    out = [h for h in hits(paragraphs, ents) if args.all or h["status"] != "ok"]
    out.sort(key=lambda h: (h["paragraph"], h["start"], h["entity"]))
    for h in out:
        gold = "; ".join(f"{g['text']!r} {g['class']} {','.join(g['ids']) or '(negative)'}" for g in h["gold"])
        print(f"{h['paragraph']}\t{h['start']}-{h['end']}\t{h['text']!r}\t{h['entity']}\t{h['status']}\t{gold}")
    print(f"{len(ents)} entities, {len(paragraphs)} paragraphs, {len(out)} hits", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Fit the tagger's evidence model on the development half of the news benchmark.

A one-word name of a small place ("Progress", "Майское", "Lenin", "Börse") is a
mention only when the text around it says so; :mod:`normalize.evidence` weighs
that with one logistic model over a few features of the context (sentence
start, a German noun, a determiner, an agreeing noun after an adjective, a
statue or street word, a river or sea word, a preposition, a lower-case word
after it) and of the place (its size). This script:

1. tags every development paragraph of ``benchmarks/data/tag_news.jsonl``
   (paragraph numbers odd) with the bundled lexicons, logging each weak mention
   the tagger weighs and its features;
2. labels each: a mention when a gold mention has its span, else not a mention
   (a negative gold item, part of a longer name, or nothing);
3. fits the logistic weights (Newton's method with an L2 penalty, numpy only;
   the bias is fixed, so that a mention the text says nothing about is kept
   whatever the mix of traps and mentions the set happens to have) and prints
   them with the training accuracy and every misclassified case;
4. with ``--write``, stores them as ``evidence_model.weights`` in
   ``normalize/data/tagging.json``.

The held-out half is never read here.

Usage: python benchmarks/fit_mention_evidence.py [--l2 0.5] [--bias 0.5] [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import tag_quality as tq

from normalize.evidence import FEATURES

if TYPE_CHECKING:  # pragma: no cover
    from normalize.tagger import Tagger

DATA = REPO / "normalize" / "data" / "tagging.json"


def collect(tagger: Tagger, paragraphs: list[tq.Paragraph]) -> list[tuple[str, str, dict[str, float], int]]:
    """(paragraph id, text, features, label) of every weak mention weighed on these paragraphs."""
    rows = []
    for p in paragraphs:
        log: list = []
        tagger.evidence_log = log
        tagger.tag(p.text)
        tagger.evidence_log = None
        for s, e, _kid, f in log:
            label = int(any(not g.negative and g.start == s and g.end == e for g in p.gold))
            rows.append((p.pid, p.text[s:e], f, label))
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float, bias: float, iters: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method, with an L2 penalty and a fixed bias (the last
    column's weight): a mention the text says nothing about keeps the probability
    ``sigmoid(bias)`` (the lexicon says it is a name), whatever the mix of the training set."""
    x, fixed = x[:, :-1], x[:, -1] * bias
    w = np.zeros(x.shape[1])
    pen = np.full(x.shape[1], l2)
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(x @ w + fixed)))
        grad = x.T @ (p - y) + pen * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(pen) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return np.append(w, bias)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--l2", type=float, default=0.5, help="L2 penalty on the weights (not the bias)")
    ap.add_argument("--bias", type=float, default=0.5,
                    help="fixed bias: the log-odds that a mention with no evidence either way is one (default 0.5)")
    ap.add_argument("--write", action="store_true", help="store the weights in normalize/data/tagging.json")
    args = ap.parse_args(argv)

    from normalize import Tagger

    paragraphs = [p for p in tq.load() if p.split == "dev"]
    tagger = Tagger()
    rows = collect(tagger, paragraphs)
    if not rows:
        raise SystemExit("no weak mentions on the development half: nothing to fit")
    x = np.array([[r[2][k] for k in FEATURES] + [1.0] for r in rows])
    y = np.array([r[3] for r in rows], dtype=float)
    w = fit(x, y, args.l2, args.bias)
    p = 1.0 / (1.0 + np.exp(-(x @ w)))
    threshold = json.loads(DATA.read_text(encoding="utf-8"))["evidence_model"]["threshold"]
    pred = p >= threshold
    print(f"{len(rows)} weak mentions on the development half: {int(y.sum())} mentions, {int(len(y) - y.sum())} not")
    print(f"training accuracy at threshold {threshold}: {(pred == (y > 0)).mean():.3f}")
    for name, value in zip(list(FEATURES) + ["bias"], w):
        print(f"  {name:<12} {value:+.3f}")
    for r, pi, ok in zip(rows, p, pred == (y > 0)):
        if not ok:
            print(f"  wrong: {r[0]} {r[1]!r} label {r[3]} p={pi:.2f} { {k: v for k, v in r[2].items() if v} }")
    if args.write:
        data = json.loads(DATA.read_text(encoding="utf-8"))
        data["evidence_model"]["weights"] = {name: round(float(v), 3) for name, v in zip(list(FEATURES) + ["bias"], w)}
        text = json.dumps(data, ensure_ascii=False, indent=1)
        DATA.write_text(_compact(text) + "\n", encoding="utf-8")
        print(f"written to {DATA}")
    return 0


def _compact(text: str) -> str:
    """Lists of words on one line each, as the file is kept."""
    import re

    return re.sub(r"\[\n\s+([^\[\]{}]*?)\n\s+\]", lambda m: "[" + re.sub(r",\n\s+", ", ", m.group(1)) + "]", text)


if __name__ == "__main__":
    raise SystemExit(main())

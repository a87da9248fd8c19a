"""The near-miss model: the probability that a fuzzy candidate names the right entity.

The model of the engine data (``fuzzy_model``: boosted decision trees, or logistic
weights) was fitted on the GeoNames development split (``benchmarks/calibrate_fuzzy.py``);
a near miss scores that probability times 100 minus ``offset``, times its hit's quality,
so the default threshold keeps only near misses about as reliable as exact matches.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from normalize.matcher.data import engine_data
from normalize.matcher.hits import Hit
from normalize.matcher.state import Candidates

__all__ = ["Features", "Tree", "fuzzy_model", "fuzzy_terms", "fuzzy_trees", "logistic_scores", "near_miss_scores",
           "tree_value", "trees_function", "trees_sum"]

#: a candidate entity's features: (its key's features, its scaled population, its best hit)
Features = dict[int, tuple[dict[str, float], float, Hit]]
#: a decoded tree: node -> (feature, threshold), leaf -> value
Tree = tuple[dict[int, tuple[int, float]], dict[int, float]]


def fuzzy_model() -> dict[str, Any]:
    """The near-miss model of the engine data (the cached dict: a calibration edits it in place)."""
    model: dict[str, Any] = engine_data()["fuzzy_model"]
    return model


def fuzzy_terms(model: dict[str, Any]) -> list[tuple[float, str, str | None]]:
    """The model's weights as (weight, feature, second feature of a product or None)."""
    terms: list[tuple[float, str, str | None]] = []
    for name, w in model["weights"].items():
        left, _, right = name.partition("*")
        terms.append((float(w), left, right or None))
    return terms


def fuzzy_trees(model: dict[str, Any]) -> list[Tree]:
    """The trees of a tree model as (node -> (feature, threshold), leaf -> value), decoded once."""
    got: list[Tree] | None = model.get("_decoded")
    if got is None:
        got = model["_decoded"] = [({n: (j, t) for n, j, t in tree["splits"]}, {n: v for n, v in tree["leaves"]})
                                   for tree in model["trees"]]
    return got


def _nested(tree: Tree, n: int = 0) -> Any:
    """A decoded tree from node ``n`` as nested tuples (feature, threshold, left, right); a leaf is its value."""
    splits, leaves = tree
    if n in splits:
        j, t = splits[n]
        return (j, t, _nested(tree, 2 * n + 1), _nested(tree, 2 * n + 2))
    return leaves.get(n, 0.0)


def _tree_roots(model: dict[str, Any]) -> list[Any]:
    """The model's trees as nested tuples (decoded once, beside ``_decoded``)."""
    got: list[Any] | None = model.get("_roots")
    if got is None:
        got = model["_roots"] = [_nested(tree) for tree in fuzzy_trees(model)]
    return got


def trees_sum(roots: list[Any], x: list[float]) -> float:
    """``sum(tree_value(t, x) for t in trees)`` over the trees as :func:`_tree_roots` gives them:
    the same leaves added in the same order, without a call per tree or a look-up per node."""
    values: list[float] = []
    for node in roots:
        while node.__class__ is tuple:
            node = node[2] if x[node[0]] < node[1] else node[3]
        values.append(node)
    return sum(values)


def _number(value: Any) -> str:
    """A finite float of the engine data as Python source (``repr`` round-trips it exactly)."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"the near-miss trees hold a value that is not finite: {value!r}")
    return repr(number)


def _expression(node: Any) -> str:
    """A tree (nested tuples) as one Python conditional expression over ``x``."""
    if node.__class__ is tuple:
        return f"({_expression(node[2])} if x[{int(node[0])}] < {_number(node[1])} else {_expression(node[3])})"
    return _number(node)


def trees_function(model: dict[str, Any]) -> Callable[[list[float]], float]:
    """:func:`trees_sum` of the model's trees as one function of ``x`` (made once per process from
    the engine data, never from user input): every tree is a conditional expression, and their
    leaf values are added by ``sum`` in tree order, as :func:`trees_sum` adds them (the same
    float, bit for bit) at a fraction of the cost of walking the tuples."""
    got: Callable[[list[float]], float] | None = model.get("_function")
    if got is None:
        body = ", ".join(_expression(root) for root in _tree_roots(model))
        code = compile(f"lambda x: sum(({body},))", "<near-miss trees>", "eval")
        got = model["_function"] = eval(code, {"__builtins__": {"sum": sum}})
    return got


#: near-miss queries a process answers by walking the tuples before it makes
#: :func:`trees_function` (whose compile costs about as much as 100 such queries): a run of a
#: few names never pays it, a job soon does
_QUERIES_BEFORE_FUNCTION = 100


def _walker(model: dict[str, Any]) -> Callable[[list[float]], float]:
    """How this process sums the trees of a row: :func:`trees_sum` over the tuples for its first
    queries, then :func:`trees_function` (the same floats either way)."""
    queries = model["_queries"] = model.get("_queries", 0) + 1
    if queries > _QUERIES_BEFORE_FUNCTION:
        return trees_function(model)
    roots = _tree_roots(model)
    return lambda x: trees_sum(roots, x)


def tree_value(tree: Tree, x: list[float]) -> float:
    """A tree's leaf value for features ``x``: from the root (0), left (2n + 1) when below the threshold."""
    splits, leaves = tree
    n = 0
    while n in splits:
        j, t = splits[n]
        n = 2 * n + 1 if x[j] < t else 2 * n + 2
    return leaves.get(n, 0.0)


def _scored(model: dict[str, Any], p: float, feats: dict[str, float], h: Hit) -> tuple[float, str, tuple[str, ...]]:
    """A near miss of probability ``p`` as a candidate: (score, alias, via)."""
    score = max(0.0, 100.0 * p - model["offset"]) * h.quality
    edits = round(feats["edits"] * 4)
    return score, h.alias, h.via + (f"fuzzy:{edits} edit(s)",)


def near_miss_scores(features: Features, is_place: Callable[[int], bool]) -> Candidates:
    """Score near misses with the model of the engine data (see the module docstring)."""
    model = fuzzy_model()
    out: Candidates = {}
    if model.get("kind") == "trees":
        # the trees learnt places (GeoNames); people and organisations keep the logistic
        # model stored beside them (``others``), whose scores their cases were checked with
        others: dict[str, Any] | None = model.get("others")
        rest = {ent: v for ent, v in features.items() if not is_place(ent)} if others else {}
        if others is not None and rest:
            out.update(logistic_scores(others, rest))
        walk = _walker(model)
        names = model["features"]
        memo: dict[tuple[int, float], float] = {}  # homonyms of one key and one size score alike
        for ent, (feats, pop, h) in features.items():
            if ent in rest:
                continue
            p = memo.get((id(feats), pop))
            if p is None:
                x = [pop if f == "population" else feats[f] for f in names]
                z = model["bias"] + walk(x)
                p = memo[(id(feats), pop)] = 1.0 / (1.0 + math.exp(-z))
            out[ent] = _scored(model, p, feats, h)
        return out
    return logistic_scores(model, features)


def logistic_scores(model: dict[str, Any], features: Features) -> Candidates:
    """Near misses scored by logistic weights (``weights``, ``bias``, ``offset``)."""
    out: Candidates = {}
    terms = fuzzy_terms(model)
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
        out[ent] = _scored(model, p, feats, h)
    return out
